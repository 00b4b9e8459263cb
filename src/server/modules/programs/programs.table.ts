import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { fundSources } from '../funds/funds.table';
import type { OrgLevel } from '../orgs/orgs.table';
import { orgs } from '../orgs/orgs.table';

/** 送温暖 · 金秋助学 · 医疗救助 · 临时救助 · 项目帮扶 */
export const PROGRAM_TYPES = ['warmth', 'tuition', 'medical', 'relief', 'project'] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];
export const AID_CATEGORIES = ['deep', 'relative', 'sudden'] as const;
export type AidCategory = (typeof AID_CATEGORIES)[number];
/** Tuition aid is capped per student by school level (policy values kept on the program). */
export type TuitionCaps = Partial<Record<string, number>>;

/**
 * An aid program (帮扶项目) of one year and one owning unit. Its rules — eligible categories, caps,
 * documents, window, review chain, publicity days — are stored on the row: a program is its own
 * policy, so changing next year's program never rewrites this year's decisions.
 */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    type: varchar('type', { length: 16 }).$type<ProgramType>().notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    year: integer('year').notNull(),
    categories: text('categories').array().$type<AidCategory[]>().notNull(),
    /** ≤ this much per household in this program (fen). */
    capPerHouseholdFen: bigint('cap_per_household_fen', { mode: 'number' }),
    /** ≤ this much per household in the program's year across all programs (fen). */
    capPerYearFen: bigint('cap_per_year_fen', { mode: 'number' }),
    /** ≤ N months of the local 低保 (per person) × household size. */
    dibaoMonths: integer('dibao_months'),
    tuitionCaps: jsonb('tuition_caps').$type<TuitionCaps>(),
    requiredDocuments: text('required_documents').array().notNull().default(sql`'{}'::text[]`),
    windowStart: date('window_start', { mode: 'string' }).notNull(),
    windowEnd: date('window_end', { mode: 'string' }).notNull(),
    /** The org levels that decide, lowest first, e.g. {grassroots,township}. */
    reviewChain: text('review_chain').array().$type<OrgLevel[]>().notNull(),
    publicityDays: integer('publicity_days').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('programs_org_year_idx').on(t.orgId, t.year),
    check('programs_type_check', sql`${t.type} in ('warmth','tuition','medical','relief','project')`),
    check('programs_window_check', sql`${t.windowStart} <= ${t.windowEnd}`),
    check('programs_publicity_check', sql`${t.publicityDays} between 0 and 60`),
    check('programs_dibao_months_check', sql`${t.dibaoMonths} is null or ${t.dibaoMonths} between 1 and 36`),
    check(
      'programs_caps_check',
      sql`(${t.capPerHouseholdFen} is null or ${t.capPerHouseholdFen} > 0) and (${t.capPerYearFen} is null or ${t.capPerYearFen} > 0)`,
    ),
    check('programs_chain_check', sql`cardinality(${t.reviewChain}) between 1 and 4`),
  ],
);

/**
 * The balance of one fund source inside one program: `allocated_fen` earmarked to it, `approved_fen`
 * promised to approved applications. Approvals add to `approved_fen` with a conditional update; the
 * check constraint is the last word: approved never exceeds allocated, whatever the code does.
 */
export const programSources = pgTable(
  'program_sources',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => fundSources.id),
    allocatedFen: bigint('allocated_fen', { mode: 'number' }).notNull(),
    approvedFen: bigint('approved_fen', { mode: 'number' }).notNull().default(0),
    /** Actually paid (payment lines confirmed paid): never more than was approved. */
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.sourceId] }),
    index('program_sources_source_idx').on(t.sourceId),
    check(
      'program_sources_balance_check',
      sql`${t.approvedFen} >= 0 and ${t.approvedFen} <= ${t.allocatedFen}`,
    ),
    check('program_sources_paid_check', sql`${t.paidFen} >= 0 and ${t.paidFen} <= ${t.approvedFen}`),
  ],
);

/** Each earmark of a source to a program (专款专用), as it happened: append-only. */
export const programAllocations = pgTable(
  'program_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => fundSources.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    note: varchar('note', { length: 500 }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('program_allocations_program_idx').on(t.programId),
    check('program_allocations_amount_check', sql`${t.amountFen} > 0`),
  ],
);

export type ProgramRow = typeof programs.$inferSelect;
export type ProgramSourceRow = typeof programSources.$inferSelect;
