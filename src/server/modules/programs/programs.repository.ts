import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../common/context';
import type { Executor } from '../../db/client';
import { aidApplications } from '../applications/applications.table';
import { fundSources } from '../funds/funds.table';
import { orgs } from '../orgs/orgs.table';
import type { ListProgramsQuery } from './programs.schemas';
import { programAllocations, programSources, programs } from './programs.table';

const withOrg = { program: programs, orgName: orgs.name, orgPath: orgs.path, orgLevel: orgs.level };
export type ProgramWithOrg = NonNullable<Awaited<ReturnType<typeof findById>>>;

export function findById(db: Executor, id: string) {
  return db
    .select(withOrg)
    .from(programs)
    .innerJoin(orgs, eq(orgs.id, programs.orgId))
    .where(eq(programs.id, id))
    .limit(1)
    .then((r) => r[0]);
}

/** Programs the caller works with: those of its subtree, and those of the units above it that cover it. */
export function listVisible(db: Executor, principal: Principal, query: ListProgramsQuery) {
  const where = [
    sql`(${orgs.path} like ${`${principal.orgPath}%`} or ${principal.orgPath} like ${orgs.path} || '%')`,
  ];
  if (query.year) where.push(eq(programs.year, query.year));
  if (query.type) where.push(eq(programs.type, query.type));
  if (query.orgId) where.push(eq(programs.orgId, query.orgId));
  return db
    .select(withOrg)
    .from(programs)
    .innerJoin(orgs, eq(orgs.id, programs.orgId))
    .where(and(...where))
    .orderBy(desc(programs.year), asc(programs.windowStart), asc(programs.name));
}

export async function insert(db: Executor, values: typeof programs.$inferInsert) {
  const [row] = await db.insert(programs).values(values).returning();
  return row!;
}

export function listBalances(db: Executor, programId: string) {
  return db
    .select({
      sourceId: programSources.sourceId,
      sourceName: fundSources.name,
      sourceKind: fundSources.kind,
      allocatedFen: programSources.allocatedFen,
      approvedFen: programSources.approvedFen,
    })
    .from(programSources)
    .innerJoin(fundSources, eq(fundSources.id, programSources.sourceId))
    .where(eq(programSources.programId, programId))
    .orderBy(asc(programSources.sourceId));
}

export async function addAllocation(
  db: Executor,
  values: { programId: string; sourceId: string; amountFen: number; note: string | null; createdBy: string },
) {
  await db.insert(programAllocations).values(values);
  await db
    .insert(programSources)
    .values({ programId: values.programId, sourceId: values.sourceId, allocatedFen: values.amountFen })
    .onConflictDoUpdate({
      target: [programSources.programId, programSources.sourceId],
      set: { allocatedFen: sql`${programSources.allocatedFen} + ${values.amountFen}` },
    });
}

/** Locks one balance row of the program (a reduction of its allocation): undefined when none exists. */
export function lockBalance(db: Executor, programId: string, sourceId: string) {
  return db
    .select({ allocatedFen: programSources.allocatedFen, approvedFen: programSources.approvedFen })
    .from(programSources)
    .where(and(eq(programSources.programId, programId), eq(programSources.sourceId, sourceId)))
    .for('no key update')
    .then((r) => r[0]);
}

/**
 * Takes `amount` off what the source allocated to the program, only while what is promised to
 * approved applications still fits: the row after the change, or undefined when it would not.
 */
export async function reduceAllocation(db: Executor, programId: string, sourceId: string, amount: number) {
  const [row] = await db
    .update(programSources)
    .set({ allocatedFen: sql`${programSources.allocatedFen} - ${amount}` })
    .where(
      and(
        eq(programSources.programId, programId),
        eq(programSources.sourceId, sourceId),
        sql`${programSources.allocatedFen} - ${programSources.approvedFen} >= ${amount}`,
      ),
    )
    .returning({ allocatedFen: programSources.allocatedFen, approvedFen: programSources.approvedFen });
  return row;
}

/** Row locks on all the program's balances, always in source-id order (the one lock order of approvals). */
export function lockBalancesInOrder(db: Executor, programId: string) {
  return db
    .select({
      sourceId: programSources.sourceId,
      allocatedFen: programSources.allocatedFen,
      approvedFen: programSources.approvedFen,
    })
    .from(programSources)
    .where(eq(programSources.programId, programId))
    .orderBy(asc(programSources.sourceId))
    .for('no key update');
}

/** Takes `amount` from one balance, only while that much remains: true when it did. */
export async function takeFromBalance(db: Executor, programId: string, sourceId: string, amount: number) {
  const rows = await db
    .update(programSources)
    .set({ approvedFen: sql`${programSources.approvedFen} + ${amount}` })
    .where(
      and(
        eq(programSources.programId, programId),
        eq(programSources.sourceId, sourceId),
        sql`${programSources.allocatedFen} - ${programSources.approvedFen} >= ${amount}`,
      ),
    )
    .returning({ sourceId: programSources.sourceId });
  return rows.length === 1;
}

/** Locks the program row: an edit of its rules and the count of its applications go together. */
/**
 * A new application takes this share lock before it reads the program's rules, and a rules edit takes
 * the update lock (`lockById`) before it counts applications: so either the application is counted and
 * the edit refused, or the edit commits first and the application is judged by the new rules.
 */
export function lockShared(db: Executor, id: string) {
  return db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.id, id))
    .for('share')
    .then((r) => r[0]);
}

export function lockById(db: Executor, id: string) {
  return db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.id, id))
    .for('no key update')
    .then((r) => r[0]);
}

export async function update(db: Executor, id: string, values: Partial<typeof programs.$inferInsert>) {
  const [row] = await db
    .update(programs)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(programs.id, id))
    .returning();
  return row!;
}

/**
 * How many applications were ever submitted to the program (whatever their state). Read from the
 * applications table directly: that module depends on this one, so asking its use cases would make
 * an import cycle, and a count carries none of its rules.
 */
export async function countApplications(db: Executor, programId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(aidApplications)
    .where(eq(aidApplications.programId, programId));
  return Number(row?.n ?? 0);
}
