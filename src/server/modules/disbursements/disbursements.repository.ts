import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Principal } from '../../common/context';
import { scopeFilter } from '../../common/scope';
import { escapeLike } from '../../common/sql';
import type { Executor } from '../../db/client';
import { aidApplicationFundings, aidApplications } from '../applications/applications.table';
import { fundSources } from '../funds/funds.table';
import { households } from '../households/households.table';
import { orgs } from '../orgs/orgs.table';
import { programSources, programs } from '../programs/programs.table';
import type { ListBatchesQuery, ListLinesQuery } from './disbursements.schemas';
import {
  type BatchStatus,
  disbursementBatches,
  disbursementLines,
  type LineStatus,
} from './disbursements.table';

/** Large id lists go to the database in slices (bind-parameter limits, statement size). */
export const CHUNK = 5000;
export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const counts = {
  pending: sql<number>`count(*) filter (where ${disbursementLines.status} = 'pending')::int`,
  paid: sql<number>`count(*) filter (where ${disbursementLines.status} = 'paid')::int`,
  failed: sql<number>`count(*) filter (where ${disbursementLines.status} = 'failed')::int`,
  cancelled: sql<number>`count(*) filter (where ${disbursementLines.status} = 'cancelled')::int`,
  pendingFen: sql<number>`coalesce(sum(${disbursementLines.amountFen}) filter (where ${disbursementLines.status} = 'pending'), 0)::bigint`,
  paidFen: sql<number>`coalesce(sum(${disbursementLines.amountFen}) filter (where ${disbursementLines.status} = 'paid'), 0)::bigint`,
  failedFen: sql<number>`coalesce(sum(${disbursementLines.amountFen}) filter (where ${disbursementLines.status} = 'failed'), 0)::bigint`,
};
export type LineCounts = { [K in keyof typeof counts]: number };

/** The program's owning unit, beside the batch's paying unit (`orgs`). */
const programOrgs = alias(orgs, 'program_orgs');

const withNames = {
  batch: disbursementBatches,
  programName: programs.name,
  programYear: programs.year,
  programPublicityDays: programs.publicityDays,
  programOrgPath: programOrgs.path,
  orgName: orgs.name,
  orgPath: orgs.path,
};
export type BatchView = NonNullable<Awaited<ReturnType<typeof findById>>>;

function selectWithNames(db: Executor) {
  return db
    .select(withNames)
    .from(disbursementBatches)
    .innerJoin(programs, eq(programs.id, disbursementBatches.programId))
    .innerJoin(programOrgs, eq(programOrgs.id, programs.orgId))
    .innerJoin(orgs, eq(orgs.id, disbursementBatches.orgId));
}

export function findById(db: Executor, id: string) {
  return selectWithNames(db)
    .where(eq(disbursementBatches.id, id))
    .limit(1)
    .then((r) => r[0]);
}

/** Confirmations and state changes of one batch take turns on its row. */
export function lockById(db: Executor, id: string) {
  return db
    .select({ id: disbursementBatches.id })
    .from(disbursementBatches)
    .where(eq(disbursementBatches.id, id))
    .for('no key update')
    .then((r) => r[0]);
}

export async function countsByBatch(db: Executor, batchIds: string[]) {
  const out = new Map<string, LineCounts>();
  if (!batchIds.length) return out;
  const rows = await db
    .select({ batchId: disbursementLines.batchId, ...counts })
    .from(disbursementLines)
    .where(inArray(disbursementLines.batchId, batchIds))
    .groupBy(disbursementLines.batchId);
  for (const { batchId, ...c } of rows)
    out.set(batchId, {
      ...c,
      pendingFen: Number(c.pendingFen),
      paidFen: Number(c.paidFen),
      failedFen: Number(c.failedFen),
    });
  return out;
}

