import { z } from 'zod';
import { text, uuid } from '../../common/schemas';
import { BATCH_KINDS, BATCH_STATUSES, LINE_STATUSES } from './disbursements.table';

export const batchIdParams = z.strictObject({ id: z.uuid() });

const MAX_LINES = 20_000;

export const listBatchesQuery = z.strictObject({
  programId: z.uuid().optional(),
  status: z.enum(BATCH_STATUSES).optional(),
  kind: z.enum(BATCH_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListBatchesQuery = z.infer<typeof listBatchesQuery>;

export const candidatesQuery = z.strictObject({
  programId: z.uuid(),
  /** The paying unit (default: the caller's unit); candidates are the applications below it. */
  orgId: z.uuid().optional(),
  /** Only applications that can be put into a batch now. */
  payableOnly: z.stringbool().optional(),
  q: text.trim().min(1).max(50).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export type CandidatesQuery = z.infer<typeof candidatesQuery>;

const title = text.trim().min(2, '批次名称至少 2 个字').max(100, '批次名称不能超过 100 个字');
const note = text.trim().max(500, '备注不能超过 500 个字').nullable().optional();
// Lower-cased: the same id in capitals is the same application (uuid values compare so in the database).
const applicationIds = z
  .array(uuid)
  .min(1, '请至少选择一份申请')
  .max(MAX_LINES, `一个批次最多 ${MAX_LINES} 份申请`)
  .refine((ids) => new Set(ids).size === ids.length, '申请不能重复选择');

export const createBatchBody = z
  .strictObject({
    programId: z.uuid(),
    /** The paying unit (default: the caller's unit). */
    orgId: z.uuid().optional(),
    kind: z.enum(BATCH_KINDS, '发放方式只能是现金（cash）或实物（goods）'),
    title: title.optional(),
    itemName: z.string().trim().min(1, '请填写物品名称').max(100, '物品名称不能超过 100 个字').optional(),
    unitName: z.string().trim().min(1).max(10, '计量单位不能超过 10 个字').optional(),
    unitValueFen: z.int('单价应为整数分').min(1, '单价必须大于 0').max(100_000_000, '单价过大').optional(),
    applicationIds,
    note,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'goods') {
      if (!v.itemName)
        ctx.addIssue({ code: 'custom', path: ['itemName'], message: '实物发放须填写物品名称' });
      if (!v.unitValueFen)
        ctx.addIssue({ code: 'custom', path: ['unitValueFen'], message: '实物发放须填写单价（分）' });
    } else {
      for (const key of ['itemName', 'unitName', 'unitValueFen'] as const)
        if (v[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: '现金发放不填写物品、单位和单价' });
    }
  });
export type CreateBatchInput = z.infer<typeof createBatchBody>;

export const rebatchBody = z.strictObject({ title: title.optional(), note });

export const cancelBody = z.strictObject({
  reason: z.string().trim().min(2, '请填写作废原因（至少 2 个字）').max(200, '原因不能超过 200 个字'),
});

export const confirmBody = z
  .strictObject({
    result: z.enum(['paid', 'failed'], '确认结果只能是已发放（paid）或发放失败（failed）'),
    lineIds: z
      .array(z.uuid())
      .min(1, '请至少选择一条明细')
      .max(MAX_LINES, `一次最多确认 ${MAX_LINES} 条`)
      .optional(),
    /** Every line still pending in the batch. */
    allPending: z.literal(true).optional(),
    reason: z
      .string()
      .trim()
      .min(2, '请填写失败原因（至少 2 个字）')
      .max(200, '原因不能超过 200 个字')
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.lineIds === !v.allPending)
      ctx.addIssue({
        code: 'custom',
        path: ['lineIds'],
        message: '请选择要确认的明细，或选择“全部待确认明细”',
      });
    if (v.result === 'failed' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '发放失败须填写原因' });
    if (v.result === 'paid' && v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '确认已发放时不填写失败原因' });
  });
export type ConfirmInput = z.infer<typeof confirmBody>;

export const listLinesQuery = z.strictObject({
  status: z.enum(LINE_STATUSES).optional(),
  q: text.trim().min(1).max(50).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListLinesQuery = z.infer<typeof listLinesQuery>;

export const registerBody = z.strictObject({
  format: z.enum(['xlsx', 'docx'], '登记册格式只能是 xlsx 或 docx'),
  /** Full bank accounts: needs `household.reveal`, audited as a reveal. */
  unmasked: z.boolean().default(false),
});
export type RegisterInput = z.infer<typeof registerBody>;

const counts = z.object({
  pending: z.int(),
  paid: z.int(),
  failed: z.int(),
  cancelled: z.int(),
  pendingFen: z.int(),
  paidFen: z.int(),
  failedFen: z.int(),
});

export const batchSchema = z.object({
  id: z.uuid(),
  batchNo: z.string(),
  title: z.string(),
  programId: z.uuid(),
  programName: z.string(),
  programYear: z.int(),
  orgId: z.uuid(),
  orgName: z.string(),
  kind: z.enum(BATCH_KINDS),
  status: z.enum(BATCH_STATUSES),
  itemName: z.string().nullable(),
  unitName: z.string().nullable(),
  unitValueFen: z.int().nullable(),
  lineCount: z.int(),
  totalFen: z.int(),
  note: z.string().nullable(),
  createdBy: z.uuid().describe('制单人（编制批次的人）'),
  createdByName: z.string(),
  issuedBy: z.uuid().nullable().describe('复核人（开始发放的人），须与制单人不同'),
  issuedByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  issuedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  counts,
});

export const batchListSchema = z.object({
  items: z.array(batchSchema),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});

export const lineSchema = z.object({
  id: z.uuid(),
  position: z.int(),
  applicationId: z.uuid(),
  householdId: z.uuid(),
  payeeName: z.string(),
  idMasked: z.string(),
  workUnit: z.string(),
  bankAccountMasked: z.string().nullable(),
  bankName: z.string().nullable(),
  amountFen: z.int(),
  quantity: z.int().nullable(),
  status: z.enum(LINE_STATUSES),
  failureReason: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.iso.datetime().nullable(),
});

export const lineListSchema = z.object({
  items: z.array(lineSchema),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});

const block = z.object({ code: z.string(), message: z.string(), messageEn: z.string() });

export const candidateListSchema = z.object({
  items: z.array(
    z.object({
      applicationId: z.uuid(),
      householdId: z.uuid(),
      householdName: z.string(),
      orgName: z.string(),
      approvedFen: z.int(),
      hasBankAccount: z.boolean(),
      /** Why it cannot go into a batch now (publicity, objection, already in a batch); null when payable. */
      block: block.nullable(),
      previousFailures: z.int(),
    }),
  ),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});

export const confirmResultSchema = z.object({
  batch: batchSchema,
  changed: z.int(),
  unchanged: z.int(),
});
