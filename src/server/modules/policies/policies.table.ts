import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Local assistance policy, one row per region and effective date. Rows are never updated or deleted
 * (a trigger refuses it): a change is a new version, so old category decisions keep pointing at the
 * figures they were computed with.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** GB/T 2260 code: a county, a city (`xxxx00`) or a province (`xx0000`). */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** 低保标准: fen per person per month. */
    dibaoFen: integer('dibao_fen').notNull(),
    /** Relative hardship lies below multiplier × 低保; basis points (20000 = 2.0). */
    relativeMultiplierBp: integer('relative_multiplier_bp').notNull(),
    /** Sudden hardship when rigid expenditure exceeds this share of annual income; basis points (8000 = 80 %). */
    suddenRatioBp: integer('sudden_ratio_bp').notNull(),
    reviewIntervalMonths: integer('review_interval_months').notNull(),
    /** Consecutive months above 低保 after which an exit is proposed. */
    exitMonths: integer('exit_months').notNull(),
    note: varchar('note', { length: 200 }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // Also the index of the in-force look-up (region = …, effective_from <= …).
    uniqueIndex('policy_versions_region_date_unique').on(t.regionCode, t.effectiveFrom),
    check('policy_versions_dibao_check', sql`${t.dibaoFen} > 0`),
    check('policy_versions_multiplier_check', sql`${t.relativeMultiplierBp} > 10000`),
    check('policy_versions_ratio_check', sql`${t.suddenRatioBp} > 0 and ${t.suddenRatioBp} <= 10000`),
    check('policy_versions_review_check', sql`${t.reviewIntervalMonths} between 1 and 60`),
    check('policy_versions_exit_check', sql`${t.exitMonths} between 1 and 36`),
  ],
);

export type PolicyRow = typeof policyVersions.$inferSelect;
