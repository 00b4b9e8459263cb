import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { users } from '../users/users.table';

export function orgCountsByLevel(db: Executor, pathPrefix: string) {
  return db
    .select({
      level: orgs.level,
      count: sql<number>`count(*)::int`,
      members: sql<number>`coalesce(sum(${orgs.memberCount}), 0)::int`,
    })
    .from(orgs)
    .where(sql`${orgs.path} like ${`${pathPrefix}%`} and ${orgs.active}`)
    .groupBy(orgs.level);
}

export function userCountsByRole(db: Executor, pathPrefix: string) {
  return db
    .select({
      role: sql<string>`r.role`,
      count: sql<number>`count(*)::int`,
    })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .innerJoin(sql`unnest(${users.roles}) as r(role)`, sql`true`)
    .where(sql`${orgs.path} like ${`${pathPrefix}%`} and ${users.active}`)
    .groupBy(sql`r.role`);
}

export async function userTotals(db: Executor, pathPrefix: string) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      active: sql<number>`(count(*) filter (where ${users.active}))::int`,
    })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(sql`${orgs.path} like ${`${pathPrefix}%`}`);
  return row ?? { total: 0, active: 0 };
}
