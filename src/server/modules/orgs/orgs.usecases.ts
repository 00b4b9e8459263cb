import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor, Principal } from '../../common/context';
import { regionCovers } from '../../common/identifiers';
import { inScope } from '../../common/scope';
import { isUniqueViolation } from '../../common/sql';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { OrgErrors } from './orgs.errors';
import * as repo from './orgs.repository';
import type { CreateOrgInput, OrgNode, UpdateOrgInput } from './orgs.schemas';
import type { OrgLevel, OrgRow } from './orgs.table';
import { type CachedTree, TreeCache } from './orgs.tree-cache';

export const LEVEL_RANK: Record<OrgLevel, number> = { city: 0, district: 1, township: 2, grassroots: 3 };
export const LEVEL_LABELS: Record<OrgLevel, string> = {
  city: '市总工会',
  district: '区县总工会',
  township: '乡镇（街道）工会',
  grassroots: '基层工会',
};

/** Creations take the tree lock shared, moves take it exclusively: a path is never built from a moving parent. */
const ORG_TREE_LOCK = 727_274_002;
const lockTreeShared = (tx: Executor) =>
  tx.execute(sql`select pg_advisory_xact_lock_shared(${ORG_TREE_LOCK})`);
const lockTreeExclusive = (tx: Executor) => tx.execute(sql`select pg_advisory_xact_lock(${ORG_TREE_LOCK})`);

export function toOrgDto(row: OrgRow) {
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    parentId: row.parentId,
    path: row.path,
    depth: row.depth,
    regionCode: row.regionCode,
    contactPerson: row.contactPerson,
    contactPhone: row.contactPhone,
    employerName: row.employerName,
    uscc: row.uscc,
    memberCount: row.memberCount,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a unit. */
function snapshot(row: OrgRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

/** A unit inside the caller's subtree, or 404 — never a hint that the id exists elsewhere. */
export async function getOrgInScope(db: Executor, principal: Principal, id: string, forUpdate = false) {
  const row = forUpdate ? await repo.findByIdForUpdate(db, id) : await repo.findById(db, id);
  if (!row || !inScope(principal, row.path)) throw OrgErrors.ORG_NOT_FOUND();
  return row;
}

/** For other modules: name and level of a unit, without scope (e.g. to name the unit holding a record). */
export async function getOrgSummary(db: Executor, id: string) {
  const row = await repo.findById(db, id);
  return row
    ? { id: row.id, name: row.name, level: row.level, path: row.path, active: row.active }
    : undefined;
}

/** A region code with the name the units carrying it give it (see `namedRegions`). */
export interface NamedRegion {
  regionCode: string;
  /** 「江东区」 from 「江东区总工会」: only a city or county federation names its region. */
  regionName: string | null;
  /** The unit the name comes from, as it is called. */
  orgName: string;
  orgLevel: OrgLevel;
}

/** The federation's suffix, so that 「江东区总工会」 names the region 「江东区」. */
const FEDERATION_SUFFIX = /(总工会|工会联合会|工会)$/;

/**
 * The region a city or county federation stands for, named after it; null for units below a county
 * (a township or an employer carries its county's code without being its county) and for names that
 * are nothing but the suffix (「市总工会」).
 */
export function regionNameOf(unit: { name: string; level: OrgLevel }): string | null {
  if (unit.level !== 'city' && unit.level !== 'district') return null;
  const stripped = unit.name.trim().replace(FEDERATION_SUFFIX, '').trim();
  return stripped.length >= 2 ? stripped : null;
}

/**
 * For other modules: the region codes carried by the units the caller knows — its own subtree and the
 * units above it (a township's staff know their county) — each named by the highest unit carrying it,
 * so 330102 is named by 江东区总工会, not by a township under it that carries the same code. There is
 * no table of region names: the org tree is where the names live. Only `codes` when given.
 */
export async function namedRegions(
  db: Executor,
  principal: Pick<Principal, 'orgPath'>,
  codes?: string[],
): Promise<NamedRegion[]> {
  if (codes && codes.length === 0) return [];
  const ids = principal.orgPath.split('/').filter(Boolean);
  const rows = await repo.topUnitPerRegion(db, {
    pathPrefix: principal.orgPath,
    aboveIds: ids.slice(0, -1),
    codes: codes && [...new Set(codes)],
  });
  return rows.map((row) => ({
    regionCode: row.regionCode,
    regionName: regionNameOf(row),
    orgName: row.name,
    orgLevel: row.level,
  }));
}

const treeCache = new TreeCache();

/**
 * The caller's visible tree (nested, or flat) as ready-to-send JSON bytes with an ETag. Served from
 * the cache while the tree version is unchanged: one tiny query instead of rebuilding ~1 MB.
 */
/**
 * The texts that name some unit of the federation (full name, employer name, USCC; trimmed, upper-cased):
 * an import tells "no such unit" from "a unit outside your scope". Unit names are not confidential (a
 * refused duplicate ID names the holding unit too); nothing else of those units is given.
 */
export async function federationUnitKeys(db: Executor): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const row of await repo.listUnitKeys(db))
    for (const key of [row.name, row.employerName, row.uscc]) if (key) keys.add(key.trim().toUpperCase());
  return keys;
}

