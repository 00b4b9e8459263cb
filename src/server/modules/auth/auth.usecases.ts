import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Deps, Principal } from '../../common/context';
import { CommonErrors } from '../../common/errors';
import { DUMMY_HASH_PROMISE, hashPassword, passwordWeakness, verifyPassword } from '../../common/password';
import { permissionsOf } from '../../common/permissions';
import { recordAudit } from '../audit/audit.usecases';
import type { OrgLevel } from '../orgs/orgs.table';
import { getOrgSummary } from '../orgs/orgs.usecases';
import { AuthErrors } from './auth.errors';
import * as repo from './auth.repository';

/** Sessions slide: each use extends them by the TTL, but never past this absolute age. */
const ABSOLUTE_SESSION_DAYS = 7;
/** Avoid a write on every request: the sliding expiry is refreshed at most this often. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * Failed sign-ins under names that have no account, counted like an account's (in this process, as the
 * login rate limit is): after as many failures such a name is "locked" for as long. Without it the lock
 * would tell which names exist — an account answers "locked" after five wrong passwords, a made-up
 * name would go on answering "wrong password". Bounded: the oldest names are forgotten first.
 */
const UNKNOWN_NAMES_KEPT = 10_000;
const unknownNameFailures = new Map<string, { failures: number; lockedUntil: number | null }>();

function unknownNameLockedUntil(username: string, now: number): number | null {
  const entry = unknownNameFailures.get(username);
  return entry?.lockedUntil && entry.lockedUntil > now ? entry.lockedUntil : null;
}

/** Counts a failure for a name without an account; true when this failure locks it. */
function registerUnknownNameFailure(username: string, now: number, maxFailures: number, lockMinutes: number) {
  const entry = unknownNameFailures.get(username) ?? { failures: 0, lockedUntil: null };
  unknownNameFailures.delete(username);
  if (entry.lockedUntil && entry.lockedUntil <= now) Object.assign(entry, { failures: 0, lockedUntil: null });
  entry.failures++;
  if (entry.failures >= maxFailures) entry.lockedUntil = now + lockMinutes * 60_000;
  unknownNameFailures.set(username, entry);
  if (unknownNameFailures.size > UNKNOWN_NAMES_KEPT)
    unknownNameFailures.delete(unknownNameFailures.keys().next().value!);
  return entry.lockedUntil !== null;
}

export async function login(deps: Deps, input: LoginInput) {
  const { config, db } = deps;
  const user = await repo.findUserForLogin(db, input.username);
  const now = Date.now();
  const lockedUntil = user
    ? (user.lockedUntil?.getTime() ?? null)
    : unknownNameLockedUntil(input.username.toLowerCase(), now);
  if (lockedUntil && lockedUntil > now) {
    throw AuthErrors.AUTH_LOCKED({ minutes: Math.ceil((lockedUntil - now) / 60000) });
  }
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok) {
    if (
      !user &&
      registerUnknownNameFailure(
        input.username.toLowerCase(),
        now,
        config.loginMaxFailures,
        config.loginLockMinutes,
      )
    )
      throw AuthErrors.AUTH_LOCKED({ minutes: config.loginLockMinutes });
    if (user) {
      const after = await db.transaction(async (tx) => {
        const state = await repo.registerFailure(
          tx,
          user.id,
          config.loginMaxFailures,
          config.loginLockMinutes,
        );
        const locked = !!state.lockedUntil && state.lockedUntil.getTime() > now;
        await recordAudit(
          tx,
          { ip: input.ip, requestId: input.requestId },
          {
            action: locked ? 'auth.locked' : 'auth.login_failed',
            entity: 'user',
            entityId: user.id,
            orgId: user.orgId,
            after: { username: user.username, ip: input.ip, lockedUntil: locked ? state.lockedUntil : null },
          },
        );
        return { locked, lockedUntil: state.lockedUntil };
      });
      if (after.locked) throw AuthErrors.AUTH_LOCKED({ minutes: config.loginLockMinutes });
    }
    throw AuthErrors.AUTH_INVALID_CREDENTIALS();
  }
  if (!user.active) throw AuthErrors.AUTH_ACCOUNT_DISABLED();

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const session = await db.transaction(async (tx) => {
    await repo.registerSuccess(tx, user.id);
    const created = await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(now + config.sessionTtlHours * 3600_000),
    });
    const principal = toPrincipal(user, created.id, 'cookie', '');
    await recordAudit(
      tx,
      { principal, ip: input.ip, requestId: input.requestId },
      {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        orgId: user.orgId,
        after: { sessionId: created.id, userAgent: created.userAgent },
      },
    );
    return created;
  });
  return { token, csrfToken, sessionId: session.id, userId: user.id };
}

