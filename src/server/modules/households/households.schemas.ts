import { z } from 'zod';
import { parseAutoExitProposal } from '../../../shared/exit-proposal';
import { bilingual } from '../../common/bilingual';
import { businessDate, type IsoDate, isValidIsoDate } from '../../common/dates';
import { phoneProblem, residentIdProblem } from '../../common/identifiers';
import { isoDate, isoMonth, text, uuid } from '../../common/schemas';
import { CATEGORIES } from './category';
import {
  ATTACHMENT_KINDS,
  CAUSES,
  EXPENDITURE_KINDS,
  HEALTH_STATUSES,
  HOUSEHOLD_STATUSES,
  INCOME_KINDS,
  RELATIONS,
  SCHOOL_LEVELS,
} from './households.table';

export const householdIdParams = z.strictObject({ id: uuid });

/** Every string this module takes is built on `text` (no U+0000, which PostgreSQL refuses). */
const residentId = text
  .max(30)
  .transform((v) => v.trim().toUpperCase())
  .superRefine((value, ctx) => {
    const problem = residentIdProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const phone = text
  .max(30)
  .transform((v) => v.replace(/[\s-]/g, ''))
  .superRefine((value, ctx) => {
    const problem = phoneProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const bankAccount = text
  .transform((v) => v.replace(/\s/g, ''))
  .refine(
    (v) => /^\d{8,30}$/.test(v),
    bilingual('银行账号应为 8–30 位数字', 'A bank account number has 8 to 30 digits'),
  );

export const personName = text
  .trim()
  .min(1, bilingual('请填写姓名', 'Enter the name'))
  .max(50, bilingual('姓名不能超过 50 个字', 'A name has at most 50 characters'));
export const shortText = (max: number) =>
  text.trim().max(max, bilingual(`不能超过 ${max} 个字`, `At most ${max} characters`));
/** 入会时间 is a past day: a membership starting after today (2099-01-01) is a typing error. */
export function memberSinceIssue(
  date: string,
  today: IsoDate = businessDate(),
): { zh: string; en: string } | undefined {
  return isValidIsoDate(date) && date > today
    ? {
        zh: `入会时间 ${date} 晚于今天（${today}），请填写实际入会日期`,
        en: `The union membership date ${date} is after today (${today}); enter the actual date of joining`,
      }
    : undefined;
}
const memberSince = isoDate.superRefine((value, ctx) => {
  const problem = memberSinceIssue(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.zh, params: { en: problem.en } });
});

/** Annual amounts in fen: whole, not negative, below 100 million yuan. */
const annualFen = z
  .int(bilingual('金额应为整数分', 'The amount must be a whole number of fen'))
  .min(0, bilingual('金额不能为负数', 'The amount cannot be negative'))
  .max(10_000_000_000, bilingual('金额过大', 'The amount is too large'));

export const memberInput = z.strictObject({
  relation: z.enum(RELATIONS),
  name: personName,
  idNumber: residentId,
  healthStatus: z.enum(HEALTH_STATUSES).default('healthy'),
  healthNote: shortText(200).nullable().optional(),
  schoolLevel: z.enum(SCHOOL_LEVELS).nullable().optional(),
  occupation: shortText(100).nullable().optional(),
});
export type MemberInput = z.infer<typeof memberInput>;

/**
 * A member in an update: a member already on file is named by its `id`; its ID number may then be left
 * out (kept as stored — officers need not retype numbers they only see masked), and so may its health
 * note (kept; `null` clears it). A member without `id` is new and needs its ID number.
 */
export const memberUpdateInput = memberInput
  .extend({ id: uuid.optional(), idNumber: residentId.optional() })
  .refine((m) => m.id !== undefined || m.idNumber !== undefined, {
    message: '请填写公民身份号码',
    path: ['idNumber'],
  });
export type MemberUpdateInput = z.infer<typeof memberUpdateInput>;

const incomeInput = z.strictObject({
  kind: z.enum(INCOME_KINDS),
  description: shortText(100).nullable().optional(),
  annualFen,
});
const expenditureInput = z.strictObject({
  kind: z.enum(EXPENDITURE_KINDS),
  description: shortText(100).nullable().optional(),
  annualFen,
});
const attachmentInput = z.strictObject({
  fileId: uuid,
  kind: z.enum(ATTACHMENT_KINDS),
  note: shortText(100).nullable().optional(),
});

/**
 * Refuses a list that names one row twice (a file attached twice, a member kept twice): the database
 * would refuse the second row. The issue points at the second and names the first.
 */
function noRepeats<T>(
  field: string,
  keyOf: (item: T) => string | undefined,
  problem: (first: number) => { zh: string; en: string },
) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (key === undefined) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else {
        const { zh, en } = problem(first + 1);
        ctx.addIssue({ code: 'custom', path: [index, field], message: zh, params: { en } });
      }
    });
  };
}

