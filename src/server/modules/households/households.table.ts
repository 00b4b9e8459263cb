import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type {
  ATTACHMENT_KINDS,
  Cause,
  EXPENDITURE_KINDS,
  HEALTH_STATUSES,
  HouseholdStatus,
  INCOME_KINDS,
  RELATIONS,
  SCHOOL_LEVELS,
} from '../../../shared/vocabulary';
import { files } from '../files/files.table';
import { orgs } from '../orgs/orgs.table';
import { policyVersions } from '../policies/policies.table';

export {
  ATTACHMENT_KINDS,
  CAUSES,
  type Cause,
  EXPENDITURE_KINDS,
  HEALTH_STATUSES,
  HOUSEHOLD_STATUSES,
  type HouseholdStatus,
  INCOME_KINDS,
  RELATIONS,
  SCHOOL_LEVELS,
} from '../../../shared/vocabulary';
export const CLAIM_ROLES = ['employee', 'member'] as const;

const created = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * One archive per household (一户一档). The employee's ID number, phone and bank account are stored
 * encrypted (AES-256-GCM) with keyed blind indexes for look-ups, plus the masked form every list shows.
 */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The employer's grass-roots union: decides scope, the review chain and the policy region. */
    employerOrgId: uuid('employer_org_id')
      .notNull()
      .references(() => orgs.id),
    name: varchar('name', { length: 50 }).notNull(),
    idCipher: text('id_cipher').notNull(),
    idBlind: varchar('id_blind', { length: 64 }).notNull(),
    idMasked: varchar('id_masked', { length: 18 }).notNull(),
    sex: varchar('sex', { length: 6 }).$type<'male' | 'female'>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phoneCipher: text('phone_cipher'),
    phoneBlind: varchar('phone_blind', { length: 64 }),
    phoneMasked: varchar('phone_masked', { length: 30 }),
    bankAccountCipher: text('bank_account_cipher'),
    bankAccountMasked: varchar('bank_account_masked', { length: 40 }),
    bankName: varchar('bank_name', { length: 100 }),
    job: varchar('job', { length: 100 }),
    memberSince: date('member_since', { mode: 'string' }),
    address: varchar('address', { length: 200 }),
    situation: text('situation'),
    causes: text('causes').array().$type<Cause[]>().notNull().default(sql`'{}'::text[]`),
    status: varchar('status', { length: 24 }).$type<HouseholdStatus>().notNull().default('draft'),
    /** Copied from the latest decision, for filtering and counting. */
    category: varchar('category', { length: 16 }).$type<'deep' | 'relative' | 'sudden' | 'none'>(),
    decisionId: uuid('decision_id'),
    /**
     * The latest decision's per-capita monthly income (人均月收入), copied with it like `category` (the
     * repository's `update` and the import set both together): the list sorts by it on an index.
     */
    perCapitaMonthlyFen: bigint('per_capita_monthly_fen', { mode: 'number' }),
    archivedOn: date('archived_on', { mode: 'string' }),
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    /** Set when an exit (脱困) awaits a reviewer's confirmation: proposed from income records or on request. */
    exitProposedOn: date('exit_proposed_on', { mode: 'string' }),
    exitProposalReason: text('exit_proposal_reason'),
    exitedOn: date('exited_on', { mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    createdAt: created(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // Scope (employer subtree) with the status and category filters: the capped counts of the list
    // and the stats read this index only (no table access once the visibility map is set).
    index('households_employer_status_idx').on(t.employerOrgId, t.status, t.category),
    index('households_status_category_idx').on(t.status, t.category),
    // The list's order (newest change first; the list orders `desc nulls last` to match): a page is
    // an index walk, not a sort. The employer column lets the walk over skipped rows (offset) and
    // the scope check stay in the index (index-only scan).
    index('households_updated_idx').on(t.updatedAt.desc(), t.id, t.employerOrgId),
    index('households_category_updated_idx').on(t.category, t.updatedAt.desc(), t.id, t.employerOrgId),
    // Name search shorter than a trigram (1–2 characters): a prefix range on this btree; duplicate
    // suggestions: a common name's namesakes in id order, stopping after a page.
    index('households_name_prefix_idx').on(t.name.op('varchar_pattern_ops'), t.id),
    // A two-character query may be the given name (建军 for 王建军): a prefix range on the name after
    // its first character (the surname).
    index('households_given_name_prefix_idx').using('btree', sql`substr(${t.name}, 2) varchar_pattern_ops`),
    // Duplicate pairs of two-character names one character apart (王磊/王蕾, 汪磊/王磊) at the same
    // employer: trigrams cannot find them (they share at most the surname's), these two small partial
    // indexes can, by employer and the shared first or last character.
    index('households_employer_name2_first_idx')
      .on(t.employerOrgId, sql`left(${t.name}, 1)`)
      .where(sql`char_length(${t.name}) = 2`),
    index('households_employer_name2_last_idx')
      .on(t.employerOrgId, sql`right(${t.name}, 1)`)
      .where(sql`char_length(${t.name}) = 2`),
    // The annual-review work list (due on or before a day) and the list sorted by 年审到期 (earliest
    // first, nulls last): an index walk like the default order's, with the scope check in the index.
    index('households_review_due_idx').on(t.reviewDueOn, t.id, t.employerOrgId),
    // The list sorted by 人均月收入, both ways with nulls (not assessed) last: a walk of one of these.
    index('households_per_capita_idx').on(t.perCapitaMonthlyFen, t.id, t.employerOrgId),
    index('households_per_capita_desc_idx').on(
      t.perCapitaMonthlyFen.desc().nullsLast(),
      t.id.desc(),
      t.employerOrgId,
    ),
    index('households_id_blind_idx').on(t.idBlind),
    check(
      'households_status_check',
      sql`${t.status} in ('draft','submitted','grassroots_approved','archived','returned','rejected','withdrawn','exited')`,
    ),
  ],
);

export const householdMembers = pgTable(
  'household_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    position: integer('position').notNull(),
    relation: varchar('relation', { length: 16 }).$type<(typeof RELATIONS)[number]>().notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    idCipher: text('id_cipher').notNull(),
    idBlind: varchar('id_blind', { length: 64 }).notNull(),
    idMasked: varchar('id_masked', { length: 18 }).notNull(),
    sex: varchar('sex', { length: 6 }).$type<'male' | 'female'>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    healthStatus: varchar('health_status', { length: 20 })
      .$type<(typeof HEALTH_STATUSES)[number]>()
      .notNull(),
    /** Health details are sensitive personal information: encrypted, revealed only on request (audited). */
    healthNoteCipher: text('health_note_cipher'),
    schoolLevel: varchar('school_level', { length: 16 }).$type<(typeof SCHOOL_LEVELS)[number]>(),
    /** School or work place, e.g. 临江职业技术学院 / 务工. */
    occupation: varchar('occupation', { length: 100 }),
  },
  (t) => [
    index('household_members_household_idx').on(t.householdId),
    index('household_members_id_blind_idx').on(t.idBlind),
  ],
);

