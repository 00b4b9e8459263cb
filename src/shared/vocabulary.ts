/**
 * The domain's closed vocabularies: the values the database stores and the API speaks, one list for
 * the server (tables, zod schemas) and the web app (selects, tags, labels). The words shown to people
 * live with each side (the server's Chinese labels, the web app's i18n).
 */

export const ROLES = ['admin', 'officer', 'reviewer', 'finance', 'auditor', 'supplier', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_LEVELS = ['city', 'district', 'township', 'grassroots'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

// ——— the household archive (一户一档) ———

export const HOUSEHOLD_STATUSES = [
  'draft',
  'submitted',
  'grassroots_approved',
  'archived',
  'returned',
  'rejected',
  'withdrawn',
  'exited',
] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

/** Hardship categories (困难类别), decided by the formula of DOMAIN.md. */
export const CATEGORIES = ['deep', 'relative', 'sudden', 'none'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Causes of hardship (致困原因); several may apply. */
export const CAUSES = [
  'illness',
  'disability',
  'schooling',
  'unemployment',
  'single_parent',
  'accident_disaster',
  'other',
] as const;
export type Cause = (typeof CAUSES)[number];

export const RELATIONS = [
  'spouse',
  'child',
  'parent',
  'parent_in_law',
  'sibling',
  'grandparent',
  'grandchild',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const HEALTH_STATUSES = [
  'healthy',
  'chronic_illness',
  'serious_illness',
  'disability',
  'other',
] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export const SCHOOL_LEVELS = [
  'preschool',
  'primary',
  'junior_high',
  'senior_high',
  'vocational',
  'university',
] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const INCOME_KINDS = ['wages', 'pension', 'subsidy', 'other'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];
/** Rigid expenditure (刚性支出): medical cost after insurance, education cost. */
export const EXPENDITURE_KINDS = ['medical', 'education'] as const;
export type ExpenditureKind = (typeof EXPENDITURE_KINDS)[number];
export const ATTACHMENT_KINDS = ['certificate', 'photo', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** How an Excel import treats bad rows: nothing is written, or the good rows are. */
export const IMPORT_MODES = ['all_or_nothing', 'valid_rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const ANNUAL_REVIEW_OUTCOMES = ['continue', 'propose_exit', 'recompute'] as const;
export type AnnualReviewOutcome = (typeof ANNUAL_REVIEW_OUTCOMES)[number];

/** What the upper level found when it checked a sampled household (抽查). */
export const SAMPLE_FINDINGS = ['confirmed', 'discrepancy'] as const;
export type SampleFinding = (typeof SAMPLE_FINDINGS)[number];

/** Why two archives may be one person's (疑似重复): the signals the duplicate search found. */
export const DUPLICATE_REASONS = ['similar_name', 'same_employer', 'same_phone'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
/**
 * Which words a reason is shown with: `similar_name` splits into 同名 (identical names) and 姓名仅差一字
 * (two-character names one character apart), so that each client words it in its own language.
 */
export const DUPLICATE_REASON_KINDS = [
  'same_name',
  'one_char_apart',
  'similar_name',
  'same_employer',
  'same_phone',
] as const;
export type DuplicateReasonKind = (typeof DUPLICATE_REASON_KINDS)[number];

/**
 * The queues of the to-do card, by stable key. Each is the count of an existing work list, for the
 * caller's data scope and — where the list is level-bound — the caller's own unit.
 */
export const TODO_KEYS = [
  // 困难职工档案
  'households.awaitingReview',
  'households.exitAwaitingConfirmation',
  'households.returned',
  'households.drafts',
  'households.annualReviewOverdue',
  'households.annualReviewDueSoon',
  'households.sampleFindingsPending',
  // 帮扶申请
  'applications.awaitingReview',
  'applications.returned',
  // 公示
  'publicity.objectionsPending',
  // 发放
  'disbursements.awaitingIssue',
  'disbursements.awaitingConfirmation',
] as const;
export type TodoKey = (typeof TODO_KEYS)[number];
