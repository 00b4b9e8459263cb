import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { aidApplicationFundings, aidApplications } from '../applications/applications.table';
import { disbursementBatches, disbursementLines } from '../disbursements/disbursements.table';
import { fundSources } from '../funds/funds.table';
import { householdMembers, households } from '../households/households.table';
import { orgs } from '../orgs/orgs.table';
import { programSources, programs } from '../programs/programs.table';

/**
 * The read model of aid statistics and the household ledger: read-only joins over applications,
 * their funding split, payment lines and the archive. Nothing here writes.
 */

const paidOf = sql<number>`coalesce((select sum(l.amount_fen) from ${disbursementLines} l where l.application_id = ${aidApplications.id} and l.status = 'paid'), 0)::bigint`;
const pendingOf = sql<number>`coalesce((select sum(l.amount_fen) from ${disbursementLines} l where l.application_id = ${aidApplications.id} and l.status = 'pending'), 0)::bigint`;
const failedOnly = sql<boolean>`(exists (select 1 from ${disbursementLines} l where l.application_id = ${aidApplications.id} and l.status = 'failed') and not exists (select 1 from ${disbursementLines} l where l.application_id = ${aidApplications.id} and l.status in ('pending','paid')))`;
const hasPaid = sql`exists (select 1 from ${disbursementLines} l where l.application_id = ${aidApplications.id} and l.status = 'paid')`;

/** Applications below an org path (their household's employer union). */
export const underPath = (path: string) =>
  sql`${aidApplications.orgId} in (select ${orgs.id} from ${orgs} where ${orgs.path} like ${`${path}%`})`;
export const ofProgram = (programId: string) => eq(aidApplications.programId, programId);
export const ofYear = (year: number) =>
  sql`${aidApplications.programId} in (select ${programs.id} from ${programs} where ${programs.year} = ${year})`;

export function statusCounts(db: Executor, where: SQL[]) {
  return db
    .select({
      programId: aidApplications.programId,
      status: aidApplications.status,
      n: sql<number>`count(*)::int`,
    })
    .from(aidApplications)
    .where(and(...where))
    .groupBy(aidApplications.programId, aidApplications.status);
}

/** Every approved application with its household, size, and what was paid or is waiting. */
export async function approvedRows(db: Executor, where: SQL[]) {
  const rows = await db
    .select({
      applicationId: aidApplications.id,
      programId: aidApplications.programId,
      householdId: aidApplications.householdId,
      orgId: aidApplications.orgId,
      orgPath: orgs.path,
      category: households.category,
      schoolLevel: aidApplications.schoolLevel,
      people: sql<number>`(1 + (select count(*) from ${householdMembers} m where m.household_id = ${aidApplications.householdId}))::int`,
      approvedFen: aidApplications.approvedFen,
      paidFen: paidOf,
      pendingFen: pendingOf,
      failed: failedOnly,
    })
    .from(aidApplications)
    .innerJoin(orgs, eq(orgs.id, aidApplications.orgId))
    .innerJoin(households, eq(households.id, aidApplications.householdId))
    .where(and(eq(aidApplications.status, 'approved'), ...where));
  return rows.map((r) => ({
    ...r,
    approvedFen: Number(r.approvedFen ?? 0),
    paidFen: Number(r.paidFen),
    pendingFen: Number(r.pendingFen),
  }));
}

/** Approved and paid money per fund source of approved applications (paid = their line was paid). */
export async function fundingBySource(db: Executor, where: SQL[]) {
  const rows = await db
    .select({
      sourceId: aidApplicationFundings.sourceId,
      name: fundSources.name,
      kind: fundSources.kind,
      approvedFen: sql<number>`sum(${aidApplicationFundings.amountFen})::bigint`,
      paidFen: sql<number>`coalesce(sum(${aidApplicationFundings.amountFen}) filter (where ${hasPaid}), 0)::bigint`,
    })
    .from(aidApplicationFundings)
    .innerJoin(aidApplications, eq(aidApplications.id, aidApplicationFundings.applicationId))
    .innerJoin(fundSources, eq(fundSources.id, aidApplicationFundings.sourceId))
    .where(and(eq(aidApplications.status, 'approved'), ...where))
    .groupBy(aidApplicationFundings.sourceId, fundSources.name, fundSources.kind);
  return rows.map((r) => ({ ...r, approvedFen: Number(r.approvedFen), paidFen: Number(r.paidFen) }));
}

/** A span of instants, half-open: confirmed at or after `from`, before `to` (either open). */
export interface PaidSpan {
  from: Date | null;
  to: Date | null;
}
const paidWithin = (span: PaidSpan) =>
  sql.join(
    [
      sql`l.application_id = ${aidApplications.id} and l.status = 'paid'`,
      ...(span.from ? [sql`l.confirmed_at >= ${span.from.toISOString()}::timestamptz`] : []),
      ...(span.to ? [sql`l.confirmed_at < ${span.to.toISOString()}::timestamptz`] : []),
    ],
    sql` and `,
  );

