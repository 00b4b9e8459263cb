import type { Actor } from '../../common/context';
import { businessDate } from '../../common/dates';
import { formatYuan } from '../../common/money';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { getHouseholdForAid } from '../households/households.usecases';
import { LEVEL_LABELS } from '../orgs/orgs.usecases';
import { getProgramVisible, reserveBudget } from '../programs/programs.usecases';
import { assessEligibility } from './applications.eligibility';
import { ApplicationErrors } from './applications.errors';
import * as repo from './applications.repository';
import type { ApplicationStatus, ChainStep, DecisionAction } from './applications.table';
import { APPLICATION_STATUS_LABELS, actorName, getInScope, loadDetail } from './applications.usecases';

/**
 * Review along the program's chain. Only reviewers whose own unit is the current step's unit decide;
 * nobody decides on an application they entered or submitted, nor at two levels of one round. The
 * final approval promises the money: it takes the amount from the program's fund balances in the
 * same transaction (see reserveBudget), so approvals can never outrun what was earmarked.
 */

const ACTIONS = {
  approve: { zh: '审核通过', en: 'approve' },
  return: { zh: '退回补充', en: 'return' },
  reject: { zh: '不予通过', en: 'reject' },
} as const;
type ReviewAction = keyof typeof ACTIONS;

async function lockAndCheck(tx: Executor, actor: Actor, id: string, action: ReviewAction) {
  // Row lock first, then every other lock (household, balances, audit): one order for all decisions.
  await repo.lockById(tx, id);
  const view = await getInScope(tx, actor.principal, id);
  const a = view.application;
  if (a.status !== 'pending')
    throw ApplicationErrors.APPLICATION_WRONG_STATE({
      status: APPLICATION_STATUS_LABELS[a.status],
      statusEn: a.status,
      action: ACTIONS[action].zh,
      actionEn: ACTIONS[action].en,
    });
  const step = a.chain[a.step]!;
  if (actor.principal.orgId !== step.orgId)
    throw ApplicationErrors.APPLICATION_WRONG_LEVEL({
      level: LEVEL_LABELS[step.level],
      levelEn: step.level,
      unit: step.orgName,
    });
  const me = actor.principal.userId;
  if (a.createdBy === me || a.submittedBy === me) throw ApplicationErrors.APPLICATION_OWN_ENTRY();
  const decisions = await repo.listDecisions(tx, id);
  const earlier = decisions.find((d) => d.round === a.round && d.level && d.actorId === me);
  if (earlier)
    throw ApplicationErrors.APPLICATION_ALREADY_DECIDED({
      level: LEVEL_LABELS[earlier.level!],
      levelEn: earlier.level!,
    });
  return { view, step };
}

/** Writes a decision: the application row, the decision with its snapshot, and the audit entry (last). */
async function write(
  tx: Executor,
  actor: Actor,
  view: repo.ApplicationView,
  step: ChainStep,
  change: {
    action: DecisionAction;
    to: ApplicationStatus;
    amountFen: number | null;
    comment: string | null;
    snapshot: unknown;
    values: Parameters<typeof repo.update>[2];
  },
) {
  const a = view.application;
  await repo.update(tx, a.id, change.values);
  await repo.insertDecision(tx, {
    applicationId: a.id,
    round: a.round,
    step: a.step,
    level: step.level,
    action: change.action,
    amountFen: change.amountFen,
    comment: change.comment,
    snapshot: change.snapshot,
    actorId: actor.principal.userId,
    actorName: actorName(actor),
    actorOrgId: actor.principal.orgId,
  });
  await recordAudit(tx, actor, {
    action: `application.${change.action}`,
    entity: 'application',
    entityId: a.id,
    orgId: a.orgId,
    before: { status: a.status, step: a.step, proposedFen: a.proposedFen },
    after: { status: change.to, level: step.level, amountFen: change.amountFen, comment: change.comment },
  });
}

async function record(...args: Parameters<typeof write>) {
  await write(...args);
  return loadDetail(args[0], args[2].application.id);
}

