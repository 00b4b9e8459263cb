import type { Actor, Principal } from '../../common/context';
import { businessDate, type IsoDate } from '../../common/dates';
import { regionCovers } from '../../common/identifiers';
import { can } from '../../common/permissions';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import type { OrgLevel } from '../orgs/orgs.table';
import { getOrgInScope, namedRegions } from '../orgs/orgs.usecases';
import { PolicyErrors } from './policies.errors';
import * as repo from './policies.repository';
import type { CreatePolicyInput, ListPoliciesQuery } from './policies.schemas';
import type { PolicyRow } from './policies.table';

export type Policy = PolicyRow;

const BP = 10_000;

export function toPolicyDto(row: PolicyRow) {
  return {
    id: row.id,
    regionCode: row.regionCode,
    effectiveFrom: row.effectiveFrom,
    dibaoFen: row.dibaoFen,
    relativeMultiplier: row.relativeMultiplierBp / BP,
    relativeMultiplierBp: row.relativeMultiplierBp,
    suddenExpenditureRatio: row.suddenRatioBp / BP,
    suddenRatioBp: row.suddenRatioBp,
    reviewIntervalMonths: row.reviewIntervalMonths,
    exitMonths: row.exitMonths,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The region itself, then its city (`xxxx00`), then its province (`xx0000`), without repeats. */
export function regionFallbacks(regionCode: string): string[] {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  return [...new Set(chain)];
}

/**
 * The policy version in force for a region on a business date, or undefined. The most specific region
 * with a version effective on or before the date wins; within it, the latest effective date.
 */
export function policyInForce(db: Executor, regionCode: string, date: IsoDate): Promise<Policy | undefined> {
  return repo.findInForce(db, regionFallbacks(regionCode), date);
}

/** For other modules: a version by id (decisions keep the id of the version they used). */
export function getPolicyVersion(db: Executor, id: string): Promise<Policy | undefined> {
  return repo.findById(db, id);
}

export async function getPolicy(db: Db, id: string) {
  const row = await repo.findById(db, id);
  if (!row) throw PolicyErrors.POLICY_NOT_FOUND();
  return toPolicyDto(row);
}

export async function getPolicyInForce(db: Db, principal: Principal, regionCode: string, date?: IsoDate) {
  const on = date ?? businessDate();
  const row = await policyInForce(db, regionCode, on);
  if (!row) throw PolicyErrors.POLICY_NOT_IN_FORCE({ regionCode, date: on });
  return {
    ...toPolicyDto(row),
    requestedRegionCode: regionCode,
    date: on,
    regionName: await regionNameFor(db, principal, row.regionCode),
  };
}

/** For other modules: a region code's name among the units the caller knows (orgs `namedRegions`), or null. */
export async function regionNameFor(
  db: Executor,
  principal: Pick<Principal, 'orgPath'>,
  regionCode: string,
): Promise<string | null> {
  const [region] = await namedRegions(db, principal, [regionCode]);
  return region?.regionName ?? null;
}

/**
 * Policies are public figures: every reader sees every region's versions. Region codes are named only
 * from the units the caller knows (orgs `namedRegions`), so another city's codes stay bare codes.
 */
export async function listPolicies(db: Db, principal: Principal, query: ListPoliciesQuery) {
  const { items, total } = await repo.list(db, {
    regionPrefix: query.regionCode,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const regions = new Map(
    (await namedRegions(db, principal, [...new Set(items.map((i) => i.policy.regionCode))])).map((r) => [
      r.regionCode,
      r,
    ]),
  );
  const settable = await settableTest(db, principal);
  return {
    items: items.map(({ policy, createdByName, createdByOrgName }) => ({
      ...toPolicyDto(policy),
      createdByName,
      createdByOrgName,
      regionName: regions.get(policy.regionCode)?.regionName ?? null,
      regionOrgName: regions.get(policy.regionCode)?.orgName ?? null,
      settable: settable(policy.regionCode),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Who may set a policy, for which region: a city or county federation's admin, for its own region. One
 * rule for the form's choices (`listSettableRegions`), the list's 新增版本 (`settableTest`) and the
 * write (`createPolicyVersion`).
 */
async function settingUnit(db: Executor, principal: Principal) {
  const own = await getOrgInScope(db, principal, principal.orgId);
  if (!setsPolicies(own.level)) throw PolicyErrors.POLICY_LEVEL_NOT_ALLOWED({ unit: own.name });
  return own;
}

/**
 * Townships and grass-roots unions carry their county's code, but the county's standard is the county
 * federation's to keep: a unit below it would change it for every household of the county.
 */
const setsPolicies = (level: OrgLevel) => level !== 'township' && level !== 'grassroots';

/** Whether `principal` may add a version for a region code (the write's checks, without writing). */
async function settableTest(db: Executor, principal: Principal): Promise<(regionCode: string) => boolean> {
  if (!can(principal.roles, 'policy.write')) return () => false;
  const own = await getOrgInScope(db, principal, principal.orgId);
  if (!setsPolicies(own.level)) return () => false;
  return (regionCode) => regionCovers(own.regionCode, regionCode);
}

/**
 * The regions the form offers: every code carried by a unit of the caller's subtree that lies in the
 * caller's own region (a unit re-coded by a higher level may carry one outside it). A code no unit
 * carries yet can still be typed; the write checks it the same way.
 */
export async function listSettableRegions(db: Db, actor: Actor) {
  const own = await settingUnit(db, actor.principal);
  const regions = await namedRegions(db, actor.principal);
  return { items: regions.filter((r) => regionCovers(own.regionCode, r.regionCode)) };
}

/**
 * Adds a version. There is no update: a correction is a new version with its own effective date, so
 * decisions already taken keep the figures they were computed with.
 */
export async function createPolicyVersion(db: Db, actor: Actor, input: CreatePolicyInput) {
  return db.transaction(async (tx) => {
    const own = await settingUnit(tx, actor.principal);
    if (!regionCovers(own.regionCode, input.regionCode))
      throw PolicyErrors.POLICY_REGION_OUT_OF_SCOPE({ own: own.regionCode });
    const row = await repo.insert(tx, {
      regionCode: input.regionCode,
      effectiveFrom: input.effectiveFrom,
      dibaoFen: input.dibaoFen,
      relativeMultiplierBp: Math.round(input.relativeMultiplier * BP),
      suddenRatioBp: Math.round(input.suddenExpenditureRatio * BP),
      reviewIntervalMonths: input.reviewIntervalMonths,
      exitMonths: input.exitMonths,
      note: input.note ?? null,
      createdBy: actor.principal.userId,
    });
    if (!row)
      throw PolicyErrors.POLICY_VERSION_EXISTS({ regionCode: input.regionCode, date: input.effectiveFrom });
    const { createdAt: _c, ...after } = row;
    await recordAudit(tx, actor, {
      action: 'policy.created',
      entity: 'policy',
      entityId: row.id,
      orgId: own.id,
      after,
    });
    return toPolicyDto(row);
  });
}

/**
 * Demo figures for 临江市 (330100): call from the demo loader after the org tree exists. Idempotent: a
 * version that already exists is left alone.
 */
export async function loadDemoPolicies(deps: { db: Db }, actor: Actor) {
  const versions: CreatePolicyInput[] = [
    {
      regionCode: '330100',
      effectiveFrom: '2025-07-01',
      dibaoFen: 116_900,
      relativeMultiplier: 2,
      suddenExpenditureRatio: 0.8,
      reviewIntervalMonths: 12,
      exitMonths: 6,
      note: '示例：2025 年度低保标准 1169 元/人·月',
    },
    {
      regionCode: '330100',
      effectiveFrom: '2026-07-01',
      dibaoFen: 122_000,
      relativeMultiplier: 2,
      suddenExpenditureRatio: 0.8,
      reviewIntervalMonths: 12,
      exitMonths: 6,
      note: '示例：2026 年度低保标准 1220 元/人·月',
    },
  ];
  for (const version of versions) {
    if (await repo.findByRegionAndDate(deps.db, version.regionCode, version.effectiveFrom)) continue;
    await createPolicyVersion(deps.db, actor, version);
  }
}
