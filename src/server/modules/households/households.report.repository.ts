import {
  and,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  lt,
  lte,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { AUTO_EXIT_PROPOSAL_PATTERN } from '../../../shared/exit-proposal';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { householdAnnualReviews } from './households.reviews.table';
import { householdDecisions, householdEvents, householdMembers, households } from './households.table';

/**
 * The SQL of 档案统计. Every query is limited to the employers below one org path and says, for each
 * row, the unit directly below that org it belongs to (`unit`: that unit's id, or '' for the org's own
 * households) — the path segment after the org's own.
 */
const unitBelow = (path: string) =>
  sql<string>`split_part(substr(${orgs.path}, ${path.length + 1}), '/', 1)`.as('unit');
const under = (path: string) => sql`${orgs.path} like ${`${path}%`}`;

/** The live states: in the archive, or on their way into it (审核中). */
const LIVE = ['archived', 'submitted', 'grassroots_approved'] as const;

/** The employee and the family members on file (a household without a decision: no policy in force). */
const membersOnFile = (householdId: SQLWrapper = households.id) =>
  sql`1 + (select count(*) from ${householdMembers} m where m.household_id = ${householdId})`;

/**
 * People in a household: the size its current category decision counted (the employee and the family
 * members), or, without a decision (no policy in force), the employee and the members on file.
 */
const persons = sql<number>`coalesce(${householdDecisions.householdSize}, ${membersOnFile()})`;

/** The units directly below an org (their subtrees are their lines). */
export function unitsBelow(db: Executor, orgId: string) {
  return db
    .select({ id: orgs.id, name: orgs.name, level: orgs.level, active: orgs.active })
    .from(orgs)
    .where(eq(orgs.parentId, orgId));
}

/**
 * Every live household below an org path with what the stock counts: its unit line, status, category,
 * whether an exit awaits confirmation, its people and causes.
 * - Now (`at` absent): the household's own row and its current decision.
 * - At a past moment (`at`, exclusive), for a household changed since: the status of its last timeline
 *   step before then (every step records the status it left the household in), the last category
 *   decision computed before then (and the people it counted), and an exit awaiting confirmation when
 *   the last exit step before then was the proposal, and the causes that decision was computed with
 *   (every save of the archive decides again with the causes on file; a household with no decision —
 *   no policy in force — is read with the causes on file).
 */
function liveHouseholds(db: Executor, path: string, at?: Date) {
  const unit = unitBelow(path);
  const asNow = (...conditions: (SQL | undefined)[]) =>
    db
      .select({
        unit,
        status: sql<string>`${households.status}`.as('status'),
        category: sql<string | null>`${households.category}`.as('category'),
        exitProposed: sql<boolean>`${households.exitProposedOn} is not null`.as('exit_proposed'),
        persons: persons.as('persons'),
        causes: sql<string[]>`${households.causes}`.as('causes'),
      })
      .from(households)
      .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
      .leftJoin(householdDecisions, eq(householdDecisions.id, households.decisionId))
      .where(and(under(path), inArray(households.status, [...LIVE]), ...conditions));
  if (!at) return asNow().as('live');

  // Every change to a household is a step on its timeline (the archive's own rule): one without a
  // step since `at` stands now as it stood then and is read from its row; only the others are
  // rebuilt from their timeline — in January, last year's report rebuilds a few households, not all.
  const changedSince = sql`exists (select 1 from ${householdEvents} x where x.household_id = ${households.id} and x.at >= ${at})`;
  const e = householdEvents;
  const step = db
    .select({
      status: sql<string>`${e.toStatus}`.as('step_status'),
      employer: sql<string>`${e.employerOrgId}`.as('step_employer'),
    })
    .from(e)
    .where(and(eq(e.householdId, households.id), lt(e.at, at), isNotNull(e.toStatus)))
    .orderBy(desc(e.id))
    .limit(1)
    .as('step');
  const d = householdDecisions;
  const decision = db
    .select({
      category: sql<string | null>`${d.category}`.as('decided_category'),
      size: sql<number>`${d.householdSize}`.as('decided_size'),
      causes: sql<unknown>`${d.inputs} -> 'causes'`.as('decided_causes'),
    })
    .from(d)
    .where(and(eq(d.householdId, households.id), lt(d.computedAt, at)))
    .orderBy(desc(d.computedAt))
    .limit(1)
    .as('decision');
  const lastExitStep = sql`(select x.action from ${householdEvents} x
    where x.household_id = ${households.id} and x.at < ${at}
      and x.action in ('exit_proposed', 'exit_declined', 'exit_proposal_withdrawn', 'exited', 'approved', 'relapsed')
    order by x.id desc limit 1)`;
  const rebuilt = db
    .select({
      unit,
      status: step.status,
      category: decision.category,
      exitProposed: sql<boolean>`(${step.status} = 'archived' and ${lastExitStep} = 'exit_proposed')`.as(
        'exit_proposed',
      ),
      persons: sql<number>`coalesce(${decision.size}, ${membersOnFile()})`.as('persons'),
      // A decision lists the causes as they were given (an import may repeat one): each counted once.
      causes: sql<string[]>`case when ${decision.causes} is null then ${households.causes}
        else array(select distinct c from jsonb_array_elements_text(${decision.causes}) c) end`.as('causes'),
    })
    .from(households)
    .innerJoinLateral(step, sql`true`)
    // The unit it belonged to then (its employer at its last step): a household may move after a 返困.
    .innerJoin(orgs, eq(orgs.id, step.employer))
    .leftJoinLateral(decision, sql`true`)
    .where(and(under(path), lt(households.createdAt, at), inArray(step.status, [...LIVE]), changedSince));
  return asNow(lt(households.createdAt, at), sql`not ${changedSince}`).unionAll(rebuilt).as('live');
}

/** Live households by unit, status, category and whether an exit awaits confirmation; now or at `at`. */
export function stockCounts(db: Executor, path: string, at?: Date) {
  const live = liveHouseholds(db, path, at);
  return db
    .select({
      unit: live.unit,
      status: live.status,
      category: live.category,
      exitProposed: live.exitProposed,
      households: sql<number>`count(*)::int`,
      persons: sql<number>`sum(${live.persons})::int`,
    })
    .from(live)
    .groupBy(sql`1, 2, 3, 4`);
}

/** Archived households by unit and cause (a household with two causes is in both); now or at `at`. */
export function causeCounts(db: Executor, path: string, at?: Date) {
  const live = liveHouseholds(db, path, at);
  const cause = sql<string>`c.cause`;
  return db
    .select({
      unit: live.unit,
      cause,
      households: sql<number>`count(*)::int`,
      persons: sql<number>`sum(${live.persons})::int`,
    })
    .from(live)
    .crossJoin(sql`unnest(${live.causes}) as c(cause)`)
    .where(sql`${live.status} = 'archived'`)
    .groupBy(sql`1, 2`);
}

/** The timeline steps the report counts; a partial index on their moment serves the period. */
export const REPORTED_ACTIONS = ['approved', 'exited', 'relapsed', 'rejected'];

/** How an exit was proposed: by the system from the income records, at an annual review, on request. */
export const EXIT_KINDS = ['income', 'review', 'request'] as const;
type ExitKind = (typeof EXIT_KINDS)[number];
export type StepKind = 'newlyArchived' | 'reArchived' | 'relapsed' | 'rejected' | ExitKind;
export const isExitKind = (kind: StepKind): kind is ExitKind =>
  (EXIT_KINDS as readonly string[]).includes(kind);
/** The exit kinds as an SQL list (constants of this file, not input). */
const EXIT_KIND_LIST = sql.raw(EXIT_KINDS.map((k) => `'${k}'`).join(', '));

/**
 * The period's steps, counted by unit and kind in distinct households: first archivings (新建档) and
 * archivings again after an exit (重新建档), exits by how they were proposed, re-openings (返困) and
 * rejections. A household is counted once per kind — and once among the exits (`exitHouseholds`,
 * `exitPersons`, to be summed over the unit's exit kinds) however many times and ways it exited —
 * with its people as counted by its last decision made by the step (its first such step in the
 * period). `from` inclusive, `to` exclusive. All of it in the database: at 1,000,000 households a year
 * holds hundreds of thousands of steps.
 */
export function periodCounts(db: Executor, path: string, from: Date, to: Date) {
  const unit = unitBelow(path);
  const e = householdEvents;
  // Each household's first archiving, in one pass over the archivings (a look-up per step cost more).
  const a = alias(householdEvents, 'archiving');
  const firstArchiving = db
    .select({ householdId: a.householdId, id: sql<number>`min(${a.id})`.as('first_id') })
    .from(a)
    .where(and(eq(a.action, 'approved'), eq(a.toStatus, 'archived')))
    .groupBy(a.householdId)
    .as('fa');
  const archivedBefore = sql<boolean>`${e.id} > ${firstArchiving.id}`;
  // The proposal an exit confirmed: the household's last exit_proposed before it.
  const proposal = (column: string) =>
    sql.raw(`(select p.${column} from household_events p
      where p.household_id = household_events.household_id and p.action = 'exit_proposed' and p.id < household_events.id
      order by p.id desc limit 1)`);
  // Proposed at an annual review: the step just before the proposal is a review that concluded 提出脱困
  // (a proposal on request after a 继续帮扶 review is not one).
  const proposedAtReview = sql<boolean | null>`(select q.action = 'annual_reviewed' and exists (
      select 1 from ${householdAnnualReviews} r
      where r.household_id = q.household_id and r.decision_id = q.decision_id and r.outcome = 'propose_exit')
    from ${householdEvents} q
    where q.household_id = ${e.householdId} and q.id < ${proposal('id')} order by q.id desc limit 1)`;
  // People at the step: the size counted by the last decision made by then (a household that exited
  // as one person and came back with a family counts one in its exit).
  const personsThen = sql<number>`coalesce((select d.household_size from ${householdDecisions} d
      where d.household_id = ${e.householdId} and d.computed_at <= ${e.at} order by d.computed_at desc limit 1),
    ${membersOnFile(e.householdId)})`;
  // The system's own proposal is the sentence of shared/exit-proposal.ts (the same pattern the web reads).
  const kind = sql<StepKind>`case
      when ${e.action} = 'approved' then case when ${archivedBefore} then 'reArchived' else 'newlyArchived' end
      when ${e.action} in ('relapsed', 'rejected') then ${e.action}
      when ${proposal('comment')} ~ ${AUTO_EXIT_PROPOSAL_PATTERN} then 'income'
      when ${proposedAtReview} then 'review'
      else 'request' end`.as('kind');
  const steps = db
    .select({
      unit,
      householdId: e.householdId,
      id: e.id,
      kind,
      persons: sql<number>`${personsThen}`.as('persons'),
    })
    .from(e)
    // Where the step happened: the household's employer then (it may have moved since, after a 返困).
    .innerJoin(orgs, eq(orgs.id, e.employerOrgId))
    .leftJoin(firstArchiving, eq(firstArchiving.householdId, e.householdId))
    .where(
      and(
        under(path),
        gte(e.at, from),
        lt(e.at, to),
        // The partial index's own predicate (household_events_report_idx), then the exact choice.
        inArray(e.action, REPORTED_ACTIONS),
        or(
          and(eq(e.action, 'approved'), eq(e.toStatus, 'archived')),
          inArray(e.action, ['exited', 'relapsed', 'rejected']),
        ),
      ),
    )
    // A fence (a LIMIT keeps the planner from merging this query into the next; Drizzle leaves out an
    // OFFSET 0): the kind and the people, with their look-ups, are computed once per step, not again in
    // every sort and window below.
    .limit(Number.MAX_SAFE_INTEGER)
    .as('steps');
  const isExit = sql`${steps.kind} in (${EXIT_KIND_LIST})`;
  // Each household's first step of each kind; `exit_nth` = 1 on its first exit of any kind.
  const first = db
    .selectDistinctOn([steps.unit, steps.kind, steps.householdId], {
      unit: steps.unit,
      kind: steps.kind,
      persons: steps.persons,
      exitNth:
        sql<number>`row_number() over (partition by ${steps.unit}, ${steps.householdId}, ${isExit} order by ${steps.id})`.as(
          'exit_nth',
        ),
    })
    .from(steps)
    .orderBy(steps.unit, steps.kind, steps.householdId, steps.id)
    .as('first');
  const firstExit = sql`${first.kind} in (${EXIT_KIND_LIST}) and ${first.exitNth} = 1`;
  return db
    .select({
      unit: first.unit,
      kind: first.kind,
      households: sql<number>`count(*)::int`,
      persons: sql<number>`sum(${first.persons})::int`,
      exitHouseholds: sql<number>`(count(*) filter (where ${firstExit}))::int`,
      exitPersons: sql<number>`coalesce(sum(${first.persons}) filter (where ${firstExit}), 0)::int`,
    })
    .from(first)
    .groupBy(first.unit, first.kind);
}

/** Annual reviews (年审) recorded on the period's days, by unit and outcome. */
export function annualReviewCounts(db: Executor, path: string, from: string, to: string) {
  const unit = unitBelow(path);
  const r = householdAnnualReviews;
  return (
    db
      .select({ unit, outcome: r.outcome, reviews: sql<number>`count(*)::int` })
      .from(r)
      // Recorded by the employer's own union: the unit it belonged to that day.
      .innerJoin(orgs, eq(orgs.id, r.reviewerOrgId))
      .where(and(under(path), gte(r.reviewedOn, from), lte(r.reviewedOn, to)))
      .groupBy(sql`1, 2`)
  );
}