/** Lists (members, incomes, expenditures, causes, attachments) are replaced as a whole when present. */
const editable = {
  employerOrgId: uuid,
  name: personName,
  idNumber: residentId,
  phone: phone.nullable().optional(),
  bankAccount: bankAccount.nullable().optional(),
  bankName: shortText(100).nullable().optional(),
  job: shortText(100).nullable().optional(),
  memberSince: memberSince.nullable().optional(),
  address: shortText(200).nullable().optional(),
  situation: shortText(2000).nullable().optional(),
  causes: z.array(z.enum(CAUSES)).max(CAUSES.length),
  members: z.array(memberInput).max(20, bilingual('家庭成员最多 20 人', 'At most 20 family members')),
  incomes: z.array(incomeInput).max(30),
  expenditures: z.array(expenditureInput).max(30),
  attachments: z
    .array(attachmentInput)
    .max(50)
    .superRefine(
      noRepeats(
        'fileId',
        (a) => a.fileId,
        (first) => ({
          zh: `与第 ${first} 个附件是同一文件，同一文件只能添加一次`,
          en: `The same file as attachment ${first}; a file can be attached only once`,
        }),
      ),
    ),
};

export const createHouseholdBody = z.strictObject({
  ...editable,
  causes: editable.causes.default([]),
  members: editable.members.default([]),
  incomes: editable.incomes.default([]),
  expenditures: editable.expenditures.default([]),
  attachments: editable.attachments.default([]),
});
export type CreateHouseholdInput = z.infer<typeof createHouseholdBody>;

export const updateHouseholdBody = z.strictObject({
  employerOrgId: editable.employerOrgId.optional(),
  name: editable.name.optional(),
  idNumber: editable.idNumber.optional(),
  phone: editable.phone,
  bankAccount: editable.bankAccount,
  bankName: editable.bankName,
  job: editable.job,
  memberSince: editable.memberSince,
  address: editable.address,
  situation: editable.situation,
  causes: editable.causes.optional(),
  members: z
    .array(memberUpdateInput)
    .max(20, '家庭成员最多 20 人')
    .superRefine(
      noRepeats(
        'id',
        (m) => m.id,
        (first) => ({
          zh: `与第 ${first} 位家庭成员是同一条记录（id 相同），同一家庭成员只能填写一次`,
          en: `The same record as family member ${first} (the same id); a family member can be entered only once`,
        }),
      ),
    )
    .optional(),
  incomes: editable.incomes.optional(),
  expenditures: editable.expenditures.optional(),
  attachments: editable.attachments.optional(),
});
export type UpdateHouseholdInput = z.infer<typeof updateHouseholdBody>;

/**
 * A body whose every field is optional may be left out: Fastify then hands over `null`, taken as `{}`
 * (approve, confirm-exit, withdraw).
 */
const optionalBody = <T extends z.ZodObject>(schema: T) =>
  schema.nullish().transform((body) => body ?? ({} as z.output<T>));

export const decideBody = optionalBody(z.strictObject({ comment: shortText(500).nullable().optional() }));
export const reasonBody = z.strictObject({
  reason: text.trim().min(2, '请填写原因（至少 2 个字）').max(500, '原因不能超过 500 个字'),
});
/**
 * Words of the system's own exit proposal are the system's: a reason that reads like it would be taken
 * for one (withdrawn by the system when a month is corrected, counted as an exit on income).
 */
export const SYSTEM_WORDING = '请用自己的话写明脱困原因（这段文字是系统自动提出脱困时的用语）';
export const notSystemWording = (text: string) => !parseAutoExitProposal(text);

/** 申请脱困: the reason in the officer's own words. */
export const proposeExitBody = z.strictObject({
  reason: reasonBody.shape.reason.refine(notSystemWording, SYSTEM_WORDING),
});
export const withdrawBody = optionalBody(z.strictObject({ reason: shortText(500).nullable().optional() }));

