/** Shapes of the HTTP API (docs/api.md). Dates arrive as ISO 8601 strings. */

import type { ExplanationFigures } from '../../shared/category-explanation';

import type {
  AnnualReviewOutcome,
  AttachmentKind,
  Category,
  Cause,
  DuplicateReason,
  DuplicateReasonKind,
  ExpenditureKind,
  HealthStatus,
  HouseholdStatus,
  IncomeKind,
  OrgLevel,
  Relation,
  Role,
  SampleFinding,
  SchoolLevel,
} from '../../shared/vocabulary';

// The closed vocabularies are the server's own (src/shared).
export * from '../../shared/vocabulary';

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'user.read'
  | 'user.write'
  | 'audit.read'
  | 'audit.verify'
  | 'file.read'
  | 'file.write'
  | 'job.read'
  | 'dashboard.read'
  | 'policy.read'
  | 'policy.write'
  | 'household.read'
  | 'household.write'
  | 'household.review'
  | 'household.reveal'
  | 'fund.read'
  | 'fund.write'
  | 'program.read'
  | 'program.write'
  | 'application.read'
  | 'application.write'
  | 'application.review'
  | 'disbursement.read'
  | 'disbursement.write'
  | 'disbursement.confirm'
  | 'disbursement.reveal'
  | 'publicity.write'
  | 'publicity.resolve';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  roles: Role[];
  permissions: string[];
  mustChangePassword: boolean;
  /** The server's upload limit, for the forms' hints. */
  maxUploadMb: number;
}

/** The web app signs in as a browser: the session is in an httpOnly cookie, never in the reply. */
export interface LoginReply {
  user: Me;
  csrfToken: string;
}

