import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { aidApplications } from '../applications/applications.table';
import { orgs } from '../orgs/orgs.table';
import { programs } from '../programs/programs.table';

export const PUBLICITY_STATUSES = ['published', 'withdrawn'] as const;
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number];
/** `listed`: on the notice; `withdrawn`: its publicity was withdrawn; `revoked`: an upheld objection took it off. */
export const ENTRY_STATUSES = ['listed', 'withdrawn', 'revoked'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const OBJECTION_CHANNELS = ['phone', 'letter', 'visit', 'email', 'other'] as const;
export type ObjectionChannel = (typeof OBJECTION_CHANNELS)[number];
export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
/** What happens to the application of an upheld objection: back to the officer, or rejected. */
export const UPHELD_OUTCOMES = ['returned', 'rejected'] as const;
export type UpheldOutcome = (typeof UPHELD_OUTCOMES)[number];

/**
 * A publicity notice (公示) of a program's approved list, from `start_date` to `end_date` inclusive
 * (business dates, Asia/Shanghai). `public_token` is the unguessable part of the public URL. The
 * publishing unit's name is copied at publication, like the entries: the notice is what was posted.
 */
export const publicities = pgTable(
  'publicities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    /** The publishing unit (the program's owning unit): decides scope. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    orgName: varchar('org_name', { length: 100 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    note: text('note'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 16 }).$type<PublicityStatus>().notNull().default('published'),
    publicToken: varchar('public_token', { length: 64 }).notNull(),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnBy: uuid('withdrawn_by'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('publicities_program_idx').on(t.programId, t.startDate),
    index('publicities_org_idx').on(t.orgId),
    uniqueIndex('publicities_public_token_unique').on(t.publicToken),
    check('publicities_status_check', sql`${t.status} in ('published','withdrawn')`),
    check('publicities_period_check', sql`${t.startDate} <= ${t.endDate}`),
  ],
);

/**
 * One line of a notice: a snapshot taken at publication of what a notice may show — the masked name,
 * the employer unit, the amount and the reason category — and nothing else personal. The partial unique
 * index keeps an application on at most one live notice, whatever the concurrency.
 */
export const publicityEntries = pgTable(
  'publicity_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicityId: uuid('publicity_id')
      .notNull()
      .references(() => publicities.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => aidApplications.id),
    seq: integer('seq').notNull(),
    maskedName: varchar('masked_name', { length: 50 }).notNull(),
    unitName: varchar('unit_name', { length: 200 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** The household's hardship category at publication: deep / relative / sudden. */
    category: varchar('category', { length: 16 }),
    /** 金秋助学: the school level (e.g. university), shown with the category. */
    schoolLevel: varchar('school_level', { length: 16 }),
    status: varchar('status', { length: 16 }).$type<EntryStatus>().notNull().default('listed'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('publicity_entries_publicity_idx').on(t.publicityId, t.seq),
    uniqueIndex('publicity_entries_live_unique').on(t.applicationId).where(sql`${t.status} = 'listed'`),
    check('publicity_entries_status_check', sql`${t.status} in ('listed','withdrawn','revoked')`),
    check('publicity_entries_amount_check', sql`${t.amountFen} > 0`),
  ],
);

/**
 * An objection (异议) received by staff during the period, against one entry or the notice as a whole.
 * The objector's contact is personal data: encrypted, with the masked form for lists.
 */
export const publicityObjections = pgTable(
  'publicity_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicityId: uuid('publicity_id')
      .notNull()
      .references(() => publicities.id),
    /** Null: against the notice as a whole. */
    entryId: uuid('entry_id').references(() => publicityEntries.id),
    channel: varchar('channel', { length: 16 }).$type<ObjectionChannel>().notNull(),
    content: text('content').notNull(),
    contactCipher: text('contact_cipher'),
    contactMasked: varchar('contact_masked', { length: 60 }),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 16 }).$type<ObjectionStatus>().notNull().default('open'),
    outcome: varchar('outcome', { length: 16 }).$type<UpheldOutcome>(),
    resolutionNote: text('resolution_note'),
    resolvedBy: uuid('resolved_by'),
    resolvedByName: varchar('resolved_by_name', { length: 120 }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    recordedBy: uuid('recorded_by').notNull(),
    recordedByName: varchar('recorded_by_name', { length: 120 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('publicity_objections_publicity_idx').on(t.publicityId, t.status),
    index('publicity_objections_entry_idx').on(t.entryId).where(sql`${t.entryId} is not null`),
    check('publicity_objections_status_check', sql`${t.status} in ('open','upheld','dismissed')`),
    check(
      'publicity_objections_channel_check',
      sql`${t.channel} in ('phone','letter','visit','email','other')`,
    ),
    check(
      'publicity_objections_outcome_check',
      sql`(${t.status} <> 'upheld' and ${t.outcome} is null) or (${t.status} = 'upheld' and (${t.entryId} is null) = (${t.outcome} is null))`,
    ),
  ],
);

export type PublicityRow = typeof publicities.$inferSelect;
export type PublicityEntryRow = typeof publicityEntries.$inferSelect;
export type PublicityObjectionRow = typeof publicityObjections.$inferSelect;
