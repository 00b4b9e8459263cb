import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AID_YEAR,
  type AidWorld,
  approveAtGrassroots,
  createAidWorld,
  fundProgramWith,
  issueBatchAsReviewer,
  makePayeeHousehold,
  makeProgram,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';

/**
 * Records that reproduce the seed sentences exactly:
 * - 003: "送温暖: 92 户, 12,080 元, 其中区政府 5,920 元、局工会 6,160 元"
 * - 001: "受理 82 件, 批准 75 件, 发放 75,000 元"
 */
let t: TestContext;
let w: AidWorld;
let town2: { id: string; name: string };
let unit2Staff: { officer: Session; unitReviewer: Session; townReviewer: Session };
let warmth: { id: string };
let relief: { id: string };
const households: { id: string; unit: 1 | 2 }[] = [];

const post = (s: Session, url: string, payload: object = {}) => s.request({ method: 'POST', url, payload });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });

async function payAll(programId: string, applicationIds: string[]) {
  const batch = await post(w.finance, '/api/disbursements', {
    programId,
    orgId: w.district.id,
    kind: 'cash',
    applicationIds,
  });
  expect(batch.statusCode, batch.body).toBe(201);
  await issueBatchAsReviewer(w, batch.json().id);
  const paid = await post(w.finance, `/api/disbursements/${batch.json().id}/confirm`, {
    result: 'paid',
    allPending: true,
  });
  expect(paid.json().batch.status).toBe('closed');
}

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
  town2 = await t.makeOrg(w.district.id, 'township', '滨江街道总工会');
  const unit2 = await t.makeOrg(town2.id, 'grassroots', '临江港务集团工会');
  const login = async (orgId: string, role: 'officer' | 'reviewer') =>
    t.login((await t.makeUser(orgId, [role])).username);
  unit2Staff = {
    officer: await login(unit2.id, 'officer'),
    unitReviewer: await login(unit2.id, 'reviewer'),
    townReviewer: await login(town2.id, 'reviewer'),
  };
  const staffOf = (unit: 1 | 2) => (unit === 1 ? w : unit2Staff);

  // 送温暖: 60 households of 恒顺纺织 at 120 元 and 32 of 临江港务 at 152.50 元 = 12,080 元.
  warmth = await makeProgram(w, {
    name: `${AID_YEAR} 年春节送温暖`,
    reviewChain: ['grassroots'],
    publicityDays: 0,
    capPerHouseholdFen: null,
  });
  await fundProgramWith(w, warmth.id, { amountFen: 592_000, name: '区政府拨款', kind: 'government' });
  await fundProgramWith(w, warmth.id, { amountFen: 616_000, name: '局工会经费', kind: 'union_funds' });
  const warmthIds: string[] = [];
  for (let i = 0; i < 92; i++) {
    const unit = i < 60 ? 1 : 2;
    const staff = staffOf(unit);
    const h = await makePayeeHousehold(w, {
      name: `职工${i + 1}`,
      members: 2,
      ...(unit === 2 ? { employerOrgId: unit2.id, staff } : {}),
    });
    households.push({ id: h.id, unit });
    warmthIds.push(
      await approveAtGrassroots(
        w,
        { programId: warmth.id, householdId: h.id, requestedFen: unit === 1 ? 12_000 : 15_250 },
        staff,
      ),
    );
  }
  await payAll(warmth.id, warmthIds);

  // 临时救助: 82 received, 75 approved at 1,000 元 and paid, 3 rejected, 2 returned, 1 still pending,
  // 1 withdrawn.
  relief = await makeProgram(w, {
    type: 'relief',
    name: `${AID_YEAR} 年临时救助`,
    reviewChain: ['grassroots'],
    publicityDays: 0,
    capPerHouseholdFen: null,
  });
  await fundProgramWith(w, relief.id, { amountFen: 7_500_000, name: '市总工会下拨', kind: 'upper_union' });
  const reliefIds: string[] = [];
  for (let i = 0; i < 82; i++) {
    const h = households[i]!;
    const staff = staffOf(h.unit);
    const input = { programId: relief.id, householdId: h.id, requestedFen: 100_000 };
    if (i < 75) {
      reliefIds.push(await approveAtGrassroots(w, input, staff));
      continue;
    }
    const res = await post(staff.officer, '/api/applications', { ...input, reason: '突发疾病住院' });
    expect(res.statusCode, res.body).toBe(201);
    const action = i < 78 ? 'reject' : i < 80 ? 'return' : i === 81 ? 'withdraw' : null;
    if (action)
      expect(
        (
          await post(
            action === 'withdraw' ? staff.officer : staff.unitReviewer,
            `/api/applications/${res.json().id}/${action}`,
            { reason: action === 'withdraw' ? '职工已另获救助' : '材料不全' },
          )
        ).statusCode,
      ).toBe(200);
  }
  await payAll(relief.id, reliefIds);
}, 600_000);
afterAll(() => t.close());

