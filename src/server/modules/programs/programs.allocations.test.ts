import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AID_YEAR,
  type AidWorld,
  approveAtGrassroots,
  createAidWorld,
  fundProgramWith,
  makePayeeHousehold,
  makeProgram,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { signal } from '../../testing/signal';
import { aidApplications } from '../applications/applications.table';
import { auditLog } from '../audit/audit.table';
import * as fundsRepo from '../funds/funds.repository';
import { programSources } from './programs.table';

/** Reducing a program's allocation from a source and giving the money back to it (结余退回). */
let t: TestContext;
let w: AidWorld;

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: object) => s.request({ method: 'POST', url, payload });
const giveBack = (
  s: Session,
  programId: string,
  sourceId: string,
  amountFen: number,
  reason = '年终结余退回',
) => post(s, `/api/programs/${programId}/allocations/return`, { sourceId, amountFen, reason });
const fundOf = async (id: string) =>
  (await w.finance.request({ method: 'GET', url: `/api/funds/${id}` })).json() as {
    receivedFen: number;
    allocatedFen: number;
    unallocatedFen: number;
  };
const programOf = async (id: string) =>
  (await w.finance.request({ method: 'GET', url: `/api/programs/${id}` })).json() as {
    allocatedFen: number;
    approvedFen: number;
    remainingFen: number;
    sources: { sourceId: string; allocatedFen: number; approvedFen: number; remainingFen: number }[];
  };

/** A grass-roots-only program funded by one district source. */
async function fundedProgram(amountFen: number) {
  const p = await makeProgram(w, { reviewChain: ['grassroots'], publicityDays: 0, capPerHouseholdFen: null });
  const sourceId = await fundProgramWith(w, p.id, { amountFen, name: '区政府拨款', kind: 'government' });
  return { ...p, sourceId };
}

