import { jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/** Small installation-wide facts, e.g. when the first start happened. */
export const settings = pgTable('settings', {
  key: varchar('key', { length: 100 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