export async function list(db: Executor, principal: Principal, query: ListBatchesQuery) {
  const where = [scopeFilter(principal, disbursementBatches.orgId)];
  if (query.programId) where.push(eq(disbursementBatches.programId, query.programId));
  if (query.status) where.push(eq(disbursementBatches.status, query.status));
  if (query.kind) where.push(eq(disbursementBatches.kind, query.kind));
  const [items, [count]] = await Promise.all([
    selectWithNames(db)
      .where(and(...where))
      .orderBy(desc(disbursementBatches.seq))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(disbursementBatches)
      .where(and(...where)),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function nextSeq(db: Executor) {
  const result = await db.execute<{ n: string }>(
    sql`select nextval(pg_get_serial_sequence('disbursement_batches', 'seq'))::text as n`,
  );
  // Both drivers (pg and PGlite) answer `{ rows }`.
  return Number((result as unknown as { rows: { n: string }[] }).rows[0]!.n);
}

export async function insertBatch(db: Executor, values: typeof disbursementBatches.$inferInsert) {
  const [row] = await db.insert(disbursementBatches).values(values).returning();
  return row!;
}

export async function updateBatch(
  db: Executor,
  id: string,
  values: Partial<typeof disbursementBatches.$inferInsert>,
) {
  await db
    .update(disbursementBatches)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(disbursementBatches.id, id));
}

export async function insertLines(db: Executor, values: (typeof disbursementLines.$inferInsert)[]) {
  for (const slice of chunks(values, 1000)) await db.insert(disbursementLines).values(slice);
}

/** Row locks on the applications to be batched, in id order (the same order for every batch). */
export async function lockApplications(db: Executor, ids: string[]) {
  const sorted = [...ids].sort();
  for (const slice of chunks(sorted))
    await db
      .select({ id: aidApplications.id })
      .from(aidApplications)
      .where(inArray(aidApplications.id, slice))
      .orderBy(asc(aidApplications.id))
      .for('no key update');
}

/**
 * What a payment line copies from an application: the amount, and the payee as the archive has it
 * now (name, masked ID, bank account sealed and masked, work unit). Read-only join across modules.
 */
export async function applicationsForLines(db: Executor, ids: string[]) {
  const out = [];
  for (const slice of chunks(ids))
    out.push(
      ...(await db
        .select({
          id: aidApplications.id,
          programId: aidApplications.programId,
          status: aidApplications.status,
          approvedFen: aidApplications.approvedFen,
          householdId: aidApplications.householdId,
          orgId: aidApplications.orgId,
          orgPath: orgs.path,
          workUnit: sql<string>`coalesce(${orgs.employerName}, ${orgs.name})`,
          payeeName: households.name,
          idMasked: households.idMasked,
          bankAccountCipher: households.bankAccountCipher,
          bankAccountMasked: households.bankAccountMasked,
          bankName: households.bankName,
        })
        .from(aidApplications)
        .innerJoin(orgs, eq(orgs.id, aidApplications.orgId))
        .innerJoin(households, eq(households.id, aidApplications.householdId))
        .where(inArray(aidApplications.id, slice))),
    );
  return out;
}

/** Applications among `ids` that already have a live (pending or paid) line, with where. */
export async function liveLinesOf(db: Executor, ids: string[]) {
  const out = [];
  for (const slice of chunks(ids))
    out.push(
      ...(await db
        .select({
          applicationId: disbursementLines.applicationId,
          payeeName: disbursementLines.payeeName,
          status: disbursementLines.status,
          batchNo: disbursementBatches.batchNo,
        })
        .from(disbursementLines)
        .innerJoin(disbursementBatches, eq(disbursementBatches.id, disbursementLines.batchId))
        .where(
          and(
            inArray(disbursementLines.applicationId, slice),
            inArray(disbursementLines.status, ['pending', 'paid']),
          ),
        )),
    );
  return out;
}

export async function listLines(db: Executor, batchId: string, query: ListLinesQuery) {
  const where = [eq(disbursementLines.batchId, batchId)];
  if (query.status) where.push(eq(disbursementLines.status, query.status));
  if (query.q) where.push(sql`${disbursementLines.payeeName} like ${`%${escapeLike(query.q)}%`}`);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(disbursementLines)
      .where(and(...where))
      .orderBy(asc(disbursementLines.position))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(disbursementLines)
      .where(and(...where)),
  ]);
  return { items, total: count?.n ?? 0 };
}

