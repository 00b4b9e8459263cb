import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCityPolicy, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';

/** POST /api/households/duplicates/check: the form's hint while a household is being entered. */

let t: TestContext;
let unit: { id: string; name: string };
let unit2: { id: string };
let otherUnit: { id: string };
let officer: Session;
let officer2: Session;
let otherOfficer: Session;
let finance: Session;
let townOfficer: Session;

const newId = residentIds({ birth: '19790303' });

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t);
  const district = await t.makeOrg(t.rootOrgId, 'district');
  const town = await t.makeOrg(district.id, 'township');
  unit = await t.makeOrg(town.id, 'grassroots');
  unit2 = await t.makeOrg(town.id, 'grassroots');
  const otherDistrict = await t.makeOrg(t.rootOrgId, 'district');
  otherUnit = await t.makeOrg((await t.makeOrg(otherDistrict.id, 'township')).id, 'grassroots');
  officer = await t.loginNewUser(unit.id, ['officer']);
  officer2 = await t.loginNewUser(unit2.id, ['officer']);
  otherOfficer = await t.loginNewUser(otherUnit.id, ['officer']);
  finance = await t.loginNewUser(town.id, ['finance']);
  townOfficer = await t.loginNewUser(town.id, ['officer']);
});
afterAll(() => t.close());

async function create(s: Session, employerOrgId: string, name: string, phone?: string) {
  const res = await s.request({
    method: 'POST',
    url: '/api/households',
    payload: { employerOrgId, name, idNumber: newId(), ...(phone ? { phone } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

type Candidate = { id: string; reasons: { kind: string }[] };
const check = (s: Session, payload: object) =>
  s.request({ method: 'POST', url: '/api/households/duplicates/check', payload });
async function kindsOf(s: Session, payload: object) {
  const res = await check(s, payload);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries(
    (res.json().items as Candidate[]).map((c) => [c.id, c.reasons.map((r) => r.kind)]),
  );
}

describe('duplicate candidates of a household not saved yet', () => {
  let onFile: string;
  let samePhoneElsewhere: string;
  let outOfScope: string;

  beforeAll(async () => {
    onFile = await create(officer, unit.id, '陈志强', '13811112222');
    samePhoneElsewhere = await create(officer2, unit2.id, '陈志刚', '13811112222');
    outOfScope = await create(otherOfficer, otherUnit.id, '陈志强', '13811112222');
  });

  it('names why each is suggested: the same name, the same unit, the same phone', async () => {
    const byName = await kindsOf(officer, { employerOrgId: unit.id, name: '陈志强' });
    expect(byName[onFile]).toEqual(['same_name', 'same_employer']);
    // A similar name at another unit of the township: out of the grass-roots officer's scope.
    expect(Object.keys(byName)).toEqual([onFile]);

    const withPhone = await kindsOf(officer, {
      employerOrgId: unit.id,
      name: '陈志强',
      phone: '138-1111-2222',
    });
    expect(withPhone[onFile]).toEqual(['same_name', 'same_employer', 'same_phone']);
  });

  it('stays within the caller’s scope, and so must the employer', async () => {
    // The other district's namesake with the same phone is not suggested to them…
    const mine = await kindsOf(otherOfficer, {
      employerOrgId: otherUnit.id,
      name: '陈志强',
      phone: '13811112222',
    });
    expect(Object.keys(mine)).toEqual([outOfScope]);
    // …and an employer outside the caller's scope is not one they may ask about.
    const foreign = await check(otherOfficer, { employerOrgId: unit.id, name: '陈志强' });
    expect(foreign.statusCode, foreign.body).toBe(404);
  });

  it('leaves out the household being edited, whose phone on file counts when none is typed', async () => {
    const asEdited = await kindsOf(officer2, {
      employerOrgId: unit2.id,
      name: '陈志刚',
      excludeId: samePhoneElsewhere,
    });
    expect(asEdited[samePhoneElsewhere]).toBeUndefined();
    // Officer 2's scope is their own unit: nothing else there.
    expect(asEdited).toEqual({});
    const seen = await kindsOf(townOfficer, {
      employerOrgId: unit2.id,
      name: '陈志刚',
      excludeId: samePhoneElsewhere,
    });
    // 陈志强 at the other unit: a similar name and the phone on file of the edited household.
    expect(seen[onFile]).toEqual(['similar_name', 'same_phone']);
    expect(seen[samePhoneElsewhere]).toBeUndefined();
    // A household outside the caller's scope cannot be named as the one being edited.
    const foreign = await check(officer, { employerOrgId: unit.id, name: '陈志强', excludeId: outOfScope });
    expect(foreign.statusCode, foreign.body).toBe(404);
  });

  it('refuses what the form would refuse, and staff without the archive', async () => {
    const badPhone = await check(officer, { employerOrgId: unit.id, name: '陈志强', phone: '12345' });
    expect(badPhone.statusCode).toBe(400);
    const noName = await check(officer, { employerOrgId: unit.id, name: '  ' });
    expect(noName.statusCode).toBe(400);
    expect((await check(finance, { employerOrgId: unit.id, name: '陈志强' })).statusCode).toBe(403);
  });

  it('saves nothing: the household list is the same after a check', async () => {
    const count = async () =>
      (await officer.request({ method: 'GET', url: '/api/households?pageSize=1' })).json().total as number;
    const before = await count();
    await kindsOf(officer, { employerOrgId: unit.id, name: '林美玲', phone: '13900001111' });
    expect(await count()).toBe(before);
  });
});
