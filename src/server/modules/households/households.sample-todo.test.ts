import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../common/context';
import { businessDate } from '../../common/dates';
import { createCityPolicy, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { countSampleFindingsPending } from './households.annual-review';

/**
 * 待记录抽查结果: the sampled households still without a finding that the caller may record —
 * on the current samples of its subtree, never at a grass-roots union, never another district's.
 */

let t: TestContext;
let district: Org;
let town: Org;
let unit: Org;
let officer: Session;
let unitReviewer: Session;
let townReviewer: Session;
let districtReviewer: Session;
let otherReviewer: Session;

const newId = residentIds({ birth: '19790909' });
const year = Number(businessDate().slice(0, 4));
const post = (s: Session, url: string, payload: object = {}) => s.request({ method: 'POST', url, payload });

type Org = { id: string; path: string };
/** Each reviewer's unit: the principal the use case is called with, as the request hooks build it. */
const unitOf = new Map<Session, Org>();
const reviewerOf = async (org: Org) => {
  const s = await t.loginNewUser(org.id, ['reviewer']);
  unitOf.set(s, org);
  return s;
};

function pending(s: Session) {
  const org = unitOf.get(s)!;
  const principal: Principal = {
    userId: s.userId,
    username: '',
    displayName: '',
    orgId: org.id,
    orgPath: org.path,
    roles: ['reviewer'],
    sessionId: '',
    via: 'bearer',
    mustChangePassword: false,
  };
  return countSampleFindingsPending(t.deps.db, principal);
}

async function draw(s: Session, orgId: string, seed: string) {
  const res = await post(s, '/api/households/annual-review/samples', {
    year,
    orgId,
    ratio: 0.5,
    seed,
    redrawReason: '单位选错，重新抽取',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; size: number; items: { householdId: string }[] };
}

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t);
  district = await t.makeOrg(t.rootOrgId, 'district');
  town = await t.makeOrg(district.id, 'township');
  unit = await t.makeOrg(town.id, 'grassroots');
  const otherDistrict = await t.makeOrg(t.rootOrgId, 'district');
  officer = await t.loginNewUser(unit.id, ['officer']);
  unitReviewer = await reviewerOf(unit);
  townReviewer = await reviewerOf(town);
  districtReviewer = await reviewerOf(district);
  otherReviewer = await reviewerOf(otherDistrict);
  // Six households archived and reviewed this year: the population of the samples below.
  for (let i = 0; i < 6; i++) {
    const res = await post(officer, '/api/households', {
      employerOrgId: unit.id,
      name: '陈国平',
      idNumber: newId(),
      causes: ['illness'],
      incomes: [{ kind: 'wages', annualFen: 12 * 80_000 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    for (const [s, action] of [
      [officer, 'submit'],
      [unitReviewer, 'approve'],
      [townReviewer, 'approve'],
    ] as const)
      expect((await post(s, `/api/households/${id}/${action}`)).statusCode).toBe(200);
    const reviewed = await post(officer, `/api/households/${id}/annual-review`, {
      outcome: 'continue',
      note: '核实',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
  }
}, 120_000);
afterAll(() => t.close());

describe('countSampleFindingsPending', () => {
  it('counts the sampled households without a finding, once per current sample, for the upper levels', async () => {
    expect(await pending(townReviewer)).toBe(0);
    const first = await draw(townReviewer, town.id, 'a');
    expect(first.size).toBe(3);
    expect(await pending(townReviewer)).toBe(3);
    // A redraw supersedes the first sample, whose households can no longer be checked: not counted twice.
    const sample = await draw(townReviewer, town.id, 'b');
    expect(await pending(townReviewer)).toBe(3);
    // The district checks its subtree's samples too; the grass-roots union never checks; nor another district.
    expect(await pending(districtReviewer)).toBe(3);
    expect(await pending(unitReviewer)).toBe(0);
    expect(await pending(otherReviewer)).toBe(0);

    const finding = await post(
      townReviewer,
      `/api/households/annual-review/samples/${sample.id}/items/${sample.items[0]!.householdId}/finding`,
      { result: 'confirmed', note: '入户核实属实' },
    );
    expect(finding.statusCode, finding.body).toBe(200);
    expect(await pending(townReviewer)).toBe(2);
    expect(await pending(districtReviewer)).toBe(2);
  });

  it('adds the samples drawn on units of the subtree, but a grass-roots union never checks its own', async () => {
    const district_ = await draw(districtReviewer, district.id, 'c');
    expect(await pending(districtReviewer)).toBe(2 + district_.size);
    // The town's subtree does not hold the district's sample.
    expect(await pending(townReviewer)).toBe(2);
    // A sample of the grass-roots union itself: the town and district check it, the union does not.
    const ofUnit = await draw(townReviewer, unit.id, 'd');
    expect(await pending(townReviewer)).toBe(2 + ofUnit.size);
    expect(await pending(districtReviewer)).toBe(2 + district_.size + ofUnit.size);
    expect(await pending(unitReviewer)).toBe(0);
    expect(await pending(otherReviewer)).toBe(0);
  });
});