export function allLines(db: Executor, batchId: string) {
  return db
    .select()
    .from(disbursementLines)
    .where(eq(disbursementLines.batchId, batchId))
    .orderBy(asc(disbursementLines.position));
}

/** Locks the chosen lines of a batch (all pending ones when `ids` is null), in id order. */
export async function lockLines(db: Executor, batchId: string, ids: string[] | null) {
  if (ids === null)
    return db
      .select()
      .from(disbursementLines)
      .where(and(eq(disbursementLines.batchId, batchId), eq(disbursementLines.status, 'pending')))
      .orderBy(asc(disbursementLines.id))
      .for('no key update');
  const out = [];
  for (const slice of chunks([...ids].sort()))
    out.push(
      ...(await db
        .select()
        .from(disbursementLines)
        .where(and(eq(disbursementLines.batchId, batchId), inArray(disbursementLines.id, slice)))
        .orderBy(asc(disbursementLines.id))
        .for('no key update')),
    );
  return out;
}

export async function setLineStatus(
  db: Executor,
  ids: string[],
  values: {
    status: LineStatus;
    failureReason?: string | null;
    confirmedBy?: string | null;
    confirmedByName?: string | null;
    confirmedAt?: Date | null;
  },
) {
  for (const slice of chunks(ids))
    await db.update(disbursementLines).set(values).where(inArray(disbursementLines.id, slice));
}

export async function cancelPendingLines(db: Executor, batchId: string) {
  await db
    .update(disbursementLines)
    .set({ status: 'cancelled' })
    .where(and(eq(disbursementLines.batchId, batchId), eq(disbursementLines.status, 'pending')));
}

export async function countPending(db: Executor, batchId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(disbursementLines)
    .where(and(eq(disbursementLines.batchId, batchId), eq(disbursementLines.status, 'pending')));
  return row?.n ?? 0;
}

