import type { Actor } from '../../common/context';
import { can, ROLES, type Role } from '../../common/permissions';
import type { Db } from '../../db/client';
import { listAudit } from '../audit/audit.usecases';
import { ORG_LEVELS, type OrgLevel } from '../orgs/orgs.table';
import * as repo from './dashboard.repository';

/** The home page's figures for the caller's subtree. Later modules add their own sections. */
export async function dashboardSummary(db: Db, actor: Actor) {
  const prefix = actor.principal.orgPath;
  const [levels, roles, totals, audit] = await Promise.all([
    repo.orgCountsByLevel(db, prefix),
    repo.userCountsByRole(db, prefix),
    repo.userTotals(db, prefix),
    can(actor.principal.roles, 'audit.read') ? listAudit(db, actor, { page: 1, pageSize: 10 }) : null,
  ]);
  const orgCounts = Object.fromEntries(ORG_LEVELS.map((l) => [l, 0])) as Record<OrgLevel, number>;
  let memberTotal = 0;
  for (const row of levels) {
    orgCounts[row.level] = row.count;
    memberTotal += row.members;
  }
  const roleCounts = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const row of roles) roleCounts[row.role as Role] = row.count;
  return {
    orgCounts,
    userCount: totals.total,
    activeUserCount: totals.active,
    roleCounts,
    memberTotal,
    recentAudit: (audit?.items ?? []).map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorName: row.actorName,
      orgName: row.orgName,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
    })),
  };
}