export async function approveApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: { amountFen?: number; comment?: string | null },
) {
  await db.transaction(async (tx) => {
    const { view, step } = await lockAndCheck(tx, actor, id, 'approve');
    const a = view.application;
    const previous = a.proposedFen ?? a.requestedFen;
    const amount = input.amountFen ?? previous;
    if (amount > previous)
      throw ApplicationErrors.APPLICATION_AMOUNT_RAISED({
        amount: formatYuan(amount),
        previous: formatYuan(previous),
      });
    const final = a.step === a.chain.length - 1;
    // The yearly cap is shared by the household's applications: their final approvals take turns.
    if (final) await repo.lockHouseholdAid(tx, a.householdId);
    const program = await getProgramVisible(tx, actor.principal, a.programId);
    const household = await getHouseholdForAid(tx, actor.principal, a.householdId);
    const eligibility = await assessEligibility(tx, {
      program: program.program,
      programOrgPath: program.orgPath,
      household,
      amountFen: amount,
      documents: a.documents,
      studentMemberId: a.studentMemberId,
      schoolLevel: a.schoolLevel,
      today: businessDate(),
      exceptId: a.id,
      stage: 'review',
    });
    if (!eligibility.eligible) {
      const failed = eligibility.checks.filter((c) => !c.ok);
      if (failed.length === 1 && failed[0]!.key === 'amount' && eligibility.limitFen !== null)
        throw ApplicationErrors.APPLICATION_OVER_CAP(
          {
            amount: formatYuan(amount),
            limit: formatYuan(eligibility.limitFen),
            explanation: eligibility.explanation,
          },
          { limitFen: eligibility.limitFen, checks: eligibility.checks },
        );
      throw ApplicationErrors.APPLICATION_NOT_ELIGIBLE(
        { explanation: eligibility.explanation },
        { checks: eligibility.checks, limitFen: eligibility.limitFen },
      );
    }
    const snapshot = {
      requestedFen: a.requestedFen,
      previousFen: previous,
      amountFen: amount,
      household: { category: household.category, householdSize: household.householdSize },
      eligibility,
    };
    if (!final) {
      const next = a.chain[a.step + 1]!;
      return write(tx, actor, view, step, {
        action: 'approved',
        to: 'pending',
        amountFen: amount,
        comment: input.comment ?? null,
        snapshot,
        values: { step: a.step + 1, currentOrgId: next.orgId, proposedFen: amount },
      });
    }
    const fundings = await reserveBudget(tx, { id: a.programId, name: view.programName }, amount);
    await repo.insertFundings(tx, a.id, a.programId, fundings);
    return write(tx, actor, view, step, {
      action: 'approved',
      to: 'approved',
      amountFen: amount,
      comment: input.comment ?? null,
      snapshot: { ...snapshot, fundings },
      values: {
        status: 'approved',
        currentOrgId: null,
        proposedFen: amount,
        approvedFen: amount,
        decidedAt: new Date(),
      },
    });
  });
  // Read back after commit: the program's balance rows (the queue of every approval of the program)
  // are not held while the reply is assembled.
  return loadDetail(db, id);
}

async function decideAgainst(db: Db, actor: Actor, id: string, reason: string, action: 'return' | 'reject') {
  return db.transaction(async (tx) => {
    const { view, step } = await lockAndCheck(tx, actor, id, action);
    const a = view.application;
    const to: ApplicationStatus = action === 'return' ? 'returned' : 'rejected';
    return record(tx, actor, view, step, {
      action: to,
      to,
      amountFen: null,
      comment: reason,
      snapshot: { requestedFen: a.requestedFen, proposedFen: a.proposedFen, eligibility: a.eligibility },
      values: { status: to, currentOrgId: null, ...(to === 'rejected' ? { decidedAt: new Date() } : {}) },
    });
  });
}

export const returnApplication = (db: Db, actor: Actor, id: string, reason: string) =>
  decideAgainst(db, actor, id, reason, 'return');
export const rejectApplication = (db: Db, actor: Actor, id: string, reason: string) =>
  decideAgainst(db, actor, id, reason, 'reject');
