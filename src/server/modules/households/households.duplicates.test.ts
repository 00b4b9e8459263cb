import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCityPolicy, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';

let t: TestContext;
let unit: { id: string; name: string };
let unit2: { id: string };
let otherUnit: { id: string; name: string };
let officer: Session;
let officer2: Session;
let otherOfficer: Session;
let townReviewer: Session;
let otherReviewer: Session;
let admin: Session;

const newId = residentIds();

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
  townReviewer = await t.loginNewUser(town.id, ['reviewer']);
  otherReviewer = await t.loginNewUser(otherDistrict.id, ['reviewer']);
  admin = await t.login('admin', 'Admin@12345');
});
afterAll(() => t.close());

async function create(s: Session, employerOrgId: string, name: string, phone?: string) {
  const res = await s.request({
    method: 'POST',
    url: '/api/households',
    payload: { employerOrgId, name, idNumber: newId(), causes: ['illness'], ...(phone ? { phone } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const candidates = (s: Session, id: string) =>
  s.request({ method: 'GET', url: `/api/households/${id}/duplicates` });

describe('duplicate suggestions', () => {
  let original: string;
  let typo: string;
  let elsewhere: string;
  let similar: string;

  beforeAll(async () => {
    original = await create(officer, unit.id, '王建国', '13812345678');
    // The same person typed again with a mistyped ID number.
    typo = await create(officer, unit.id, '王建国', '138 1234 5678');
    similar = await create(officer2, unit2.id, '王建');
    await create(officer, unit.id, '李秀英', '13900000000');
    elsewhere = await create(otherOfficer, otherUnit.id, '王建国', '13812345678');
  });

  it('suggests the typo with every reason, and a similar name with its one reason', async () => {
    const res = await candidates(townReviewer, original);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      id: string;
      score: number;
      reasons: { code: string; kind: string; label: string }[];
    }[];
    expect(items.map((i) => i.id)).toEqual([typo, similar]);
    expect(items[0]!.score).toBe(1);
    expect(items[0]!.reasons.map((r) => r.label)).toEqual(['同名', '同一单位', '同一手机号']);
    expect(items[0]!.reasons.map((r) => r.kind)).toEqual(['same_name', 'same_employer', 'same_phone']);
    // 王建 is not 王建国's namesake: a similar name, not the same one.
    expect(items[1]!.reasons).toEqual([{ code: 'similar_name', kind: 'similar_name', label: '姓名相近' }]);
    expect(items[1]!.score).toBeLessThan(items[0]!.score);
  });

  it('never suggests across scopes; another district cannot ask at all', async () => {
    const mine = (await candidates(otherOfficer, elsewhere)).json().items;
    expect(mine).toEqual([]);
    expect((await candidates(otherOfficer, original)).statusCode).toBe(404);
    // The city sees both districts.
    const all = (await candidates(admin, original)).json().items.map((i: { id: string }) => i.id);
    expect(all).toContain(elsewhere);
  });

  it('lists pairs for reviewers, each once, within their subtree', async () => {
    const res = await townReviewer.request({ method: 'GET', url: '/api/households/duplicates' });
    expect(res.statusCode, res.body).toBe(200);
    const pairs = res
      .json()
      .items.map((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join());
    expect(pairs).toContain([original, typo].sort().join());
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs.some((p: string) => p.includes(elsewhere))).toBe(false);
    expect(res.json()).toMatchObject({ page: 1, pageSize: 20, hasMore: false });
    expect((await officer.request({ method: 'GET', url: '/api/households/duplicates' })).statusCode).toBe(
      403,
    );
  });

  it('"not a duplicate" hides the pair everywhere, once, audited', async () => {
    expect(
      (
        await officer.request({
          method: 'POST',
          url: `/api/households/${original}/not-duplicate`,
          payload: { otherId: typo },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await otherReviewer.request({
          method: 'POST',
          url: `/api/households/${elsewhere}/not-duplicate`,
          payload: { otherId: original },
        })
      ).statusCode,
    ).toBe(404);
    const mark = () =>
      townReviewer.request({
        method: 'POST',
        url: `/api/households/${typo}/not-duplicate`,
        payload: { otherId: original, note: '核实为父子同名' },
      });
    const first = await mark();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: true, note: '核实为父子同名' });
    expect((await mark()).json().created).toBe(false);

    const items = (await candidates(townReviewer, original)).json().items.map((i: { id: string }) => i.id);
    expect(items).toEqual([similar]);
    const pairs = (await townReviewer.request({ method: 'GET', url: '/api/households/duplicates' }))
      .json()
      .items.map((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join());
    expect(pairs).not.toContain([original, typo].sort().join());

    const audit = (
      await admin.request({ method: 'GET', url: '/api/audit?action=household.not_duplicate' })
    ).json();
    expect(audit.items).toHaveLength(1);
    const detail = (await officer.request({ method: 'GET', url: `/api/households/${original}` })).json();
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'not_duplicate' });

    const self = await townReviewer.request({
      method: 'POST',
      url: `/api/households/${typo}/not-duplicate`,
      payload: { otherId: typo },
    });
    expect(self.json().error.code).toBe('HOUSEHOLD_SAME_PAIR');
  });
});

describe('two-character names one character apart', () => {
  let wangLei: string;
  let wangLeiTypo: string;
  let wangLeiSurname: string;
  let elsewhere: string;

  beforeAll(async () => {
    wangLei = await create(officer, unit.id, '王磊', '13766667777');
    // The same employer, the given name mistyped: trigram similarity 0.2, under the threshold.
    wangLeiTypo = await create(officer, unit.id, '王蕾');
    // Another unit, the surname mistyped, the same phone.
    wangLeiSurname = await create(officer2, unit2.id, '汪磊', '13766667777');
    // One character apart from both, but at a third unit without a phone: two-character names are too
    // common to suggest on the name alone.
    const unit3 = await t.makeOrg((await t.makeOrg(t.rootOrgId, 'district')).id, 'grassroots');
    const officer3 = await t.loginNewUser(unit3.id, ['officer']);
    elsewhere = await create(officer3, unit3.id, '王雷');
  });

  it('suggests them when the employer or the phone is the same too', async () => {
    const res = await candidates(townReviewer, wangLei);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      id: string;
      score: number;
      reasons: { code: string; kind: string; label: string }[];
    }[];
    expect(items.map((i) => i.id).sort()).toEqual([wangLeiTypo, wangLeiSurname].sort());
    const typo = items.find((i) => i.id === wangLeiTypo)!;
    expect(typo.reasons).toEqual([
      { code: 'similar_name', kind: 'one_char_apart', label: '姓名仅差一字' },
      { code: 'same_employer', kind: 'same_employer', label: '同一单位' },
    ]);
    expect(typo.score).toBe(0.4);
    const surname = items.find((i) => i.id === wangLeiSurname)!;
    expect(surname.reasons.map((r) => r.label)).toEqual(['姓名仅差一字', '同一手机号']);
    expect(surname.score).toBe(0.6);
    // Seen from the other side too.
    const back = (await candidates(townReviewer, wangLeiTypo)).json().items.map((i: { id: string }) => i.id);
    expect(back).toEqual([wangLei]);
    expect((await candidates(admin, elsewhere)).json().items).toEqual([]);
  });

  it('lists them as pairs for reviewers', async () => {
    const res = await townReviewer.request({ method: 'GET', url: '/api/households/duplicates?pageSize=200' });
    expect(res.statusCode, res.body).toBe(200);
    const pairs = res
      .json()
      .items.map((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join());
    expect(pairs).toContain([wangLei, wangLeiTypo].sort().join());
    expect(pairs).toContain([wangLei, wangLeiSurname].sort().join());
    const all = await admin.request({ method: 'GET', url: '/api/households/duplicates?pageSize=200' });
    expect(
      all
        .json()
        .items.filter((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].includes(elsewhere)),
    ).toEqual([]);
    const typoPair = res
      .json()
      .items.find((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].includes(wangLeiTypo));
    expect(typoPair.reasons.map((r: { label: string }) => r.label)).toEqual(['姓名仅差一字', '同一单位']);
  });
});

describe('ids in any letter case', () => {
  const markAs = (s: Session, id: string, otherId: string) =>
    s.request({ method: 'POST', url: `/api/households/${id}/not-duplicate`, payload: { otherId } });

  it('knows a household in capitals is itself, and stores a pair once whatever the case', async () => {
    const a = await create(officer, unit.id, '周文斌');
    const b = await create(officer, unit.id, '周文彬');
    const self = await markAs(townReviewer, a, a.toUpperCase());
    expect(self.statusCode, self.body).toBe(400);
    expect(self.json().error.code).toBe('HOUSEHOLD_SAME_PAIR');

    const first = await markAs(townReviewer, a.toUpperCase(), b);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ householdId: a, otherId: b, created: true });
    for (const [x, y] of [
      [a, b.toUpperCase()],
      [b.toUpperCase(), a],
      [b, a.toUpperCase()],
    ] as const) {
      const again = await markAs(townReviewer, x, y);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().created).toBe(false);
    }
    const detail = (
      await townReviewer.request({ method: 'GET', url: `/api/households/${b.toUpperCase()}` })
    ).json();
    expect(detail.id).toBe(b);
  });
});

