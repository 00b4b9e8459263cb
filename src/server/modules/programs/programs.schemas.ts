import { z } from 'zod';
import { isoDate } from '../../common/schemas';
import { SCHOOL_LEVELS } from '../households/households.table';
import { ORG_LEVELS } from '../orgs/orgs.table';
import { AID_CATEGORIES, PROGRAM_TYPES } from './programs.table';

export const programIdParams = z.strictObject({ id: z.uuid() });

const fenCap = z.int('金额应为整数分').min(1, '金额必须大于 0').max(10_000_000_000, '金额过大');
const LEVEL_ORDER = ['grassroots', 'township', 'district', 'city'] as const;

const programFields = {
  orgId: z.uuid(),
  type: z.enum(PROGRAM_TYPES),
  name: z.string().trim().min(2, '项目名称至少 2 个字').max(100, '项目名称不能超过 100 个字'),
  year: z.int().min(2000, '年度不正确').max(2100, '年度不正确'),
  categories: z
    .array(z.enum(AID_CATEGORIES))
    .min(1, '请至少选择一种困难类别')
    .refine((v) => new Set(v).size === v.length, '困难类别不能重复'),
  capPerHouseholdFen: fenCap.nullable().optional(),
  capPerYearFen: fenCap.nullable().optional(),
  dibaoMonths: z.int().min(1, '月数至少为 1').max(36, '月数不能超过 36').nullable().optional(),
  tuitionCaps: z.partialRecord(z.enum(SCHOOL_LEVELS), fenCap).nullable().optional(),
  requiredDocuments: z
    .array(z.string().trim().min(2, '材料名称至少 2 个字').max(50, '材料名称不能超过 50 个字'))
    .max(20, '所需材料不能超过 20 项')
    .default([]),
  windowStart: isoDate,
  windowEnd: isoDate,
  reviewChain: z
    .array(z.enum(ORG_LEVELS))
    .min(1, '请至少设置一个审核环节')
    .max(4)
    .refine(
      (v) => v.every((level, i) => i === 0 || LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(v[i - 1]!)),
      '审核环节须从低到高排列，且不能重复',
    ),
  publicityDays: z.int().min(0, '公示天数不能为负').max(60, '公示天数不能超过 60 天').default(5),
};

export const createProgramBody = z.strictObject(programFields).refine((v) => v.windowStart <= v.windowEnd, {
  message: '申报截止日期不能早于开始日期',
  path: ['windowEnd'],
});
export type CreateProgramInput = z.infer<typeof createProgramBody>;

/**
 * The rules of a program may change only while nobody has applied; afterwards only the window, the
 * required documents and the name (the rules applications were assessed against stay as they were).
 */
export const updateProgramBody = z
  .strictObject({
    name: programFields.name.optional(),
    categories: programFields.categories.optional(),
    capPerHouseholdFen: programFields.capPerHouseholdFen,
    capPerYearFen: programFields.capPerYearFen,
    dibaoMonths: programFields.dibaoMonths,
    tuitionCaps: programFields.tuitionCaps,
    requiredDocuments: programFields.requiredDocuments.removeDefault().optional(),
    windowStart: isoDate.optional(),
    windowEnd: isoDate.optional(),
    reviewChain: programFields.reviewChain.optional(),
    publicityDays: programFields.publicityDays.removeDefault().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), '请至少修改一项');
export type UpdateProgramInput = z.infer<typeof updateProgramBody>;

export const listProgramsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  type: z.enum(PROGRAM_TYPES).optional(),
  orgId: z.uuid().optional(),
});
export type ListProgramsQuery = z.infer<typeof listProgramsQuery>;

export const allocateBody = z.strictObject({
  sourceId: z.uuid(),
  amountFen: fenCap,
  note: z.string().trim().max(500, '备注不能超过 500 个字').nullable().optional(),
});
export type AllocateInput = z.infer<typeof allocateBody>;

/**
 * Money taken off what a source allocated to the program and given back to the source (e.g. 结余退回
 * at year end): never more than what is not yet promised to approved applications.
 */
export const returnAllocationBody = z.strictObject({
  sourceId: z.uuid(),
  amountFen: fenCap,
  reason: z.string().trim().min(2, '请填写退回原因（至少 2 个字）').max(500, '退回原因不能超过 500 个字'),
});
export type ReturnAllocationInput = z.infer<typeof returnAllocationBody>;

const balanceSchema = z.object({
  sourceId: z.uuid(),
  sourceName: z.string(),
  sourceKind: z.string(),
  allocatedFen: z.int(),
  approvedFen: z.int(),
  remainingFen: z.int(),
});

export const programSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  type: z.enum(PROGRAM_TYPES),
  name: z.string(),
  year: z.int(),
  categories: z.array(z.enum(AID_CATEGORIES)),
  capPerHouseholdFen: z.int().nullable(),
  capPerYearFen: z.int().nullable(),
  dibaoMonths: z.int().nullable(),
  tuitionCaps: z.record(z.string(), z.int()).nullable(),
  requiredDocuments: z.array(z.string()),
  windowStart: z.string(),
  windowEnd: z.string(),
  reviewChain: z.array(z.enum(ORG_LEVELS)),
  publicityDays: z.int(),
  createdAt: z.iso.datetime(),
});

export const programDetailSchema = programSchema.extend({
  sources: z.array(balanceSchema),
  applicationCount: z.int().describe('已提交的申请件数（大于 0 时只能修改申报时间、所需材料和名称）'),
  allocatedFen: z.int(),
  approvedFen: z.int(),
  remainingFen: z.int(),
});

export const programListSchema = z.object({ items: z.array(programSchema) });
