import { z } from 'zod';
import { YEAR_PART_PATTERN } from '../../../shared/periods';
import { FIRST_YEAR, isValidIsoDate, LAST_YEAR } from '../../common/dates';
import { isoDate } from '../../common/schemas';
import { APPLICATION_STATUSES } from '../applications/applications.table';
import { FUND_KINDS } from '../funds/funds.table';
import { SCHOOL_LEVELS } from '../households/households.table';
import { ORG_LEVELS } from '../orgs/orgs.table';
import { AID_CATEGORIES, PROGRAM_TYPES } from '../programs/programs.table';

export const idParams = z.strictObject({ id: z.uuid() });

export const aidStatisticsQuery = z.strictObject({
  year: z.coerce
    .number()
    .int('年度应为整数')
    .min(2000, '年度不能早于 2000 年')
    .max(2100, '年度不能晚于 2100 年'),
  orgId: z.uuid().optional(),
});
export type AidStatisticsQuery = z.infer<typeof aidStatisticsQuery>;

/**
 * Optional: the payments of a period, by the business day (Asia/Shanghai) each line was confirmed
 * paid — a quarter or half-year (`period=2026-Q1`, `2026-H2`) or any range of days (`paidFrom`,
 * `paidTo`, both inclusive, either may be left open). Without them there is no `period` block.
 */
export const programStatisticsQuery = z
  .strictObject({
    period: z
      .string()
      .regex(YEAR_PART_PATTERN, '统计期间应为季度（如 2026-Q1）或半年（如 2026-H1）')
      .refine(
        (p) => isValidIsoDate(`${p.slice(0, 4)}-01-01`),
        `统计期间应在 ${FIRST_YEAR} 年至 ${LAST_YEAR} 年之间`,
      )
      .optional(),
    paidFrom: isoDate.optional(),
    paidTo: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.period && (v.paidFrom || v.paidTo))
      ctx.addIssue({ code: 'custom', path: ['period'], message: '统计期间和起止日期只能选一种' });
    if (v.paidFrom && v.paidTo && v.paidFrom > v.paidTo)
      ctx.addIssue({ code: 'custom', path: ['paidTo'], message: '截止日期不能早于开始日期' });
  });
export type ProgramStatisticsQuery = z.infer<typeof programStatisticsQuery>;

const periodSchema = z
  .object({
    from: z.string().nullable().describe('开始日期（含），null 为不限'),
    to: z.string().nullable().describe('截止日期（含），null 为不限'),
    payments: z.int().describe('期间内确认已发放的明细笔数'),
    households: z.int(),
    people: z.int(),
    paidFen: z.int(),
    bySource: z.array(
      z.object({ sourceId: z.uuid(), name: z.string(), kind: z.enum(FUND_KINDS), paidFen: z.int() }),
    ),
    byOrg: z.array(
      z.object({
        orgId: z.uuid(),
        orgName: z.string(),
        level: z.enum(ORG_LEVELS),
        households: z.int(),
        people: z.int(),
        paidFen: z.int(),
      }),
    ),
  })
  .describe('按确认发放日期（北京时间）统计的期间发放情况；其余数字为项目全部');

export const programStatisticsSchema = z.object({
  program: z.object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(PROGRAM_TYPES),
    year: z.int(),
    orgId: z.uuid(),
    orgName: z.string(),
  }),
  applications: z
    .object({
      received: z.int(),
      approved: z.int(),
      rejected: z.int(),
      pending: z.int(),
      returned: z.int(),
      withdrawn: z.int().describe('已撤回（终审前由申请单位撤回）'),
    })
    .describe('受理 = 批准 + 未通过 + 审核中 + 退回 + 已撤回'),
  households: z.int(),
  people: z.int(),
  approvedFen: z.int(),
  paidFen: z.int(),
  pendingPaymentFen: z.int(),
  failedFen: z.int(),
  bySource: z.array(
    z.object({
      sourceId: z.uuid(),
      name: z.string(),
      kind: z.enum(FUND_KINDS),
      allocatedFen: z.int(),
      approvedFen: z.int(),
      paidFen: z.int(),
    }),
  ),
  byOrg: z.array(
    z.object({
      orgId: z.uuid(),
      orgName: z.string(),
      level: z.enum(ORG_LEVELS),
      households: z.int(),
      people: z.int(),
      approvedFen: z.int(),
      paidFen: z.int(),
    }),
  ),
  byCategory: z.array(
    z.object({ category: z.enum(AID_CATEGORIES), households: z.int(), approvedFen: z.int() }),
  ),
  /** Tuition aid: approved students (applications) by school level, university first. */
  bySchoolLevel: z.array(
    z.object({
      schoolLevel: z.enum(SCHOOL_LEVELS),
      students: z.int(),
      households: z.int(),
      approvedFen: z.int(),
      paidFen: z.int(),
    }),
  ),
  period: periodSchema.nullable(),
});

export const aidStatisticsSchema = z.object({
  year: z.int(),
  orgId: z.uuid(),
  orgName: z.string(),
  totals: z.object({
    programs: z.int(),
    received: z.int(),
    approved: z.int(),
    households: z.int(),
    people: z.int(),
    approvedFen: z.int(),
    paidFen: z.int(),
  }),
  byType: z.array(
    z.object({
      type: z.enum(PROGRAM_TYPES),
      programs: z.int(),
      households: z.int(),
      people: z.int(),
      approvedFen: z.int(),
      paidFen: z.int(),
    }),
  ),
  programs: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: z.enum(PROGRAM_TYPES),
      orgName: z.string(),
      received: z.int(),
      approved: z.int(),
      households: z.int(),
      approvedFen: z.int(),
      paidFen: z.int(),
    }),
  ),
  bySourceKind: z.array(z.object({ kind: z.enum(FUND_KINDS), approvedFen: z.int(), paidFen: z.int() })),
});

export const aidLedgerSchema = z.object({
  householdId: z.uuid(),
  totalApprovedFen: z.int(),
  totalPaidFen: z.int(),
  byYear: z.array(z.object({ year: z.int(), approvedFen: z.int(), paidFen: z.int() })),
  items: z.array(
    z.object({
      applicationId: z.uuid(),
      programId: z.uuid(),
      programName: z.string(),
      programType: z.enum(PROGRAM_TYPES),
      year: z.int(),
      status: z.enum(APPLICATION_STATUSES),
      requestedFen: z.int(),
      approvedFen: z.int().nullable(),
      paidFen: z.int(),
      paidAt: z.iso.datetime().nullable(),
      payment: z.enum(['none', 'pending', 'paid', 'failed']),
      kind: z.enum(['cash', 'goods']).nullable(),
      itemName: z.string().nullable(),
      quantity: z.number().nullable(),
    }),
  ),
});
