import { bigint, index, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.table';
import { users } from '../users/users.table';

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: varchar('name', { length: 255 }).notNull(),
    mimeType: varchar('mime_type', { length: 120 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: uuid('created_by'),
    /**
     * Set on files that only their requester may fetch: what the system generates (exports, registers —
     * lists of people, possibly unmasked) and import workbooks (full ID numbers and bank accounts).
     * Others in scope get 404. Attachments (certificates, photos) stay readable in scope for review.
     */
    privateTo: uuid('private_to').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('files_org_idx').on(t.orgId)],
);

export type FileRow = typeof files.$inferSelect;
