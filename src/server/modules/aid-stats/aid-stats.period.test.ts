import { eq } from 'drizzle-orm';
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
import { disbursementLines } from '../disbursements/disbursements.table';

/**
 * Program statistics of a period (一季度发放…): payments counted by the business day in Asia/Shanghai
 * on which their line was confirmed paid. The lines' confirmation moments are set on the boundaries.
 */
let t: TestContext;
let w: AidWorld;
let programId: string;
/** The source approvals draw on first (lowest id), and the other one. */
let first: string;
let second: string;

const Y = AID_YEAR;
const get = (s: Session, url: string) => s.request({ method: 'GET', url });
const post = (s: Session, url: string, payload: object = {}) => s.request({ method: 'POST', url, payload });

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
  const p = await makeProgram(w, { reviewChain: ['grassroots'], publicityDays: 0, capPerHouseholdFen: null });
  programId = p.id;
  const gov = await fundProgramWith(w, p.id, { amountFen: 30_000, name: '区政府拨款', kind: 'government' });
  const union = await fundProgramWith(w, p.id, {
    amountFen: 30_000,
    name: '局工会经费',
    kind: 'union_funds',
  });
  [first, second] = [gov, union].sort() as [string, string];

  // Approved in this order, so the split over the sources is known: A and 20,000 of B from the first
  // source, the rest from the second.
  const paidAt: [string, number, string, 'paid' | 'failed'][] = [
    ['王建华', 10_000, `${Y}-03-31T15:30:00Z`, 'paid'], // 31 March 23:30 in Shanghai: Q1
    ['李红梅', 25_000, `${Y}-03-31T16:00:00Z`, 'paid'], // 1 April 00:00 in Shanghai: Q2
    ['赵德胜', 7_000, `${Y - 1}-12-31T16:00:00Z`, 'paid'], // 1 January 00:00 in Shanghai: Q1
    ['孙丽华', 3_000, `${Y}-06-30T15:59:00Z`, 'paid'], // 30 June 23:59 in Shanghai: Q2
    ['周志强', 4_000, `${Y}-02-10T02:00:00Z`, 'failed'], // a failed payment counts nowhere
  ];
  const ids: string[] = [];
  for (const [name, requestedFen] of paidAt) {
    const h = await makePayeeHousehold(w, { name });
    ids.push(await approveAtGrassroots(w, { programId, householdId: h.id, requestedFen }));
  }
  const batch = await post(w.finance, '/api/disbursements', {
    programId,
    orgId: w.district.id,
    kind: 'cash',
    applicationIds: ids,
  });
  expect(batch.statusCode, batch.body).toBe(201);
  const batchId = batch.json().id as string;
  await issueBatchAsReviewer(w, batchId);
  const lines = (await get(w.finance, `/api/disbursements/${batchId}/lines`)).json().items as {
    id: string;
    applicationId: string;
  }[];
  for (const [i, [, , at, result]] of paidAt.entries()) {
    const line = lines.find((l) => l.applicationId === ids[i])!;
    const res = await post(w.finance, `/api/disbursements/${batchId}/confirm`, {
      result,
      lineIds: [line.id],
      ...(result === 'failed' ? { reason: '账号有误' } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.deps.db
      .update(disbursementLines)
      .set({ confirmedAt: new Date(at) })
      .where(eq(disbursementLines.id, line.id));
  }
});
afterAll(() => t.close());

async function statsOf(query: string, s: Session = w.finance) {
  const res = await get(s, `/api/programs/${programId}/statistics${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const bySource = (period: { bySource: { sourceId: string; paidFen: number }[] }) =>
  Object.fromEntries(period.bySource.map((b) => [b.sourceId, b.paidFen]));

describe('program statistics of a period (按发放日期)', () => {
  it('a payment at 23:30 on 31 March in Shanghai is Q1; one at midnight starting 1 April is Q2', async () => {
    const q1 = (await statsOf(`?period=${Y}-Q1`)).period;
    expect(q1).toMatchObject({
      from: `${Y}-01-01`,
      to: `${Y}-03-31`,
      payments: 2,
      households: 2,
      people: 6,
      paidFen: 17_000,
    });
    expect(bySource(q1)).toEqual({ [first]: 10_000, [second]: 7_000 });
    expect(q1.byOrg).toEqual([
      {
        orgId: w.town.id,
        orgName: w.town.name,
        level: 'township',
        households: 2,
        people: 6,
        paidFen: 17_000,
      },
    ]);

    const q2 = (await statsOf(`?period=${Y}-Q2`)).period;
    expect(q2).toMatchObject({ from: `${Y}-04-01`, to: `${Y}-06-30`, payments: 2, paidFen: 28_000 });
    expect(bySource(q2)).toEqual({ [first]: 20_000, [second]: 8_000 });

    const q3 = (await statsOf(`?period=${Y}-Q3`)).period;
    expect(q3).toEqual({
      from: `${Y}-07-01`,
      to: `${Y}-09-30`,
      payments: 0,
      households: 0,
      people: 0,
      paidFen: 0,
      bySource: [],
      byOrg: [],
    });
  });

  it('a half-year, and any range of days (inclusive, either end open), the last day whole', async () => {
    const all = await statsOf('');
    expect(all.period).toBeNull();
    const h1 = await statsOf(`?period=${Y}-H1`);
    // The whole program year paid in the first half: the period adds up to the program's own figures.
    expect(h1.period).toMatchObject({ payments: 4, households: 4, paidFen: 45_000 });
    expect(h1.paidFen).toBe(45_000);
    expect(bySource(h1.period)).toEqual(
      Object.fromEntries(
        all.bySource.map((b: { sourceId: string; paidFen: number }) => [b.sourceId, b.paidFen]),
      ),
    );
    expect((await statsOf(`?period=${Y}-H2`)).period.paidFen).toBe(0);

    const lastDayOfQ1 = (await statsOf(`?paidFrom=${Y}-03-31&paidTo=${Y}-03-31`)).period;
    expect(lastDayOfQ1).toMatchObject({ from: `${Y}-03-31`, to: `${Y}-03-31`, payments: 1, paidFen: 10_000 });
    expect((await statsOf(`?paidFrom=${Y}-04-01`)).period).toMatchObject({
      from: `${Y}-04-01`,
      to: null,
      paidFen: 28_000,
    });
    expect((await statsOf(`?paidTo=${Y}-03-31`)).period).toMatchObject({
      from: null,
      to: `${Y}-03-31`,
      paidFen: 17_000,
    });
    // The rest of the figures stay those of the whole program.
    expect((await statsOf(`?period=${Y}-Q1`)).paidFen).toBe(45_000);
  });

  it('counts only the caller’s subtree', async () => {
    const unit = (await statsOf(`?period=${Y}-Q1`, w.unitReviewer)).period;
    expect(unit.paidFen).toBe(17_000);
    expect(
      (await get(w.westReviewer, `/api/programs/${programId}/statistics?period=${Y}-Q1`)).statusCode,
    ).toBe(404);
  });

  it('refuses a malformed period, both kinds at once, or a range that ends before it starts', async () => {
    for (const [query, field] of [
      [`?period=${Y}-Q5`, 'period'],
      [`?period=${Y}-Q1&paidFrom=${Y}-01-01`, 'period'],
      [`?paidFrom=${Y}-04-01&paidTo=${Y}-03-31`, 'paidTo'],
      [`?paidFrom=${Y}-02-30`, 'paidFrom'],
      // Years the database cannot hold (it has no year 0) are refused here, not in the query.
      ['?period=0000-Q1', 'period'],
      ['?paidTo=0000-12-31', 'paidTo'],
    ] as const) {
      const res = await get(w.finance, `/api/programs/${programId}/statistics${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });
});
