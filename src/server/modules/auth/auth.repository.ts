import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { users } from '../users/users.table';
import { sessions } from './auth.table';

export function findUserForLogin(db: Executor, username: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.username, username.toLowerCase()))
    .limit(1)
    .then((rows) => rows[0]);
}

/** Counts a failed attempt; locks the account when the count reaches `maxFailures`. Atomic. */
export async function registerFailure(
  db: Executor,
  userId: string,
  maxFailures: number,
  lockMinutes: number,
) {
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxFailures}
        then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
  return row!;
}

export function registerSuccess(db: Executor, userId: string) {
  return db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(users.id, userId));
}

export async function insertSession(db: Executor, values: typeof sessions.$inferInsert) {
  const [row] = await db.insert(sessions).values(values).returning();
  return row!;
}

/** The session with its user and the user's org path, in one query: this runs on every request. */
export async function findSessionByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      revokedAt: sessions.revokedAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      orgId: orgs.id,
      orgPath: orgs.path,
      orgName: orgs.name,
      orgLevel: orgs.level,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export function touchSession(db: Executor, sessionId: string, expiresAt: Date) {
  return db.update(sessions).set({ lastSeenAt: new Date(), expiresAt }).where(eq(sessions.id, sessionId));
}

/** Sessions that ended (expired or signed out) more than `days` ago: nothing reads them any more. */
export function purgeEndedSessions(db: Executor, days: number) {
  const before = sql`now() - make_interval(days => ${days})`;
  return db.delete(sessions).where(or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before)));
}

export function revokeSession(db: Executor, sessionId: string) {
  return db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
}

export function revokeOtherSessions(db: Executor, userId: string, keepSessionId: string | null) {
  const conditions = [
    eq(sessions.userId, userId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, new Date()),
  ];
  if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId));
  return db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions));
}

export function setPasswordHash(db: Executor, userId: string, passwordHash: string, mustChange: boolean) {
  return db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: mustChange,
      // The right password was given: earlier wrong ones no longer count towards the lock-out.
      failedLogins: 0,
      passwordChangedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
}
