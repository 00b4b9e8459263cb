import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveAtGrassroots,
  createAidWorld,
  fundProgramWith,
  issueBatchAsReviewer,
  makePayeeHousehold,
  makeProgram,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';

let t: TestContext;
let admin: Session;
let finance: Session;
let westFinance: Session;
let district: { id: string };
let town: { id: string };
let west: { id: string };

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', 'Admin@12345');
  district = await t.makeOrg(t.rootOrgId, 'district', '江东区总工会');
  town = await t.makeOrg(district.id, 'township', '望江街道总工会');
  west = await t.makeOrg(t.rootOrgId, 'district', '江北区总工会');
  finance = await t.login((await t.makeUser(district.id, ['finance'])).username);
  westFinance = await t.login((await t.makeUser(west.id, ['finance'])).username);
});
afterAll(() => t.close());

const fund = (over: Record<string, unknown> = {}) => ({
  orgId: district.id,
  name: '区政府拨款（春节送温暖）',
  kind: 'government',
  year: 2026,
  receivedFen: 592_000,
  receivedOn: '2026-01-10',
  ...over,
});

async function program(orgId: string, year = 2026, reviewChain = ['township', 'district']) {
  const res = await admin.request({
    method: 'POST',
    url: '/api/programs',
    payload: {
      orgId,
      type: 'warmth',
      name: `${year} 年春节送温暖`,
      year,
      categories: ['deep', 'relative', 'sudden'],
      capPerHouseholdFen: 50_000,
      windowStart: `${year}-01-01`,
      windowEnd: `${year}-12-31`,
      reviewChain,
      publicityDays: 5,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const allocate = (s: Session, programId: string, sourceId: string, amountFen: number) =>
  s.request({
    method: 'POST',
    url: `/api/programs/${programId}/allocations`,
    payload: { sourceId, amountFen },
  });

describe('fund sources', () => {
  it('finance records a source; it is listed in scope only', async () => {
    const res = await finance.request({ method: 'POST', url: '/api/funds', payload: fund() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ receivedFen: 592_000, unallocatedFen: 592_000, allocatedFen: 0 });
    const mine = (await finance.request({ method: 'GET', url: '/api/funds?year=2026' })).json();
    expect(mine.items.map((f: { id: string }) => f.id)).toContain(res.json().id);
    const theirs = (await westFinance.request({ method: 'GET', url: '/api/funds' })).json();
    expect(theirs.items).toEqual([]);
    const direct = await westFinance.request({ method: 'GET', url: `/api/funds/${res.json().id}` });
    expect(direct.statusCode).toBe(404);
    expect(direct.json().error.code).toBe('FUND_NOT_FOUND');
  });

  it('a source outside the caller’s scope cannot be recorded', async () => {
    const res = await westFinance.request({ method: 'POST', url: '/api/funds', payload: fund() });
    expect(res.statusCode).toBe(404);
  });

  it('officers cannot read or write funds', async () => {
    const officer = await t.login((await t.makeUser(district.id, ['officer'])).username);
    expect((await officer.request({ method: 'GET', url: '/api/funds' })).statusCode).toBe(403);
  });
});

describe('earmarking (专款专用)', () => {
  it('allocations never exceed what the source received', async () => {
    const source = (await finance.request({ method: 'POST', url: '/api/funds', payload: fund() })).json();
    const p1 = await program(district.id);
    const p2 = await program(town.id, 2026, ['grassroots', 'township']);
    const a = await allocate(finance, p1.id, source.id, 400_000);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ allocatedFen: 400_000, remainingFen: 400_000 });
    const over = await allocate(finance, p2.id, source.id, 192_001);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'FUND_INSUFFICIENT',
      details: { unallocatedFen: 192_000, requestedFen: 192_001 },
    });
    expect(over.json().error.message).toContain('1,920.00 元');
    const exact = await allocate(finance, p2.id, source.id, 192_000);
    expect(exact.statusCode, exact.body).toBe(200);
    const after = (await finance.request({ method: 'GET', url: `/api/funds/${source.id}` })).json();
    expect(after).toMatchObject({ unallocatedFen: 0, allocatedFen: 592_000 });
    // A second earmark of the same source to the same program adds to its balance.
    const more = (await finance.request({ method: 'POST', url: '/api/funds', payload: fund() })).json();
    expect((await allocate(finance, p1.id, more.id, 100)).json()).toMatchObject({ allocatedFen: 400_100 });
  });

  it('concurrent earmarks of one source together stay within the amount received', async () => {
    const source = (
      await finance.request({ method: 'POST', url: '/api/funds', payload: fund({ receivedFen: 100_000 }) })
    ).json();
    const p = await program(district.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => allocate(finance, p.id, source.id, 7_000)),
    );
    const ok = results.filter((r) => r.statusCode === 200).length;
    expect(ok).toBe(14);
    expect(results.filter((r) => r.statusCode === 409).length).toBe(6);
    const after = (await finance.request({ method: 'GET', url: `/api/funds/${source.id}` })).json();
    expect(after.unallocatedFen).toBe(2_000);
    expect((await admin.request({ method: 'GET', url: `/api/programs/${p.id}` })).json().allocatedFen).toBe(
      98_000,
    );
  });

  it('refuses a source of another year, or of a unit below the program', async () => {
    const source = (await finance.request({ method: 'POST', url: '/api/funds', payload: fund() })).json();
    const other = await program(district.id, 2025);
    const wrongYear = await allocate(finance, other.id, source.id, 100);
    expect(wrongYear.json().error.code).toBe('FUND_WRONG_YEAR');
    const townSource = (
      await admin.request({ method: 'POST', url: '/api/funds', payload: fund({ orgId: town.id }) })
    ).json();
    const p = await program(district.id);
    const below = await allocate(admin, p.id, townSource.id, 100);
    expect(below.json().error.code).toBe('FUND_NOT_ABOVE_PROGRAM');
  });

  it('the database refuses an over-allocation even without the use case', async () => {
    const source = (await finance.request({ method: 'POST', url: '/api/funds', payload: fund() })).json();
    await expect(
      t.deps.db.execute(
        sql`update fund_sources set unallocated_fen = unallocated_fen - 592001 where id = ${source.id}`,
      ),
    ).rejects.toThrow();
  });
});

