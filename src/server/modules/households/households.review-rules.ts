import { parseAutoExitProposal } from '../../../shared/exit-proposal';
import type { HouseholdStatus } from './households.table';
import type { ReviewLevel } from './households.usecases';

/**
 * The decision a household waits for, as the review queue (`reviewerOrgId` in the list's filter) sees
 * it: submitted → the grass-roots union's review, passed there → the upper unit's (the township's, or
 * the district's for a union reporting straight to it), archived with an exit
 * proposed → the exit's confirmation (脱困); null when nothing waits.
 */
export function awaitedDecision(h: {
  status: HouseholdStatus;
  exitProposedOn: string | null;
}): 'grassroots_review' | 'upper_review' | 'exit_confirmation' | null {
  if (h.status === 'submitted') return 'grassroots_review';
  if (h.status === 'grassroots_approved') return 'upper_review';
  if (h.status === 'archived' && h.exitProposedOn) return 'exit_confirmation';
  return null;
}

interface EventLike {
  action: string;
  actorId: string | null;
  level: string | null;
  toStatus: string | null;
  comment: string | null;
}

/**
 * Why `me` may not decide a household's pending review step (四眼原则), or null when they may:
 * - `own_entry`: they created it, submitted this round, or changed its figures since it was opened
 *   (created, imported, or re-opened by 返困) — entering the figures is not reviewing them;
 * - `already_decided`: they decided an earlier step of this round (at `level`).
 * `events` in the order they happened. The review use case refuses on it; the list shows it, so that a
 * reviewer sees in 待我审核 which archives another reviewer must decide.
 */
export function reviewerConflict(
  createdBy: string,
  events: readonly EventLike[],
  me: string,
): { kind: 'own_entry' } | { kind: 'already_decided'; level: ReviewLevel } | null {
  const roundStart = events.findLastIndex((e) => e.action === 'submitted');
  const submitter = roundStart >= 0 ? events[roundStart]!.actorId : null;
  if (createdBy === me || submitter === me) return { kind: 'own_entry' };
  const opened = events.findLastIndex(
    (e) => e.action === 'created' || e.action === 'imported' || e.action === 'relapsed',
  );
  if (events.slice(Math.max(opened, 0)).some((e) => e.action === 'updated' && e.actorId === me))
    return { kind: 'own_entry' };
  const earlier = events.slice(roundStart + 1).find((e) => e.level && e.actorId === me);
  return earlier ? { kind: 'already_decided', level: earlier.level as ReviewLevel } : null;
}

/**
 * Nobody decides on what they entered: whoever proposed an exit (脱困 on request, at an annual review)
 * does not confirm or decline it; for a proposal by the system, whoever recorded any month of the run
 * it names — that month's figure or an earlier one corrected since the archiving (`income_recorded`
 * carries the month) — does not either. The system's proposal carries the id of whoever recorded the
 * month that triggered it, who is one of them.
 */
export function exitConflict(events: readonly EventLike[], me: string): { kind: 'own_entry' } | null {
  const proposal = events.findLast((e) => e.action === 'exit_proposed');
  if (!proposal) return null;
  if (proposal.actorId === me) return { kind: 'own_entry' };
  const run = parseAutoExitProposal(proposal.comment);
  if (!run) return null;
  const archived = events.findLastIndex((e) => e.action === 'approved' && e.toStatus === 'archived');
  const entered = events
    .slice(archived + 1)
    .some(
      (e) =>
        e.action === 'income_recorded' &&
        e.actorId === me &&
        !!e.comment &&
        e.comment >= run.from &&
        e.comment <= run.to,
    );
  return entered ? { kind: 'own_entry' } : null;
}

export type PendingStep =
  | { kind: 'review'; level: ReviewLevel; unitId: string | null }
  | { kind: 'exit'; unitId: string | null };

/**
 * The decision a household awaits and the unit whose reviewers make it: the grass-roots union that is the
 * employer for the first review; the unit directly above it (its township/street union, or the district
 * federation for unions that report straight to the district) for the second review and for an exit.
 * `unitId` is null when the employer has no unit above it. Null when nothing awaits a decision.
 */
export function pendingStep(
  h: { status: HouseholdStatus; exitProposedOn: string | null; employerOrgId: string },
  employerParentId: string | null,
): PendingStep | null {
  if (h.status === 'submitted') return { kind: 'review', level: 'grassroots', unitId: h.employerOrgId };
  if (h.status === 'grassroots_approved')
    return { kind: 'review', level: 'township', unitId: employerParentId };
  if (h.status === 'archived' && h.exitProposedOn) return { kind: 'exit', unitId: employerParentId };
  return null;
}
