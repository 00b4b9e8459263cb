import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { fundSources } from '../funds/funds.table';
import { programs } from '../programs/programs.table';
import { aidApplications } from './applications.table';

/**
 * The history of released budget: when an approval is undone (an objection upheld during publicity), its
 * fundings leave `aid_application_fundings` — which therefore always lists what current approvals hold —
 * and are kept here, with why. Append-only (trigger).
 */
export const aidApplicationFundingReleases = pgTable(
  'aid_application_funding_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => aidApplications.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => fundSources.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** The application's review round whose approval was undone. */
    round: integer('round').notNull(),
    /** What caused the release, e.g. `objection`. */
    cause: varchar('cause', { length: 32 }).notNull(),
    causeId: uuid('cause_id'),
    reason: text('reason').notNull(),
    releasedBy: uuid('released_by').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('aid_application_funding_releases_application_idx').on(t.applicationId),
    index('aid_application_funding_releases_program_idx').on(t.programId, t.sourceId),
    check('aid_application_funding_releases_amount_check', sql`${t.amountFen} > 0`),
  ],
);

export type FundingReleaseRow = typeof aidApplicationFundingReleases.$inferSelect;
