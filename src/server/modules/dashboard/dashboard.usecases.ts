import type { Actor } from '../../common/context';
import { can, ROLES, type Role } from '../../common/permissions';
import { listAudit } from '../audit/audit.usecases';
import { type HouseholdDeps, householdStats } from '../households/households.usecases';
import { ORG_LEVELS, type OrgLevel } from '../orgs/orgs.table';
import * as repo from './dashboard.repository';
import { ARCHIVE_CATEGORIES } from './dashboard.schemas';

/** 困难职工档案 by category: the archived households of the household list's statistics. */
async function archiveFigures(deps: HouseholdDeps, actor: Actor) {
  const stats = await householdStats(deps, actor.principal, { status: 'archived' });
  return {
    total: stats.total,
    byCategory: Object.fromEntries(ARCHIVE_CATEGORIES.map((c) => [c, stats.byCategory[c] ?? 0])) as Record<
      (typeof ARCHIVE_CATEGORIES)[number],
      number
    >,
    countCap: stats.countCap,
    capped: {
      total: stats.capped.total,
      byCategory: ARCHIVE_CATEGORIES.filter((c) => stats.capped.byCategory.includes(c)),
    },
  };
}

/** The home page's figures for the caller's subtree. Later modules add their own sections. */
export async function dashboardSummary(deps: HouseholdDeps, actor: Actor) {
  const { db } = deps;
  const { roles: callerRoles, orgPath: prefix } = actor.principal;
  // The accounts are for those who may read them (user.read), as the user list is.
  const readsUsers = can(callerRoles, 'user.read');
  const [levels, roles, totals, audit, archive] = await Promise.all([
    repo.orgCountsByLevel(db, prefix),
    readsUsers ? repo.userCountsByRole(db, prefix) : null,
    readsUsers ? repo.userTotals(db, prefix) : null,
    can(callerRoles, 'audit.read') ? listAudit(db, actor, { page: 1, pageSize: 10 }) : null,
    can(callerRoles, 'household.read') ? archiveFigures(deps, actor) : null,
  ]);
  const orgCounts = Object.fromEntries(ORG_LEVELS.map((l) => [l, 0])) as Record<OrgLevel, number>;
  let memberTotal = 0;
  for (const row of levels) {
    orgCounts[row.level] = row.count;
    memberTotal += row.members;
  }
  let roleCounts: Record<Role, number> | null = null;
  if (roles) {
    roleCounts = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
    for (const row of roles) roleCounts[row.role as Role] = row.count;
  }
  return {
    orgCounts,
    userCount: totals?.total ?? null,
    activeUserCount: totals?.active ?? null,
    roleCounts,
    memberTotal,
    recentAudit: (audit?.items ?? []).map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorId: row.actorId,
      actorName: row.actorName,
      orgName: row.orgName,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
    })),
    archive,
  };
}