export interface MeReply {
  user: Me;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Org {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  path: string;
  depth: number;
  regionCode: string;
  contactPerson: string | null;
  contactPhone: string | null;
  employerName: string | null;
  uscc: string | null;
  memberCount: number | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OrgDetail extends Org {
  parentName: string | null;
  childCount: number;
  userCount: number;
}

export interface OrgNode extends Org {
  children: OrgNode[];
}

export interface OrgCreate {
  name: string;
  level: OrgLevel;
  parentId: string;
  regionCode: string;
  contactPerson?: string | null;
  contactPhone?: string | null;
  employerName?: string | null;
  uscc?: string | null;
  memberCount?: number | null;
}

export type OrgUpdate = Partial<Omit<OrgCreate, 'parentId' | 'level'>>;

export interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  roles: Role[];
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface UserCreate {
  username: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  password: string;
}

export interface UserUpdate {
  displayName?: string;
  orgId?: string;
  roles?: Role[];
  active?: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  orgName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  reason: string | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobError {
  row?: number;
  /** The worksheet of `row`, when the file has more than one. */
  sheet?: string;
  column?: string;
  /** In Chinese. */
  message: string;
  /** In English; absent from jobs finished before it was kept. */
  messageEn?: string;
  /** The column in English, where it is not a header of the workbook (an import's notices). */
  columnEn?: string;
}

export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  done: number;
  total: number;
  result: unknown;
  errors: JobError[];
  /** Why the job failed, in Chinese. */
  message: string | null;
  /** The same in English (null for jobs that failed before it was kept). */
  messageEn: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type OrgCounts = Record<OrgLevel, number>;

export interface Dashboard {
  orgCounts: OrgCounts;
  /** The accounts of the scope: null for a caller without user.read. */
  userCount: number | null;
  activeUserCount: number | null;
  roleCounts: Partial<Record<Role, number>> | null;
  recentAudit?: AuditEntry[];
  memberTotal: number;
}

export interface FileMeta {
  id: string;
  name: string;
  mimeType: string;
  size: number;
}

// ——— policies (docs/decisions/0004) ———

export interface Policy {
  id: string;
  regionCode: string;
  effectiveFrom: string;
  dibaoFen: number;
  relativeMultiplier: number;
  relativeMultiplierBp: number;
  suddenExpenditureRatio: number;
  suddenRatioBp: number;
  reviewIntervalMonths: number;
  exitMonths: number;
  note: string | null;
  createdAt: string;
}

/** A version as the list shows it: with who set it, and their unit. */
export interface PolicyListItem extends Policy {
  createdByName: string | null;
  createdByOrgName: string | null;
}

export interface PolicyInForce extends Policy {
  requestedRegionCode: string;
  date: string;
  /** 「临江市」 for 330100, from the federation carrying the code; null when none the caller knows does. */
  regionName: string | null;
}

export interface PolicyCreate {
  regionCode: string;
  effectiveFrom: string;
  dibaoFen: number;
  relativeMultiplier: number;
  suddenExpenditureRatio: number;
  reviewIntervalMonths?: number;
  exitMonths?: number;
  note?: string | null;
}

// ——— households ———

export type Sex = 'male' | 'female';

export interface MemberInput {
  /** On update: a member already on file (its ID number and health note may then be left out: kept). */
  id?: string;
  relation: Relation;
  name: string;
  idNumber?: string;
  healthStatus: HealthStatus;
  healthNote?: string | null;
  schoolLevel?: SchoolLevel | null;
  occupation?: string | null;
}

export interface HouseholdInput {
  employerOrgId: string;
  name: string;
  idNumber: string;
  phone?: string | null;
  bankAccount?: string | null;
  bankName?: string | null;
  job?: string | null;
  memberSince?: string | null;
  address?: string | null;
  situation?: string | null;
  causes: Cause[];
  members: MemberInput[];
  incomes: { kind: IncomeKind; description?: string | null; annualFen: number }[];
  expenditures: { kind: ExpenditureKind; description?: string | null; annualFen: number }[];
  attachments: { fileId: string; kind: AttachmentKind; note?: string | null }[];
}

export const HOUSEHOLD_AWAITING = ['grassroots_review', 'upper_review', 'exit_confirmation'] as const;
export type HouseholdAwaiting = (typeof HOUSEHOLD_AWAITING)[number];

export interface HouseholdListItem {
  id: string;
  name: string;
  idMasked: string;
  phoneMasked: string | null;
  sex: Sex;
  age: number;
  employerOrgId: string;
  employerName: string;
  status: HouseholdStatus;
  category: Category | null;
  causes: Cause[];
  householdSize: number | null;
  perCapitaMonthlyFen: number | null;
  reviewDueOn: string | null;
  updatedAt: string;
  /** The decision the archive waits for (待基层审核 / 待街道审核 / 待确认脱困), null when none. */
  awaiting: HouseholdAwaiting | null;
  /** In 待我审核: why another reviewer must decide this one (the caller entered or changed it, or decided its earlier step). */
  reviewBlocked?: 'own_entry' | 'already_decided' | null;
}

/** The figures of a decision (income, size, 低保, the policy's multiplier and ratio…) are those the English
 * sentence is built from (src/shared/category-explanation.ts). */
export interface Decision extends ExplanationFigures {
  id: string;
  policyId: string;
  policyRegionCode: string;
  policyEffectiveFrom: string;
  asOf: string;
  trigger: 'save' | 'submit' | 'review';
  /** The Chinese sentence stored with the decision (its snapshot). */
  explanation: string;
  computedAt: string;
}

export interface HouseholdEvent {
  id: number;
  at: string;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  level: string | null;
  comment: string | null;
  decisionId: string | null;
}

export interface HouseholdMember {
  id: string;
  relation: Relation;
  name: string;
  idMasked: string;
  sex: Sex;
  age: number;
  healthStatus: HealthStatus;
  hasHealthNote: boolean;
  schoolLevel: SchoolLevel | null;
  occupation: string | null;
}

export interface HouseholdDetail extends HouseholdListItem {
  birthDate: string;
  bankAccountMasked: string | null;
  bankName: string | null;
  job: string | null;
  memberSince: string | null;
  address: string | null;
  situation: string | null;
  archivedOn: string | null;
  exitProposedOn: string | null;
  exitProposalReason: string | null;
  exitedOn: string | null;
  createdBy: string;
  createdAt: string;
  members: HouseholdMember[];
  incomes: { kind: IncomeKind; description: string | null; annualFen: number }[];
  expenditures: { kind: ExpenditureKind; description: string | null; annualFen: number }[];
  attachments: {
    fileId: string;
    kind: AttachmentKind;
    note: string | null;
    name: string;
    mimeType: string;
    size: number;
  }[];
  decision: Decision | null;
  timeline: HouseholdEvent[];
}

/**
 * GET /households/:id only: the decision the household awaits (审核 at either level, or 确认脱困), the unit
 * whose reviewers make it, and why the caller may not (null when they may).
 */
export interface PendingDecision {
  step: 'grassroots' | 'township' | 'exit';
  unitId: string | null;
  unitName: string | null;
  blocked: 'not_reviewer' | 'wrong_unit' | 'own_entry' | 'already_decided' | null;
}

export interface HouseholdDetailForCaller extends HouseholdDetail {
  pendingDecision: PendingDecision | null;
  /** The name of the region of the decision's policy (「临江市」), or null: the code is shown instead. */
  policyRegionName: string | null;
}

export interface HouseholdStats {
  total: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
}

export type RevealField = 'idNumber' | 'phone' | 'bankAccount' | 'memberIdNumber' | 'memberHealthNote';

export interface IncomeRecord {
  month: string;
  incomeFen: number;
  rigidExpenditureFen: number;
  householdSize: number;
  perCapitaFen: number;
  dibaoFen: number;
  aboveDibao: boolean;
  note: string | null;
  recordedAt: string;
}

export interface IncomeRecordList {
  items: IncomeRecord[];
  status: HouseholdStatus;
  exitProposedOn: string | null;
}

// ——— household archive: Excel import, duplicates, annual review ———

/** `Job.result` of a `households.import` job. */
export interface HouseholdImportResult {
  imported: number;
  skipped: number;
  failed: number;
  fileId: string;
  /** Rows imported as drafts that are not eligible (category none): notices, not errors. */
  notices?: JobError[];
  noticeCount?: number;
  /** Data rows of the 困难职工 sheet and of the 家庭成员 sheet, and family rows with problems. */
  rows?: number;
  memberRows?: number;
  memberFailed?: number;
}

export interface DuplicateSide {
  id: string;
  name: string;
  idMasked: string;
  phoneMasked: string | null;
  employerOrgId: string;
  employerName: string;
  status: HouseholdStatus;
  category: Category | null;
}

export interface DuplicateMatch {
  score: number;
  nameSimilarity: number;
  /** `label` is the server's Chinese; `kind` picks the words in the user's language. */
  reasons: { code: DuplicateReason; kind: DuplicateReasonKind; label: string }[];
}

export type DuplicateCandidate = DuplicateSide & DuplicateMatch;

export interface DuplicatePair extends DuplicateMatch {
  a: DuplicateSide;
  b: DuplicateSide;
}

export interface DuplicatePairPage {
  items: DuplicatePair[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface NotDuplicateReply {
  householdId: string;
  otherId: string;
  note: string | null;
  decidedAt: string;
  created: boolean;
}

export interface AnnualReviewDueItem extends HouseholdListItem {
  overdue: boolean;
  lastReviewedOn: string | null;
}

export interface AnnualReviewInput {
  outcome: AnnualReviewOutcome;
  note: string;
  incomes?: { kind: IncomeKind; description?: string | null; annualFen: number }[];
  expenditures?: { kind: ExpenditureKind; description?: string | null; annualFen: number }[];
}

export interface ReviewSampleItem {
  position: number;
  householdId: string;
  name: string;
  idMasked: string;
  employerName: string;
  result: SampleFinding | null;
  note: string | null;
  checkedAt: string | null;
  checkedByName: string | null;
}

/** A stored spot-check sample: one current per unit and year; redrawn ones are kept, superseded. */
export interface ReviewSampleSummary {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  ratio: number;
  seed: string;
  population: number;
  size: number;
  drawnAt: string;
  drawnByName: string | null;
  checked: number;
  discrepancies: number;
  supersededAt: string | null;
  supersededBy: string | null;
  /** Why this draw replaced an earlier one (null for a first draw). */
  redrawReason: string | null;
}

export interface ReviewSample extends ReviewSampleSummary {
  items: ReviewSampleItem[];
}
