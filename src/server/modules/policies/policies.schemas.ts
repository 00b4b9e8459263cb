import { z } from 'zod';
import { regionCodeProblem } from '../../common/identifiers';
import { isoDate } from '../../common/schemas';
import { ORG_LEVELS } from '../orgs/orgs.table';

export const regionCode = z.string().superRefine((value, ctx) => {
  const problem = regionCodeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A decimal with at most 4 places (2, 1.5, 0.8), stored as basis points so that arithmetic stays integer. */
const decimal4 = (min: number, max: number, label: string) =>
  z
    .number()
    .refine(
      (v) => Number.isInteger(Math.round(v * 10000)) && Math.abs(v * 10000 - Math.round(v * 10000)) < 1e-6,
      {
        message: `${label}最多 4 位小数`,
      },
    )
    .refine((v) => v > min && v <= max, { message: `${label}应大于 ${min} 且不超过 ${max}` });

export const policyIdParams = z.strictObject({ id: z.uuid() });

export const createPolicyBody = z.strictObject({
  regionCode,
  effectiveFrom: isoDate,
  dibaoFen: z.int().min(1, '低保标准应大于 0').max(10_000_000),
  relativeMultiplier: decimal4(1, 10, '相对困难倍数'),
  suddenExpenditureRatio: decimal4(0, 1, '刚性支出比例'),
  reviewIntervalMonths: z.int().min(1).max(60).default(12),
  exitMonths: z.int().min(1).max(36).default(6),
  note: z.string().trim().max(200).nullable().optional(),
});
export type CreatePolicyInput = z.infer<typeof createPolicyBody>;

export const listPoliciesQuery = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{1,6}$/, '地区代码应为 1–6 位数字（前缀匹配）')
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListPoliciesQuery = z.infer<typeof listPoliciesQuery>;

export const policyInForceQuery = z.strictObject({ regionCode, date: isoDate.optional() });

export const policySchema = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  effectiveFrom: z.string(),
  dibaoFen: z.int(),
  relativeMultiplier: z.number(),
  relativeMultiplierBp: z.int(),
  suddenExpenditureRatio: z.number(),
  suddenRatioBp: z.int(),
  reviewIntervalMonths: z.int(),
  exitMonths: z.int(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const policyPageSchema = z.object({
  items: z.array(
    policySchema.extend({
      /** Who set the version and their unit (null for versions loaded by the system). */
      createdByName: z.string().nullable(),
      createdByOrgName: z.string().nullable(),
      /**
       * The region's name, from the city or county federation carrying the code among the units the
       * caller knows (its subtree and the units above it): 330102 「江东区」 from 「江东区总工会」.
       * Null when no such federation carries it (a province code, another city's county).
       */
      regionName: z.string().nullable(),
      /**
       * The unit the name comes from; also given when only a unit below a county carries the code
       * (it is then the only hint of where the code lies). Null when no unit the caller knows carries it.
       */
      regionOrgName: z.string().nullable(),
      /**
       * Whether the caller may add a version for this region: an admin of a city or county federation
       * whose own region covers the code (the rule POST /api/policies enforces).
       */
      settable: z.boolean(),
    }),
  ),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});

/** The regions the caller may set policies for: those of units in its subtree, inside its own region. */
export const policyRegionsSchema = z.object({
  items: z.array(
    z.object({
      regionCode: z.string(),
      /** As in the list: 「江东区」, or null when the highest unit carrying the code is not a federation of a city or county. */
      regionName: z.string().nullable(),
      /** The highest unit in the caller's subtree carrying the code. */
      orgName: z.string(),
      orgLevel: z.enum(ORG_LEVELS),
    }),
  ),
});

export const policyInForceSchema = policySchema.extend({
  /** The region code that matched: the county itself, or its city / province as a fall-back. */
  requestedRegionCode: z.string(),
  date: z.string(),
  /**
   * The version's region named as in the list (「临江市」 for 330100, from the federation carrying the
   * code among the units the caller knows); null when none does, and the code is then shown as it is.
   */
  regionName: z.string().nullable(),
});