export const householdIncomes = pgTable(
  'household_incomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    position: integer('position').notNull(),
    kind: varchar('kind', { length: 16 }).$type<(typeof INCOME_KINDS)[number]>().notNull(),
    description: varchar('description', { length: 100 }),
    annualFen: bigint('annual_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('household_incomes_household_idx').on(t.householdId),
    check('household_incomes_amount_check', sql`${t.annualFen} >= 0`),
  ],
);

/** Rigid expenditure (刚性支出): medical cost after insurance, education cost. */
export const householdExpenditures = pgTable(
  'household_expenditures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    position: integer('position').notNull(),
    kind: varchar('kind', { length: 16 }).$type<(typeof EXPENDITURE_KINDS)[number]>().notNull(),
    description: varchar('description', { length: 100 }),
    annualFen: bigint('annual_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('household_expenditures_household_idx').on(t.householdId),
    check('household_expenditures_amount_check', sql`${t.annualFen} >= 0`),
  ],
);

export const householdAttachments = pgTable(
  'household_attachments',
  {
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    kind: varchar('kind', { length: 16 }).$type<(typeof ATTACHMENT_KINDS)[number]>().notNull(),
    note: varchar('note', { length: 100 }),
    addedBy: uuid('added_by').notNull(),
    addedAt: created(),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.fileId] }),
    // Reading a file as a household's attachment looks it up by file.
    index('household_attachments_file_idx').on(t.fileId),
  ],
);