export async function visibleTreeJson(
  db: Db,
  principal: Principal,
  options: { includeInactive: boolean; flat: boolean },
): Promise<CachedTree> {
  const key = `${principal.orgPath}|${options.includeInactive}|${options.flat}`;
  // Read the version before the rows: the rows are then at least that new, so a cached body is never stale.
  const version = await repo.readTreeVersion(db);
  const cached = treeCache.get(key, version);
  if (cached) return cached;
  const rows = await repo.listSubtree(db, principal.orgPath, options.includeInactive);
  const body = Buffer.from(JSON.stringify({ items: options.flat ? rows.map(toOrgDto) : buildTree(rows) }));
  const etag = `"t${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 12)}"`;
  const entry = { version, body, etag };
  treeCache.set(key, entry);
  return entry;
}

/** Rows come ordered by depth, so every parent is seen before its children. */
export function buildTree(rows: OrgRow[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  const roots: OrgNode[] = [];
  for (const row of rows) {
    const node: OrgNode = { ...toOrgDto(row), children: [] };
    nodes.set(row.id, node);
    const parent = row.parentId ? nodes.get(row.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export async function getOrgDetail(db: Db, principal: Principal, id: string) {
  const row = await getOrgInScope(db, principal, id);
  const [counts, parent] = await Promise.all([
    repo.detailCounts(db, id),
    row.parentId ? repo.findById(db, row.parentId) : Promise.resolve(undefined),
  ]);
  return {
    ...toOrgDto(row),
    parentName: parent?.name ?? null,
    childCount: counts.childCount,
    userCount: counts.userCount,
  };
}

function checkEmployerFields(
  level: OrgLevel,
  fields: { employerName?: string | null; uscc?: string | null; memberCount?: number | null },
) {
  if (level === 'grassroots') {
    if (!fields.employerName || !fields.uscc) throw OrgErrors.ORG_GRASSROOTS_FIELDS_REQUIRED();
  } else if (fields.employerName || fields.uscc || (fields.memberCount ?? null) !== null) {
    throw OrgErrors.ORG_EMPLOYER_FIELDS_ONLY_GRASSROOTS();
  }
}

async function checkUsccFree(db: Executor, uscc: string | null | undefined, exceptId?: string) {
  if (!uscc) return;
  const holder = await repo.findByUscc(db, uscc, exceptId);
  if (holder) throw OrgErrors.ORG_USCC_TAKEN({ uscc, name: holder.name });
}

/**
 * A region code someone sets must lie in their own unit's region (a city's admin: its counties; a
 * county's: the county). The code decides which 低保 standard applies to a unit's households, and a
 * unit's own code what standards its admins may set (policies.usecases.ts): without this, an admin
 * could re-code a unit to borrow another region's standard or to set one for a whole city.
 */
async function checkRegionInScope(tx: Executor, actor: Actor, code: string) {
  const own = await repo.findById(tx, actor.principal.orgId);
  if (!own || !regionCovers(own.regionCode, code))
    throw OrgErrors.ORG_REGION_OUT_OF_SCOPE({ code, own: own?.regionCode ?? '—' });
}

export async function createOrg(db: Db, actor: Actor, input: CreateOrgInput) {
  return usccRace(db, input.uscc, () => insertOrg(db, actor, input));
}

/**
 * Two requests with the same USCC may both pass `checkUsccFree`; the unique index stops the second,
 * which is answered like the first check would have answered it (409, naming the holder).
 */
async function usccRace<T>(db: Db, uscc: string | null | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (uscc && isUniqueViolation(error)) {
      const holder = await repo.findByUscc(db, uscc);
      if (holder) throw OrgErrors.ORG_USCC_TAKEN({ uscc, name: holder.name });
    }
    throw error;
  }
}

async function insertOrg(db: Db, actor: Actor, input: CreateOrgInput) {
  return db.transaction(async (tx) => {
    await lockTreeShared(tx);
    // Locked: a deactivation of the parent counting its active children waits for this one.
    const parent = await getOrgInScope(tx, actor.principal, input.parentId, true);
    if (!parent.active) throw OrgErrors.ORG_PARENT_INACTIVE();
    if (LEVEL_RANK[input.level] <= LEVEL_RANK[parent.level]) {
      throw OrgErrors.ORG_LEVEL_NOT_BELOW_PARENT({ parentLevel: LEVEL_LABELS[parent.level] });
    }
    checkEmployerFields(input.level, input);
    await checkRegionInScope(tx, actor, input.regionCode);
    await checkUsccFree(tx, input.uscc);
    const id = randomUUID();
    const row = await repo.insert(tx, {
      id,
      name: input.name,
      level: input.level,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      regionCode: input.regionCode,
      contactPerson: input.contactPerson ?? null,
      contactPhone: input.contactPhone ?? null,
      employerName: input.employerName ?? null,
      uscc: input.uscc ?? null,
      memberCount: input.memberCount ?? null,
    });
    await repo.bumpTreeVersion(tx);

    await recordAudit(tx, actor, {
      action: 'org.created',
      entity: 'org',
      entityId: id,
      orgId: id,
      after: snapshot(row),
    });
    return toOrgDto(row);
  });
}

export async function updateOrg(db: Db, actor: Actor, id: string, input: UpdateOrgInput) {
  return usccRace(db, input.uscc, () => writeOrgUpdate(db, actor, id, input));
}

async function writeOrgUpdate(db: Db, actor: Actor, id: string, input: UpdateOrgInput) {
  return db.transaction(async (tx) => {
    const before = await getOrgInScope(tx, actor.principal, id, true);
    const merged = {
      employerName: input.employerName === undefined ? before.employerName : input.employerName,
      uscc: input.uscc === undefined ? before.uscc : input.uscc,
      memberCount: input.memberCount === undefined ? before.memberCount : input.memberCount,
    };
    checkEmployerFields(before.level, merged);
    if (input.regionCode && input.regionCode !== before.regionCode) {
      if (before.id === actor.principal.orgId) throw OrgErrors.ORG_OWN_REGION();
      await checkRegionInScope(tx, actor, input.regionCode);
    }
    if (input.uscc && input.uscc !== before.uscc) await checkUsccFree(tx, input.uscc, id);
    const after = await repo.update(tx, id, input);
    await repo.bumpTreeVersion(tx);

    await recordAudit(tx, actor, {
      action: 'org.updated',
      entity: 'org',
      entityId: id,
      orgId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return toOrgDto(after);
  });
}

export async function moveOrg(db: Db, actor: Actor, id: string, newParentId: string) {
  return db.transaction(async (tx) => {
    await lockTreeExclusive(tx);
    const node = await getOrgInScope(tx, actor.principal, id, true);
    if (node.id === actor.principal.orgId || !node.parentId) throw OrgErrors.ORG_OWN_UNIT();
    const parent = await getOrgInScope(tx, actor.principal, newParentId, true);
    if (parent.path.startsWith(node.path)) throw OrgErrors.ORG_MOVE_CYCLE();
    if (!parent.active) throw OrgErrors.ORG_PARENT_INACTIVE();
    if (LEVEL_RANK[node.level] <= LEVEL_RANK[parent.level]) {
      throw OrgErrors.ORG_LEVEL_NOT_BELOW_PARENT({ parentLevel: LEVEL_LABELS[parent.level] });
    }
    // Descendants rank below the unit already, so checking the unit against its new parent suffices.
    if (parent.id === node.parentId) return toOrgDto(node);
    const newPath = `${parent.path}${node.id}/`;
    await repo.rewriteSubtreePaths(tx, node.path, newPath, parent.depth + 1 - node.depth);
    const after = await repo.update(tx, id, { parentId: parent.id });
    await repo.bumpTreeVersion(tx);

    await recordAudit(tx, actor, {
      action: 'org.moved',
      entity: 'org',
      entityId: id,
      orgId: id,
      before: { parentId: node.parentId, path: node.path },
      after: { parentId: after.parentId, path: after.path },
    });
    return toOrgDto(after);
  });
}

export async function setOrgActive(db: Db, actor: Actor, id: string, active: boolean) {
  return db.transaction(async (tx) => {
    const before = await getOrgInScope(tx, actor.principal, id, true);
    if (before.id === actor.principal.orgId) throw OrgErrors.ORG_OWN_UNIT();
    if (before.active === active) throw OrgErrors.ORG_ALREADY_IN_STATE({ state: active ? '启用' : '停用' });
    if (!active) {
      const children = await repo.countActiveChildren(tx, id);
      if (children > 0) throw OrgErrors.ORG_HAS_ACTIVE_CHILDREN({ count: children });
      const accounts = await repo.countActiveUsers(tx, id);
      if (accounts > 0) throw OrgErrors.ORG_HAS_ACTIVE_USERS({ count: accounts });
    } else if (before.parentId) {
      // Locked (child, then parent): the parent's deactivation cannot miss this activation.
      const parent = await repo.findByIdForUpdate(tx, before.parentId);
      if (parent && !parent.active) throw OrgErrors.ORG_PARENT_INACTIVE();
    }
    const after = await repo.update(tx, id, { active });
    await repo.bumpTreeVersion(tx);

    await recordAudit(tx, actor, {
      action: active ? 'org.activated' : 'org.deactivated',
      entity: 'org',
      entityId: id,
      orgId: id,
      before: { active: before.active },
      after: { active: after.active },
    });
    return toOrgDto(after);
  });
}

/** Creates the root unit on first start (no actor: the system does it). */
export async function createRootOrg(
  tx: Executor,
  input: { name: string; regionCode: string },
): Promise<OrgRow> {
  const id = randomUUID();
  const row = await repo.insert(tx, {
    id,
    name: input.name,
    level: 'city',
    parentId: null,
    path: `/${id}/`,
    depth: 0,
    regionCode: input.regionCode,
  });
  await repo.bumpTreeVersion(tx);

  await recordAudit(tx, null, {
    action: 'org.created',
    entity: 'org',
    entityId: id,
    orgId: id,
    after: snapshot(row),
  });
  return row;
}
