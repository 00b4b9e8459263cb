import type { Config } from '../config';
import type { DatabaseKind, Db } from '../db/client';
import type { FileReadGrant } from '../modules/files/files.grants';
import type { FileStorage } from '../modules/files/files.storage';
import type { JobRunner } from '../modules/jobs/jobs.runner';
import type { Role } from './permissions';
import type { Vault } from './secrets';

/** Who is calling: resolved from the session cookie or bearer token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  /** The caller's data scope: every record whose org path starts with this. */
  orgPath: string;
  roles: Role[];
  sessionId: string;
  via: 'cookie' | 'bearer';
  mustChangePassword: boolean;
}

/** What a use case needs to know about the request besides its input. */
export interface Actor {
  principal: Principal;
  ip: string | null;
  requestId: string | null;
}

/** Long-lived dependencies shared by all modules. */
/** How a person is named in timelines and histories: 张三（zhangsan）. */
export const actorName = (actor: Actor) => `${actor.principal.displayName}（${actor.principal.username}）`;

/** Who took a step, as timeline and history rows record it (id, name as shown, unit). */
export const actedBy = (actor: Actor) => ({
  actorId: actor.principal.userId,
  actorName: actorName(actor),
  actorOrgId: actor.principal.orgId,
});

export interface Deps {
  db: Db;
  dbKind: DatabaseKind;
  config: Config;
  vault: Vault;
  storage: FileStorage;
  jobs: JobRunner;
  /** Other modules' grants to read a file outside the caller's scope (see `FileReadGrant`). */
  fileReadGrants: readonly FileReadGrant[];
}
