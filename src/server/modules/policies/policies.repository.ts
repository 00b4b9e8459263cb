import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { users } from '../users/users.table';
import { type PolicyRow, policyVersions } from './policies.table';

export function findById(db: Executor, id: string): Promise<PolicyRow | undefined> {
  return db
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.id, id))
    .limit(1)
    .then((r) => r[0]);
}

export function findByRegionAndDate(db: Executor, regionCode: string, effectiveFrom: string) {
  return db
    .select({ id: policyVersions.id })
    .from(policyVersions)
    .where(and(eq(policyVersions.regionCode, regionCode), eq(policyVersions.effectiveFrom, effectiveFrom)))
    .limit(1)
    .then((r) => r[0]);
}

/**
 * The version in force on `date` for the first of `codes` (most specific first) that has one:
 * a county without its own row falls back to its city, then its province.
 */
export function findInForce(db: Executor, codes: string[], date: string): Promise<PolicyRow | undefined> {
  const specificity = sql`case ${policyVersions.regionCode} ${sql.join(
    // Ranks are our own small integers (inlined so that the CASE sorts as a number, not as text).
    codes.map((code, rank) => sql`when ${code} then ${sql.raw(String(rank))}`),
    sql` `,
  )} else ${sql.raw(String(codes.length))} end`;
  return db
    .select()
    .from(policyVersions)
    .where(and(inArray(policyVersions.regionCode, codes), lte(policyVersions.effectiveFrom, date)))
    .orderBy(specificity, desc(policyVersions.effectiveFrom))
    .limit(1)
    .then((r) => r[0]);
}

export async function list(db: Executor, f: { regionPrefix?: string; limit: number; offset: number }) {
  const where = f.regionPrefix ? sql`${policyVersions.regionCode} like ${`${f.regionPrefix}%`}` : undefined;
  const [items, [count]] = await Promise.all([
    // Who set each version, and from which unit (the users' current unit).
    db
      .select({ policy: policyVersions, createdByName: users.displayName, createdByOrgName: orgs.name })
      .from(policyVersions)
      .leftJoin(users, eq(users.id, policyVersions.createdBy))
      .leftJoin(orgs, eq(orgs.id, users.orgId))
      .where(where)
      .orderBy(policyVersions.regionCode, desc(policyVersions.effectiveFrom))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(policyVersions).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

/** Inserts a version unless one exists for the same region and date (then returns undefined). */
export async function insert(db: Executor, values: typeof policyVersions.$inferInsert) {
  const [row] = await db.insert(policyVersions).values(values).onConflictDoNothing().returning();
  return row;
}
