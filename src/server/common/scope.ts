import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { orgs } from '../modules/orgs/orgs.table';
import type { Principal } from './context';

/**
 * Data scope: a caller sees only records of its own org unit's subtree. Org paths are `/id/id/…/`
 * built from UUIDs, so they never contain LIKE wildcards. Records keep only their `org_id`: a moved
 * subtree takes its records along without rewriting them.
 */
export function inScope(principal: Pick<Principal, 'orgPath'>, orgPath: string | null | undefined): boolean {
  return !!orgPath && orgPath.startsWith(principal.orgPath);
}

/** `org_path like '<caller path>%'` for the orgs table itself. */
export function pathInScope(principal: Pick<Principal, 'orgPath'>, pathColumn: AnyPgColumn = orgs.path): SQL {
  return sql`${pathColumn} like ${`${principal.orgPath}%`}`;
}

/** `org_id in (the caller's subtree)` for any table that references an org unit. */
export function scopeFilter(principal: Pick<Principal, 'orgPath'>, orgIdColumn: AnyPgColumn): SQL {
  return sql`${orgIdColumn} in (select ${orgs.id} from ${orgs} where ${pathInScope(principal)})`;
}
