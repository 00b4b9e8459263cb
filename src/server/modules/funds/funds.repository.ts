import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Principal } from '../../common/context';
import { scopeFilter } from '../../common/scope';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import type { ListFundsQuery } from './funds.schemas';
import { fundSources } from './funds.table';

const withOrg = { source: fundSources, orgName: orgs.name, orgPath: orgs.path };
export type FundWithOrg = NonNullable<Awaited<ReturnType<typeof findById>>>;

export function findById(db: Executor, id: string) {
  return db
    .select(withOrg)
    .from(fundSources)
    .innerJoin(orgs, eq(orgs.id, fundSources.orgId))
    .where(eq(fundSources.id, id))
    .limit(1)
    .then((r) => r[0]);
}

export function list(db: Executor, principal: Principal, query: ListFundsQuery) {
  const where = [scopeFilter(principal, fundSources.orgId)];
  if (query.year) where.push(eq(fundSources.year, query.year));
  if (query.kind) where.push(eq(fundSources.kind, query.kind));
  if (query.orgId) where.push(eq(fundSources.orgId, query.orgId));
  return db
    .select(withOrg)
    .from(fundSources)
    .innerJoin(orgs, eq(orgs.id, fundSources.orgId))
    .where(and(...where))
    .orderBy(desc(fundSources.year), asc(orgs.path), asc(fundSources.createdAt));
}

export async function insert(db: Executor, values: typeof fundSources.$inferInsert) {
  const [row] = await db.insert(fundSources).values(values).returning();
  return row!;
}

/** Earmarks `amount` of a source: succeeds only while that much is still unallocated. */
export async function takeUnallocated(db: Executor, id: string, amount: number) {
  const [row] = await db
    .update(fundSources)
    .set({ unallocatedFen: sql`${fundSources.unallocatedFen} - ${amount}`, updatedAt: new Date() })
    .where(and(eq(fundSources.id, id), gte(fundSources.unallocatedFen, amount)))
    .returning();
  return row;
}

/**
 * Gives `amount` back to the unallocated part of a source (an allocation reduced); the check
 * constraint keeps it within the amount received.
 */
export async function giveBackUnallocated(db: Executor, id: string, amount: number) {
  const [row] = await db
    .update(fundSources)
    .set({ unallocatedFen: sql`${fundSources.unallocatedFen} + ${amount}`, updatedAt: new Date() })
    .where(
      and(
        eq(fundSources.id, id),
        sql`${fundSources.unallocatedFen} + ${amount} <= ${fundSources.receivedFen}`,
      ),
    )
    .returning();
  return row;
}

/** Locks the source row: edits and earmarks of one source take turns. */
export function lockById(db: Executor, id: string) {
  return db
    .select({ id: fundSources.id })
    .from(fundSources)
    .where(eq(fundSources.id, id))
    .for('no key update')
    .then((r) => r[0]);
}

/**
 * Changes the descriptive fields, and the amount received when given: the unallocated part moves by
 * the same difference, only while what is earmarked still fits in the new amount.
 */
export async function update(
  db: Executor,
  id: string,
  values: { name?: string; note?: string | null; receivedOn?: string | null; receivedFen?: number },
) {
  const { receivedFen, ...rest } = values;
  const where = [eq(fundSources.id, id)];
  if (receivedFen !== undefined)
    where.push(sql`${fundSources.receivedFen} - ${fundSources.unallocatedFen} <= ${receivedFen}`);
  const [row] = await db
    .update(fundSources)
    .set({
      ...rest,
      ...(receivedFen === undefined
        ? {}
        : {
            receivedFen,
            unallocatedFen: sql`${fundSources.unallocatedFen} + (${receivedFen}::bigint - ${fundSources.receivedFen})`,
          }),
      updatedAt: new Date(),
    })
    .where(and(...where))
    .returning();
  return row;
}