export const REVEAL_FIELDS = [
  'idNumber',
  'phone',
  'bankAccount',
  'memberIdNumber',
  'memberHealthNote',
] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];
export const revealBody = z
  .strictObject({ field: z.enum(REVEAL_FIELDS), memberId: uuid.optional() })
  .refine((b) => !b.field.startsWith('member') || b.memberId, {
    message: '查看家庭成员信息时须指定 memberId',
    path: ['memberId'],
  });
export type RevealInput = z.infer<typeof revealBody>;

const filters = {
  orgId: uuid.optional(),
  status: z.enum(HOUSEHOLD_STATUSES).optional(),
  cause: z.enum(CAUSES).optional(),
  reviewDueBefore: isoDate.optional(),
  /** The exit work list: archives whose exit awaits a reviewer. */
  exitProposed: z.stringbool().optional(),
  /** The caller's review queue: households whose next decision belongs to the caller's own unit. */
  awaitingMyReview: z.stringbool().optional(),
  q: text.trim().min(1).max(50).optional(),
};
/**
 * The list's orders besides the default (newest change first), each an index walk: 年审到期 earliest
 * first, 人均月收入 lowest (`perCapita`) or highest (`-perCapita`) first; households without the value
 * (not archived; not assessed) come last, ties in id order.
 */
export const HOUSEHOLD_SORTS = ['reviewDueOn', 'perCapita', '-perCapita'] as const;
export type HouseholdSort = (typeof HOUSEHOLD_SORTS)[number];

