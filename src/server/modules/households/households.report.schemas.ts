import { z } from 'zod';
import { isValidIsoDate } from '../../common/dates';
import { ORG_LEVELS } from '../orgs/orgs.table';
import { CAUSES } from './households.table';

const businessDay = z.string().refine(isValidIsoDate, '日期格式应为 YYYY-MM-DD');

/**
 * 档案统计: the unit (default the caller's) and the period of the flows, business days (Asia/Shanghai),
 * both inclusive; by default from 1 January of this year to today.
 */
export const archiveReportQuery = z
  .strictObject({
    orgId: z.uuid().optional(),
    from: businessDay.optional(),
    to: businessDay.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于开始日期' });
  });
export type ArchiveReportQuery = z.infer<typeof archiveReportQuery>;

/** Households and the people in them (the employee and the family members: 户、人). */
const count = z.object({ households: z.int(), persons: z.int() });
export type HouseholdCount = z.infer<typeof count>;

const causeCounts = z.object(
  Object.fromEntries(CAUSES.map((c) => [c, count])) as Record<(typeof CAUSES)[number], typeof count>,
);

const figures = z.object({
  /** 在档: archived at `asOf` (an exit awaiting confirmation still counts: it is not decided). */
  archived: count,
  /** Adds up to `archived`: `none` = its last decision found it no longer eligible (exit pending or declined). */
  byCategory: z.object({ deep: count, relative: count, sudden: count, none: count }),
  /** Causes overlap (a household may have several): they do not add up to `archived`. */
  byCause: causeCounts,
  /** 审核中: submitted, or approved at grass-roots and awaiting the township. */
  inReview: count,
  /** 待确认脱困: archived with an exit proposed, not yet confirmed. */
  exitProposed: count,
  /** What happened in the period (distinct households per line). */
  period: z.object({
    /** 新建档: archived for the first time. */
    newlyArchived: count,
    /** 返困后重新建档: archived again after an exit. */
    reArchived: count,
    /** 脱困, by how the exit was proposed: income above 低保 for months, at the annual review, on request. */
    exited: z.object({ total: count, income: count, review: count, request: count }),
    /** 返困: exited archives re-opened. */
    relapsed: count,
    /** 审核未通过. */
    rejected: count,
    /** 年审 done in the period, by outcome (reviews, one per household and year). */
    annualReviews: z.object({
      total: z.int(),
      continue: z.int(),
      recompute: z.int(),
      propose_exit: z.int(),
    }),
  }),
});
export type ArchiveFigures = z.infer<typeof figures>;

export const archiveReportSchema = z.object({
  org: z.object({ id: z.uuid(), name: z.string(), level: z.enum(ORG_LEVELS) }),
  from: z.string(),
  to: z.string(),
  /** The day the stock figures (在档, 审核中…) are read, at its end: the period's last day, or today if that is later. */
  asOf: z.string(),
  /** One line per unit directly below `org` (its whole subtree), and `org` itself for its own households. */
  units: z.array(
    figures.extend({
      orgId: z.uuid(),
      orgName: z.string(),
      level: z.enum(ORG_LEVELS),
      /** This line is `org`'s own households (as employer), not a unit below it. */
      self: z.boolean(),
    }),
  ),
  total: figures,
});
export type ArchiveReport = z.infer<typeof archiveReportSchema>;
