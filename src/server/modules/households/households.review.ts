import { explanationEn } from '../../../shared/category-explanation';
import { type Actor, actedBy } from '../../common/context';
import { addMonths, businessDate } from '../../common/dates';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { getOrgSummary } from '../orgs/orgs.usecases';
import type { Category } from './category';
import { HouseholdErrors } from './households.errors';
import * as repo from './households.repository';
import { pendingStep, reviewerConflict } from './households.review-rules';
import type { HouseholdRow, HouseholdStatus } from './households.table';
import {
  currentFigures,
  decide,
  decisionBasis,
  EDITABLE,
  getInScope,
  LEVEL_LABELS,
  LIVE_STATUSES,
  loadDetail,
  type ReviewLevel,
  STATUS_LABELS,
} from './households.usecases';

/** The review lifecycle: submission, the two review steps, return, rejection and withdrawal (作废). */

const ACTION_LABELS = {
  submit: { zh: '提交审核', en: 'submit' },
  withdraw: { zh: '作废', en: 'discard' },
  approve: { zh: '审核通过', en: 'approve' },
  return: { zh: '退回补充', en: 'return' },
  reject: { zh: '不予通过', en: 'reject' },
  recordIncome: { zh: '登记月收入', en: 'record monthly income for' },
  proposeExit: { zh: '提出脱困', en: 'propose the exit of' },
  decideExit: { zh: '审核脱困', en: 'decide the exit of' },
  relapse: { zh: '返困重新建档', en: 're-open' },
} as const;
export type Transition = keyof typeof ACTION_LABELS;

export function wrongState(status: HouseholdStatus, action: Transition) {
  return HouseholdErrors.HOUSEHOLD_WRONG_STATE({
    status: STATUS_LABELS[status],
    statusEn: status,
    action: ACTION_LABELS[action].zh,
    actionEn: ACTION_LABELS[action].en,
  });
}

/**
 * Who decides the step (pendingStep): only reviewers whose own unit is that unit may act; a reviewer
 * higher up the tree sees the household but is at the wrong level.
 */
function reviewStep(found: repo.HouseholdWithEmployer): { level: ReviewLevel; unitId: string } | null {
  const step = pendingStep(found.household, found.employerParentId);
  return step?.kind === 'review' && step.unitId ? { level: step.level, unitId: step.unitId } : null;
}

async function checkReviewer(
  tx: Executor,
  actor: Actor,
  found: repo.HouseholdWithEmployer,
  action: Transition,
): Promise<ReviewLevel> {
  const h = found.household;
  const step = reviewStep(found);
  if (!step) throw wrongState(h.status, action);
  if (actor.principal.orgId !== step.unitId) {
    const unit = await getOrgSummary(tx, step.unitId);
    throw HouseholdErrors.HOUSEHOLD_WRONG_LEVEL({
      level: LEVEL_LABELS[step.level].zh,
      levelEn: LEVEL_LABELS[step.level].en,
      unit: unit?.name ?? '',
    });
  }
  const events = await repo.listEvents(tx, h.id);
  const conflict = reviewerConflict(h.createdBy, events, actor.principal.userId);
  if (conflict?.kind === 'own_entry') throw HouseholdErrors.HOUSEHOLD_OWN_ENTRY();
  if (conflict?.kind === 'already_decided') {
    throw HouseholdErrors.HOUSEHOLD_ALREADY_DECIDED({
      level: LEVEL_LABELS[conflict.level].zh,
      levelEn: LEVEL_LABELS[conflict.level].en,
    });
  }
  return step.level;
}

async function requireEligible(
  tx: Executor,
  actor: Actor,
  found: repo.HouseholdWithEmployer,
  trigger: 'submit' | 'review',
) {
  const h = found.household;
  const decision = await decide(tx, actor, h, found.employerRegionCode, await currentFigures(tx, h), trigger);
  if (!decision)
    throw HouseholdErrors.HOUSEHOLD_NO_POLICY({ regionCode: found.employerRegionCode, date: businessDate() });
  if (decision.category === 'none')
    throw HouseholdErrors.HOUSEHOLD_NOT_ELIGIBLE({
      explanation: decision.explanation,
      explanationEn: await explanationInEnglish(tx, decision.decisionId),
    });
  return decision;
}

/**
 * The English sentence of a stored decision, from its figures (shared/category-explanation.ts), for
 * the English variant of an error that quotes its Chinese one. Read back only on that error's path.
 */
