import { randomBytes } from 'node:crypto';
import { annualReviewComment, spotCheckComment } from '../../../shared/timeline-text';
import { type Actor, actedBy, actorName, type Principal } from '../../common/context';
import { addMonths, ageOn, businessDate } from '../../common/dates';
import { inScope } from '../../common/scope';
import { isUniqueViolation } from '../../common/sql';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { getOrgInScope, getOrgSummary } from '../orgs/orgs.usecases';
import { HouseholdErrors } from './households.errors';
import * as repo from './households.repository';
import { explanationInEnglish, wrongState } from './households.review';
import { ReviewDedupErrors } from './households.review-dedup.errors';
import * as dedupRepo from './households.review-dedup.repository';
import type {
  AnnualReviewInput,
  DueQuery,
  FindingInput,
  SampleInput,
  SampleListQuery,
} from './households.review-dedup.schemas';
import { awaitedDecision } from './households.review-rules';
import type { ReviewSampleRow } from './households.reviews.table';
import { currentFigures, decide, getInScope, loadDetail, STATUS_LABELS } from './households.usecases';

/**
 * 年审: every archived household is re-checked by its own unit before its due date; the upper level
 * spot-checks a reproducible random sample (抽查, at least 30 %) of each year's reviews.
 */

const OUTCOME_LABELS = { continue: '继续帮扶', propose_exit: '提出脱困', recompute: '重新认定' } as const;

/**
 * The last due date of the work list by default: a household is due for its review from a month before
 * the date (and may then be reviewed, however recently it was).
 */
const dueWindowEnd = (today: string) => addMonths(today, 1);

/** The first day on which a household due on `due` is on the work list: dueWindowEnd(day) >= due. */
function dueFrom(due: string): string {
  let day = addMonths(due, -1);
  // A month back from the 29th–31st may land on a shorter month's last day, still too early.
  while (dueWindowEnd(day) < due)
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return day;
}