/** A category decision snapshot: never updated (trigger), so a later policy never rewrites it. */
export const householdDecisions = pgTable(
  'household_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policyVersions.id),
    /** The business date whose policy was applied. */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    trigger: varchar('trigger', { length: 16 }).$type<'save' | 'submit' | 'review'>().notNull(),
    inputs: jsonb('inputs').notNull(),
    annualIncomeFen: bigint('annual_income_fen', { mode: 'number' }).notNull(),
    rigidExpenditureFen: bigint('rigid_expenditure_fen', { mode: 'number' }).notNull(),
    householdSize: integer('household_size').notNull(),
    perCapitaMonthlyFen: bigint('per_capita_monthly_fen', { mode: 'number' }).notNull(),
    dibaoFen: integer('dibao_fen').notNull(),
    relativeThresholdFen: integer('relative_threshold_fen').notNull(),
    category: varchar('category', { length: 16 }).$type<'deep' | 'relative' | 'sudden' | 'none'>().notNull(),
    explanation: text('explanation').notNull(),
    computedBy: uuid('computed_by'),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('household_decisions_household_idx').on(t.householdId, t.computedAt)],
);

/** The household's timeline: every step, who took it, and why. Append-only (trigger). */
export const householdEvents = pgTable(
  'household_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: varchar('actor_name', { length: 120 }).notNull(),
    actorOrgId: uuid('actor_org_id'),
    action: varchar('action', { length: 32 }).notNull(),
    fromStatus: varchar('from_status', { length: 24 }),
    toStatus: varchar('to_status', { length: 24 }),
    /** The review level of a decision: grassroots or township. */
    level: varchar('level', { length: 16 }),
    comment: text('comment'),
    decisionId: uuid('decision_id'),
    /**
     * The household's employer when the step was taken (after it, for a change of employer): 档案统计
     * counts a step where it happened, though the household may move after a 返困. No foreign key (a
     * snapshot; org units are deactivated, never deleted) — one check fewer per imported household.
     */
    employerOrgId: uuid('employer_org_id').notNull(),
  },
  (t) => [
    index('household_events_household_idx').on(t.householdId, t.id),
    // 档案统计 counts archivings, exits, re-openings and rejections of a period; an import's rows
    // (`imported`) stay out of this index.
    index('household_events_report_idx')
      .on(t.at)
      .where(sql`${t.action} in ('approved','exited','relapsed','rejected')`),
  ],
);

/**
 * One live archive per ID number across the federation: a live household claims the blind index of
 * its employee and of every family member. The primary key makes concurrent submissions of the same
 * person collide in the database; claims are released when the archive leaves the live set.
 */
export const householdIdClaims = pgTable(
  'household_id_claims',
  {
    idBlind: varchar('id_blind', { length: 64 }).primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    role: varchar('role', { length: 8 }).$type<(typeof CLAIM_ROLES)[number]>().notNull(),
    createdAt: created(),
  },
  (t) => [index('household_id_claims_household_idx').on(t.householdId)],
);

/**
 * Monthly income record of an archived household (动态管理): the basis of the automatic exit proposal.
 * Per-capita income and the 低保 standard of the month are stored with the record, so a later policy
 * never changes which months counted as above 低保.
 */
export const householdIncomeRecords = pgTable(
  'household_income_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The first day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    incomeFen: bigint('income_fen', { mode: 'number' }).notNull(),
    rigidExpenditureFen: bigint('rigid_expenditure_fen', { mode: 'number' }).notNull(),
    householdSize: integer('household_size').notNull(),
    perCapitaFen: bigint('per_capita_fen', { mode: 'number' }).notNull(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policyVersions.id),
    dibaoFen: integer('dibao_fen').notNull(),
    note: varchar('note', { length: 200 }),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('household_income_records_month_unique').on(t.householdId, t.month),
    check(
      'household_income_records_amounts_check',
      sql`${t.incomeFen} >= 0 and ${t.rigidExpenditureFen} >= 0`,
    ),
    check('household_income_records_size_check', sql`${t.householdSize} >= 1`),
    check('household_income_records_month_check', sql`extract(day from ${t.month}) = 1`),
  ],
);

export type HouseholdRow = typeof households.$inferSelect;
export type MemberRow = typeof householdMembers.$inferSelect;
export type DecisionRow = typeof householdDecisions.$inferSelect;
export type EventRow = typeof householdEvents.$inferSelect;
export type IncomeRecordRow = typeof householdIncomeRecords.$inferSelect;
