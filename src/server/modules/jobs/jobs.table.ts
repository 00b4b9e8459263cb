import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.table';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: varchar('type', { length: 60 }).notNull(),
    status: varchar('status', { length: 16 }).$type<JobStatus>().notNull().default('queued'),
    payload: jsonb('payload').notNull().default({}),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    result: jsonb('result'),
    errors: jsonb('errors').notNull().default([]),
    /** Why a job failed, in Chinese (what users read). */
    message: text('message'),
    /** The same in English; null for jobs that failed before the English variant was kept. */
    messageEn: text('message_en'),
    createdBy: uuid('created_by'),
    orgId: uuid('org_id').references(() => orgs.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('jobs_created_by_idx').on(t.createdBy, t.createdAt),
    check('jobs_status_check', sql`${t.status} in ('queued','running','succeeded','failed')`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