export const listHouseholdsQuery = z.strictObject({
  ...filters,
  category: z.enum([...CATEGORIES, 'unassessed']).optional(),
  sort: z.enum(HOUSEHOLD_SORTS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListHouseholdsQuery = z.infer<typeof listHouseholdsQuery>;
export const statsQuery = z.strictObject(filters);
export type StatsQuery = z.infer<typeof statsQuery>;

// ——— replies ———

const category = z.enum(CATEGORIES).nullable();

export const AWAITED_DECISIONS = ['grassroots_review', 'upper_review', 'exit_confirmation'] as const;
export type AwaitedDecision = (typeof AWAITED_DECISIONS)[number];

export const householdListItemSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  idMasked: z.string(),
  phoneMasked: z.string().nullable(),
  sex: z.enum(['male', 'female']),
  age: z.int(),
  employerOrgId: z.uuid(),
  employerName: z.string(),
  status: z.enum(HOUSEHOLD_STATUSES),
  category,
  causes: z.array(z.enum(CAUSES)),
  householdSize: z.int().nullable(),
  perCapitaMonthlyFen: z.int().nullable(),
  reviewDueOn: z.string().nullable(),
  updatedAt: z.iso.datetime(),
  /**
   * The decision the archive waits for, whoever makes it: `grassroots_review` (submitted),
   * `upper_review` (passed by the grass-roots union; the township's, or the district's for a union
   * reporting straight to it), `exit_confirmation` (archived, its exit proposed: 待确认脱困); null when
   * nothing waits. 待我审核 mixes them: each row says which.
   */
  awaiting: z.enum(AWAITED_DECISIONS).nullable(),
  /**
   * Only with `awaitingMyReview`: why the caller may not decide this archive's step (`own_entry`: they
   * entered, submitted or changed it; `already_decided`: they decided its earlier step), else null.
   */
  reviewBlocked: z.enum(['own_entry', 'already_decided']).nullable().optional(),
});

export const householdPageSchema = z.object({
  items: z.array(householdListItemSchema),
  /** Matching households, counted up to a cap (10,000, higher on deep pages). */
  total: z.int(),
  /** True when there are more than `total`: the count stopped at its cap ("10,000+"). */
  totalCapped: z.boolean(),
  page: z.int(),
  pageSize: z.int(),
});

export const decisionSchema = z.object({
  id: z.uuid(),
  policyId: z.uuid(),
  policyRegionCode: z.string(),
  policyEffectiveFrom: z.string(),
  asOf: z.string(),
  trigger: z.enum(['save', 'submit', 'review']),
  annualIncomeFen: z.int(),
  rigidExpenditureFen: z.int(),
  householdSize: z.int(),
  perCapitaMonthlyFen: z.int(),
  dibaoFen: z.int(),
  relativeThresholdFen: z.int(),
  /** The policy's multiplier of 低保 for the relative line (20000 = 2 ×), as the decision applied it. */
  relativeMultiplierBp: z.int(),
  /** The policy's share of annual income for the expenditure rule (8000 = 80 %), as applied. */
  suddenRatioBp: z.int(),
  /** One of the causes the decision saw was an accident or disaster. */
  accidentOrDisaster: z.boolean(),
  category: z.enum(CATEGORIES),
  /**
   * The Chinese sentence stored with the decision (its snapshot). The English one is built from the
   * figures above (src/shared/category-explanation.ts), as the web app does.
   */
  explanation: z.string(),
  computedAt: z.iso.datetime(),
});

export const eventSchema = z.object({
  id: z.int(),
  at: z.iso.datetime(),
  actorName: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  level: z.string().nullable(),
  comment: z.string().nullable(),
  decisionId: z.uuid().nullable(),
});

export const householdDetailSchema = householdListItemSchema.extend({
  birthDate: z.string(),
  bankAccountMasked: z.string().nullable(),
  bankName: z.string().nullable(),
  job: z.string().nullable(),
  memberSince: z.string().nullable(),
  address: z.string().nullable(),
  situation: z.string().nullable(),
  archivedOn: z.string().nullable(),
  exitProposedOn: z.string().nullable(),
  exitProposalReason: z.string().nullable(),
  exitedOn: z.string().nullable(),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime(),
  members: z.array(
    z.object({
      id: z.uuid(),
      relation: z.enum(RELATIONS),
      name: z.string(),
      idMasked: z.string(),
      sex: z.enum(['male', 'female']),
      age: z.int(),
      healthStatus: z.enum(HEALTH_STATUSES),
      hasHealthNote: z.boolean(),
      schoolLevel: z.enum(SCHOOL_LEVELS).nullable(),
      occupation: z.string().nullable(),
    }),
  ),
  incomes: z.array(
    z.object({ kind: z.enum(INCOME_KINDS), description: z.string().nullable(), annualFen: z.int() }),
  ),
  expenditures: z.array(
    z.object({ kind: z.enum(EXPENDITURE_KINDS), description: z.string().nullable(), annualFen: z.int() }),
  ),
  attachments: z.array(
    z.object({
      fileId: z.uuid(),
      kind: z.enum(ATTACHMENT_KINDS),
      note: z.string().nullable(),
      name: z.string(),
      mimeType: z.string(),
      size: z.int(),
    }),
  ),
  decision: decisionSchema.nullable(),
  timeline: z.array(eventSchema),
});

export const decisionListSchema = z.object({ items: z.array(decisionSchema) });

export const revealSchema = z.object({ field: z.enum(REVEAL_FIELDS), value: z.string() });

export const statsSchema = z.object({
  total: z.int(),
  byCategory: z.record(z.string(), z.int()),
  byStatus: z.record(z.string(), z.int()),
  /** Every count stops at this number; `capped` names those that have more. */
  countCap: z.int(),
  capped: z.object({
    total: z.boolean(),
    byCategory: z.array(z.string()),
    byStatus: z.array(z.string()),
  }),
});

export const incomeRecordBody = z.strictObject({
  month: isoMonth,
  incomeFen: annualFen,
  rigidExpenditureFen: annualFen.default(0),
  /** Defaults to the size in the latest category decision. */
  householdSize: z.int().min(1).max(30).optional(),
  note: shortText(200).nullable().optional(),
});
export type IncomeRecordInput = z.infer<typeof incomeRecordBody>;

export const incomeRecordSchema = z.object({
  month: z.string(),
  incomeFen: z.int(),
  rigidExpenditureFen: z.int(),
  householdSize: z.int(),
  perCapitaFen: z.int(),
  dibaoFen: z.int(),
  aboveDibao: z.boolean(),
  note: z.string().nullable(),
  recordedAt: z.iso.datetime(),
});
export const incomeRecordListSchema = z.object({
  items: z.array(incomeRecordSchema),
  status: z.enum(HOUSEHOLD_STATUSES),
  exitProposedOn: z.string().nullable(),
  /**
   * Archived households: the months (YYYY-MM) that count towards an automatic exit are those strictly
   * after `after` (the month of the latest archiving, re-archiving after 返困, or 不同意脱困: `basis`) and
   * strictly before `before` (the current month, not yet finished).
   */
  exitWindow: z
    .object({ after: z.string(), before: z.string(), basis: z.enum(['archived', 'rearchived', 'declined']) })
    .nullable(),
});
