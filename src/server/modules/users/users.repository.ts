import { and, arrayContains, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../common/permissions';
import { escapeLike } from '../../common/sql';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { users } from './users.table';

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  orgId: users.orgId,
  orgName: orgs.name,
  orgPath: orgs.path,
  roles: users.roles,
  active: users.active,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
};

export type UserView = Awaited<ReturnType<typeof findById>> & {};

export function findById(db: Executor, id: string) {
  return db
    .select(columns)
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, id))
    .limit(1)
    .then((r) => r[0]);
}

export function findByUsername(db: Executor, username: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username))
    .limit(1)
    .then((r) => r[0]);
}

export interface UserFilter {
  pathPrefix: string;
  orgId?: string;
  q?: string;
  role?: Role;
  active?: boolean;
  limit: number;
  offset: number;
}

export async function list(db: Executor, f: UserFilter) {
  const conditions: (SQL | undefined)[] = [
    sql`${orgs.path} like ${`${f.pathPrefix}%`}`,
    f.orgId ? eq(users.orgId, f.orgId) : undefined,
    f.role ? arrayContains(users.roles, [f.role]) : undefined,
    f.active === undefined ? undefined : eq(users.active, f.active),
    f.q
      ? or(ilike(users.username, `%${escapeLike(f.q)}%`), ilike(users.displayName, `%${escapeLike(f.q)}%`))
      : undefined,
  ];
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
    db
      .select(columns)
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(where)
      .orderBy(asc(orgs.path), asc(users.username))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

export async function insert(db: Executor, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

export function update(db: Executor, id: string, values: Partial<typeof users.$inferInsert>) {
  return db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id));
}
