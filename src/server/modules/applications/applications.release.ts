import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, actedBy } from '../../common/context';
import type { Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { programSources } from '../programs/programs.table';
import { ApplicationErrors } from './applications.errors';
import { aidApplicationFundingReleases } from './applications.release.table';
import * as repo from './applications.repository';
import { aidApplicationFundings } from './applications.table';
import { APPLICATION_STATUS_LABELS } from './applications.usecases';

/**
 * Undoing an approval (e.g. an objection upheld during publicity): the application goes back to the officer
 * (`returned`, to be corrected and resubmitted as a new round) or is rejected, and the money its approval
 * promised goes back to the program's balances — exactly the split recorded in its fundings, source by
 * source. Runs inside the caller's transaction, after the caller has locked the application row; the
 * balances are locked in source order like approvals lock them (reserveBudget), and each is decremented by
 * a conditional update, so a concurrent approval sees either the whole release or none of it.
 */
export type ReleaseOutcome = 'returned' | 'rejected';

const OUTCOME_LABELS: Record<ReleaseOutcome, { zh: string; en: string }> = {
  returned: { zh: '退回补充', en: 'return' },
  rejected: { zh: '不予通过', en: 'reject' },
};

/**
 * Locks an application row ahead of a release, for callers that must take the application lock before
 * their own (lock order: application, then publicity, then balances).
 */
export async function lockApplicationForRelease(tx: Executor, applicationId: string) {
  await repo.lockById(tx, applicationId);
}

export async function releaseApprovedApplication(
  tx: Executor,
  actor: Actor,
  input: {
    applicationId: string;
    outcome: ReleaseOutcome;
    /** Shown to the officer in the decision history, e.g. 公示异议成立：… */
    reason: string;
    cause: 'objection';
    causeId: string;
    snapshot?: Record<string, unknown>;
  },
) {
  await repo.lockById(tx, input.applicationId);
  const view = await repo.findById(tx, input.applicationId);
  if (!view) throw ApplicationErrors.APPLICATION_NOT_FOUND();
  const a = view.application;
  if (a.status !== 'approved')
    throw ApplicationErrors.APPLICATION_WRONG_STATE({
      status: APPLICATION_STATUS_LABELS[a.status],
      statusEn: a.status,
      action: OUTCOME_LABELS[input.outcome].zh,
      actionEn: OUTCOME_LABELS[input.outcome].en,
    });

  const fundings = await tx
    .select({ sourceId: aidApplicationFundings.sourceId, amountFen: aidApplicationFundings.amountFen })
    .from(aidApplicationFundings)
    .where(eq(aidApplicationFundings.applicationId, a.id))
    .orderBy(asc(aidApplicationFundings.sourceId));

  if (fundings.length) {
    await tx
      .select({ sourceId: programSources.sourceId })
      .from(programSources)
      .where(
        and(
          eq(programSources.programId, a.programId),
          inArray(
            programSources.sourceId,
            fundings.map((f) => f.sourceId),
          ),
        ),
      )
      .orderBy(asc(programSources.sourceId))
      .for('no key update');
    for (const f of fundings) {
      const done = await tx
        .update(programSources)
        .set({ approvedFen: sql`${programSources.approvedFen} - ${f.amountFen}` })
        .where(
          and(
            eq(programSources.programId, a.programId),
            eq(programSources.sourceId, f.sourceId),
            sql`${programSources.approvedFen} >= ${f.amountFen}`,
          ),
        )
        .returning({ sourceId: programSources.sourceId });
      if (done.length !== 1) throw new Error('program balance is below the approval being released');
    }
    // Fundings list what current approvals hold: the released rows move to the release history. The
    // table's trigger lets only this transaction-local switch delete them.
    await tx.execute(sql`select set_config('bangfu.release_funding', 'on', true)`);
    await tx.delete(aidApplicationFundings).where(eq(aidApplicationFundings.applicationId, a.id));
    await tx.execute(sql`select set_config('bangfu.release_funding', 'off', true)`);
    await tx.insert(aidApplicationFundingReleases).values(
      fundings.map((f) => ({
        applicationId: a.id,
        programId: a.programId,
        sourceId: f.sourceId,
        amountFen: f.amountFen,
        round: a.round,
        cause: input.cause,
        causeId: input.causeId,
        reason: input.reason,
        releasedBy: actor.principal.userId,
      })),
    );
  }

  const releasedFen = fundings.reduce((n, f) => n + f.amountFen, 0);
  await repo.update(tx, a.id, {
    status: input.outcome,
    currentOrgId: null,
    approvedFen: null,
    decidedAt: input.outcome === 'rejected' ? new Date() : null,
  });
  await repo.insertDecision(tx, {
    applicationId: a.id,
    round: a.round,
    step: null,
    level: null,
    action: input.outcome,
    amountFen: null,
    comment: input.reason,
    snapshot: {
      cause: input.cause,
      causeId: input.causeId,
      approvedFen: a.approvedFen,
      releasedFundings: fundings,
      ...input.snapshot,
    },
    ...actedBy(actor),
  });
  await recordAudit(tx, actor, {
    action: 'application.released',
    entity: 'application',
    entityId: a.id,
    orgId: a.orgId,
    before: { status: a.status, approvedFen: a.approvedFen },
    after: {
      status: input.outcome,
      releasedFen,
      fundings,
      cause: input.cause,
      causeId: input.causeId,
      reason: input.reason,
    },
  });
  return { applicationId: a.id, programId: a.programId, releasedFen, fundings };
}
