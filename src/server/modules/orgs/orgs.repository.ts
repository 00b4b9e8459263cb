import { and, asc, desc, eq, inArray, like, ne, or, sql } from 'drizzle-orm';
import { settings } from '../../common/settings.table';
import type { Executor } from '../../db/client';
import { users } from '../users/users.table';
import { type OrgRow, orgs } from './orgs.table';

export function findById(db: Executor, id: string): Promise<OrgRow | undefined> {
  return db
    .select()
    .from(orgs)
    .where(eq(orgs.id, id))
    .limit(1)
    .then((r) => r[0]);
}

/** Locks the row for the rest of the transaction (moves and deactivations must not interleave). */
export function findByIdForUpdate(db: Executor, id: string): Promise<OrgRow | undefined> {
  return db
    .select()
    .from(orgs)
    .where(eq(orgs.id, id))
    .for('no key update')
    .then((r) => r[0]);
}

export function listSubtree(db: Executor, pathPrefix: string, includeInactive: boolean): Promise<OrgRow[]> {
  const where = includeInactive
    ? like(orgs.path, `${pathPrefix}%`)
    : and(like(orgs.path, `${pathPrefix}%`), eq(orgs.active, true));
  return db.select().from(orgs).where(where).orderBy(asc(orgs.depth), asc(orgs.name));
}

/**
 * Per region code, the highest unit carrying it among the subtree under `pathPrefix` and the units
 * `aboveIds` (active units first, then the shallowest, then by name), optionally only for `codes`.
 */
export function topUnitPerRegion(
  db: Executor,
  f: { pathPrefix: string; aboveIds: string[]; codes?: string[] },
) {
  const visible = f.aboveIds.length
    ? or(like(orgs.path, `${f.pathPrefix}%`), inArray(orgs.id, f.aboveIds))
    : like(orgs.path, `${f.pathPrefix}%`);
  return db
    .selectDistinctOn([orgs.regionCode], { regionCode: orgs.regionCode, name: orgs.name, level: orgs.level })
    .from(orgs)
    .where(f.codes ? and(visible, inArray(orgs.regionCode, f.codes)) : visible)
    .orderBy(asc(orgs.regionCode), desc(orgs.active), asc(orgs.depth), asc(orgs.name));
}

/** Every unit's names and USCC, federation-wide: what a text naming a unit may match. */
export function listUnitKeys(db: Executor) {
  return db.select({ name: orgs.name, employerName: orgs.employerName, uscc: orgs.uscc }).from(orgs);
}

export function findByUscc(db: Executor, uscc: string, exceptId?: string) {
  const where = exceptId ? and(eq(orgs.uscc, uscc), ne(orgs.id, exceptId)) : eq(orgs.uscc, uscc);
  return db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(where)
    .limit(1)
    .then((r) => r[0]);
}

export async function insert(
  db: Executor,
  values: typeof orgs.$inferInsert & { id: string },
): Promise<OrgRow> {
  const [row] = await db.insert(orgs).values(values).returning();
  return row!;
}

export async function update(
  db: Executor,
  id: string,
  values: Partial<typeof orgs.$inferInsert>,
): Promise<OrgRow> {
  const [row] = await db
    .update(orgs)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(orgs.id, id))
    .returning();
  return row!;
}

/** Re-roots a whole subtree in one statement: every path under `oldPath` now starts with `newPath`. */
export function rewriteSubtreePaths(db: Executor, oldPath: string, newPath: string, depthDelta: number) {
  return db
    .update(orgs)
    .set({
      path: sql`${newPath} || substr(${orgs.path}, ${oldPath.length + 1})`,
      depth: sql`${orgs.depth} + ${depthDelta}`,
      updatedAt: new Date(),
    })
    .where(like(orgs.path, `${oldPath}%`));
}

export async function countActiveChildren(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgs)
    .where(and(eq(orgs.parentId, id), eq(orgs.active, true)));
  return row?.n ?? 0;
}

export async function countActiveUsers(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.orgId, id), eq(users.active, true)));
  return row?.n ?? 0;
}

export async function detailCounts(db: Executor, id: string) {
  const [row] = await db
    .select({
      childCount: sql<number>`(select count(*)::int from ${orgs} where ${orgs.parentId} = ${id})`,
      userCount: sql<number>`(select count(*)::int from ${users} where ${users.orgId} = ${id})`,
    })
    .from(sql`(select 1) as one`);
  return row ?? { childCount: 0, userCount: 0 };
}

const TREE_VERSION_KEY = 'orgs.version';

/** Every change to the tree bumps this counter in the same transaction; caches compare against it. */
export async function bumpTreeVersion(tx: Executor) {
  await tx
    .insert(settings)
    .values({ key: TREE_VERSION_KEY, value: 1 })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`to_jsonb((${settings.value} #>> '{}')::bigint + 1)`, updatedAt: new Date() },
    });
}

export async function readTreeVersion(db: Executor): Promise<number> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, TREE_VERSION_KEY));
  return Number(row?.value ?? 0);
}
