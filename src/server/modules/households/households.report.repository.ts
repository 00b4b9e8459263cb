import { and, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
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

/**
 * People in a household: the size its current category decision counted (the employee and the family
 * members), or, without a decision (no policy in force), the employee and the members on file.
 */
const persons = sql<number>`coalesce(${householdDecisions.householdSize}, 1 + (select count(*) from ${householdMembers} m where m.household_id = ${households.id}))`;

/** The units directly below an org (their subtrees are their lines). */
export function unitsBelow(db: Executor, orgId: string) {
  return db
    .select({ id: orgs.id, name: orgs.name, level: orgs.level, active: orgs.active })
    .from(orgs)
    .where(eq(orgs.parentId, orgId));
}

/** Live households now, by unit, status, category and whether an exit awaits confirmation. */
export function stockCounts(db: Executor, path: string) {
  const unit = unitBelow(path);
  return db
    .select({
      unit,
      status: households.status,
      category: households.category,
      exitProposed: sql<boolean>`${households.exitProposedOn} is not null`.as('exit_proposed'),
      households: sql<number>`count(*)::int`,
      persons: sql<number>`sum(${persons})::int`,
    })
    .from(households)
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .leftJoin(householdDecisions, eq(householdDecisions.id, households.decisionId))
    .where(and(under(path), inArray(households.status, ['archived', 'submitted', 'grassroots_approved'])))
    .groupBy(sql`1, 2, 3, 4`);
}

/** Archived households by unit and cause (a household with two causes is in both). */
export function causeCounts(db: Executor, path: string) {
  const unit = unitBelow(path);
  const cause = sql<string>`c.cause`;
  return db
    .select({
      unit,
      cause,
      households: sql<number>`count(*)::int`,
      persons: sql<number>`sum(${persons})::int`,
    })
    .from(households)
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .leftJoin(householdDecisions, eq(householdDecisions.id, households.decisionId))
    .crossJoin(sql`unnest(${households.causes}) as c(cause)`)
    .where(and(under(path), eq(households.status, 'archived')))
    .groupBy(sql`1, 2`);
}

/** The timeline steps the report counts; a partial index on their moment serves the period. */
export const REPORTED_ACTIONS = ['approved', 'exited', 'relapsed', 'rejected'];

/**
 * The period's steps that the report counts, one row per event: archivings (with whether the
 * household had been archived before), exits (with the proposal that led to them and the step just
 * before that proposal), re-openings (返困) and rejections. `from` inclusive, `to` exclusive.
 */
export function periodEvents(db: Executor, path: string, from: Date, to: Date) {
  const unit = unitBelow(path);
  const e = householdEvents;
  const archivedBefore = sql<boolean>`exists (select 1 from ${householdEvents} p
    where p.household_id = ${e.householdId} and p.action = 'approved' and p.to_status = 'archived' and p.id < ${e.id})`;
  // The proposal an exit confirmed: the household's last exit_proposed before it.
  const proposal = (column: string) =>
    sql.raw(`(select p.${column} from household_events p
      where p.household_id = household_events.household_id and p.action = 'exit_proposed' and p.id < household_events.id
      order by p.id desc limit 1)`);
  const stepBeforeProposal = sql<string | null>`(select q.action from ${householdEvents} q
    where q.household_id = ${e.householdId} and q.id < ${proposal('id')} order by q.id desc limit 1)`;
  return db
    .select({
      unit,
      householdId: e.householdId,
      action: e.action,
      archivedBefore: sql<boolean | null>`case when ${e.action} = 'approved' then ${archivedBefore} end`,
      proposalComment: sql<
        string | null
      >`case when ${e.action} = 'exited' then ${proposal('comment')} end`.as('proposal_comment'),
      proposalActor: sql<
        string | null
      >`case when ${e.action} = 'exited' then ${proposal('actor_name')} end`.as('proposal_actor'),
      stepBeforeProposal: sql<
        string | null
      >`case when ${e.action} = 'exited' then ${stepBeforeProposal} end`.as('step_before_proposal'),
      persons: sql<number>`${persons}::int`,
    })
    .from(e)
    .innerJoin(households, eq(households.id, e.householdId))
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .leftJoin(householdDecisions, eq(householdDecisions.id, households.decisionId))
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
    );
}

/** Annual reviews (年审) recorded on the period's days, by unit and outcome. */
export function annualReviewCounts(db: Executor, path: string, from: string, to: string) {
  const unit = unitBelow(path);
  const r = householdAnnualReviews;
  return db
    .select({ unit, outcome: r.outcome, reviews: sql<number>`count(*)::int` })
    .from(r)
    .innerJoin(households, eq(households.id, r.householdId))
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(and(under(path), gte(r.reviewedOn, from), lte(r.reviewedOn, to)))
    .groupBy(sql`1, 2`);
}