describe('money paid out of a source (核销)', () => {
  it('the source shows what payment lines confirmed paid debited from it, and only that', async () => {
    const w = await createAidWorld(t);
    const p = await makeProgram(w, {
      reviewChain: ['grassroots'],
      publicityDays: 0,
      capPerHouseholdFen: null,
    });
    const sourceId = await fundProgramWith(w, p.id, {
      amountFen: 100_000,
      name: '区政府拨款',
      kind: 'government',
    });
    const applicationIds: string[] = [];
    for (const [name, requestedFen] of [
      ['王建华', 30_000],
      ['李红梅', 12_000],
    ] as const) {
      const h = await makePayeeHousehold(w, { name });
      applicationIds.push(await approveAtGrassroots(w, { programId: p.id, householdId: h.id, requestedFen }));
    }
    const fundOf = async () =>
      (await w.finance.request({ method: 'GET', url: `/api/funds/${sourceId}` })).json();
    expect(await fundOf()).toMatchObject({ allocatedFen: 100_000, spentFen: 0 });

    const batch = await w.finance.request({
      method: 'POST',
      url: '/api/disbursements',
      payload: { programId: p.id, kind: 'cash', applicationIds },
    });
    expect(batch.statusCode, batch.body).toBe(201);
    const id = batch.json().id;
    await issueBatchAsReviewer(w, id);
    const lines = (await w.finance.request({ method: 'GET', url: `/api/disbursements/${id}/lines` })).json()
      .items as { id: string; payeeName: string }[];
    const lineOf = (name: string) => lines.find((l) => l.payeeName === name)!.id;
    // Issued but not confirmed, or failed: nothing is spent.
    expect((await fundOf()).spentFen).toBe(0);
    const confirm = (result: 'paid' | 'failed', lineId: string) =>
      w.finance.request({
        method: 'POST',
        url: `/api/disbursements/${id}/confirm`,
        payload: { result, lineIds: [lineId], ...(result === 'failed' ? { reason: '银行退回' } : {}) },
      });
    expect((await confirm('failed', lineOf('李红梅'))).statusCode).toBe(200);
    expect((await confirm('paid', lineOf('王建华'))).statusCode).toBe(200);
    expect(await fundOf()).toMatchObject({ allocatedFen: 100_000, unallocatedFen: 0, spentFen: 30_000 });
    const listed = (await w.finance.request({ method: 'GET', url: '/api/funds' })).json().items;
    expect(listed.find((f: { id: string }) => f.id === sourceId)).toMatchObject({ spentFen: 30_000 });
  });
});
