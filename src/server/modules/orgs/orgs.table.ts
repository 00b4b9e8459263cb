import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
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
import type { OrgLevel } from '../../../shared/vocabulary';

export { ORG_LEVELS, type OrgLevel } from '../../../shared/vocabulary';

export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: varchar('name', { length: 100 }).notNull(),
    level: varchar('level', { length: 16 }).$type<OrgLevel>().notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgs.id),
    /** Materialised path of ids, `/root/child/…/self/`: the data scope of a user is a prefix of it. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    contactPerson: varchar('contact_person', { length: 50 }),
    contactPhone: varchar('contact_phone', { length: 30 }),
    employerName: varchar('employer_name', { length: 200 }),
    uscc: varchar('uscc', { length: 18 }),
    memberCount: integer('member_count'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('orgs_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('orgs_parent_idx').on(t.parentId),
    // One union per employer: the USCC identifies the employer.
    uniqueIndex('orgs_uscc_unique').on(t.uscc).where(sql`${t.uscc} is not null`),
    check('orgs_level_check', sql`${t.level} in ('city','district','township','grassroots')`),
    check('orgs_member_count_check', sql`${t.memberCount} is null or ${t.memberCount} >= 0`),
  ],
);

export type OrgRow = typeof orgs.$inferSelect;
