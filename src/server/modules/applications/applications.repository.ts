import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Principal } from '../../common/context';
import { scopeFilter } from '../../common/scope';
import type { Executor } from '../../db/client';
import { fundSources } from '../funds/funds.table';
import { households } from '../households/households.table';
import { orgs } from '../orgs/orgs.table';
import { programs } from '../programs/programs.table';
import type { ListApplicationsQuery } from './applications.schemas';
import {
  type ApplicationStatus,
  aidApplicationDecisions,
  aidApplicationFundings,
  aidApplications,
} from './applications.table';

const withNames = {
  application: aidApplications,
  orgName: orgs.name,
  orgPath: orgs.path,
  programName: programs.name,
  programType: programs.type,
  programYear: programs.year,
  householdName: households.name,
};
export type ApplicationView = NonNullable<Awaited<ReturnType<typeof findById>>>;

function selectWithNames(db: Executor) {
  return db
    .select(withNames)
    .from(aidApplications)
    .innerJoin(orgs, eq(orgs.id, aidApplications.orgId))
    .innerJoin(programs, eq(programs.id, aidApplications.programId))
    .innerJoin(households, eq(households.id, aidApplications.householdId));
}

export function findById(db: Executor, id: string) {
  return selectWithNames(db)
    .where(eq(aidApplications.id, id))
    .limit(1)
    .then((r) => r[0]);
}

/** Locks the application: decisions on one application never interleave. */
export function lockById(db: Executor, id: string) {
  return db
    .select({ id: aidApplications.id })
    .from(aidApplications)
    .where(eq(aidApplications.id, id))
    .for('update')
    .then((r) => r[0]);
}

export async function list(db: Executor, principal: Principal, query: ListApplicationsQuery) {
  const where = [scopeFilter(principal, aidApplications.orgId)];
  if (query.programId) where.push(eq(aidApplications.programId, query.programId));
  if (query.householdId) where.push(eq(aidApplications.householdId, query.householdId));
  if (query.status) where.push(eq(aidApplications.status, query.status));
  if (query.awaitingMe) where.push(eq(aidApplications.currentOrgId, principal.orgId));
  const [items, [count]] = await Promise.all([
    selectWithNames(db)
      .where(and(...where))
      .orderBy(desc(aidApplications.submittedAt), asc(aidApplications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(aidApplications)
      .where(and(...where)),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function insert(db: Executor, values: typeof aidApplications.$inferInsert) {
  const [row] = await db.insert(aidApplications).values(values).returning({ id: aidApplications.id });
  return row!.id;
}

export async function update(db: Executor, id: string, values: Partial<typeof aidApplications.$inferInsert>) {
  await db
    .update(aidApplications)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(aidApplications.id, id));
}

export async function insertDecision(db: Executor, values: typeof aidApplicationDecisions.$inferInsert) {
  await db.insert(aidApplicationDecisions).values(values);
}

export function listDecisions(db: Executor, applicationId: string) {
  return db
    .select()
    .from(aidApplicationDecisions)
    .where(eq(aidApplicationDecisions.applicationId, applicationId))
    .orderBy(asc(aidApplicationDecisions.at), asc(aidApplicationDecisions.id));
}

export async function insertFundings(
  db: Executor,
  applicationId: string,
  programId: string,
  takes: { sourceId: string; amountFen: number }[],
) {
  if (takes.length)
    await db.insert(aidApplicationFundings).values(takes.map((t) => ({ ...t, applicationId, programId })));
}

export function listFundings(db: Executor, applicationId: string) {
  return db
    .select({
      sourceId: aidApplicationFundings.sourceId,
      sourceName: fundSources.name,
      amountFen: aidApplicationFundings.amountFen,
    })
    .from(aidApplicationFundings)
    .innerJoin(fundSources, eq(fundSources.id, aidApplicationFundings.sourceId))
    .where(eq(aidApplicationFundings.applicationId, applicationId))
    .orderBy(asc(aidApplicationFundings.sourceId));
}

const LIVE: ApplicationStatus[] = ['pending', 'returned', 'approved'];

/** What the household already holds in a program: approved amounts, or the amounts still under review. */
export async function householdUsedInProgram(
  db: Executor,
  householdId: string,
  programId: string,
  exceptId: string | null,
) {
  const where = [
    eq(aidApplications.householdId, householdId),
    eq(aidApplications.programId, programId),
    inArray(aidApplications.status, LIVE),
  ];
  if (exceptId) where.push(ne(aidApplications.id, exceptId));
  const [row] = await db
    .select({
      n: sql<number>`coalesce(sum(coalesce(${aidApplications.approvedFen}, ${aidApplications.proposedFen}, ${aidApplications.requestedFen})), 0)::bigint`,
    })
    .from(aidApplications)
    .where(and(...where));
  return Number(row?.n ?? 0);
}

/** Approved aid of a household in programs of one year, across all programs. */
export async function householdApprovedInYear(
  db: Executor,
  householdId: string,
  year: number,
  exceptId: string | null,
) {
  const where = [
    eq(aidApplications.householdId, householdId),
    eq(aidApplications.status, 'approved'),
    eq(programs.year, year),
  ];
  if (exceptId) where.push(ne(aidApplications.id, exceptId));
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${aidApplications.approvedFen}), 0)::bigint` })
    .from(aidApplications)
    .innerJoin(programs, eq(programs.id, aidApplications.programId))
    .where(and(...where));
  return Number(row?.n ?? 0);
}

/** Serialises the final approvals of one household's applications (its yearly cap is shared). */
export async function lockHouseholdAid(db: Executor, householdId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(727274006, hashtext(${householdId}))`);
}
