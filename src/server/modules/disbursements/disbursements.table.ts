import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
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
import { households } from '../households/households.table';
import { orgs } from '../orgs/orgs.table';
import { programs } from '../programs/programs.table';

/** 现金（银行转账） · 实物 */
export const BATCH_KINDS = ['cash', 'goods'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];
/**
 * draft: lines may still be cancelled with the batch; issued: the register went out, lines are
 * confirmed paid or failed; closed: every line confirmed (set automatically); cancelled: a draft
 * withdrawn, its lines released.
 */
export const BATCH_STATUSES = ['draft', 'issued', 'closed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const LINE_STATUSES = ['pending', 'paid', 'failed', 'cancelled'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** A payment batch (发放批次) of one program, paid by one unit, in cash or in goods. */
export const disbursementBatches = pgTable(
  'disbursement_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Drives the printed batch number 批次号 (FF2026-000123). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    batchNo: varchar('batch_no', { length: 32 }).notNull(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    /** The paying unit: decides scope. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: varchar('kind', { length: 8 }).$type<BatchKind>().notNull(),
    status: varchar('status', { length: 12 }).$type<BatchStatus>().notNull().default('draft'),
    title: varchar('title', { length: 100 }).notNull(),
    itemName: varchar('item_name', { length: 100 }),
    unitName: varchar('unit_name', { length: 10 }),
    unitValueFen: bigint('unit_value_fen', { mode: 'number' }),
    lineCount: integer('line_count').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    note: varchar('note', { length: 500 }),
    createdBy: uuid('created_by').notNull(),
    createdByName: varchar('created_by_name', { length: 120 }).notNull(),
    issuedBy: uuid('issued_by'),
    issuedByName: varchar('issued_by_name', { length: 120 }),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('disbursement_batches_no_unique').on(t.batchNo),
    index('disbursement_batches_program_idx').on(t.programId, t.status),
    index('disbursement_batches_org_idx').on(t.orgId),
    check('disbursement_batches_kind_check', sql`${t.kind} in ('cash','goods')`),
    check('disbursement_batches_status_check', sql`${t.status} in ('draft','issued','closed','cancelled')`),
    check(
      'disbursement_batches_goods_check',
      sql`(${t.kind} = 'cash' and ${t.itemName} is null and ${t.unitValueFen} is null) or (${t.kind} = 'goods' and ${t.itemName} is not null and ${t.unitValueFen} > 0)`,
    ),
    check('disbursement_batches_total_check', sql`${t.lineCount} > 0 and ${t.totalFen} > 0`),
  ],
);

/**
 * One payee of a batch. Name, masked ID, bank account (sealed and masked) and work unit are copied
 * from the archive when the line is created: the register shows what was sent to the bank, even if
 * the archive is corrected later. The partial unique index allows one live line (pending or paid)
 * per application, whatever the concurrency: an application is never paid twice; a failed line
 * leaves the application free for a new batch.
 */
export const disbursementLines = pgTable(
  'disbursement_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => disbursementBatches.id),
    position: integer('position').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => aidApplications.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The household's employer union (scope of the line). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    status: varchar('status', { length: 12 }).$type<LineStatus>().notNull().default('pending'),
    payeeName: varchar('payee_name', { length: 50 }).notNull(),
    idMasked: varchar('id_masked', { length: 18 }).notNull(),
    workUnit: varchar('work_unit', { length: 200 }).notNull(),
    bankAccountCipher: text('bank_account_cipher'),
    bankAccountMasked: varchar('bank_account_masked', { length: 40 }),
    bankName: varchar('bank_name', { length: 100 }),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    quantity: integer('quantity'),
    failureReason: varchar('failure_reason', { length: 200 }),
    confirmedBy: uuid('confirmed_by'),
    confirmedByName: varchar('confirmed_by_name', { length: 120 }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('disbursement_lines_live_unique')
      .on(t.applicationId)
      .where(sql`${t.status} in ('pending','paid')`),
    uniqueIndex('disbursement_lines_position_unique').on(t.batchId, t.position),
    index('disbursement_lines_application_idx').on(t.applicationId),
    index('disbursement_lines_household_idx').on(t.householdId),
    check('disbursement_lines_status_check', sql`${t.status} in ('pending','paid','failed','cancelled')`),
    check('disbursement_lines_amount_check', sql`${t.amountFen} > 0`),
    check('disbursement_lines_quantity_check', sql`${t.quantity} is null or ${t.quantity} > 0`),
    check(
      'disbursement_lines_failed_check',
      sql`(${t.status} = 'failed') = (${t.failureReason} is not null)`,
    ),
  ],
);

export type BatchRow = typeof disbursementBatches.$inferSelect;
export type LineRow = typeof disbursementLines.$inferSelect;