async function submitted(programId: string, requestedFen: number, name: string) {
  const h = await makePayeeHousehold(w, { name });
  const res = await post(w.officer, '/api/applications', {
    programId,
    householdId: h.id,
    requestedFen,
    reason: '家庭困难，申请帮扶',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('returning unused money from a program to its source (结余退回)', () => {
  it('goes down to what is approved, never below; the freed money can fund another program', async () => {
    const p = await fundedProgram(100_000);
    const h = await makePayeeHousehold(w, { name: '王建华' });
    await approveAtGrassroots(w, { programId: p.id, householdId: h.id, requestedFen: 30_000 });

    const part = await giveBack(w.finance, p.id, p.sourceId, 50_000);
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ allocatedFen: 50_000, approvedFen: 30_000, remainingFen: 20_000 });
    expect(await fundOf(p.sourceId)).toMatchObject({ allocatedFen: 50_000, unallocatedFen: 50_000 });

    const over = await giveBack(w.finance, p.id, p.sourceId, 20_001);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'PROGRAM_RETURN_OVER_UNPROMISED',
      details: { allocatedFen: 50_000, approvedFen: 30_000, returnableFen: 20_000, requestedFen: 20_001 },
    });
    expect(over.json().error.message).toBe(
      '资金来源“区政府拨款”安排给本项目 500.00 元，其中 300.00 元已批给申请，不能退回；最多只能退回 200.00 元，本次要退回 200.01 元',
    );
    expect(await programOf(p.id)).toMatchObject({ allocatedFen: 50_000 });

    const rest = await giveBack(w.finance, p.id, p.sourceId, 20_000);
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().sources).toEqual([
      expect.objectContaining({
        sourceId: p.sourceId,
        allocatedFen: 30_000,
        approvedFen: 30_000,
        remainingFen: 0,
      }),
    ]);
    expect((await giveBack(w.finance, p.id, p.sourceId, 1)).statusCode).toBe(409);
    expect(await fundOf(p.sourceId)).toMatchObject({
      receivedFen: 100_000,
      allocatedFen: 30_000,
      unallocatedFen: 70_000,
    });

    // The freed money is the source's again: another program of the year may have it.
    const other = await makeProgram(w, { name: `${AID_YEAR} 年夏送清凉` });
    const again = await post(w.finance, `/api/programs/${other.id}/allocations`, {
      sourceId: p.sourceId,
      amountFen: 70_000,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await fundOf(p.sourceId)).toMatchObject({ allocatedFen: 100_000, unallocatedFen: 0 });
  });

  it('is audited on the program and on the source, with the reason', async () => {
    const p = await fundedProgram(10_000);
    expect((await giveBack(w.finance, p.id, p.sourceId, 4_000, '项目结束，结余退回区财政')).statusCode).toBe(
      200,
    );
    const entries = await t.deps.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(
        and(
          sql`${auditLog.action} in ('program.allocation_returned', 'fund.returned')`,
          sql`${auditLog.entityId} in (${p.id}, ${p.sourceId})`,
        ),
      );
    expect(entries).toEqual(
      expect.arrayContaining([
        {
          action: 'program.allocation_returned',
          before: { sourceId: p.sourceId, allocatedFen: 10_000, approvedFen: 0 },
          after: expect.objectContaining({
            allocatedFen: 6_000,
            amountFen: 4_000,
            reason: '项目结束，结余退回区财政',
          }),
        },
        {
          action: 'fund.returned',
          before: { unallocatedFen: 0 },
          after: {
            unallocatedFen: 4_000,
            programId: p.id,
            amountFen: 4_000,
            reason: '项目结束，结余退回区财政',
          },
        },
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it('only finance of the unit whose money it is (or above); a source that never funded the program is refused', async () => {
    const p = await fundedProgram(10_000);
    const officer = await giveBack(w.districtOfficer, p.id, p.sourceId, 100);
    expect(officer.statusCode).toBe(403);
    const westFinance = await t.login((await t.makeUser(w.west.id, ['finance'])).username);
    const west = await giveBack(westFinance, p.id, p.sourceId, 100);
    expect(west.statusCode).toBe(404);
    expect(west.json().error.code).toBe('PROGRAM_NOT_FOUND');

    // A street program funded with district money: the street's finance sees the program, not the money.
    const townProgram = await makeProgram(w, { orgId: w.town.id, reviewChain: ['grassroots'] });
    const districtSource = await fundProgramWith(w, townProgram.id, {
      amountFen: 5_000,
      name: '区总工会下拨',
      kind: 'upper_union',
    });
    const townFinance = await t.login((await t.makeUser(w.town.id, ['finance'])).username);
    const below = await giveBack(townFinance, townProgram.id, districtSource, 100);
    expect(below.statusCode).toBe(404);
    expect(below.json().error.code).toBe('FUND_NOT_FOUND');
    expect((await giveBack(w.finance, townProgram.id, districtSource, 100)).statusCode).toBe(200);

    const unrelated = (
      await post(w.finance, '/api/funds', {
        orgId: w.district.id,
        name: '局工会经费',
        kind: 'union_funds',
        year: AID_YEAR,
        receivedFen: 1_000,
      })
    ).json();
    const none = await giveBack(w.finance, p.id, unrelated.id, 100);
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toMatchObject({
      code: 'PROGRAM_SOURCE_NOT_ALLOCATED',
      message: '资金来源“局工会经费”没有安排资金给本项目',
    });
    expect(await fundOf(unrelated.id)).toMatchObject({ unallocatedFen: 1_000 });
  });

  it('racing final approvals: the money a return frees was never promised, and every fen is accounted for', async () => {
    const p = await fundedProgram(100_000);
    const ids: string[] = [];
    for (const name of ['赵一', '钱二', '孙三', '李四', '周五'])
      ids.push(await submitted(p.id, 20_000, name));
    const [returned, ...approvals] = await Promise.all([
      giveBack(w.finance, p.id, p.sourceId, 40_000),
      ...ids.map((id) => post(w.unitReviewer, `/api/applications/${id}/approve`, {})),
    ]);
    for (const r of [returned!, ...approvals]) expect([200, 409], r.body).toContain(r.statusCode);
    const approvedCount = approvals.filter((r) => r.statusCode === 200).length;
    for (const r of approvals.filter((a) => a.statusCode === 409))
      expect(r.json().error.code).toBe('PROGRAM_BUDGET_EXCEEDED');
    const allocated = returned!.statusCode === 200 ? 60_000 : 100_000;
    if (returned!.statusCode === 409) {
      expect(returned!.json().error.code).toBe('PROGRAM_RETURN_OVER_UNPROMISED');
      expect(approvedCount).toBeGreaterThanOrEqual(4);
    } else expect(approvedCount).toBe(3);
    expect(await programOf(p.id)).toMatchObject({
      allocatedFen: allocated,
      approvedFen: approvedCount * 20_000,
    });
    expect(await fundOf(p.sourceId)).toMatchObject({
      allocatedFen: allocated,
      unallocatedFen: 100_000 - allocated,
    });
    const approvedApps = await t.deps.db
      .select({ id: aidApplications.id })
      .from(aidApplications)
      .where(and(eq(aidApplications.programId, p.id), eq(aidApplications.status, 'approved')));
    expect(approvedApps).toHaveLength(approvedCount);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'a source held by a return or an earmark does not hold up rows that only name it (an approval’s)',
    async () => {
      // The deadlock this guards against: a return held the source FOR UPDATE and waited for a balance
      // row; an approval held that balance row and waited to insert its fundings, whose foreign key to
      // the source takes a KEY SHARE lock — which FOR UPDATE excludes and FOR NO KEY UPDATE does not.
      const p = await fundedProgram(50_000);
      const other = await makeProgram(w, { reviewChain: ['grassroots'], publicityDays: 0 });
      const held = signal();
      const isLocked = signal();
      const holder = t.deps.db.transaction(async (tx) => {
        await fundsRepo.lockById(tx, p.sourceId);
        isLocked.resolve();
        await held.promise;
      });
      await isLocked.promise;
      class Undo extends Error {}
      const referencing = await t.deps.db
        .transaction(async (tx) => {
          await tx.execute(sql`set local lock_timeout = '3s'`);
          await tx
            .insert(programSources)
            .values({ programId: other.id, sourceId: p.sourceId, allocatedFen: 0 });
          throw new Undo();
        })
        .catch((error: unknown) => (error instanceof Undo ? 'inserted' : String(error)));
      held.resolve();
      await holder;
      expect(referencing).toBe('inserted');
    },
  );

  it('returns and earmarks of one source racing each other all go through, in one lock order', async () => {
    const source = (
      await post(w.finance, '/api/funds', {
        orgId: w.district.id,
        name: '局工会经费',
        kind: 'union_funds',
        year: AID_YEAR,
        receivedFen: 100_000,
      })
    ).json();
    const p = await makeProgram(w);
    const allocate = () =>
      post(w.finance, `/api/programs/${p.id}/allocations`, { sourceId: source.id, amountFen: 10_000 });
    expect((await allocate()).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await allocate();
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => giveBack(w.finance, p.id, source.id, 10_000)),
      ...Array.from({ length: 5 }, allocate),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(await fundOf(source.id)).toMatchObject({ allocatedFen: 50_000, unallocatedFen: 50_000 });
    expect(await programOf(p.id)).toMatchObject({ allocatedFen: 50_000 });
  });

  it('the database refuses a reduction below what is approved even without the use case', async () => {
    const p = await fundedProgram(10_000);
    const h = await makePayeeHousehold(w, { name: '吴六' });
    await approveAtGrassroots(w, { programId: p.id, householdId: h.id, requestedFen: 6_000 });
    await expect(
      t.deps.db.execute(
        sql`update program_sources set allocated_fen = 5999 where program_id = ${p.id} and source_id = ${p.sourceId}`,
      ),
    ).rejects.toThrow();
    const [row] = await t.deps.db
      .select({ allocatedFen: programSources.allocatedFen })
      .from(programSources)
      .where(eq(programSources.programId, p.id));
    expect(row?.allocatedFen).toBe(10_000);
  });
});
