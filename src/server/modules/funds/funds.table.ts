import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.table';

/** 区政府拨款 · 局工会经费 · 上级工会下拨 · 社会捐赠 · 其他 */
export const FUND_KINDS = ['government', 'union_funds', 'upper_union', 'donation', 'other'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

/**
 * Money received from one named source in one year. `unallocated_fen` is what is not yet earmarked to
 * a program: earmarking is a conditional `UPDATE … WHERE unallocated_fen >= $n`, and the check
 * constraint keeps it between 0 and the amount received, so no fen is ever earmarked twice.
 */
export const fundSources = pgTable(
  'fund_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: varchar('name', { length: 100 }).notNull(),
    kind: varchar('kind', { length: 16 }).$type<FundKind>().notNull(),
    year: integer('year').notNull(),
    receivedFen: bigint('received_fen', { mode: 'number' }).notNull(),
    unallocatedFen: bigint('unallocated_fen', { mode: 'number' }).notNull(),
    /** Paid out to households (payment lines confirmed paid): never more than what was earmarked. */
    spentFen: bigint('spent_fen', { mode: 'number' }).notNull().default(0),
    receivedOn: date('received_on', { mode: 'string' }),
    note: varchar('note', { length: 500 }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('fund_sources_org_year_idx').on(t.orgId, t.year),
    check(
      'fund_sources_kind_check',
      sql`${t.kind} in ('government','union_funds','upper_union','donation','other')`,
    ),
    check('fund_sources_received_check', sql`${t.receivedFen} > 0`),
    check(
      'fund_sources_unallocated_check',
      sql`${t.unallocatedFen} >= 0 and ${t.unallocatedFen} <= ${t.receivedFen}`,
    ),
    check(
      'fund_sources_spent_check',
      sql`${t.spentFen} >= 0 and ${t.spentFen} <= ${t.receivedFen} - ${t.unallocatedFen}`,
    ),
  ],
);

export type FundSourceRow = typeof fundSources.$inferSelect;