/** Which approved applications among `ids` are (still) approved. */
export async function approvedAmongst(db: Executor, ids: string[]) {
  const out = new Set<string>();
  for (const slice of chunks(ids)) {
    const rows = await db
      .select({ id: aidApplications.id })
      .from(aidApplications)
      .where(and(inArray(aidApplications.id, slice), eq(aidApplications.status, 'approved')));
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** The funding split of these applications, summed per source; plus each application's total. */
export async function fundingsOf(db: Executor, applicationIds: string[]) {
  const perSource = new Map<string, number>();
  const perApplication = new Map<string, number>();
  for (const slice of chunks(applicationIds)) {
    const rows = await db
      .select({
        applicationId: aidApplicationFundings.applicationId,
        sourceId: aidApplicationFundings.sourceId,
        amountFen: aidApplicationFundings.amountFen,
      })
      .from(aidApplicationFundings)
      .where(inArray(aidApplicationFundings.applicationId, slice));
    for (const r of rows) {
      perSource.set(r.sourceId, (perSource.get(r.sourceId) ?? 0) + r.amountFen);
      perApplication.set(r.applicationId, (perApplication.get(r.applicationId) ?? 0) + r.amountFen);
    }
  }
  return { perSource, perApplication };
}

/**
 * Debits a source's spent amount, only while it stays within what was earmarked (check constraint
 * `spent_fen <= received_fen - unallocated_fen` is the last word): true when it did.
 */
export async function debitSource(db: Executor, sourceId: string, amount: number) {
  const rows = await db
    .update(fundSources)
    .set({ spentFen: sql`${fundSources.spentFen} + ${amount}`, updatedAt: new Date() })
    .where(
      and(
        eq(fundSources.id, sourceId),
        sql`${fundSources.spentFen} + ${amount} <= ${fundSources.receivedFen} - ${fundSources.unallocatedFen}`,
      ),
    )
    .returning({ id: fundSources.id });
  return rows.length === 1;
}

/** Debits the program's balance of one source, only while paid stays ≤ approved: true when it did. */
export async function debitProgramSource(db: Executor, programId: string, sourceId: string, amount: number) {
  const rows = await db
    .update(programSources)
    .set({ paidFen: sql`${programSources.paidFen} + ${amount}` })
    .where(
      and(
        eq(programSources.programId, programId),
        eq(programSources.sourceId, sourceId),
        sql`${programSources.approvedFen} - ${programSources.paidFen} >= ${amount}`,
      ),
    )
    .returning({ sourceId: programSources.sourceId });
  return rows.length === 1;
}

export function sourceNames(db: Executor, ids: string[]) {
  return db
    .select({ id: fundSources.id, name: fundSources.name })
    .from(fundSources)
    .where(inArray(fundSources.id, ids));
}

/**
 * Approved applications of a program below a unit, with their live or latest line, for picking the
 * lines of a new batch.
 */
export async function candidates(
  db: Executor,
  input: {
    programId: string;
    orgPath: string;
    q?: string;
    payableOnly?: boolean;
    limit: number;
    offset: number;
  },
) {
  const where = [
    eq(aidApplications.programId, input.programId),
    eq(aidApplications.status, 'approved'),
    sql`${orgs.path} like ${`${input.orgPath}%`}`,
  ];
  if (input.q) where.push(sql`${households.name} like ${`%${escapeLike(input.q)}%`}`);
  const live = sql`exists (select 1 from ${disbursementLines} l where l.application_id = ${aidApplications.id} and l.status in ('pending','paid'))`;
  if (input.payableOnly) where.push(sql`not ${live}`);
  const [items, [count]] = await Promise.all([
    db
      .select({
        applicationId: aidApplications.id,
        householdId: aidApplications.householdId,
        householdName: households.name,
        orgName: orgs.name,
        approvedFen: aidApplications.approvedFen,
        hasBankAccount: sql<boolean>`${households.bankAccountCipher} is not null`,
        liveBatchNo: sql<
          string | null
        >`(select b.batch_no from ${disbursementLines} l join ${disbursementBatches} b on b.id = l.batch_id where l.application_id = ${aidApplications.id} and l.status in ('pending','paid') limit 1)`,
        liveStatus: sql<BatchStatus | null>`(select l.status from ${disbursementLines} l where l.application_id = ${aidApplications.id} and l.status in ('pending','paid') limit 1)`,
        previousFailures: sql<number>`(select count(*)::int from ${disbursementLines} l where l.application_id = ${aidApplications.id} and l.status = 'failed')`,
      })
      .from(aidApplications)
      .innerJoin(orgs, eq(orgs.id, aidApplications.orgId))
      .innerJoin(households, eq(households.id, aidApplications.householdId))
      .where(and(...where))
      .orderBy(asc(orgs.path), asc(households.name), asc(aidApplications.id))
      .limit(input.limit)
      .offset(input.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(aidApplications)
      .innerJoin(orgs, eq(orgs.id, aidApplications.orgId))
      .innerJoin(households, eq(households.id, aidApplications.householdId))
      .where(and(...where)),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Failed lines of a batch whose application has no live line elsewhere (what a re-batch may take). */
export async function failedNotRebatched(db: Executor, batchId: string) {
  return db
    .select({ applicationId: disbursementLines.applicationId })
    .from(disbursementLines)
    .where(
      and(
        eq(disbursementLines.batchId, batchId),
        eq(disbursementLines.status, 'failed'),
        sql`not exists (select 1 from ${disbursementLines} l where l.application_id = ${disbursementLines.applicationId} and l.status in ('pending','paid'))`,
      ),
    )
    .orderBy(asc(disbursementLines.position));
}