describe('the "not a duplicate" timeline entry', () => {
  it('names only the other household’s unit: its readers may not open the other household', async () => {
    const a = await create(officer, unit.id, '孙丽华', '13955556666');
    const b = await create(otherOfficer, otherUnit.id, '孙丽花', '13955556666');
    // The city sees both districts; each district's officer sees only its own household.
    const marked = await admin.request({
      method: 'POST',
      url: `/api/households/${a}/not-duplicate`,
      payload: { otherId: b, note: '核实为两人' },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await officer.request({ method: 'GET', url: `/api/households/${b}` })).statusCode).toBe(404);

    for (const [reader, self, other, otherUnitName] of [
      [officer, a, b, otherUnit.name],
      [otherOfficer, b, a, unit.name],
    ] as const) {
      const detail = (await reader.request({ method: 'GET', url: `/api/households/${self}` })).json();
      const otherDetail = (await admin.request({ method: 'GET', url: `/api/households/${other}` })).json();
      const entry = detail.timeline.at(-1);
      expect(entry).toMatchObject({
        action: 'not_duplicate',
        comment: `已标记与另一户（${otherUnitName}）不是同一户：核实为两人`,
      });
      expect(JSON.stringify(detail.timeline)).not.toContain(otherDetail.name);
      expect(JSON.stringify(detail.timeline)).not.toContain(otherDetail.idMasked);
    }
  });
});