/** Approved applications whose payment line was confirmed paid within the span, with what it paid. */
export async function paidRowsWithin(db: Executor, where: SQL[], span: PaidSpan) {
  const rows = await db
    .select({
      householdId: aidApplications.householdId,
      orgPath: orgs.path,
      people: sql<number>`(1 + (select count(*) from ${householdMembers} m where m.household_id = ${aidApplications.householdId}))::int`,
      paidFen: sql<number>`(select sum(l.amount_fen) from ${disbursementLines} l where ${paidWithin(span)})::bigint`,
    })
    .from(aidApplications)
    .innerJoin(orgs, eq(orgs.id, aidApplications.orgId))
    .where(
      and(
        eq(aidApplications.status, 'approved'),
        sql`exists (select 1 from ${disbursementLines} l where ${paidWithin(span)})`,
        ...where,
      ),
    );
  return rows.map((r) => ({ ...r, paidFen: Number(r.paidFen) }));
}

/** What each fund source paid within the span: the funding split of the applications paid in it. */
export async function paidBySourceWithin(db: Executor, where: SQL[], span: PaidSpan) {
  const rows = await db
    .select({
      sourceId: aidApplicationFundings.sourceId,
      name: fundSources.name,
      kind: fundSources.kind,
      paidFen: sql<number>`sum(${aidApplicationFundings.amountFen})::bigint`,
    })
    .from(aidApplicationFundings)
    .innerJoin(aidApplications, eq(aidApplications.id, aidApplicationFundings.applicationId))
    .innerJoin(fundSources, eq(fundSources.id, aidApplicationFundings.sourceId))
    .where(
      and(
        eq(aidApplications.status, 'approved'),
        sql`exists (select 1 from ${disbursementLines} l where ${paidWithin(span)})`,
        ...where,
      ),
    )
    .groupBy(aidApplicationFundings.sourceId, fundSources.name, fundSources.kind)
    .orderBy(fundSources.name);
  return rows.map((r) => ({ ...r, paidFen: Number(r.paidFen) }));
}

export function programSourcesOf(db: Executor, programId: string) {
  return db
    .select({
      sourceId: programSources.sourceId,
      name: fundSources.name,
      kind: fundSources.kind,
      allocatedFen: programSources.allocatedFen,
    })
    .from(programSources)
    .innerJoin(fundSources, eq(fundSources.id, programSources.sourceId))
    .where(eq(programSources.programId, programId))
    .orderBy(fundSources.name);
}

export function orgsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: orgs.id, name: orgs.name, level: orgs.level })
    .from(orgs)
    .where(inArray(orgs.id, ids));
}

/** Programs of a year owned in the subtree, plus those above whose applications come from it. */
export function programsOfYear(db: Executor, year: number, path: string) {
  return db
    .select({
      id: programs.id,
      name: programs.name,
      type: programs.type,
      orgName: orgs.name,
    })
    .from(programs)
    .innerJoin(orgs, eq(orgs.id, programs.orgId))
    .where(
      and(
        eq(programs.year, year),
        sql`(${orgs.path} like ${`${path}%`} or exists (select 1 from ${aidApplications} a join ${orgs} o on o.id = a.org_id where a.program_id = ${programs.id} and o.path like ${`${path}%`}))`,
      ),
    )
    .orderBy(programs.windowStart, programs.name);
}

/** Every application of a household, with its latest payment line (cancelled lines ignored). */
export function ledgerRows(db: Executor, householdId: string) {
  return db
    .select({
      applicationId: aidApplications.id,
      programId: aidApplications.programId,
      programName: programs.name,
      programType: programs.type,
      year: programs.year,
      status: aidApplications.status,
      requestedFen: aidApplications.requestedFen,
      approvedFen: aidApplications.approvedFen,
      submittedAt: aidApplications.submittedAt,
      line: sql<{
        status: 'pending' | 'paid' | 'failed';
        amount_fen: number;
        quantity: number | null;
        confirmed_at: string | null;
        kind: 'cash' | 'goods';
        item_name: string | null;
      } | null>`(select row_to_json(x) from (select l.status, l.amount_fen, l.quantity, l.confirmed_at, b.kind, b.item_name from ${disbursementLines} l join ${disbursementBatches} b on b.id = l.batch_id where l.application_id = ${aidApplications.id} and l.status <> 'cancelled' order by (l.status in ('pending','paid')) desc, l.created_at desc limit 1) x)`,
    })
    .from(aidApplications)
    .innerJoin(programs, eq(programs.id, aidApplications.programId))
    .where(eq(aidApplications.householdId, householdId))
    .orderBy(sql`${programs.year} desc`, sql`${aidApplications.submittedAt} desc`);
}