describe('program statistics', () => {
  it('送温暖: 92 户, 12,080 元, 其中区政府 5,920 元、局工会 6,160 元', async () => {
    const res = await get(w.finance, `/api/programs/${warmth.id}/statistics`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      program: { id: warmth.id, type: 'warmth', year: AID_YEAR, orgId: w.district.id },
      applications: { received: 92, approved: 92, rejected: 0, pending: 0, returned: 0, withdrawn: 0 },
      households: 92,
      people: 276,
      approvedFen: 1_208_000,
      paidFen: 1_208_000,
      pendingPaymentFen: 0,
      failedFen: 0,
    });
    const bySource = Object.fromEntries(
      s.bySource.map((x: { name: string; approvedFen: number; paidFen: number; allocatedFen: number }) => [
        x.name,
        [x.allocatedFen, x.approvedFen, x.paidFen],
      ]),
    );
    expect(bySource).toEqual({
      区政府拨款: [592_000, 592_000, 592_000],
      局工会经费: [616_000, 616_000, 616_000],
    });
    expect(
      s.byOrg.map((o: { orgId: string; households: number; approvedFen: number; level: string }) => [
        o.orgId,
        o.level,
        o.households,
        o.approvedFen,
      ]),
    ).toEqual([
      [w.town.id, 'township', 60, 720_000],
      [town2.id, 'township', 32, 488_000],
    ]);
    expect(s.byCategory).toEqual([{ category: 'deep', households: 92, approvedFen: 1_208_000 }]);
  });

  it('受理 82 件 (批准 75, 未通过 3, 退回 2, 审核中 1, 已撤回 1), 发放 75,000 元', async () => {
    const s = (await get(w.districtReviewer, `/api/programs/${relief.id}/statistics`)).json();
    expect(s.applications).toEqual({
      received: 82,
      approved: 75,
      rejected: 3,
      pending: 1,
      returned: 2,
      withdrawn: 1,
    });
    // 受理 is exactly the lines of its breakdown: nothing received is left unaccounted for.
    const { received, ...lines } = s.applications as Record<string, number>;
    expect(Object.values(lines).reduce((n, x) => n + x, 0)).toBe(received);
    expect(s).toMatchObject({ households: 75, approvedFen: 7_500_000, paidFen: 7_500_000 });
    expect(s.bySource).toEqual([
      expect.objectContaining({
        name: '市总工会下拨',
        kind: 'upper_union',
        approvedFen: 7_500_000,
        paidFen: 7_500_000,
      }),
    ]);
  });

  it('counts only the caller’s subtree, and hides programs of other districts', async () => {
    const s = (await get(w.unitReviewer, `/api/programs/${warmth.id}/statistics`)).json();
    expect(s).toMatchObject({ households: 60, approvedFen: 720_000, applications: { received: 60 } });
    expect(s.byOrg).toEqual([expect.objectContaining({ orgId: w.town.id, households: 60 })]);
    expect((await get(w.westReviewer, `/api/programs/${warmth.id}/statistics`)).statusCode).toBe(404);
  });
});

describe('yearly statistics', () => {
  it('adds up programs, types and kinds of source for the unit', async () => {
    const res = await get(w.districtReviewer, `/api/aid/statistics?year=${AID_YEAR}&orgId=${w.district.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.totals).toEqual({
      programs: 2,
      received: 174,
      approved: 167,
      households: 92,
      people: 276,
      approvedFen: 8_708_000,
      paidFen: 8_708_000,
    });
    expect(s.byType).toEqual([
      {
        type: 'warmth',
        programs: 1,
        households: 92,
        people: 276,
        approvedFen: 1_208_000,
        paidFen: 1_208_000,
      },
      {
        type: 'relief',
        programs: 1,
        households: 75,
        people: 225,
        approvedFen: 7_500_000,
        paidFen: 7_500_000,
      },
    ]);
    expect(s.bySourceKind).toEqual([
      { kind: 'government', approvedFen: 592_000, paidFen: 592_000 },
      { kind: 'union_funds', approvedFen: 616_000, paidFen: 616_000 },
      { kind: 'upper_union', approvedFen: 7_500_000, paidFen: 7_500_000 },
    ]);
    expect(s.programs.find((p: { id: string }) => p.id === relief.id)).toMatchObject({
      received: 82,
      approved: 75,
      households: 75,
    });
    const town = (await get(w.townReviewer, `/api/aid/statistics?year=${AID_YEAR}`)).json();
    expect(town.totals).toMatchObject({
      households: 60,
      received: 60 + 60,
      approvedFen: 720_000 + 6_000_000,
    });
    expect(
      (await get(w.westReviewer, `/api/aid/statistics?year=${AID_YEAR}&orgId=${w.district.id}`)).statusCode,
    ).toBe(404);
  });
});

describe('household aid ledger', () => {
  it('shows every program the household received from, per year', async () => {
    const h = households[0]!;
    const res = await get(w.officer, `/api/households/${h.id}/aid-ledger`);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l).toMatchObject({
      householdId: h.id,
      totalApprovedFen: 112_000,
      totalPaidFen: 112_000,
      byYear: [{ year: AID_YEAR, approvedFen: 112_000, paidFen: 112_000 }],
    });
    expect(l.items).toHaveLength(2);
    for (const item of l.items) {
      expect(item).toMatchObject({
        status: 'approved',
        payment: 'paid',
        kind: 'cash',
        itemName: null,
        quantity: null,
      });
      expect(item.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    // A returned application appears with nothing paid.
    const returned = households[78]!;
    const r = (await get(unit2Staff.officer, `/api/households/${returned.id}/aid-ledger`)).json();
    expect(r.items.find((i: { programId: string }) => i.programId === relief.id)).toMatchObject({
      status: 'returned',
      payment: 'none',
      paidFen: 0,
      approvedFen: null,
    });
    expect(r.totalPaidFen).toBe(15_250);
    expect((await get(w.westReviewer, `/api/households/${h.id}/aid-ledger`)).statusCode).toBe(404);
  });
});