export async function explanationInEnglish(tx: Executor, decisionId: string): Promise<string> {
  const view = await repo.findDecision(tx, decisionId);
  if (!view) throw new Error(`decision ${decisionId} was just recorded and cannot be read`);
  return explanationEn({ ...view.decision, ...decisionBasis(view.decision.inputs) });
}

export async function applyTransition(
  tx: Executor,
  actor: Actor,
  found: repo.HouseholdWithEmployer,
  change: {
    action: string;
    to: HouseholdStatus;
    level?: ReviewLevel;
    comment?: string | null;
    decision?: { decisionId: string; category: Category };
    extra?: Partial<HouseholdRow>;
  },
) {
  const h = found.household;
  await repo.update(tx, h.id, {
    status: change.to,
    ...(change.decision
      ? { category: change.decision.category, decisionId: change.decision.decisionId }
      : {}),
    ...change.extra,
  });
  // Leaving the live set frees the ID numbers for another archive.
  if (!LIVE_STATUSES.includes(change.to)) await repo.releaseClaims(tx, h.id);
  await repo.insertEvent(tx, {
    householdId: h.id,
    ...actedBy(actor),
    action: change.action,
    fromStatus: h.status,
    toStatus: change.to,
    level: change.level ?? null,
    comment: change.comment ?? null,
    decisionId: change.decision?.decisionId ?? null,
  });
  await recordAudit(tx, actor, {
    action: `household.${change.action}`,
    entity: 'household',
    entityId: h.id,
    orgId: h.employerOrgId,
    before: { status: h.status, category: h.category },
    after: {
      status: change.to,
      category: change.decision?.category ?? h.category,
      level: change.level ?? null,
      comment: change.comment ?? null,
      ...change.extra,
    },
  });
  return loadDetail(tx, h.id);
}

export async function submitHousehold(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    if (!EDITABLE.includes(found.household.status)) throw wrongState(found.household.status, 'submit');
    if (found.household.causes.length === 0) throw HouseholdErrors.HOUSEHOLD_CAUSE_REQUIRED();
    const decision = await requireEligible(tx, actor, found, 'submit');
    return applyTransition(tx, actor, found, { action: 'submitted', to: 'submitted', decision });
  });
}

/**
 * Where a round that ends without an archive leaves the household: a 返困 re-opening returns to 已脱困 (its
 * people released as at the exit), so that it may relapse again later; a first application ends
 * `ended`. A re-opening is recognised by its exit date: only the confirmation of an exit sets it, 返困
 * keeps it, and archiving (again) clears it — so it is set on a round exactly when that round re-opens an
 * exited archive.
 */
function endOfRound(h: HouseholdRow, ended: 'withdrawn' | 'rejected'): HouseholdStatus {
  return h.exitedOn ? 'exited' : ended;
}

export async function withdrawHousehold(db: Db, actor: Actor, id: string, reason?: string | null) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    if (!EDITABLE.includes(found.household.status)) throw wrongState(found.household.status, 'withdraw');
    return applyTransition(tx, actor, found, {
      action: 'withdrawn',
      to: endOfRound(found.household, 'withdrawn'),
      comment: reason,
    });
  });
}

/** The first approval moves the household to the township step; the second archives it. */
export async function approveHousehold(db: Db, actor: Actor, id: string, comment?: string | null) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    const level = await checkReviewer(tx, actor, found, 'approve');
    const decision = await requireEligible(tx, actor, found, 'review');
    if (level === 'grassroots')
      return applyTransition(tx, actor, found, {
        action: 'approved',
        to: 'grassroots_approved',
        level,
        comment,
        decision,
      });
    const today = businessDate();
    return applyTransition(tx, actor, found, {
      action: 'approved',
      to: 'archived',
      level,
      comment,
      decision,
      extra: {
        archivedOn: today,
        reviewDueOn: addMonths(today, decision.policy.reviewIntervalMonths),
        exitedOn: null,
      },
    });
  });
}

export async function returnHousehold(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    const level = await checkReviewer(tx, actor, found, 'return');
    return applyTransition(tx, actor, found, { action: 'returned', to: 'returned', level, comment: reason });
  });
}

export async function rejectHousehold(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    const level = await checkReviewer(tx, actor, found, 'reject');
    return applyTransition(tx, actor, found, {
      action: 'rejected',
      to: endOfRound(found.household, 'rejected'),
      level,
      comment: reason,
    });
  });
}
