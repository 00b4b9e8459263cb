import { z } from 'zod';
import {
  DUPLICATE_REASON_KINDS,
  DUPLICATE_REASONS,
  type DuplicateReason,
  type DuplicateReasonKind,
} from '../../../shared/vocabulary';
import { isoDate, text, uuid } from '../../common/schemas';
import { CATEGORIES } from './category';
import { ANNUAL_REVIEW_OUTCOMES, SAMPLE_FINDINGS } from './households.reviews.table';
import {
  householdListItemSchema,
  notSystemWording,
  personName,
  phone,
  SYSTEM_WORDING,
  shortText,
} from './households.schemas';
import { EXPENDITURE_KINDS, HOUSEHOLD_STATUSES, INCOME_KINDS } from './households.table';

const annualFen = z.int('金额应为整数分').min(0, '金额不能为负数').max(10_000_000_000, '金额过大');
const page = z.coerce.number().int().min(1).max(100_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(20);

// ——— duplicates ———

export { DUPLICATE_REASON_KINDS, DUPLICATE_REASONS, type DuplicateReason, type DuplicateReasonKind };

const duplicateSide = z.object({
  id: z.uuid(),
  name: z.string(),
  idMasked: z.string(),
  phoneMasked: z.string().nullable(),
  employerOrgId: z.uuid(),
  employerName: z.string(),
  status: z.enum(HOUSEHOLD_STATUSES),
  category: z.enum(CATEGORIES).nullable(),
});
const reasons = z.array(
  z.object({ code: z.enum(DUPLICATE_REASONS), kind: z.enum(DUPLICATE_REASON_KINDS), label: z.string() }),
);

export const duplicateListSchema = z.object({
  items: z.array(duplicateSide.extend({ score: z.number(), nameSimilarity: z.number(), reasons })),
});

/**
 * A household as it is being entered (not saved yet, or being edited): the signals a saved one is
 * compared by. In a body, not the address: a phone number is personal data, kept out of URLs and logs.
 */
export const duplicateCheckBody = z.strictObject({
  employerOrgId: uuid,
  name: personName,
  phone: phone.nullable().optional(),
  /** The household being edited: left out of its own candidates; its phone on file counts when none is typed. */
  excludeId: uuid.optional(),
});
export type DuplicateCheckInput = z.infer<typeof duplicateCheckBody>;

export const duplicatePairsQuery = z.strictObject({ orgId: uuid.optional(), page, pageSize });
export type DuplicatePairsQuery = z.infer<typeof duplicatePairsQuery>;
export const duplicatePairPageSchema = z.object({
  items: z.array(
    z.object({ a: duplicateSide, b: duplicateSide, score: z.number(), nameSimilarity: z.number(), reasons }),
  ),
  page: z.int(),
  pageSize: z.int(),
  /** The pair search stops at the page: there is no total on a million households, only whether more follow. */
  hasMore: z.boolean(),
});

export const notDuplicateBody = z.strictObject({
  otherId: uuid,
  note: shortText(200).nullable().optional(),
});
export type NotDuplicateInput = z.infer<typeof notDuplicateBody>;
export const notDuplicateSchema = z.object({
  householdId: z.uuid(),
  otherId: z.uuid(),
  note: z.string().nullable(),
  decidedAt: z.iso.datetime(),
  /** False when the pair had already been marked: nothing new was written. */
  created: z.boolean(),
});

// ——— annual review ———

export const dueQuery = z.strictObject({
  orgId: uuid.optional(),
  /** Due on or before this day (default: one month from today). */
  before: isoDate.optional(),
  /** Only reviews already past their due date. */
  overdue: z.stringbool().optional(),
  page,
  pageSize,
});
export type DueQuery = z.infer<typeof dueQuery>;
export const duePageSchema = z.object({
  items: z.array(
    householdListItemSchema.extend({ overdue: z.boolean(), lastReviewedOn: z.string().nullable() }),
  ),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});

const itemInput = <K extends readonly [string, ...string[]]>(kinds: K) =>
  z.strictObject({ kind: z.enum(kinds), description: shortText(100).nullable().optional(), annualFen });

export const annualReviewBody = z
  .strictObject({
    outcome: z.enum(ANNUAL_REVIEW_OUTCOMES),
    note: shortText(500).min(1, '请填写年审情况'),
    /** The household's annual incomes found at the review (replace the archived ones). */
    incomes: z.array(itemInput(INCOME_KINDS)).max(20).optional(),
    expenditures: z.array(itemInput(EXPENDITURE_KINDS)).max(20).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'recompute' && !v.incomes)
      ctx.addIssue({ code: 'custom', path: ['incomes'], message: '重新认定时请填写核实后的收入' });
    // 提出脱困: the note becomes the proposal's reason.
    if (v.outcome === 'propose_exit' && !notSystemWording(v.note))
      ctx.addIssue({ code: 'custom', path: ['note'], message: SYSTEM_WORDING });
  });
export type AnnualReviewInput = z.infer<typeof annualReviewBody>;

export const sampleBody = z.strictObject({
  year: z.int().min(2000).max(2100),
  orgId: uuid,
  ratio: z.number().min(0.3, '抽查比例不能低于 30%').max(1, '抽查比例不能超过 100%'),
  seed: text.trim().min(1).max(64).optional(),
  /** Required when the unit already has a current sample of the year: a redraw says why, on the record. */
  redrawReason: shortText(200).min(1, '请填写重新抽取的理由').optional(),
});
export type SampleInput = z.infer<typeof sampleBody>;

export const sampleIdParams = z.strictObject({ id: uuid });
export const sampleItemParams = z.strictObject({ id: uuid, householdId: uuid });
export const findingBody = z.strictObject({
  result: z.enum(SAMPLE_FINDINGS),
  note: shortText(500).min(1, '请填写抽查情况'),
});
export type FindingInput = z.infer<typeof findingBody>;

const sampleSummary = {
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  year: z.int(),
  ratio: z.number(),
  seed: z.string(),
  population: z.int(),
  size: z.int(),
  drawnAt: z.iso.datetime(),
  drawnByName: z.string().nullable(),
  /** Progress: sampled households with a finding, and how many of them found a discrepancy. */
  checked: z.int(),
  discrepancies: z.int(),
  /** Redrawn before any finding: kept for the record, no longer open to findings. */
  supersededAt: z.iso.datetime().nullable(),
  supersededBy: z.uuid().nullable(),
  /** Why this draw replaced an earlier one (null for a first draw). */
  redrawReason: z.string().nullable(),
};

export const sampleSchema = z.object({
  ...sampleSummary,
  items: z.array(
    z.object({
      position: z.int(),
      householdId: z.uuid(),
      name: z.string(),
      idMasked: z.string(),
      employerName: z.string(),
      result: z.enum(SAMPLE_FINDINGS).nullable(),
      note: z.string().nullable(),
      checkedAt: z.iso.datetime().nullable(),
      checkedByName: z.string().nullable(),
    }),
  ),
});

export const sampleListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  /** One checked unit (default: every unit of the caller's subtree). */
  orgId: uuid.optional(),
  /** Only the current sample of each unit, without the superseded draws. */
  current: z.stringbool().optional(),
  page,
  pageSize,
});
export type SampleListQuery = z.infer<typeof sampleListQuery>;
export const samplePageSchema = z.object({
  items: z.array(z.object(sampleSummary)),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});
