import { type Actor, actedBy } from '../../common/context';
import { businessDate } from '../../common/dates';
import { groupCalls, groupedPer } from '../../common/group-calls';
import { formatYuan } from '../../common/money';
import { inScope } from '../../common/scope';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { HouseholdErrors } from '../households/households.errors';
import { type HouseholdForAid, STATUS_LABELS } from '../households/households.usecases';
import { LEVEL_LABELS } from '../orgs/orgs.usecases';
import { ProgramErrors } from '../programs/programs.errors';
import { writeApproval } from './applications.approval-writer';
import { judgeEligibility } from './applications.eligibility';
import { ApplicationErrors } from './applications.errors';
import * as repo from './applications.repository';
import type { ApplicationStatus, ChainStep, DecisionAction } from './applications.table';
import { APPLICATION_STATUS_LABELS, getInScope, loadDetail } from './applications.usecases';

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
    ...actedBy(actor),
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

/** A write that found the application (or the household's other applications) changed since the read is re-run. */
const MAX_ATTEMPTS = 5;

/**
 * An approval in two round trips and no open transaction: one statement reads everything the checks need
 * (readApprovalContext), the checks run here, and one statement writes the decision — the balances, the
 * fundings, the application, the decision with its snapshot and the audit entry — only if the application
 * (and, for a final approval, every application of the household, whose caps it checked) is still the
 * version that was checked; otherwise everything is read and checked again. The program's balances, the
 * rows every approval of the program queues for, are locked by that last statement only, until its commit.
 */
export async function approveApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: { amountFen?: number; comment?: string | null },
) {
  for (let attempt = 1; ; attempt++) {
    const detail = await tryApprove(db, actor, id, input);
    if (detail) return detail;
    if (attempt === MAX_ATTEMPTS) throw new Error(`application ${id} kept changing during its approval`);
  }
}

type ApplicationDetail = Awaited<ReturnType<typeof loadDetail>>;

const budgetExceeded = (name: string, remainingFen: number, amount: number) =>
  ProgramErrors.PROGRAM_BUDGET_EXCEEDED(
    { name, remaining: formatYuan(remainingFen), amount: formatYuan(amount) },
    { remainingFen, requestedFen: amount },
  );

/**
 * The detail as `loadDetail` would read it after the write, assembled from what the read saw and the
 * write returned (no further round trip while 200 reviewers wait for connections).
 */
function detailAfter(
  ctx: repo.ApprovalContext,
  change: Pick<
    ApplicationDetail,
    'status' | 'step' | 'currentOrgId' | 'proposedFen' | 'approvedFen' | 'decidedAt' | 'fundings'
  >,
  decision: repo.DecisionDto,
): ApplicationDetail {
  const a = ctx.app;
  return {
    id: a.id,
    programId: a.program_id,
    programName: ctx.programName,
    programType: ctx.program.type,
    programYear: ctx.program.year,
    householdId: a.household_id,
    householdName: ctx.household.name,
    orgId: a.org_id,
    orgName: ctx.orgName,
    status: change.status,
    round: a.round,
    step: change.step,
    chain: a.chain,
    currentOrgId: change.currentOrgId,
    requestedFen: a.requested_fen,
    proposedFen: change.proposedFen,
    approvedFen: change.approvedFen,
    reason: a.reason,
    documents: a.documents,
    studentMemberId: a.student_member_id,
    studentName: a.student_name,
    school: a.school,
    schoolLevel: a.school_level,
    eligibility: a.eligibility,
    createdBy: a.created_by,
    submittedAt: a.submitted_at,
    decidedAt: change.decidedAt,
    fundings: change.fundings,
    decisions: [...ctx.decisions, decision],
  };
}

/**
 * Reads the context of approvals that arrive together in one statement (see group-calls): two groups
 * at once (more made smaller groups and took CPU from the writer), the rest of the pool left to the
 * writer and everything else.
 */
const readApprovalContext = groupedPer((db: Db) =>
  groupCalls(
    (requests: { id: string; userId: string; today: string }[]) => repo.readApprovalContexts(db, requests),
    {
      max: 64,
      parallel: 2,
    },
  ),
);

