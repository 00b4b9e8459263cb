import {
  type AutoExitProposal,
  autoExitProposalText,
  autoExitWithdrawalText,
  type ExitWindowBasis,
  parseAutoExitProposal,
} from '../../../shared/exit-proposal';
import { systemActorName } from '../../../shared/timeline-text';
import { type Actor, actedBy, actorName, type Principal } from '../../common/context';
import { addMonths, businessDate, type IsoDate } from '../../common/dates';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { getOrgSummary } from '../orgs/orgs.usecases';
import { policyInForce } from '../policies/policies.usecases';
import { perCapitaFen } from './category';
import { HouseholdErrors } from './households.errors';
import * as repo from './households.repository';
import { applyTransition, wrongState } from './households.review';
import { exitConflict, pendingStep } from './households.review-rules';
import type { IncomeRecordInput } from './households.schemas';
import type { IncomeRecordRow } from './households.table';
import { claimAll, getInScope, LEVEL_LABELS, loadDetail } from './households.usecases';

/**
 * Dynamic management of archived households (动态管理): monthly income records, the exit (脱困) proposed
 * automatically after enough months above 低保 or on request and confirmed by a reviewer, and relapse
 * (返困) re-opening the same archive with its history.
 */

function toRecordDto(r: IncomeRecordRow) {
  return {
    month: r.month.slice(0, 7),
    incomeFen: r.incomeFen,
    rigidExpenditureFen: r.rigidExpenditureFen,
    householdSize: r.householdSize,
    perCapitaFen: r.perCapitaFen,
    dibaoFen: r.dibaoFen,
    aboveDibao: r.perCapitaFen > r.dibaoFen,
    note: r.note,
    recordedAt: r.recordedAt.toISOString(),
  };
}

async function recordsReply(db: Executor, id: string) {
  const h = (await repo.findById(db, id))!.household;
  const items = await repo.listIncomeRecords(db, id);
  const window = h.status === 'archived' ? await exitWindow(db, h, businessDate()) : null;
  return {
    items: items.map(toRecordDto),
    status: h.status,
    exitProposedOn: h.exitProposedOn,
    exitWindow: window && {
      after: window.after.slice(0, 7),
      before: window.before.slice(0, 7),
      basis: window.basis,
    },
  };
}

export async function listIncomeRecords(db: Db, principal: Principal, id: string) {
  await getInScope(db, principal, id);
  return recordsReply(db, id);
}

