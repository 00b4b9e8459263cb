import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
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
import { fundSources } from '../funds/funds.table';
import { households } from '../households/households.table';
import type { OrgLevel } from '../orgs/orgs.table';
import { orgs } from '../orgs/orgs.table';
import { programs } from '../programs/programs.table';

export const APPLICATION_STATUSES = ['pending', 'returned', 'rejected', 'approved', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const DECISION_ACTIONS = [
  'submitted',
  'resubmitted',
  'approved',
  'returned',
  'rejected',
  'withdrawn',
] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** One step of the review chain, resolved for the household's employer when the application is submitted. */
export interface ChainStep {
  level: OrgLevel;
  orgId: string;
  orgName: string;
}

export interface EligibilityCheck {
  key: string;
  ok: boolean;
  /** Why, in Chinese (what users read). */
  message: string;
  /** The same in English; absent from checks stored before it was kept. */
  messageEn?: string;
}

/** What the eligibility check saw and concluded: kept with the application and in every decision. */
export interface Eligibility {
  eligible: boolean;
  limitFen: number | null;
  checks: EligibilityCheck[];
  /** The checks that decide, in one Chinese sentence. */
  explanation: string;
  /** The same in English; absent from assessments stored before it was kept. */
  explanationEn?: string;
  inputs: Record<string, unknown>;
}

export interface DocumentRef {
  name: string;
  fileId: string;
}

/**
 * An aid application (帮扶申请) of an archived household to a program. `step` indexes `chain`: the
 * unit whose reviewers decide now is `current_org_id` (null once decided). The partial unique index
 * keeps one live application per household, program and student, whatever the concurrency.
 */
export const aidApplications = pgTable(
  'aid_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The household's employer union: decides scope. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    status: varchar('status', { length: 16 }).$type<ApplicationStatus>().notNull(),
    round: integer('round').notNull().default(1),
    step: integer('step').notNull().default(0),
    chain: jsonb('chain').$type<ChainStep[]>().notNull(),
    currentOrgId: uuid('current_org_id'),
    requestedFen: bigint('requested_fen', { mode: 'number' }).notNull(),
    /** The amount the latest approving level agreed to; a later level may only lower it. */
    proposedFen: bigint('proposed_fen', { mode: 'number' }),
    approvedFen: bigint('approved_fen', { mode: 'number' }),
    reason: text('reason').notNull(),
    documents: jsonb('documents').$type<DocumentRef[]>().notNull(),
    studentMemberId: uuid('student_member_id'),
    studentName: varchar('student_name', { length: 50 }),
    school: varchar('school', { length: 100 }),
    schoolLevel: varchar('school_level', { length: 16 }),
    eligibility: jsonb('eligibility').$type<Eligibility>().notNull(),
    createdBy: uuid('created_by').notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('aid_applications_program_idx').on(t.programId, t.status),
    index('aid_applications_household_idx').on(t.householdId),
    index('aid_applications_org_idx').on(t.orgId),
    index('aid_applications_queue_idx').on(t.currentOrgId).where(sql`${t.currentOrgId} is not null`),
    uniqueIndex('aid_applications_live_unique')
      .on(
        t.programId,
        t.householdId,
        sql`coalesce(${t.studentMemberId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      )
      .where(sql`${t.status} in ('pending','returned','approved')`),
    check(
      'aid_applications_status_check',
      sql`${t.status} in ('pending','returned','rejected','approved','withdrawn')`,
    ),
    check(
      'aid_applications_amount_check',
      sql`${t.requestedFen} > 0 and (${t.approvedFen} is null or (${t.approvedFen} > 0 and ${t.approvedFen} <= ${t.requestedFen}))`,
    ),
  ],
);

/** Each submission and review decision with a snapshot of what the decider saw. Append-only (trigger). */
export const aidApplicationDecisions = pgTable(
  'aid_application_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => aidApplications.id),
    round: integer('round').notNull(),
    step: integer('step'),
    level: varchar('level', { length: 16 }).$type<OrgLevel>(),
    action: varchar('action', { length: 16 }).$type<DecisionAction>().notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    comment: text('comment'),
    snapshot: jsonb('snapshot').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorName: varchar('actor_name', { length: 120 }).notNull(),
    actorOrgId: uuid('actor_org_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('aid_application_decisions_application_idx').on(t.applicationId, t.at),
    check(
      'aid_application_decisions_action_check',
      sql`${t.action} in ('submitted','resubmitted','approved','returned','rejected','withdrawn')`,
    ),
  ],
);

/** Which sources pay a finally approved application (the split taken from the program's balances). */
export const aidApplicationFundings = pgTable(
  'aid_application_fundings',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => aidApplications.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => fundSources.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.sourceId] }),
    index('aid_application_fundings_program_idx').on(t.programId, t.sourceId),
    check('aid_application_fundings_amount_check', sql`${t.amountFen} > 0`),
  ],
);

export type ApplicationRow = typeof aidApplications.$inferSelect;
export type ApplicationDecisionRow = typeof aidApplicationDecisions.$inferSelect;
