import type { Principal } from '../../common/context';
import type { Executor } from '../../db/client';

/** The record through which a grant opens a file: the download is audited under its unit. */
export interface FileGrantedBy {
  entity: string;
  entityId: string;
  /** The record's unit (a household's employer, an application's unit). */
  orgId: string;
}

/**
 * Another module's say on a file outside the caller's scope: whether the caller may read it as part of
 * a record of that module which the caller may read (a household's attachments, for whoever may read
 * the household), and which record that is, or null. Modules hand theirs to the runtime (`deps.ts`),
 * so that this module never reads their tables. A grant never opens a file private to another user.
 */
export type FileReadGrant = (
  db: Executor,
  principal: Principal,
  fileId: string,
) => Promise<FileGrantedBy | null>;