function toPrincipal(
  user: {
    id: string;
    username: string;
    displayName: string;
    orgId: string;
    roles: Principal['roles'];
    mustChangePassword: boolean;
  },
  sessionId: string,
  via: Principal['via'],
  orgPath: string,
): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    orgId: user.orgId,
    orgPath,
    roles: user.roles,
    sessionId,
    via,
    mustChangePassword: user.mustChangePassword,
  };
}

export interface PrincipalOrg {
  name: string;
  level: OrgLevel;
}

export type SessionLookup =
  | { ok: true; principal: Principal; csrfToken: string; org: PrincipalOrg }
  | { ok: false; reason: 'missing' | 'expired' };

/** Resolves a cookie or bearer token to the calling user; slides the session expiry. */
export async function resolveSession(
  deps: Deps,
  token: string,
  via: Principal['via'],
): Promise<SessionLookup> {
  const row = await repo.findSessionByTokenHash(deps.db, hashToken(token));
  if (!row || row.revokedAt) return { ok: false, reason: 'missing' };
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || !row.active) return { ok: false, reason: 'expired' };
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const absoluteEnd = row.createdAt.getTime() + ABSOLUTE_SESSION_DAYS * 86400_000;
    const next = Math.min(now + deps.config.sessionTtlHours * 3600_000, absoluteEnd);
    await repo.touchSession(deps.db, row.sessionId, new Date(Math.max(next, row.expiresAt.getTime())));
  }
  return {
    ok: true,
    csrfToken: row.csrfToken,
    org: { name: row.orgName, level: row.orgLevel },
    principal: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      orgId: row.orgId,
      orgPath: row.orgPath,
      roles: row.roles,
      sessionId: row.sessionId,
      via,
      mustChangePassword: row.mustChangePassword,
    },
  };
}

export async function logout(deps: Deps, actor: Actor) {
  await deps.db.transaction(async (tx) => {
    await repo.revokeSession(tx, actor.principal.sessionId);
    await recordAudit(tx, actor, {
      action: 'auth.logout',
      entity: 'user',
      entityId: actor.principal.userId,
      orgId: actor.principal.orgId,
      after: { sessionId: actor.principal.sessionId },
    });
  });
}

/** The signed-in user as the web app needs it; `org` comes with the session lookup when there is one. */
export async function describeMe(deps: Deps, principal: Principal, knownOrg?: PrincipalOrg) {
  const org = knownOrg ?? (await getOrgSummary(deps.db, principal.orgId));
  return {
    id: principal.userId,
    username: principal.username,
    displayName: principal.displayName,
    orgId: principal.orgId,
    orgName: org?.name ?? '',
    orgLevel: org?.level ?? 'grassroots',
    roles: principal.roles,
    permissions: [...permissionsOf(principal.roles)].sort(),
    mustChangePassword: principal.mustChangePassword,
    maxUploadMb: Math.floor(deps.config.maxUploadBytes / (1024 * 1024)),
  };
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
) {
  const { config } = deps;
  const user = await repo.findUserForLogin(deps.db, actor.principal.username);
  if (!user) throw CommonErrors.UNAUTHENTICATED();
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now)
    throw AuthErrors.AUTH_LOCKED({ minutes: Math.ceil((user.lockedUntil.getTime() - now) / 60000) });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    // A wrong current password counts as a failed sign-in: a session in other hands must not become a
    // way to guess the password without the lock-out. The lock also ends every session of the account
    // (this one included): whoever holds it signs in again once the lock has expired or another
    // administrator has unlocked it.
    const locked = await deps.db.transaction(async (tx) => {
      const state = await repo.registerFailure(tx, user.id, config.loginMaxFailures, config.loginLockMinutes);
      const locked = !!state.lockedUntil && state.lockedUntil.getTime() > now;
      if (locked) await repo.revokeOtherSessions(tx, user.id, null);
      await recordAudit(tx, actor, {
        action: locked ? 'auth.locked' : 'auth.password_change_failed',
        entity: 'user',
        entityId: user.id,
        orgId: user.orgId,
        after: { username: user.username, lockedUntil: locked ? state.lockedUntil : null },
      });
      return locked;
    });
    if (locked) throw AuthErrors.AUTH_LOCKED({ minutes: config.loginLockMinutes });
    throw AuthErrors.AUTH_WRONG_CURRENT_PASSWORD();
  }
  const weakness = passwordWeakness(input.newPassword);
  if (weakness) throw AuthErrors.AUTH_WEAK_PASSWORD({ reason: weakness });
  if (input.currentPassword === input.newPassword) throw AuthErrors.AUTH_PASSWORD_UNCHANGED();
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await repo.setPasswordHash(tx, user.id, hash, false);
    // Other devices must sign in again with the new password.
    await repo.revokeOtherSessions(tx, user.id, actor.principal.sessionId);
    await recordAudit(tx, actor, {
      action: 'auth.password_changed',
      entity: 'user',
      entityId: user.id,
      orgId: user.orgId,
    });
  });
}