async function tryApprove(
  db: Db,
  actor: Actor,
  id: string,
  input: { amountFen?: number; comment?: string | null },
): Promise<ApplicationDetail | null> {
  const me = actor.principal;
  const today = businessDate();
  const ctx = await readApprovalContext(db, { id, userId: me.userId, today });
  if (!ctx || !inScope(me, ctx.orgPath)) throw ApplicationErrors.APPLICATION_NOT_FOUND();
  const a = ctx.app;
  if (a.status !== 'pending')
    throw ApplicationErrors.APPLICATION_WRONG_STATE({
      status: APPLICATION_STATUS_LABELS[a.status],
      statusEn: a.status,
      action: ACTIONS.approve.zh,
      actionEn: ACTIONS.approve.en,
    });
  const step = a.chain[a.step]!;
  if (me.orgId !== step.orgId)
    throw ApplicationErrors.APPLICATION_WRONG_LEVEL({
      level: LEVEL_LABELS[step.level],
      levelEn: step.level,
      unit: step.orgName,
    });
  if (a.created_by === me.userId || a.submitted_by === me.userId)
    throw ApplicationErrors.APPLICATION_OWN_ENTRY();
  const earlier = ctx.myLevels[0];
  if (earlier)
    throw ApplicationErrors.APPLICATION_ALREADY_DECIDED({ level: LEVEL_LABELS[earlier], levelEn: earlier });
  const previous = a.proposed_fen ?? a.requested_fen;
  const amount = input.amountFen ?? previous;
  if (amount > previous)
    throw ApplicationErrors.APPLICATION_AMOUNT_RAISED({
      amount: formatYuan(amount),
      previous: formatYuan(previous),
    });
  const p = ctx.program;
  if (!(inScope(me, ctx.programOrgPath) || me.orgPath.startsWith(ctx.programOrgPath)))
    throw ProgramErrors.PROGRAM_NOT_FOUND();
  const h = ctx.household;
  if (!inScope(me, h.employer_path)) throw HouseholdErrors.HOUSEHOLD_NOT_FOUND();
  const household: HouseholdForAid = {
    id: h.id,
    name: h.name,
    status: h.status as HouseholdForAid['status'],
    archived: h.status === 'archived',
    statusLabel: STATUS_LABELS[h.status as HouseholdForAid['status']],
    category: h.category,
    decisionId: h.decision_id,
    householdSize: h.decision_size ?? ctx.members.length + 1,
    perCapitaMonthlyFen: h.per_capita_monthly_fen,
    employerOrgId: h.employer_org_id,
    employerName: h.employer_name,
    employerPath: h.employer_path,
    employerRegionCode: h.employer_region_code,
    createdBy: h.created_by,
    members: ctx.members as HouseholdForAid['members'],
  };
  const eligibility = judgeEligibility(
    {
      program: {
        id: p.id,
        name: p.name,
        type: p.type,
        year: p.year,
        categories: p.categories,
        capPerHouseholdFen: p.cap_per_household_fen,
        capPerYearFen: p.cap_per_year_fen,
        dibaoMonths: p.dibao_months,
        tuitionCaps: p.tuition_caps,
        requiredDocuments: p.required_documents,
        windowStart: p.window_start,
        windowEnd: p.window_end,
      },
      programOrgPath: ctx.programOrgPath,
      household,
      amountFen: amount,
      documents: a.documents,
      studentMemberId: a.student_member_id,
      school: a.school,
      schoolLevel: a.school_level,
      today,
      exceptId: a.id,
      stage: 'review',
    },
    { usedInProgramFen: ctx.usedInProgramFen, approvedInYearFen: ctx.approvedInYearFen, policy: ctx.policy },
  );
  if (!eligibility.eligible) {
    const failed = eligibility.checks.filter((c) => !c.ok);
    if (failed.length === 1 && failed[0]!.key === 'amount' && eligibility.limitFen !== null)
      throw ApplicationErrors.APPLICATION_OVER_CAP(
        {
          amount: formatYuan(amount),
          limit: formatYuan(eligibility.limitFen),
          explanation: eligibility.explanation,
          explanationEn: eligibility.explanationEn,
        },
        { limitFen: eligibility.limitFen, checks: eligibility.checks },
      );
    throw ApplicationErrors.APPLICATION_NOT_ELIGIBLE(
      { explanation: eligibility.explanation, explanationEn: eligibility.explanationEn },
      { checks: eligibility.checks, limitFen: eligibility.limitFen },
    );
  }
  const final = a.step === a.chain.length - 1;
  // Too little left as the read saw it (committed balances): refused without waiting for locks. Money
  // allocated meanwhile does not make this wrong — the approval simply came first.
  if (final && Number(ctx.programRemainingFen) < amount)
    throw budgetExceeded(ctx.programName, Number(ctx.programRemainingFen), amount);
  const comment = input.comment ?? null;
  const decision = {
    round: a.round,
    step: a.step,
    level: step.level,
    amountFen: amount,
    comment,
    snapshot: {
      requestedFen: a.requested_fen,
      previousFen: previous,
      amountFen: amount,
      household: { category: household.category, householdSize: household.householdSize },
      eligibility,
    },
    ...actedBy(actor),
  };
  const audit = {
    actor,
    entry: {
      action: 'application.approved',
      entity: 'application',
      entityId: a.id,
      orgId: a.org_id,
      before: { status: a.status, step: a.step, proposedFen: a.proposed_fen },
      after: { status: final ? 'approved' : 'pending', level: step.level, amountFen: amount, comment },
    },
  };
  const next = final ? null : a.chain[a.step + 1]!;
  const outcome = await writeApproval(db, {
    id: a.id,
    programId: a.program_id,
    householdId: a.household_id,
    version: ctx.version,
    householdApps: ctx.householdApps,
    nextOrgId: next?.orgId ?? null,
    decision,
    audit,
  });
  if (outcome.kind === 'stale') return null;
  if (outcome.kind === 'budget') throw budgetExceeded(ctx.programName, outcome.remainingFen, amount);
  const { fundings } = outcome;
  const change = {
    status: final ? ('approved' as const) : ('pending' as const),
    step: final ? a.step : a.step + 1,
    currentOrgId: next?.orgId ?? null,
    proposedFen: amount,
    approvedFen: final ? amount : a.approved_fen,
    decidedAt: final ? outcome.decidedAt : a.decided_at,
    fundings,
  };
  return detailAfter(ctx, change, {
    id: outcome.decision.id,
    round: a.round,
    step: a.step,
    level: step.level,
    action: 'approved',
    amountFen: amount,
    comment,
    snapshot: outcome.snapshot,
    actorName: decision.actorName,
    at: outcome.decision.at,
  });
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