/** The work list: archives due on or before `before` (default: a month from today), or only the overdue. */
export async function listDueReviews(db: Db, principal: Principal, query: DueQuery) {
  const pathPrefix = query.orgId ? (await getOrgInScope(db, principal, query.orgId)).path : principal.orgPath;
  const today = businessDate();
  const { items, total } = await dedupRepo.listDue(db, {
    pathPrefix,
    dueBy: query.overdue ? query.before : (query.before ?? dueWindowEnd(today)),
    overdueOn: query.overdue ? today : undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: items.map(({ household: h, employerName, lastReviewedOn }) => ({
      id: h.id,
      name: h.name,
      idMasked: h.idMasked,
      phoneMasked: h.phoneMasked,
      sex: h.sex,
      age: ageOn(h.birthDate, today),
      employerOrgId: h.employerOrgId,
      employerName,
      status: h.status,
      category: h.category,
      causes: h.causes,
      householdSize: null,
      perCapitaMonthlyFen: null,
      reviewDueOn: h.reviewDueOn,
      updatedAt: h.updatedAt.toISOString(),
      awaiting: awaitedDecision(h),
      overdue: !!h.reviewDueOn && h.reviewDueOn < today,
      lastReviewedOn,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Records an annual review by an officer of the household's own unit: the category is recomputed with
 * the policy in force today (with the incomes found at the review, when given), the next review falls
 * due one interval after today (a late review does not stay overdue, an early one never stretches the
 * gap beyond the interval).
 */
export async function recordAnnualReview(db: Db, actor: Actor, id: string, input: AnnualReviewInput) {
  return db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    const h = found.household;
    if (h.status !== 'archived')
      throw ReviewDedupErrors.ANNUAL_REVIEW_WRONG_STATE({
        status: STATUS_LABELS[h.status],
        statusEn: h.status,
      });
    if (input.outcome === 'propose_exit' && h.exitProposedOn) throw wrongState(h.status, 'proposeExit');
    // 继续帮扶 or 重新认定 would contradict the exit that awaits the reviewer: the exit is decided first.
    if (h.exitProposedOn) {
      const unit = found.employerParentId ? await getOrgSummary(tx, found.employerParentId) : undefined;
      throw ReviewDedupErrors.ANNUAL_REVIEW_EXIT_PENDING({
        on: h.exitProposedOn,
        unit: unit?.name ?? '上级工会',
        outcome: OUTCOME_LABELS[input.outcome],
        outcomeEn: input.outcome,
      });
    }
    if (actor.principal.orgId !== h.employerOrgId)
      throw ReviewDedupErrors.ANNUAL_REVIEW_WRONG_UNIT({ unit: found.employerName });
    // A household reviewed since it was (last) archived is not reviewed again before it is due (on the
    // work list), whatever the calendar year — a second click is refused (the household row is locked:
    // two clicks cannot both pass this). Once due, it is reviewed, however recently: a policy may set a
    // review every 6 months. A new archiving (after 返困) starts a new cycle with its own due date.
    const today = businessDate();
    const done = await dedupRepo.findLatestAnnualReview(tx, id, h.archivedOn);
    if (done && (!h.reviewDueOn || h.reviewDueOn > dueWindowEnd(today)))
      throw ReviewDedupErrors.ANNUAL_REVIEW_ALREADY_DONE({
        on: done.reviewedOn,
        outcome: OUTCOME_LABELS[done.outcome],
        due: h.reviewDueOn ?? '—',
        from: h.reviewDueOn ? dueFrom(h.reviewDueOn) : '—',
      });
    const item = <K extends string>(i: { kind: K; description?: string | null; annualFen: number }) => ({
      kind: i.kind,
      description: i.description ?? null,
      annualFen: i.annualFen,
    });
    if (input.incomes) await repo.replaceIncomes(tx, id, input.incomes.map(item));
    if (input.expenditures) await repo.replaceExpenditures(tx, id, input.expenditures.map(item));
    const decision = await decide(
      tx,
      actor,
      h,
      found.employerRegionCode,
      await currentFigures(tx, h),
      'review',
    );
    if (!decision)
      throw HouseholdErrors.HOUSEHOLD_NO_POLICY({ regionCode: found.employerRegionCode, date: today });
    if (decision.category === 'none' && input.outcome !== 'propose_exit')
      throw ReviewDedupErrors.ANNUAL_REVIEW_NOT_ELIGIBLE({
        explanation: decision.explanation,
        explanationEn: await explanationInEnglish(tx, decision.decisionId),
      });
    const dueOn = addMonths(today, decision.policy.reviewIntervalMonths);
    const exit = input.outcome === 'propose_exit';
    await repo.update(tx, id, {
      category: decision.category,
      decisionId: decision.decisionId,
      reviewDueOn: dueOn,
      ...(exit ? { exitProposedOn: today, exitProposalReason: input.note } : {}),
    });
    const review = await dedupRepo.insertAnnualReview(tx, {
      householdId: id,
      year: Number(today.slice(0, 4)),
      reviewedOn: today,
      outcome: input.outcome,
      note: input.note,
      decisionId: decision.decisionId,
      dueOnBefore: h.reviewDueOn,
      dueOnAfter: dueOn,
      reviewedBy: actor.principal.userId,
      reviewerOrgId: actor.principal.orgId,
    });
    const event = {
      householdId: id,
      ...actedBy(actor),
      fromStatus: h.status,
      toStatus: h.status,
    };
    await repo.insertEvent(tx, {
      ...event,
      action: 'annual_reviewed',
      comment: annualReviewComment({ outcome: input.outcome, note: input.note, nextDue: dueOn }),
      decisionId: decision.decisionId,
    });
    if (exit) await repo.insertEvent(tx, { ...event, action: 'exit_proposed', comment: input.note });
    await recordAudit(tx, actor, {
      action: 'household.annual_reviewed',
      entity: 'household',
      entityId: id,
      orgId: h.employerOrgId,
      before: { category: h.category, reviewDueOn: h.reviewDueOn },
      after: {
        reviewId: review.id,
        outcome: input.outcome,
        category: decision.category,
        reviewDueOn: dueOn,
        exitProposed: exit,
      },
    });
    return loadDetail(tx, id);
  });
}

// ——— spot-check samples (抽查) ———

const sampleSummary = (
  s: ReviewSampleRow,
  orgName: string,
  progress: { checked: number; discrepancies: number },
) => ({
  id: s.id,
  orgId: s.orgId,
  orgName,
  year: s.year,
  ratio: s.ratioBp / 10_000,
  seed: s.seed,
  population: s.population,
  size: s.size,
  drawnAt: s.drawnAt.toISOString(),
  drawnByName: s.drawnByName,
  checked: progress.checked,
  discrepancies: progress.discrepancies,
  supersededAt: s.supersededAt?.toISOString() ?? null,
  supersededBy: s.supersededBy,
  redrawReason: s.redrawReason ?? null,
});

async function sampleReply(db: Executor, id: string) {
  const found = (await dedupRepo.findSample(db, id))!;
  const items = await dedupRepo.listSampleItems(db, id);
  return {
    ...sampleSummary(found.sample, found.orgName, await dedupRepo.sampleProgress(db, id)),
    items: items.map((r) => ({
      position: r.item.position,
      householdId: r.item.householdId,
      name: r.name,
      idMasked: r.idMasked,
      employerName: r.employerName,
      result: r.item.result,
      note: r.item.note,
      checkedAt: r.item.checkedAt?.toISOString() ?? null,
      checkedByName: r.item.checkedByName,
    })),
  };
}

/** The upper level checks the lower: a grass-roots union never samples (or checks) its own reviews. */
async function isUpperLevel(db: Executor, principal: Principal) {
  const own = await getOrgSummary(db, principal.orgId);
  return !!own && own.level !== 'grassroots';
}

async function checkUpperLevel(db: Executor, actor: Actor) {
  if (!(await isUpperLevel(db, actor.principal))) throw ReviewDedupErrors.REVIEW_SAMPLE_WRONG_LEVEL();
}

/**
 * Draws a sample of ⌈ratio × N⌉ of the N households of the subtree reviewed in the year. The seed is
 * stored (a random one when none is given): the same seed over the same reviews draws the same members.
 * A unit has one current sample per year: a redraw supersedes it (kept, see the table) while it holds no
 * finding, and is refused once one is recorded. The current sample's row lock and the partial unique
 * index on (unit, year) settle two draws at the same moment: one wins, the other is told to reload.
 */
export async function drawReviewSample(db: Db, actor: Actor, input: SampleInput) {
  try {
    return await db.transaction(async (tx) => {
      await checkUpperLevel(tx, actor);
      const org = await getOrgInScope(tx, actor.principal, input.orgId);
      const current = await dedupRepo.findCurrentSampleForUpdate(tx, org.id, input.year);
      if (current && current.checked > 0)
        throw ReviewDedupErrors.REVIEW_SAMPLE_FINAL({
          unit: org.name,
          year: input.year,
          checked: current.checked,
        });
      // Drawing again until the sample suits would defeat the spot check: a redraw says why, on the record.
      if (current && !input.redrawReason)
        throw ReviewDedupErrors.REVIEW_SAMPLE_REDRAW_REASON({ unit: org.name, year: input.year });
      const population = await dedupRepo.countReviewed(tx, org.path, input.year);
      if (population === 0) throw ReviewDedupErrors.REVIEW_SAMPLE_EMPTY({ year: input.year });
      const ratioBp = Math.round(input.ratio * 10_000);
      const size = Math.min(population, Math.ceil((population * ratioBp) / 10_000));
      const seed = input.seed ?? randomBytes(16).toString('hex');
      if (current) await dedupRepo.markSuperseded(tx, current.id);
      const sample = await dedupRepo.insertSample(tx, {
        orgId: org.id,
        year: input.year,
        ratioBp,
        seed,
        population,
        size,
        drawnBy: actor.principal.userId,
        drawnByName: actorName(actor),
        redrawReason: current ? input.redrawReason : null,
      });
      if (current) await dedupRepo.linkSuperseded(tx, current.id, sample.id);
      await dedupRepo.drawItems(tx, { id: sample.id, seed, size }, org.path, input.year);
      const reply = await sampleReply(tx, sample.id);
      await recordAudit(tx, actor, {
        action: 'household.review_sample_drawn',
        entity: 'household_review_sample',
        entityId: sample.id,
        orgId: org.id,
        before: current ? { supersededSampleId: current.id, redrawReason: input.redrawReason } : undefined,
        after: {
          year: input.year,
          ratioBp,
          seed,
          population,
          size,
          members: reply.items.map((i) => i.householdId),
        },
      });
      return reply;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ReviewDedupErrors.REVIEW_SAMPLE_CONCURRENT({ year: input.year });
    throw error;
  }
}

async function sampleInScope(db: Executor, principal: Principal, id: string, forUpdate = false) {
  const found = await dedupRepo.findSample(db, id, forUpdate);
  if (!found || !inScope(principal, found.orgPath)) throw ReviewDedupErrors.REVIEW_SAMPLE_NOT_FOUND();
  return found;
}

export async function getReviewSample(db: Db, principal: Principal, id: string) {
  await sampleInScope(db, principal, id);
  return sampleReply(db, id);
}

/** The samples of a year on the units of the caller's subtree (or one unit of it), with their progress. */
export async function listReviewSamples(db: Db, principal: Principal, query: SampleListQuery) {
  const pathPrefix = query.orgId ? (await getOrgInScope(db, principal, query.orgId)).path : principal.orgPath;
  const { items, total } = await dedupRepo.listSamples(db, {
    pathPrefix,
    orgId: query.orgId,
    year: query.year,
    current: query.current,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: items.map((r) => sampleSummary(r.sample, r.orgName, r)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * 待记录抽查结果: the sampled households on which the caller may record a finding and none is recorded
 * yet — on the current samples (of any year) of units of its subtree, as `recordFinding` allows; none
 * for a grass-roots union, which never checks. Recording needs `household.review`, which the caller checks.
 */
export async function countSampleFindingsPending(db: Db, principal: Principal): Promise<number> {
  if (!(await isUpperLevel(db, principal))) return 0;
  return dedupRepo.countUncheckedSampleItems(db, principal.orgPath);
}

/** A finding on one sampled household; a later finding corrects it (both audited). */
export async function recordFinding(
  db: Db,
  actor: Actor,
  sampleId: string,
  householdId: string,
  input: FindingInput,
) {
  return db.transaction(async (tx) => {
    await checkUpperLevel(tx, actor);
    const sample = await sampleInScope(tx, actor.principal, sampleId, true);
    if (sample.sample.supersededAt) throw ReviewDedupErrors.REVIEW_SAMPLE_SUPERSEDED();
    const item = await dedupRepo.findSampleItem(tx, sampleId, householdId);
    if (!item) throw ReviewDedupErrors.REVIEW_SAMPLE_ITEM_NOT_FOUND();
    const found = (await repo.findById(tx, householdId))!;
    await dedupRepo.updateSampleItem(tx, sampleId, householdId, {
      result: input.result,
      note: input.note,
      checkedBy: actor.principal.userId,
      checkedByName: actorName(actor),
      checkedAt: new Date(),
    });
    await repo.insertEvent(tx, {
      householdId,
      ...actedBy(actor),
      action: 'spot_checked',
      fromStatus: found.household.status,
      toStatus: found.household.status,
      comment: spotCheckComment({ confirmed: input.result === 'confirmed', note: input.note }),
    });
    await recordAudit(tx, actor, {
      action: 'household.spot_checked',
      entity: 'household_review_sample',
      entityId: sampleId,
      orgId: found.household.employerOrgId,
      before: { householdId, result: item.result, note: item.note },
      after: { householdId, result: input.result, note: input.note },
    });
    return sampleReply(tx, sampleId);
  });
}