/** The first day of the month of a business date. */
const monthOf = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01`;

/**
 * Which months count towards an automatic exit: months strictly after `after` (the month of the latest
 * archiving or of the latest 不同意脱困) and strictly before `before` (the current business month, not yet
 * finished). Both are first days of months.
 */
export interface ExitWindow {
  after: IsoDate;
  before: IsoDate;
  /** What `after` is, for the explanation: 建档, 返困后重新建档 or 不同意脱困. */
  basis: ExitWindowBasis;
}

/**
 * The newest `months` records inside the window, when they are consecutive calendar months ending with
 * the newest one and every one of them is strictly above that month's 低保 (the exit rule of DOMAIN.md):
 * that run of months, newest first; otherwise null.
 */
export function exitRun(
  newestFirst: IncomeRecordRow[],
  months: number,
  window: Pick<ExitWindow, 'after' | 'before'>,
): IncomeRecordRow[] | null {
  const run = newestFirst.filter((r) => r.month > window.after && r.month < window.before).slice(0, months);
  const met =
    run.length === months &&
    run.every(
      (r, i) => r.perCapitaFen > r.dibaoFen && (i === 0 || addMonths(r.month, 1) === run[i - 1]!.month),
    );
  return met ? run : null;
}

/**
 * The months that may propose an exit: only those after the household entered the archive (again, after
 * 返困) — the months before were judged by that review — and after a reviewer last declined an exit, so
 * that re-recording the months the reviewer already saw does not propose it again.
 */
async function exitWindow(tx: Executor, h: repo.HouseholdWithEmployer['household'], today: IsoDate) {
  const events = await repo.listEvents(tx, h.id);
  // archived_on is set by every archiving; the timeline is the fallback for rows written without it.
  const archiving = events.findLast((e) => e.action === 'approved' && e.toStatus === 'archived');
  const archivedOn = h.archivedOn ?? (archiving ? businessDate(archiving.at) : today);
  const declined = events.findLast((e) => e.action === 'exit_declined');
  const declinedOn = declined ? businessDate(declined.at) : null;
  const window: ExitWindow =
    declinedOn && monthOf(declinedOn) >= monthOf(archivedOn)
      ? { after: monthOf(declinedOn), before: monthOf(today), basis: 'declined' }
      : {
          after: monthOf(archivedOn),
          before: monthOf(today),
          basis: events.some((e) => e.action === 'relapsed') ? 'rearchived' : 'archived',
        };
  return window;
}

export async function recordMonthlyIncome(db: Db, actor: Actor, id: string, input: IncomeRecordInput) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    const h = found.household;
    if (h.status !== 'archived') throw wrongState(h.status, 'recordIncome');
    const month = `${input.month}-01`;
    const today = businessDate();
    if (month > monthOf(today))
      throw HouseholdErrors.HOUSEHOLD_MONTH_IN_FUTURE({ month: input.month, current: today.slice(0, 7) });
    // The month is judged by the standard in force on its first day.
    const policy = await policyInForce(tx, found.employerRegionCode, month);
    if (!policy)
      throw HouseholdErrors.HOUSEHOLD_NO_POLICY({ regionCode: found.employerRegionCode, date: month });
    const latest = h.decisionId ? await repo.findDecision(tx, h.decisionId) : undefined;
    const householdSize = input.householdSize ?? latest?.decision.householdSize ?? 1;
    const before = await repo.findIncomeRecord(tx, id, month);
    await repo.upsertIncomeRecord(tx, {
      householdId: id,
      month,
      incomeFen: input.incomeFen,
      rigidExpenditureFen: input.rigidExpenditureFen,
      householdSize,
      perCapitaFen: perCapitaFen(input.incomeFen - input.rigidExpenditureFen, householdSize),
      policyId: policy.id,
      dibaoFen: policy.dibaoFen,
      note: input.note ?? null,
      recordedBy: actor.principal.userId,
    });
    const event = {
      householdId: id,
      ...actedBy(actor),
    };
    await repo.insertEvent(tx, {
      ...event,
      action: 'income_recorded',
      fromStatus: h.status,
      toStatus: h.status,
      comment: input.month,
    });
    const after = await repo.findIncomeRecord(tx, id, month);
    const withdrawal = await withdrawBrokenProposal(tx, actor, h);
    let proposal: string | null = null;
    if (!h.exitProposedOn || withdrawal) {
      const current = (await policyInForce(tx, found.employerRegionCode, today)) ?? policy;
      const window = await exitWindow(tx, h, today);
      const run = exitRun(await repo.listIncomeRecords(tx, id), current.exitMonths, window);
      if (run) {
        proposal = autoExitProposalText({
          months: current.exitMonths,
          from: run.at(-1)!.month.slice(0, 7),
          to: run[0]!.month.slice(0, 7),
          basis: window.basis,
          after: window.after.slice(0, 7),
        });
        await repo.update(tx, id, { exitProposedOn: today, exitProposalReason: proposal });
        await repo.insertEvent(tx, {
          ...event,
          // The system proposes; the timeline names it, and who recorded the month that triggered it.
          // The actor id stays that person's: they may not confirm the exit (checkExitReviewer).
          actorName: systemActorName({ person: actorName(actor), trigger: 'recorded' }),
          action: 'exit_proposed',
          fromStatus: h.status,
          toStatus: h.status,
          comment: proposal,
        });
      }
    }
    await recordAudit(tx, actor, {
      action: 'household.income_recorded',
      entity: 'household',
      entityId: id,
      orgId: h.employerOrgId,
      before: before ? toRecordDto(before) : null,
      after: { ...toRecordDto(after!), exitProposalWithdrawn: withdrawal, exitProposed: proposal },
    });
    return recordsReply(tx, id);
  });
}

/**
 * The months of the run an automatic proposal named that are no longer above 低保 (a correction), or
 * missing: empty while the run still holds.
 */
async function brokenMonths(tx: Executor, id: string, run: AutoExitProposal): Promise<string[]> {
  const records = new Map((await repo.listIncomeRecords(tx, id)).map((r) => [r.month.slice(0, 7), r]));
  const broken: string[] = [];
  for (let k = 0; k < run.months; k++) {
    const month = addMonths(`${run.from}-01`, k).slice(0, 7);
    const r = records.get(month);
    if (!r || r.perCapitaFen <= r.dibaoFen) broken.push(month);
  }
  return broken;
}

/**
 * The system withdraws the exit it proposed itself once the run of months it named no longer holds —
 * a month corrected to 低保 or below. A proposal on request or at an annual review is an officer's
 * judgement, not a count of months: it stays for the reviewer. Returns the withdrawal sentence, or null.
 */
async function withdrawBrokenProposal(
  tx: Executor,
  actor: Actor,
  h: repo.HouseholdWithEmployer['household'],
): Promise<string | null> {
  const run = h.exitProposedOn ? parseAutoExitProposal(h.exitProposalReason) : null;
  if (!run) return null;
  const broken = await brokenMonths(tx, h.id, run);
  if (broken.length === 0) return null;
  const reason = autoExitWithdrawalText({ months: run.months, from: run.from, to: run.to, broken });
  await repo.update(tx, h.id, { exitProposedOn: null, exitProposalReason: null });
  await repo.insertEvent(tx, {
    householdId: h.id,
    ...actedBy(actor),
    actorName: systemActorName({ person: actorName(actor), trigger: 'corrected' }),
    action: 'exit_proposal_withdrawn',
    fromStatus: h.status,
    toStatus: h.status,
    comment: reason,
  });
  await recordAudit(tx, actor, {
    action: 'household.exit_proposal_withdrawn',
    entity: 'household',
    entityId: h.id,
    orgId: h.employerOrgId,
    before: { exitProposedOn: h.exitProposedOn, reason: h.exitProposalReason },
    after: { exitProposedOn: null, reason },
  });
  return reason;
}

/** Exit on request (the household's own, or the officer's finding): awaits a reviewer like the automatic one. */
export async function proposeExit(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    const h = found.household;
    if (h.status !== 'archived' || h.exitProposedOn) throw wrongState(h.status, 'proposeExit');
    const today = businessDate();
    await repo.update(tx, id, { exitProposedOn: today, exitProposalReason: reason });
    await repo.insertEvent(tx, {
      householdId: id,
      ...actedBy(actor),
      action: 'exit_proposed',
      fromStatus: h.status,
      toStatus: h.status,
      comment: reason,
    });
    await recordAudit(tx, actor, {
      action: 'household.exit_proposed',
      entity: 'household',
      entityId: id,
      orgId: h.employerOrgId,
      after: { exitProposedOn: today, reason },
    });
    return loadDetail(tx, id);
  });
}

/**
 * An exit is decided where the archive was decided: by reviewers of the unit directly above the
 * employer's union; never by whoever proposed it (or recorded the month that triggered it).
 */
async function checkExitReviewer(tx: Executor, actor: Actor, found: repo.HouseholdWithEmployer) {
  const h = found.household;
  const step = pendingStep(h, found.employerParentId);
  if (step?.kind !== 'exit') throw wrongState(h.status, 'decideExit');
  const unitId = step.unitId;
  if (!unitId || actor.principal.orgId !== unitId) {
    const unit = unitId ? await getOrgSummary(tx, unitId) : undefined;
    throw HouseholdErrors.HOUSEHOLD_WRONG_LEVEL({
      level: LEVEL_LABELS.township.zh,
      levelEn: LEVEL_LABELS.township.en,
      unit: unit?.name ?? '',
    });
  }
  const events = await repo.listEvents(tx, h.id);
  if (exitConflict(events, actor.principal.userId)) throw HouseholdErrors.HOUSEHOLD_OWN_ENTRY();
}

export async function confirmExit(db: Db, actor: Actor, id: string, comment?: string | null) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    await checkExitReviewer(tx, actor, found);
    return applyTransition(tx, actor, found, {
      action: 'exited',
      to: 'exited',
      level: 'township',
      comment,
      extra: { exitedOn: businessDate(), exitProposedOn: null, exitProposalReason: null, reviewDueOn: null },
    });
  });
}

export async function declineExit(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    await checkExitReviewer(tx, actor, found);
    return applyTransition(tx, actor, found, {
      action: 'exit_declined',
      to: 'archived',
      level: 'township',
      comment: reason,
      extra: { exitProposedOn: null, exitProposalReason: null },
    });
  });
}

/**
 * 返困: the same archive re-opens as a draft with all its history; its people are claimed again (refused
 * if another live archive took one of them meanwhile). It goes through both reviews again.
 */
export async function relapseHousehold(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    const h = found.household;
    if (h.status !== 'exited') throw wrongState(h.status, 'relapse');
    const members = await repo.listMembers(tx, id);
    await claimAll(tx, id, h, members);
    return applyTransition(tx, actor, found, { action: 'relapsed', to: 'draft', comment: reason });
  });
}
