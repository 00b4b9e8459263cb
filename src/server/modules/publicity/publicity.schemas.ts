import { z } from 'zod';
import { isoDate, uuid } from '../../common/schemas';
import { APPLICATION_STATUSES } from '../applications/applications.table';
import { PROGRAM_TYPES } from '../programs/programs.table';
import {
  ENTRY_STATUSES,
  OBJECTION_CHANNELS,
  OBJECTION_STATUSES,
  PUBLICITY_STATUSES,
  UPHELD_OUTCOMES,
} from './publicity.table';

export const PUBLICITY_PHASES = ['upcoming', 'running', 'ended', 'withdrawn'] as const;
export type PublicityPhase = (typeof PUBLICITY_PHASES)[number];

const reason = (what: string, max: number) =>
  z.string().trim().min(2, `请填写${what}（至少 2 个字）`).max(max, `${what}不能超过 ${max} 个字`);

export const programIdParams = z.strictObject({ id: z.uuid() });
export const publicityIdParams = z.strictObject({ id: z.uuid() });
export const objectionParams = z.strictObject({ id: z.uuid(), objectionId: z.uuid() });
export const publicTokenParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '公示链接不正确'),
});

export const listPublicityQuery = z.strictObject({
  status: z.enum(PUBLICITY_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListPublicityQuery = z.infer<typeof listPublicityQuery>;

/** Objections awaiting the caller's verification: open, and recorded by someone else (who records may not resolve). */
export const OBJECTION_FILTERS = ['pending'] as const;

export const listManagedPublicityQuery = z.strictObject({
  objections: z
    .enum(OBJECTION_FILTERS)
    .optional()
    .describe('pending：只列有待本人核实处理的异议的公示（异议未处理，且不是本人登记的）'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListManagedPublicityQuery = z.infer<typeof listManagedPublicityQuery>;

export const publishBody = z
  .strictObject({
    title: z.string().trim().min(4, '公示标题至少 4 个字').max(200, '公示标题不能超过 200 个字').optional(),
    startDate: isoDate,
    endDate: isoDate.optional().describe('公示最后一天；不填则为开始日期 + 项目公示天数 − 1'),
    note: z.string().trim().max(1000, '公示说明不能超过 1000 个字').nullable().optional(),
    // Lower-cased: the same id in capitals is the same application (uuid values compare so in the database).
    applicationIds: z
      .array(uuid)
      .min(1, '请至少选择一件申请')
      .max(5000, '一次最多公示 5000 件申请')
      .refine((v) => new Set(v).size === v.length, '申请不能重复选择')
      .optional()
      .describe('要公示的已批准申请；不填则为本项目全部尚未公示的已批准申请'),
  })
  .refine((v) => !v.endDate || v.startDate <= v.endDate, {
    message: '公示结束日期不能早于开始日期',
    path: ['endDate'],
  });
export type PublishInput = z.infer<typeof publishBody>;

export const withdrawBody = z.strictObject({ reason: reason('撤回原因', 500) });

export const recordObjectionBody = z.strictObject({
  entryId: z.uuid().nullable().optional().describe('针对的公示对象；不填则针对整个公示'),
  channel: z.enum(OBJECTION_CHANNELS),
  content: reason('异议内容', 2000),
  contact: z
    .string()
    .trim()
    .min(2, '联系方式至少 2 个字')
    .max(100, '联系方式不能超过 100 个字')
    .nullable()
    .optional()
    .describe('反映人联系方式（加密保存，列表中脱敏显示）'),
});
export type RecordObjectionInput = z.infer<typeof recordObjectionBody>;

export const resolveObjectionBody = z
  .strictObject({
    decision: z.enum(['upheld', 'dismissed']),
    outcome: z
      .enum(UPHELD_OUTCOMES)
      .optional()
      .describe('异议成立且针对具体对象时：returned 退回经办补充，rejected 不予通过'),
    note: reason('核实情况', 2000),
  })
  .refine((v) => v.decision === 'upheld' || v.outcome === undefined, {
    message: '异议不成立时不能选择处理结果',
    path: ['outcome'],
  });
export type ResolveObjectionInput = z.infer<typeof resolveObjectionBody>;

const entrySchema = z.object({
  id: z.uuid(),
  seq: z.int(),
  applicationId: z.uuid(),
  applicationStatus: z.enum(APPLICATION_STATUSES),
  maskedName: z.string(),
  unitName: z.string(),
  amountFen: z.int(),
  category: z.string().nullable(),
  schoolLevel: z.string().nullable(),
  status: z.enum(ENTRY_STATUSES),
  openObjections: z.int(),
});

const objectionSchema = z.object({
  id: z.uuid(),
  entryId: z.uuid().nullable(),
  entrySeq: z.int().nullable(),
  entryMaskedName: z.string().nullable(),
  channel: z.enum(OBJECTION_CHANNELS),
  content: z.string(),
  contactMasked: z.string().nullable(),
  receivedOn: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  outcome: z.enum(UPHELD_OUTCOMES).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  recordedByName: z.string(),
  createdAt: z.iso.datetime(),
});
export const objectionDetailSchema = objectionSchema;

const publicitySummary = {
  id: z.uuid(),
  programId: z.uuid(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(PUBLICITY_STATUSES),
  phase: z.enum(PUBLICITY_PHASES),
  entryCount: z.int(),
  totalFen: z.int(),
  objectionCount: z.int(),
  openObjections: z.int(),
  createdAt: z.iso.datetime(),
};

export const publicityListSchema = z.object({
  program: z.object({
    id: z.uuid(),
    name: z.string(),
    publicityDays: z.int(),
    canPublish: z.boolean(),
  }),
  items: z.array(z.object(publicitySummary)),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});

export const managedPublicityListSchema = z.object({
  items: z.array(
    z.object({
      ...publicitySummary,
      programName: z.string(),
      orgId: z.uuid(),
      orgName: z.string(),
      /** Open objections the caller may verify: `openObjections` less those the caller recorded. */
      pendingObjections: z.int(),
    }),
  ),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});

export const publicityDetailSchema = z.object({
  ...publicitySummary,
  programName: z.string(),
  programType: z.enum(PROGRAM_TYPES),
  programYear: z.int(),
  publicityDays: z.int(),
  orgId: z.uuid(),
  orgName: z.string(),
  note: z.string().nullable(),
  publicToken: z.string(),
  publicPath: z.string(),
  createdByName: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
  today: z.string(),
  acceptsObjections: z.boolean(),
  canManage: z.boolean(),
  entries: z.array(entrySchema),
  objections: z.array(objectionSchema),
});

export const candidatesSchema = z.object({
  items: z.array(
    z.object({
      applicationId: z.uuid(),
      householdName: z.string(),
      maskedName: z.string(),
      unitName: z.string(),
      category: z.string().nullable(),
      schoolLevel: z.string().nullable(),
      approvedFen: z.int(),
      decidedAt: z.iso.datetime().nullable(),
    }),
  ),
  defaultStartDate: z.string(),
  defaultEndDate: z.string(),
});

export const revealContactSchema = z.object({ contact: z.string().nullable() });

/** What the public page may show: the masked snapshot, the dates and the publishing unit — nothing else. */
export const publicNoticeSchema = z.object({
  /** `open`: the list is shown; `upcoming` / `ended`: only title, dates, count and total. */
  phase: z.enum(['upcoming', 'open', 'ended']),
  count: z.int(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  title: z.string(),
  orgName: z.string(),
  programName: z.string(),
  programType: z.enum(PROGRAM_TYPES),
  startDate: z.string(),
  endDate: z.string(),
  note: z.string().nullable(),
  totalFen: z.int(),
  entries: z.array(
    z.object({
      seq: z.int(),
      maskedName: z.string(),
      unitName: z.string(),
      amountFen: z.int(),
      category: z.string().nullable(),
      schoolLevel: z.string().nullable(),
    }),
  ),
});
