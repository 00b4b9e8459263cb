import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCityPolicy, makeJiangdongOrgs, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { createPolicyVersion } from '../policies/policies.usecases';

let t: TestContext;
let town: { id: string; name: string };
let unit: { id: string; name: string };
let officer: Session;
let unitReviewer: Session;
/** Enters and submits archives of the unit, and reviews: never decides their own. */
let unitOfficerReviewer: Session;
let townReviewer: Session;
/** Proposes exits at the township, and reviews: never confirms their own proposal. */
let townOfficerReviewer: Session;
let districtAdmin: Session;

const newId = residentIds({ birth: '19780808' });

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t);
  const orgs = await makeJiangdongOrgs(t);
  ({ town, unit } = orgs);
  officer = await t.loginNewUser(unit.id, ['officer']);
  unitReviewer = await t.loginNewUser(unit.id, ['reviewer']);
  unitOfficerReviewer = await t.loginNewUser(unit.id, ['officer', 'reviewer']);
  townReviewer = await t.loginNewUser(town.id, ['reviewer']);
  townOfficerReviewer = await t.loginNewUser(town.id, ['officer', 'reviewer']);
  districtAdmin = await t.loginNewUser(orgs.district.id, ['admin']);
});
afterAll(() => t.close());

const post = (s: Session, id: string, action: string, payload: object = {}) =>
  s.request({ method: 'POST', url: `/api/households/${id}/${action}`, payload });

async function pending(s: Session, id: string) {
  const res = await s.request({ method: 'GET', url: `/api/households/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().pendingDecision;
}

/** A one-person household at 800 元 a month (deep hardship), submitted by `by`. */
async function submitted(by: Session = officer) {
  const res = await by.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: unit.id,
      name: '周国平',
      idNumber: newId(),
      causes: ['illness'],
      incomes: [{ kind: 'wages', annualFen: 12 * 80_000 }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await post(by, id, 'submit')).statusCode).toBe(200);
  return id;
}

describe('the detail says who decides the pending step, and whether the caller may', () => {
  it('a draft awaits no decision', async () => {
    const res = await officer.request({
      method: 'POST',
      url: '/api/households',
      payload: { employerOrgId: unit.id, name: '吴小燕', idNumber: newId(), causes: ['illness'] },
    });
    expect(await pending(unitReviewer, res.json().id)).toBeNull();
  });

  it('the first review: only a reviewer of the employer who did not enter it', async () => {
    const id = await submitted();
    const step = { step: 'grassroots', unitId: unit.id, unitName: unit.name };
    expect(await pending(unitReviewer, id)).toEqual({ ...step, blocked: null });
    expect(await pending(officer, id)).toEqual({ ...step, blocked: 'not_reviewer' });
    expect(await pending(townReviewer, id)).toEqual({ ...step, blocked: 'wrong_unit' });
    expect(await pending(districtAdmin, id)).toEqual({ ...step, blocked: 'wrong_unit' });
    // What the detail says is what the review use case enforces.
    expect((await post(townReviewer, id, 'approve')).statusCode).toBe(403);
    expect((await post(districtAdmin, id, 'approve')).statusCode).toBe(403);

    const own = await submitted(unitOfficerReviewer);
    expect(await pending(unitOfficerReviewer, own)).toMatchObject({ blocked: 'own_entry' });
    expect((await post(unitOfficerReviewer, own, 'approve')).statusCode).toBe(403);
    expect(await pending(unitReviewer, own)).toMatchObject({ blocked: null });
  });

  it('the second review: the unit above the employer, not the grass-roots reviewer who approved', async () => {
    const id = await submitted();
    expect((await post(unitReviewer, id, 'approve')).json().status).toBe('grassroots_approved');
    const step = { step: 'township', unitId: town.id, unitName: town.name };
    expect(await pending(unitReviewer, id)).toEqual({ ...step, blocked: 'wrong_unit' });
    expect(await pending(townReviewer, id)).toEqual({ ...step, blocked: null });
    expect((await post(unitReviewer, id, 'approve')).statusCode).toBe(403);
    expect((await post(townReviewer, id, 'approve')).json().status).toBe('archived');
    expect(await pending(townReviewer, id)).toBeNull();
  });

  it('an exit: the unit above the employer, not whoever proposed it', async () => {
    const id = await submitted();
    await post(unitReviewer, id, 'approve');
    await post(townReviewer, id, 'approve');
    expect(
      (await post(townOfficerReviewer, id, 'propose-exit', { reason: '已再就业，收入稳定' })).statusCode,
    ).toBe(200);
    const step = { step: 'exit', unitId: town.id, unitName: town.name };
    expect(await pending(townOfficerReviewer, id)).toEqual({ ...step, blocked: 'own_entry' });
    expect(await pending(unitReviewer, id)).toEqual({ ...step, blocked: 'wrong_unit' });
    expect(await pending(districtAdmin, id)).toEqual({ ...step, blocked: 'wrong_unit' });
    expect(await pending(townReviewer, id)).toEqual({ ...step, blocked: null });
    expect((await post(townOfficerReviewer, id, 'confirm-exit')).statusCode).toBe(403);
    expect((await post(unitReviewer, id, 'confirm-exit')).statusCode).toBe(403);
    expect((await post(townReviewer, id, 'confirm-exit')).json().status).toBe('exited');
  });
});

// Last in the file: the county policy added here would change the figures of the tests above.
describe('the detail names the region of the policy its category decision applied', () => {
  it('by the federation carrying the code, or not at all when none names it', async () => {
    // The city's policy (330100): the test's root unit is called 「市总工会」, which names no region.
    const city = await submitted();
    const before = (await officer.request({ method: 'GET', url: `/api/households/${city}` })).json();
    expect(before.decision).toMatchObject({ policyRegionCode: '330100' });
    expect(before.policyRegionName).toBeNull();

    // 江东区's own standard (330102, carried by 江东区总工会): named 江东区 for its staff.
    await createPolicyVersion(t.deps.db, t.rootActor, {
      regionCode: '330102',
      effectiveFrom: '2020-01-01',
      dibaoFen: 100_000,
      relativeMultiplier: 2,
      suddenExpenditureRatio: 0.8,
      reviewIntervalMonths: 12,
      exitMonths: 6,
    });
    const county = await submitted();
    for (const reader of [officer, townReviewer]) {
      const detail = (await reader.request({ method: 'GET', url: `/api/households/${county}` })).json();
      expect(detail.decision).toMatchObject({ policyRegionCode: '330102' });
      expect(detail.policyRegionName).toBe('江东区');
    }
  });
});
