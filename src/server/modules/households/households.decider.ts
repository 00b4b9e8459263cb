import type { Principal } from '../../common/context';
import { can } from '../../common/permissions';
import type { Db, Executor } from '../../db/client';
import { getOrgSummary } from '../orgs/orgs.usecases';
import { regionNameFor } from '../policies/policies.usecases';
import * as repo from './households.repository';
import { exitConflict, pendingStep, reviewerConflict } from './households.review-rules';
import { getInScope, loadDetail } from './households.usecases';

type Blocked = 'not_reviewer' | 'wrong_unit' | 'own_entry' | 'already_decided';

/**
 * The decision `found` awaits and whether `principal` may make it, by the rules the review and exit use
 * cases enforce (checkReviewer, checkExitReviewer), in the same order; null when none awaits.
 */
export async function pendingDecision(db: Executor, principal: Principal, found: repo.HouseholdWithEmployer) {
  const h = found.household;
  const step = pendingStep(h, found.employerParentId);
  if (!step) return null;
  const unit = step.unitId ? await getOrgSummary(db, step.unitId) : undefined;
  let blocked: Blocked | null = null;
  if (!can(principal.roles, 'household.review')) blocked = 'not_reviewer';
  else if (!step.unitId || principal.orgId !== step.unitId) blocked = 'wrong_unit';
  else {
    const events = await repo.listEvents(db, h.id);
    const conflict =
      step.kind === 'exit'
        ? exitConflict(events, principal.userId)
        : reviewerConflict(h.createdBy, events, principal.userId);
    blocked = conflict?.kind ?? null;
  }
  return {
    step: step.kind === 'exit' ? ('exit' as const) : step.level,
    unitId: step.unitId,
    unitName: unit?.name ?? null,
    blocked,
  };
}

/**
 * The detail page's household: the archive, the caller's part in the decision it awaits, and the name of
 * the region whose policy the category decision applied (named for the caller, as the policy list does).
 */
export async function getHouseholdForCaller(db: Db, principal: Principal, id: string) {
  const found = await getInScope(db, principal, id);
  const detail = await loadDetail(db, id);
  return {
    ...detail,
    pendingDecision: await pendingDecision(db, principal, found),
    policyRegionName: detail.decision
      ? await regionNameFor(db, principal, detail.decision.policyRegionCode)
      : null,
  };
}
