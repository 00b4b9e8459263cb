import { z } from 'zod';
import { isoDate } from '../../common/schemas';
import { FUND_KINDS } from './funds.table';

export const fundIdParams = z.strictObject({ id: z.uuid() });

/** Amounts in fen: whole, positive, below 100 million yuan. */
export const positiveFen = z.int('金额应为整数分').min(1, '金额必须大于 0').max(10_000_000_000, '金额过大');

export const createFundBody = z.strictObject({
  orgId: z.uuid(),
  name: z.string().trim().min(2, '资金来源名称至少 2 个字').max(100, '资金来源名称不能超过 100 个字'),
  kind: z.enum(FUND_KINDS),
  year: z.int().min(2000, '年度不正确').max(2100, '年度不正确'),
  receivedFen: positiveFen,
  receivedOn: isoDate.nullable().optional(),
  note: z.string().trim().max(500, '备注不能超过 500 个字').nullable().optional(),
});
export type CreateFundInput = z.infer<typeof createFundBody>;

/** Name, note, date and the amount received; the amount may not fall below what is already earmarked. */
export const updateFundBody = z
  .strictObject({
    name: createFundBody.shape.name.optional(),
    receivedFen: positiveFen.optional(),
    receivedOn: createFundBody.shape.receivedOn,
    note: createFundBody.shape.note,
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), '请至少修改一项');
export type UpdateFundInput = z.infer<typeof updateFundBody>;

export const listFundsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(FUND_KINDS).optional(),
  orgId: z.uuid().optional(),
});
export type ListFundsQuery = z.infer<typeof listFundsQuery>;

export const fundSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  kind: z.enum(FUND_KINDS),
  year: z.int(),
  receivedFen: z.int(),
  allocatedFen: z.int().describe('已安排给项目的金额（分）'),
  unallocatedFen: z.int().describe('尚未安排的金额（分）'),
  spentFen: z
    .int()
    .describe('已发放（核销）的金额（分）：发放明细确认已发放时从本来源支出，不超过已安排金额'),
  receivedOn: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const fundListSchema = z.object({ items: z.array(fundSchema) });
