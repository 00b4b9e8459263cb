import type { Actor, Principal } from '../../common/context';
import { hashPassword, passwordWeakness } from '../../common/password';
import type { Role } from '../../common/permissions';
import { inScope } from '../../common/scope';
import { isUniqueViolation } from '../../common/sql';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { revokeOtherSessions } from '../auth/auth.repository';
import { getOrgInScope } from '../orgs/orgs.usecases';
import { UserErrors } from './users.errors';
import * as repo from './users.repository';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput } from './users.schemas';

type UserView = NonNullable<Awaited<ReturnType<typeof repo.findById>>>;

export function toUserDto(row: UserView, now = Date.now()) {
  const locked = !!row.lockedUntil && row.lockedUntil.getTime() > now;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    orgId: row.orgId,
    orgName: row.orgName,
    roles: row.roles,
    active: row.active,
    locked,
    lockedUntil: locked ? row.lockedUntil!.toISOString() : null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of an account (never the password hash). */
function snapshot(row: UserView) {
  return {
    username: row.username,
    displayName: row.displayName,
    orgId: row.orgId,
    roles: row.roles,
    active: row.active,
  };
}

async function getUserInScope(db: Executor, principal: Principal, id: string) {
  const row = await repo.findById(db, id);
  if (!row || !inScope(principal, row.orgPath)) throw UserErrors.USER_NOT_FOUND();
  return row;
}

export async function getUser(db: Db, principal: Principal, id: string) {
  return toUserDto(await getUserInScope(db, principal, id));
}

export async function listUsers(db: Db, principal: Principal, query: ListUsersQuery) {
  let pathPrefix = principal.orgPath;
  let orgId: string | undefined;
  if (query.orgId) {
    const org = await getOrgInScope(db, principal, query.orgId);
    if (query.includeSubtree) pathPrefix = org.path;
    else orgId = org.id;
  }
  const { items, total } = await repo.list(db, {
    pathPrefix,
    orgId,
    q: query.q,
    role: query.role,
    active: query.active,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const now = Date.now();
  return {
    items: items.map((row) => toUserDto(row, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function checkedPasswordHash(password: string) {
  const weakness = passwordWeakness(password);
  if (weakness) throw UserErrors.USER_WEAK_PASSWORD({ reason: weakness });
  return hashPassword(password);
}

export async function createUser(db: Db, actor: Actor, input: CreateUserInput) {
  const passwordHash = await checkedPasswordHash(input.password);
  try {
    return await db.transaction(async (tx) => {
      // Locked: a deactivation of the unit counting its active accounts waits for this one.
      const org = await getOrgInScope(tx, actor.principal, input.orgId, true);
      if (!org.active) throw UserErrors.USER_ORG_INACTIVE();
      if (await repo.findByUsername(tx, input.username))
        throw UserErrors.USER_USERNAME_TAKEN({ username: input.username });
      const id = await repo.insert(tx, {
        username: input.username,
        displayName: input.displayName,
        orgId: org.id,
        roles: dedupe(input.roles),
        passwordHash,
        // The creator knows this password: the user replaces it at first sign-in.
        mustChangePassword: true,
      });
      const created = (await repo.findById(tx, id))!;
      await recordAudit(tx, actor, {
        action: 'user.created',
        entity: 'user',
        entityId: id,
        orgId: org.id,
        after: snapshot(created),
      });
      return toUserDto(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw UserErrors.USER_USERNAME_TAKEN({ username: input.username });
    throw error;
  }
}

function dedupe(roles: Role[]): Role[] {
  return [...new Set(roles)];
}

export async function updateUser(db: Db, actor: Actor, id: string, input: UpdateUserInput) {
  return db.transaction(async (tx) => {
    const before = await getUserInScope(tx, actor.principal, id);
    const self = id === actor.principal.userId;
    if (self && (input.roles !== undefined || input.orgId !== undefined || input.active !== undefined)) {
      throw UserErrors.USER_SELF_CHANGE();
    }
    if (input.orgId && input.orgId !== before.orgId) {
      const org = await getOrgInScope(tx, actor.principal, input.orgId, true);
      if (!org.active) throw UserErrors.USER_ORG_INACTIVE();
    } else if (input.active && !before.active) {
      // Re-activated where they are: their unit must still be active, and stay so until this commits.
      const org = await getOrgInScope(tx, actor.principal, before.orgId, true);
      if (!org.active) throw UserErrors.USER_ORG_INACTIVE();
    }
    await repo.update(tx, id, {
      displayName: input.displayName,
      orgId: input.orgId,
      roles: input.roles ? dedupe(input.roles) : undefined,
      active: input.active,
    });
    if (input.active === false) await revokeOtherSessions(tx, id, null);
    const after = (await repo.findById(tx, id))!;
    await recordAudit(tx, actor, {
      action: 'user.updated',
      entity: 'user',
      entityId: id,
      orgId: after.orgId,
      before: snapshot(before),
      after: snapshot(after),
    });
    return toUserDto(after);
  });
}

export async function resetPassword(db: Db, actor: Actor, id: string, newPassword: string) {
  // A reset needs no current password: on one's own account it would let a borrowed session take the
  // account over (set a known password, end every other session). One's own goes through the change
  // of password, which asks for the current one and counts wrong ones towards the lock-out.
  if (id === actor.principal.userId) throw UserErrors.USER_SELF_RESET();
  const passwordHash = await checkedPasswordHash(newPassword);
  await db.transaction(async (tx) => {
    const user = await getUserInScope(tx, actor.principal, id);
    await repo.update(tx, id, { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() });
    await revokeOtherSessions(tx, id, null);
    await recordAudit(tx, actor, {
      action: 'user.password_reset',
      entity: 'user',
      entityId: id,
      orgId: user.orgId,
    });
  });
}

export async function unlockUser(db: Db, actor: Actor, id: string) {
  // Unlocking oneself would clear the count of wrong current passwords a borrowed session runs up.
  if (id === actor.principal.userId) throw UserErrors.USER_SELF_UNLOCK();
  return db.transaction(async (tx) => {
    const user = await getUserInScope(tx, actor.principal, id);
    await repo.update(tx, id, { lockedUntil: null, failedLogins: 0 });
    await recordAudit(tx, actor, {
      action: 'user.unlocked',
      entity: 'user',
      entityId: id,
      orgId: user.orgId,
      before: { lockedUntil: user.lockedUntil },
    });
    return toUserDto((await repo.findById(tx, id))!);
  });
}

/** First start: the `admin` account of the root unit (no actor: the system does it). */
export async function createInitialAdmin(
  tx: Executor,
  input: { orgId: string; password: string; mustChangePassword: boolean },
) {
  const id = await repo.insert(tx, {
    username: 'admin',
    displayName: '系统管理员',
    orgId: input.orgId,
    roles: ['admin'],
    passwordHash: await hashPassword(input.password),
    mustChangePassword: input.mustChangePassword,
  });
  await recordAudit(tx, null, {
    action: 'user.created',
    entity: 'user',
    entityId: id,
    orgId: input.orgId,
    after: { username: 'admin', roles: ['admin'] },
  });
  return id;
}

/** Rebuilds a user's principal (current roles and scope) for work done on their behalf, e.g. jobs. */
export async function principalOfUser(db: Executor, userId: string | null): Promise<Principal | null> {
  if (!userId) return null;
  const row = await repo.findById(db, userId);
  if (!row?.active) return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    orgId: row.orgId,
    orgPath: row.orgPath,
    roles: row.roles,
    sessionId: 'job',
    via: 'bearer',
    mustChangePassword: row.mustChangePassword,
  };
}
