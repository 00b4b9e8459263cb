import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { AnnualReviewOutcome, SampleFinding } from '../../../shared/vocabulary';
import { orgs } from '../orgs/orgs.table';
import { householdDecisions, households } from './households.table';

export {
  ANNUAL_REVIEW_OUTCOMES,
  type AnnualReviewOutcome,
  SAMPLE_FINDINGS,
  type SampleFinding,
} from '../../../shared/vocabulary';

/**
 * A reviewer's finding that two similar households are different people. The pair is stored once,
 * smaller id first, so the primary key makes the finding unique whichever side it was made from.
 */
export const householdNotDuplicates = pgTable(
  'household_not_duplicates',
  {
    householdA: uuid('household_a')
      .notNull()
      .references(() => households.id),
    householdB: uuid('household_b')
      .notNull()
      .references(() => households.id),
    note: varchar('note', { length: 200 }),
    decidedBy: uuid('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.householdA, t.householdB] }),
    index('household_not_duplicates_b_idx').on(t.householdB),
    check('household_not_duplicates_order_check', sql`${t.householdA} < ${t.householdB}`),
  ],
);

/** One annual review (年审) of an archived household, with the decision recomputed that day. */
export const householdAnnualReviews = pgTable(
  'household_annual_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The business year of the review: the population of that year's spot-check sample. */
    year: integer('year').notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    outcome: varchar('outcome', { length: 16 }).$type<AnnualReviewOutcome>().notNull(),
    note: text('note').notNull(),
    decisionId: uuid('decision_id').references(() => householdDecisions.id),
    dueOnBefore: date('due_on_before', { mode: 'string' }),
    dueOnAfter: date('due_on_after', { mode: 'string' }).notNull(),
    reviewedBy: uuid('reviewed_by').notNull(),
    reviewerOrgId: uuid('reviewer_org_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('household_annual_reviews_household_idx').on(t.householdId, t.reviewedOn),
    index('household_annual_reviews_year_idx').on(t.year, t.householdId),
    check(
      'household_annual_reviews_outcome_check',
      sql`${t.outcome} in ('continue','propose_exit','recompute')`,
    ),
  ],
);

/**
 * A spot-check sample (抽查) drawn by an upper level from one year's reviewed households of a subtree.
 * Members are the first `size` households ordered by sha256(seed || household id): the stored seed
 * reproduces the draw.
 *
 * One sample per checked unit and year is current. A redraw is allowed only while no finding is recorded
 * on the current one, and it does not delete it: the old sample is kept, marked superseded by the new
 * one, so the history shows every draw (a checker could otherwise redraw until an agreeable sample came
 * up and nobody would see it). Once a finding is recorded the sample is final for that unit and year.
 */
export const householdReviewSamples = pgTable(
  'household_review_samples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    year: integer('year').notNull(),
    ratioBp: integer('ratio_bp').notNull(),
    seed: varchar('seed', { length: 64 }).notNull(),
    population: integer('population').notNull(),
    size: integer('size').notNull(),
    drawnBy: uuid('drawn_by').notNull(),
    /** As the timeline keeps it: 显示名（用户名）at the time of the draw. */
    drawnByName: varchar('drawn_by_name', { length: 120 }),
    drawnAt: timestamp('drawn_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Set when the sample was redrawn before any finding: the sample that replaced it. */
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'date' }),
    supersededBy: uuid('superseded_by').references((): AnyPgColumn => householdReviewSamples.id),
    /** Why this draw replaced the unit's current sample of the year (required for a redraw). */
    redrawReason: text('redraw_reason'),
  },
  (t) => [
    index('household_review_samples_org_idx').on(t.orgId, t.year),
    uniqueIndex('household_review_samples_current_uniq')
      .on(t.orgId, t.year)
      .where(sql`${t.supersededAt} is null`),
    check('household_review_samples_ratio_check', sql`${t.ratioBp} between 3000 and 10000`),
  ],
);

export const householdReviewSampleItems = pgTable(
  'household_review_sample_items',
  {
    sampleId: uuid('sample_id')
      .notNull()
      .references(() => householdReviewSamples.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    position: integer('position').notNull(),
    result: varchar('result', { length: 16 }).$type<SampleFinding>(),
    note: varchar('note', { length: 500 }),
    checkedBy: uuid('checked_by'),
    checkedByName: varchar('checked_by_name', { length: 120 }),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.sampleId, t.householdId] }),
    check(
      'household_review_sample_items_result_check',
      sql`${t.result} is null or ${t.result} in ('confirmed','discrepancy')`,
    ),
  ],
);

export type AnnualReviewRow = typeof householdAnnualReviews.$inferSelect;
export type ReviewSampleRow = typeof householdReviewSamples.$inferSelect;
