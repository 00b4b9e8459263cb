import { z } from 'zod';
import { SCHOOL_LEVELS } from '../households/households.table';
import { ORG_LEVELS } from '../orgs/orgs.table';
import { PROGRAM_TYPES } from '../programs/programs.table';
import { APPLICATION_STATUSES, DECISION_ACTIONS } from './applications.table';

export const applicationIdParams = z.strictObject({ id: z.uuid() });

const amountFen = z.int('金额应为整数分').min(1, '金额必须大于 0').max(10_000_000_000, '金额过大');
const documents = z
  .array(
    z.strictObject({
      name: z.string().trim().min(2, '材料名称至少 2 个字').max(50, '材料名称不能超过 50 个字'),
      fileId: z.uuid(),
    }),
  )
  .max(20, '材料不能超过 20 份');

const editable = {
  requestedFen: amountFen,
  reason: z.string().trim().min(2, '请填写申请理由（至少 2 个字）').max(2000, '申请理由不能超过 2000 个字'),
  documents: documents.default([]),
  studentMemberId: z.uuid().nullable().optional(),
  school: z
    .string()
    .trim()
    .min(2, '学校名称至少 2 个字')
    .max(100, '学校名称不能超过 100 个字')
    .nullable()
    .optional(),
  schoolLevel: z.enum(SCHOOL_LEVELS).nullable().optional(),
};

export const createApplicationBody = z.strictObject({
  programId: z.uuid(),
  householdId: z.uuid(),
  ...editable,
});
export type CreateApplicationInput = z.infer<typeof createApplicationBody>;

export const resubmitBody = z.strictObject({
  requestedFen: editable.requestedFen.optional(),
  reason: editable.reason.optional(),
  documents: documents.optional(),
  studentMemberId: editable.studentMemberId,
  school: editable.school,
  schoolLevel: editable.schoolLevel,
});
export type ResubmitInput = z.infer<typeof resubmitBody>;

export const approveBody = z.strictObject({
  amountFen: amountFen.optional().describe('核定金额（分），不填则按申请金额或上一环节核定金额'),
  comment: z.string().trim().max(500, '意见不能超过 500 个字').nullable().optional(),
});
export const reasonBody = z.strictObject({
  reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500, '原因不能超过 500 个字'),
});

export const listApplicationsQuery = z.strictObject({
  programId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  /** Only applications waiting for the caller's own unit. */
  awaitingMe: z.stringbool().optional(),
  /** Part of the household's (the employee's) name: 张 finds 张建国, 建国 too. */
  q: z.string().trim().min(1).max(50).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;

const eligibilitySchema = z.object({
  eligible: z.boolean(),
  limitFen: z.int().nullable(),
  checks: z.array(
    z.object({
      key: z.string(),
      ok: z.boolean(),
      /** Why, in Chinese (what users read). */
      message: z.string(),
      /** The same in English; absent from applications assessed before it was kept. */
      messageEn: z.string().optional(),
    }),
  ),
  /** The checks that decide, in one Chinese sentence. */
  explanation: z.string(),
  /** The same in English; absent from applications assessed before it was kept. */
  explanationEn: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()),
});
export const eligibilityResultSchema = eligibilitySchema;

const chainStep = z.object({ level: z.enum(ORG_LEVELS), orgId: z.uuid(), orgName: z.string() });

export const applicationSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  programName: z.string(),
  programType: z.enum(PROGRAM_TYPES),
  programYear: z.int(),
  householdId: z.uuid(),
  householdName: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  round: z.int(),
  step: z.int(),
  chain: z.array(chainStep),
  currentOrgId: z.uuid().nullable(),
  requestedFen: z.int(),
  proposedFen: z.int().nullable(),
  approvedFen: z.int().nullable(),
  reason: z.string(),
  documents: z.array(z.object({ name: z.string(), fileId: z.uuid() })),
  studentMemberId: z.uuid().nullable(),
  studentName: z.string().nullable(),
  school: z.string().nullable(),
  schoolLevel: z.string().nullable(),
  eligibility: eligibilitySchema,
  createdBy: z.uuid(),
  submittedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});

export const applicationDetailSchema = applicationSchema.extend({
  fundings: z.array(z.object({ sourceId: z.uuid(), sourceName: z.string(), amountFen: z.int() })),
  decisions: z.array(
    z.object({
      id: z.uuid(),
      round: z.int(),
      step: z.int().nullable(),
      level: z.enum(ORG_LEVELS).nullable(),
      action: z.enum(DECISION_ACTIONS),
      amountFen: z.int().nullable(),
      comment: z.string().nullable(),
      snapshot: z.unknown(),
      actorName: z.string(),
      at: z.iso.datetime(),
    }),
  ),
});

export const applicationListSchema = z.object({
  items: z.array(applicationSchema),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});
