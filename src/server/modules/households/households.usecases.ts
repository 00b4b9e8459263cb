import { explanationEn } from '../../../shared/category-explanation';
import { canonicalJson } from '../../common/canonical-json';
import { type Actor, actedBy, type Deps, type Principal } from '../../common/context';
import { ageOn, businessDate } from '../../common/dates';
import { normalizeResidentId, residentIdInfo, residentIdProblem } from '../../common/identifiers';
import { maskBankAccount, maskPhone, maskResidentId } from '../../common/masking';
import { sumFen } from '../../common/money';
import { inScope } from '../../common/scope';
import { uuidv7 } from '../../common/uuid7';
import type { Db, Executor } from '../../db/client';
import { type AuditEntryInput, recordAudit, recordAudits } from '../audit/audit.usecases';
import { getAttachableFile } from '../files/files.usecases';
import { getOrgInScope } from '../orgs/orgs.usecases';
import { type Policy, policyInForce } from '../policies/policies.usecases';
import { type Category, computeCategory } from './category';
import { householdAttachmentGrant } from './households.attachments';
import { HouseholdErrors } from './households.errors';
import * as repo from './households.repository';
import { awaitedDecision, exitConflict, reviewerConflict } from './households.review-rules';
import type {
  CreateHouseholdInput,
  ListHouseholdsQuery,
  MemberInput,
  MemberUpdateInput,
  StatsQuery,
  UpdateHouseholdInput,
} from './households.schemas';
import {
  HOUSEHOLD_STATUSES,
  type HouseholdRow,
  type HouseholdStatus,
  type MemberRow,
} from './households.table';

/** Keys of the category counts: the computed categories, plus households no policy has assessed yet. */
const STAT_CATEGORIES = ['deep', 'relative', 'sudden', 'none', 'unassessed'] as const;

export type HouseholdDeps = Pick<Deps, 'db' | 'vault'>;

/** Blind-index purpose of resident ID numbers (employees and family members alike). */
export const ID_PURPOSE = 'resident-id';
const PHONE_PURPOSE = 'phone';

export const STATUS_LABELS: Record<HouseholdStatus, string> = {
  draft: '草稿',
  submitted: '待基层审核',
  grassroots_approved: '待乡镇（街道）审核',
  archived: '已建档',
  returned: '退回补充',
  rejected: '未通过',
  withdrawn: '已作废',
  exited: '已脱困',
};

/** While a household is in one of these states it holds its ID numbers (one live archive per person). */
export const LIVE_STATUSES: readonly HouseholdStatus[] = [
  'draft',
  'submitted',
  'grassroots_approved',
  'archived',
  'returned',
];
export const EDITABLE: readonly HouseholdStatus[] = ['draft', 'returned'];

export type ReviewLevel = 'grassroots' | 'township';
export const LEVEL_LABELS: Record<ReviewLevel, { zh: string; en: string }> = {
  grassroots: { zh: '基层工会', en: 'grass-roots' },
  township: { zh: '乡镇（街道）工会', en: 'township' },
};

// ——— reading ———

export async function getInScope(db: Executor, principal: Principal, id: string, forUpdate = false) {
  const found = forUpdate ? await repo.findByIdForUpdate(db, id) : await repo.findById(db, id);
  if (!found || !inScope(principal, found.employerPath)) throw HouseholdErrors.HOUSEHOLD_NOT_FOUND();
  return found;
}

/**
 * The policy figures and the accident cause a decision was computed with, from its snapshot of inputs
 * (every decision stores them): with the figures of its row, what an explanation in another language
 * needs (shared/category-explanation.ts).
 */
export function decisionBasis(inputs: unknown) {
  const i = (inputs ?? {}) as {
    policy?: { relativeMultiplierBp?: number; suddenRatioBp?: number };
    causes?: string[];
  };
  return {
    relativeMultiplierBp: i.policy?.relativeMultiplierBp ?? 0,
    suddenRatioBp: i.policy?.suddenRatioBp ?? 0,
    accidentOrDisaster: (i.causes ?? []).includes('accident_disaster'),
  };
}

function toDecisionDto(view: repo.DecisionView) {
  const d = view.decision;
  return {
    id: d.id,
    policyId: d.policyId,
    policyRegionCode: view.policyRegionCode,
    policyEffectiveFrom: view.policyEffectiveFrom,
    asOf: d.asOf,
    trigger: d.trigger,
    annualIncomeFen: d.annualIncomeFen,
    rigidExpenditureFen: d.rigidExpenditureFen,
    householdSize: d.householdSize,
    perCapitaMonthlyFen: d.perCapitaMonthlyFen,
    dibaoFen: d.dibaoFen,
    relativeThresholdFen: d.relativeThresholdFen,
    ...decisionBasis(d.inputs),
    category: d.category,
    explanation: d.explanation,
    computedAt: d.computedAt.toISOString(),
  };
}

function toListItem(
  h: HouseholdRow,
  employerName: string,
  figures: { householdSize: number | null; perCapitaMonthlyFen: number | null },
  today: string,
) {
  return {
    id: h.id,
    name: h.name,
    idMasked: h.idMasked,
    phoneMasked: h.phoneMasked,
    sex: h.sex,
    age: ageOn(h.birthDate, today),
    employerOrgId: h.employerOrgId,
    employerName,
    status: h.status,
    category: h.category,
    causes: h.causes,
    householdSize: figures.householdSize,
    perCapitaMonthlyFen: figures.perCapitaMonthlyFen,
    reviewDueOn: h.reviewDueOn,
    updatedAt: h.updatedAt.toISOString(),
    awaiting: awaitedDecision(h),
  };
}

export async function loadDetail(db: Executor, id: string) {
  const found = (await repo.findById(db, id))!;
  const h = found.household;
  // One after another: `db` is often a transaction, whose one connection runs one query at a time.
  const members = await repo.listMembers(db, id);
  const incomes = await repo.listIncomes(db, id);
  const expenditures = await repo.listExpenditures(db, id);
  const attachments = await repo.listAttachments(db, id);
  const decision = h.decisionId ? await repo.findDecision(db, h.decisionId) : undefined;
  const events = await repo.listEvents(db, id);
  const today = businessDate();
  return {
    ...toListItem(
      h,
      found.employerName,
      {
        householdSize: decision?.decision.householdSize ?? null,
        perCapitaMonthlyFen: decision?.decision.perCapitaMonthlyFen ?? null,
      },
      today,
    ),
    birthDate: h.birthDate,
    bankAccountMasked: h.bankAccountMasked,
    bankName: h.bankName,
    job: h.job,
    memberSince: h.memberSince,
    address: h.address,
    situation: h.situation,
    archivedOn: h.archivedOn,
    exitProposedOn: h.exitProposedOn,
    exitProposalReason: h.exitProposalReason,
    exitedOn: h.exitedOn,
    createdBy: h.createdBy,
    createdAt: h.createdAt.toISOString(),
    members: members.map((m) => ({
      id: m.id,
      relation: m.relation,
      name: m.name,
      idMasked: m.idMasked,
      sex: m.sex,
      age: ageOn(m.birthDate, today),
      healthStatus: m.healthStatus,
      hasHealthNote: !!m.healthNoteCipher,
      schoolLevel: m.schoolLevel,
      occupation: m.occupation,
    })),
    incomes: incomes.map((i) => ({ kind: i.kind, description: i.description, annualFen: i.annualFen })),
    expenditures: expenditures.map((e) => ({
      kind: e.kind,
      description: e.description,
      annualFen: e.annualFen,
    })),
    attachments,
    decision: decision ? toDecisionDto(decision) : null,
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorName: e.actorName,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      level: e.level,
      comment: e.comment,
      decisionId: e.decisionId,
    })),
  };
}

export async function listDecisions(db: Db, principal: Principal, id: string) {
  await getInScope(db, principal, id);
  return { items: (await repo.listDecisions(db, id)).map(toDecisionDto) };
}

/**
 * The search box: a full resident ID number is looked up by its blind index (the employee or a family
 * member, whatever the archive's state — "is this person on file?"); anything else searches names.
 */
export function searchFilter(
  vault: HouseholdDeps['vault'],
  q: string | undefined,
): { q?: string; idBlind?: string } {
  if (!q) return {};
  // residentIdProblem accepts only a complete, valid 18-character number.
  if (!residentIdProblem(q))
    return { q: undefined, idBlind: vault.blindIndex(normalizeResidentId(q), ID_PURPOSE) };
  return { q };
}

async function scopeFilter(
  db: Db,
  principal: Principal,
  query: { orgId?: string; awaitingMyReview?: boolean },
) {
  return {
    pathPrefix: query.orgId ? (await getOrgInScope(db, principal, query.orgId)).path : principal.orgPath,
    reviewerOrgId: query.awaitingMyReview ? principal.orgId : undefined,
  };
}

/**
 * Counts stop at this many rows (the list shows "10,000+"): an exact count of a large archive on
 * every page would read every matching row. Deeper pages raise the cap ahead of themselves, so the
 * pager always reaches further.
 */
export const LIST_COUNT_CAP = 10_000;

export function listCountCap(offset: number, pageSize: number) {
  return Math.max(LIST_COUNT_CAP, Math.ceil((offset + 10 * pageSize) / 1000) * 1000);
}

export async function listHouseholds(deps: HouseholdDeps, principal: Principal, query: ListHouseholdsQuery) {
  const { db } = deps;
  const offset = (query.page - 1) * query.pageSize;
  const { items, total, totalCapped } = await repo.list(db, {
    ...query,
    ...searchFilter(deps.vault, query.q),
    ...(await scopeFilter(db, principal, query)),
    limit: query.pageSize,
    offset,
    countCap: listCountCap(offset, query.pageSize),
  });
  const today = businessDate();
  const blocked = query.awaitingMyReview
    ? await reviewBlocks(
        db,
        items.map((r) => r.household),
        principal.userId,
      )
    : new Map<string, ReviewBlock>();
  return {
    items: items.map((r) => ({
      ...toListItem(r.household, r.employerName, r, today),
      ...(query.awaitingMyReview ? { reviewBlocked: blocked.get(r.household.id) ?? null } : {}),
    })),
    total,
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

type ReviewBlock = 'own_entry' | 'already_decided';

/**
 * 待我审核 lists every archive at the caller's unit's step; the ones the caller may not decide (they
 * entered or changed it, decided an earlier step, or proposed its exit themselves) are marked, so that
 * the list says so before the decision is refused.
 */
async function reviewBlocks(db: Executor, page: HouseholdRow[], me: string) {
  const inReview = page.filter(
    (h) =>
      h.status === 'submitted' ||
      h.status === 'grassroots_approved' ||
      (h.status === 'archived' && h.exitProposedOn),
  );
  const blocks = new Map<string, ReviewBlock>();
  if (inReview.length === 0) return blocks;
  const events = await repo.listEventsOf(
    db,
    inReview.map((h) => h.id),
  );
  for (const h of inReview) {
    const own = events.filter((e) => e.householdId === h.id);
    const conflict = h.status === 'archived' ? exitConflict(own, me) : reviewerConflict(h.createdBy, own, me);
    if (conflict) blocks.set(h.id, conflict.kind);
  }
  return blocks;
}

/** Rows of 待我审核 read to say how many of them another reviewer must decide (a review queue's size). */
const OTHERS_DECIDE_LIMIT = 200;

/**
 * 待我审核 for the home page's to-do: the tab's rows (as the list counts them), and how many of those the
 * caller may not decide — entered or changed by them, or an earlier step theirs — so another reviewer of
 * the unit must (`othersDecide`; null for a queue longer than OTHERS_DECIDE_LIMIT rows).
 */
export async function countAwaitingMyReview(
  deps: HouseholdDeps,
  principal: Principal,
  query: Omit<StatsQuery, 'awaitingMyReview'>,
) {
  const page = await listHouseholds(deps, principal, {
    ...query,
    awaitingMyReview: true,
    page: 1,
    pageSize: OTHERS_DECIDE_LIMIT,
  });
  const count = Math.min(page.total, LIST_COUNT_CAP);
  const capped = page.total > LIST_COUNT_CAP;
  const othersDecide =
    page.total <= OTHERS_DECIDE_LIMIT ? page.items.filter((i) => i.reviewBlocked).length : null;
  return { count, capped, othersDecide };
}

/** The list's filter for counting: the search text as a name or blind index, the caller's scope. */
async function statsFilter(deps: HouseholdDeps, principal: Principal, query: StatsQuery) {
  return {
    ...query,
    ...searchFilter(deps.vault, query.q),
    ...(await scopeFilter(deps.db, principal, query)),
  };
}

/**
 * Counts for the list page: by category (`unassessed` when no policy applied yet) and by status,
 * each capped at LIST_COUNT_CAP; `capped` names the counts that reached it.
 */
export async function householdStats(deps: HouseholdDeps, principal: Principal, query: StatsQuery) {
  const categories = STAT_CATEGORIES.map((c) => (c === 'unassessed' ? null : c));
  // With a status filter the counts by status follow from the total (the filtered status holds them
  // all): eight queries fewer, e.g. for the home page's archive figures (status archived).
  const counted = await repo.cappedCounts(
    deps.db,
    await statsFilter(deps, principal, query),
    { categories, statuses: query.status ? [] : [...HOUSEHOLD_STATUSES] },
    LIST_COUNT_CAP,
  );
  const counts = {
    ...counted,
    byStatus: query.status
      ? HOUSEHOLD_STATUSES.map((s) => (s === query.status ? counted.total : 0))
      : counted.byStatus,
  };
  const cap = (n: number) => Math.min(n, LIST_COUNT_CAP);
  const over = <K extends string>(keys: readonly K[], ns: number[]) =>
    keys.filter((_, i) => ns[i]! > LIST_COUNT_CAP);
  return {
    total: cap(counts.total),
    byCategory: Object.fromEntries(STAT_CATEGORIES.map((c, i) => [c, cap(counts.byCategory[i]!)])),
    byStatus: Object.fromEntries(HOUSEHOLD_STATUSES.map((s, i) => [s, cap(counts.byStatus[i]!)])),
    countCap: LIST_COUNT_CAP,
    capped: {
      total: counts.total > LIST_COUNT_CAP,
      byCategory: over(STAT_CATEGORIES, counts.byCategory),
      byStatus: over(HOUSEHOLD_STATUSES, counts.byStatus),
    },
  };
}

/**
 * How many households the list shows for this filter, counted like the list's total (up to
 * LIST_COUNT_CAP; `capped` when there are more) with one query: the home page's to-do counts.
 */
export async function countHouseholds(deps: HouseholdDeps, principal: Principal, query: StatsQuery) {
  const filter = await statsFilter(deps, principal, query);
  const { total } = await repo.cappedCounts(
    deps.db,
    filter,
    { categories: [], statuses: [] },
    LIST_COUNT_CAP,
  );
  return { count: Math.min(total, LIST_COUNT_CAP), capped: total > LIST_COUNT_CAP };
}

// ——— saving ———

interface SealedPerson {
  idNumber: string;
  idBlind: string;
  idMasked: string;
  idCipher: string;
  sex: 'male' | 'female';
  birthDate: string;
}

/** `knownBlinds`: blind indexes the caller has already computed (the import, for its look-ups). */
function sealId(deps: HouseholdDeps, raw: string, knownBlinds?: ReadonlyMap<string, string>): SealedPerson {
  const idNumber = normalizeResidentId(raw);
  const info = residentIdInfo(idNumber);
  return {
    idNumber,
    idBlind: knownBlinds?.get(idNumber) ?? deps.vault.blindIndex(idNumber, ID_PURPOSE),
    idMasked: maskResidentId(idNumber),
    idCipher: deps.vault.encrypt(idNumber),
    sex: info.sex,
    birthDate: info.birthDate,
  };
}

/** A member's row from its input, its sealed ID number and its sealed health note. */
function memberRow(
  m: Omit<MemberUpdateInput, 'id' | 'idNumber' | 'healthNote'>,
  person: Pick<ReturnType<typeof sealId>, 'idCipher' | 'idBlind' | 'idMasked' | 'sex' | 'birthDate'>,
  healthNoteCipher: string | null,
) {
  return {
    row: {
      relation: m.relation,
      name: m.name,
      idCipher: person.idCipher,
      idBlind: person.idBlind,
      idMasked: person.idMasked,
      sex: person.sex,
      birthDate: person.birthDate,
      healthStatus: m.healthStatus,
      healthNoteCipher,
      schoolLevel: m.schoolLevel ?? null,
      occupation: m.occupation ?? null,
    },
    idMasked: person.idMasked,
  };
}

function sealMembers(deps: HouseholdDeps, members: MemberInput[], knownBlinds?: ReadonlyMap<string, string>) {
  return members.map((m) =>
    memberRow(
      m,
      sealId(deps, m.idNumber, knownBlinds),
      m.healthNote ? deps.vault.encrypt(m.healthNote) : null,
    ),
  );
}

/**
 * The members of an update: those named by `id` keep their row id (applications name a student by it),
 * their sealed ID number unless a new one is given, and their health note unless one is given (or
 * `null`); the others are sealed as new.
 */
async function membersForUpdate(
  deps: HouseholdDeps,
  tx: Executor,
  householdId: string,
  inputs: MemberUpdateInput[],
) {
  const onFile = new Map((await repo.listMembers(tx, householdId)).map((m) => [m.id, m]));
  return inputs.map((m) => {
    const kept = m.id === undefined ? undefined : onFile.get(m.id);
    if (m.id !== undefined && !kept) throw HouseholdErrors.HOUSEHOLD_MEMBER_NOT_FOUND();
    const note =
      m.healthNote === undefined
        ? (kept?.healthNoteCipher ?? null)
        : m.healthNote
          ? deps.vault.encrypt(m.healthNote)
          : null;
    const sealed = memberRow(m, m.idNumber ? sealId(deps, m.idNumber) : kept!, note);
    return kept ? { ...sealed, row: { ...sealed.row, id: kept.id } } : sealed;
  });
}

/** The same person twice in one household is a typing error, refused before any claim is tried. */
function checkNoRepeats(people: { idBlind: string; idMasked: string }[]) {
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.idBlind)) throw HouseholdErrors.HOUSEHOLD_ID_REPEATED({ idMasked: p.idMasked });
    seen.add(p.idBlind);
  }
}

/**
 * Claims every ID number of the household — keeping those it holds already — then releases the ones
 * it no longer names. The claims table's primary key decides between concurrent submissions; the
 * loser learns the holding unit's name (only the name: it may lie outside the caller's scope).
 * Releasing comes last: a claim deleted but not committed makes other claimers wait, which the
 * blind-index order of the inserts would not cover.
 */
/**
 * One archive per household (一户一档): an employee whose archive has exited comes back through 返困 on
 * that archive (its history kept), not through a new one. The archive is named by its unit, and by id
 * when the caller may open it.
 */
async function refuseIfExited(
  tx: Executor,
  principal: Principal,
  employee: { idBlind: string; idMasked: string },
  householdId?: string,
) {
  const [exited] = (await repo.findExitedByEmployee(tx, [employee.idBlind])).filter(
    (h) => h.id !== householdId,
  );
  if (!exited) return;
  throw HouseholdErrors.HOUSEHOLD_EXITED_ARCHIVE(
    { idMasked: employee.idMasked, unit: exited.unitName },
    inScope(principal, exited.unitPath) ? { householdId: exited.id } : undefined,
  );
}

export async function claimAll(
  tx: Executor,
  householdId: string,
  employee: { idBlind: string; idMasked: string },
  members: { idBlind: string; idMasked: string }[],
) {
  const wanted = [
    { idBlind: employee.idBlind, role: 'employee' as const, idMasked: employee.idMasked },
    ...members.map((m) => ({ idBlind: m.idBlind, role: 'member' as const, idMasked: m.idMasked })),
  ];
  const won = await repo.claimIds(
    tx,
    householdId,
    wanted.map(({ idBlind, role }) => ({ idBlind, role })),
  );
  const lost = wanted.find((w) => !won.has(w.idBlind));
  if (!lost) {
    await repo.releaseClaimsExcept(
      tx,
      householdId,
      wanted.map((w) => w.idBlind),
    );
    return;
  }
  const holder = await repo.findClaimHolder(tx, lost.idBlind);
  throw HouseholdErrors.HOUSEHOLD_DUPLICATE_ID({
    idMasked: lost.idMasked,
    unit: holder?.unitName ?? '其他单位',
  });
}

async function checkEmployer(tx: Executor, principal: Principal, orgId: string) {
  const employer = await getOrgInScope(tx, principal, orgId);
  if (employer.level !== 'grassroots' || !employer.active)
    throw HouseholdErrors.HOUSEHOLD_EMPLOYER_NOT_GRASSROOTS();
  return employer;
}

/**
 * Attachments must be files the caller can read — in scope, or attached to a household the caller may
 * read (a higher unit's certificate, kept in an edit); checked before the transaction (read only).
 */
async function checkAttachments(deps: HouseholdDeps, principal: Principal, ids: string[]) {
  const reading = { db: deps.db, fileReadGrants: [householdAttachmentGrant] };
  for (const fileId of new Set(ids)) await getAttachableFile(reading, principal, fileId);
}

interface Figures {
  incomes: { kind: string; annualFen: number }[];
  expenditures: { kind: string; annualFen: number }[];
  memberCount: number;
  causes: string[];
}

/**
 * Computes the category with the policy in force today for the employer's region and stores the
 * snapshot. A save whose inputs and policy equal the latest snapshot reuses it; a submission or
 * review always records a new one.
 */
export async function decide(
  tx: Executor,
  actor: Actor,
  h: { id: string; decisionId: string | null },
  regionCode: string,
  figures: Figures,
  trigger: 'save' | 'submit' | 'review',
): Promise<{ decisionId: string; category: Category; explanation: string; policy: Policy } | null> {
  const asOf = businessDate();
  const policy = await policyInForce(tx, regionCode, asOf);
  if (!policy) return null;
  const values = decisionValues(actor, h.id, regionCode, figures, trigger, policy, asOf);
  if (trigger === 'save' && h.decisionId) {
    const latest = await repo.findDecision(tx, h.decisionId);
    if (
      latest &&
      latest.decision.policyId === policy.id &&
      canonicalJson(latest.decision.inputs) === canonicalJson(values.inputs)
    ) {
      return {
        decisionId: latest.decision.id,
        category: latest.decision.category,
        explanation: latest.decision.explanation,
        policy,
      };
    }
  }
  const row = await repo.insertDecision(tx, values);
  return { decisionId: row.id, category: row.category, explanation: row.explanation, policy };
}

/** The decision snapshot of `decide`, computed without touching the database. */
function decisionValues(
  actor: Actor,
  householdId: string,
  regionCode: string,
  figures: Figures,
  trigger: 'save' | 'submit' | 'review',
  policy: Policy,
  asOf: string,
) {
  const annualIncomeFen = sumFen(figures.incomes.map((i) => i.annualFen));
  const rigidExpenditureFen = sumFen(figures.expenditures.map((e) => e.annualFen));
  const accidentOrDisaster = figures.causes.includes('accident_disaster');
  const householdSize = 1 + figures.memberCount;
  const result = computeCategory(
    { annualIncomeFen, rigidExpenditureFen, householdSize, accidentOrDisaster },
    policy,
  );
  const inputs = {
    regionCode,
    incomes: figures.incomes.map((i) => ({ kind: i.kind, annualFen: i.annualFen })),
    expenditures: figures.expenditures.map((e) => ({ kind: e.kind, annualFen: e.annualFen })),
    householdSize,
    causes: [...figures.causes].sort(),
    policy: {
      dibaoFen: policy.dibaoFen,
      relativeMultiplierBp: policy.relativeMultiplierBp,
      suddenRatioBp: policy.suddenRatioBp,
    },
  };
  return {
    householdId,
    policyId: policy.id,
    asOf,
    trigger,
    inputs,
    annualIncomeFen,
    rigidExpenditureFen,
    householdSize,
    perCapitaMonthlyFen: result.perCapitaMonthlyFen,
    dibaoFen: result.dibaoFen,
    relativeThresholdFen: result.relativeThresholdFen,
    category: result.category,
    explanation: result.explanation,
    computedBy: actor.principal.userId,
  };
}

export async function currentFigures(tx: Executor, h: HouseholdRow): Promise<Figures> {
  // Sequential: a transaction's connection runs one query at a time (pg warns about queued queries).
  const members = await repo.listMembers(tx, h.id);
  const incomes = await repo.listIncomes(tx, h.id);
  const expenditures = await repo.listExpenditures(tx, h.id);
  return { incomes, expenditures, memberCount: members.length, causes: h.causes };
}

/**
 * What the audit log keeps of a household: every field an edit can change, so that before and after
 * show each change. Sensitive values (ID numbers, phone, bank account, health notes) as masked values
 * and keyed fingerprints (`Vault.fingerprint`) only — never ciphertext, full numbers or a note's text.
 * ID numbers and the phone are printed from their blind index, the sealed others from their value.
 * `auditedHousehold` builds the same from a household about to be created (the import's batch).
 */
async function snapshot(deps: HouseholdDeps, tx: Executor, id: string) {
  const { vault } = deps;
  const found = (await repo.findById(tx, id))!;
  const h = found.household;
  const members = await repo.listMembers(tx, id);
  const incomes = await repo.listIncomes(tx, id);
  const expenditures = await repo.listExpenditures(tx, id);
  const attachments = await repo.listAttachments(tx, id);
  return auditedHousehold(vault, {
    ...h,
    bankAccount: h.bankAccountCipher ? vault.decrypt(h.bankAccountCipher) : null,
    members: members.map((m: MemberRow) => ({
      ...m,
      healthNote: m.healthNoteCipher ? vault.decrypt(m.healthNoteCipher) : null,
    })),
    incomes,
    expenditures,
    attachments,
  });
}

type AuditedItem = { kind: string; description: string | null; annualFen: number };

function auditedHousehold(
  vault: HouseholdDeps['vault'],
  h: Pick<
    HouseholdRow,
    | 'employerOrgId'
    | 'name'
    | 'idMasked'
    | 'idBlind'
    | 'phoneMasked'
    | 'phoneBlind'
    | 'bankAccountMasked'
    | 'bankName'
    | 'job'
    | 'memberSince'
    | 'address'
    | 'situation'
    | 'status'
    | 'category'
    | 'causes'
  > & {
    bankAccount: string | null;
    members: (Pick<
      MemberRow,
      'relation' | 'name' | 'idMasked' | 'idBlind' | 'healthStatus' | 'schoolLevel' | 'occupation'
    > & { healthNote: string | null })[];
    incomes: AuditedItem[];
    expenditures: AuditedItem[];
    attachments: { fileId: string; kind: string; note: string | null }[];
  },
) {
  const print = (value: string | null) => (value ? vault.fingerprint(value) : null);
  const item = (i: AuditedItem) => ({ kind: i.kind, description: i.description, annualFen: i.annualFen });
  return {
    employerOrgId: h.employerOrgId,
    name: h.name,
    idMasked: h.idMasked,
    idFingerprint: print(h.idBlind),
    phoneMasked: h.phoneMasked,
    phoneFingerprint: print(h.phoneBlind),
    bankAccountMasked: h.bankAccountMasked,
    bankAccountFingerprint: print(h.bankAccount),
    bankName: h.bankName,
    job: h.job,
    memberSince: h.memberSince,
    address: h.address,
    situation: h.situation,
    status: h.status,
    category: h.category,
    causes: h.causes,
    members: h.members.map((m) => ({
      relation: m.relation,
      name: m.name,
      idMasked: m.idMasked,
      idFingerprint: print(m.idBlind),
      healthStatus: m.healthStatus,
      // A health note is sensitive: that it changed, never what it says.
      healthNoteFingerprint: print(m.healthNote),
      schoolLevel: m.schoolLevel,
      occupation: m.occupation,
    })),
    incomes: h.incomes.map(item),
    expenditures: h.expenditures.map(item),
    attachments: h.attachments.map((a) => ({ fileId: a.fileId, kind: a.kind, note: a.note })),
  };
}

/** The blind index a phone number is looked up by (households with the same phone). */
export const phoneBlindIndex = (vault: HouseholdDeps['vault'], phone: string) =>
  vault.blindIndex(phone, PHONE_PURPOSE);

function personalFields(deps: HouseholdDeps, input: Partial<Omit<CreateHouseholdInput, 'members'>>) {
  const out: Partial<HouseholdRow> = {};
  if (input.phone !== undefined) {
    out.phoneCipher = input.phone ? deps.vault.encrypt(input.phone) : null;
    out.phoneBlind = input.phone ? phoneBlindIndex(deps.vault, input.phone) : null;
    out.phoneMasked = input.phone ? maskPhone(input.phone) : null;
  }
  if (input.bankAccount !== undefined) {
    out.bankAccountCipher = input.bankAccount ? deps.vault.encrypt(input.bankAccount) : null;
    out.bankAccountMasked = input.bankAccount ? maskBankAccount(input.bankAccount) : null;
  }
  for (const key of ['bankName', 'job', 'memberSince', 'address', 'situation'] as const) {
    if (input[key] !== undefined) out[key] = input[key] ?? null;
  }
  return out;
}

/**
 * How a household came to be, when not through the form: its first timeline event says so instead
 * of `created` (the import's `imported`, with the file and row).
 */
export interface CreationEvent {
  action: string;
  comment: string;
}

/**
 * Where a caller inside a longer transaction (the all-or-nothing import) collects the audit entries of
 * the households it creates, to write them itself as the last step before its commit. Written at once,
 * the first entry would lock the audit chain's head until that commit, holding up every other
 * audited write for the rest of the caller's work.
 */
export type AuditSink = AuditEntryInput[];

export async function createHousehold(
  deps: HouseholdDeps,
  actor: Actor,
  input: CreateHouseholdInput,
  options: {
    /** The first timeline event, when not `created` (the import's `imported`). */
    creation?: CreationEvent;
    /** Collect the audit entry here instead of writing it (added once the household is saved). */
    audits?: AuditSink;
  } = {},
) {
  const { creation, audits } = options;
  await checkAttachments(
    deps,
    actor.principal,
    input.attachments.map((a) => a.fileId),
  );
  const employee = sealId(deps, input.idNumber);
  const members = sealMembers(deps, input.members);
  checkNoRepeats([employee, ...members.map((m) => m.row)]);
  const created = await deps.db.transaction(async (tx) => {
    const employer = await checkEmployer(tx, actor.principal, input.employerOrgId);
    await refuseIfExited(tx, actor.principal, employee);
    const id = uuidv7();
    await repo.insert(tx, {
      id,
      employerOrgId: employer.id,
      name: input.name,
      idCipher: employee.idCipher,
      idBlind: employee.idBlind,
      idMasked: employee.idMasked,
      sex: employee.sex,
      birthDate: employee.birthDate,
      ...personalFields(deps, input),
      causes: [...new Set(input.causes)],
      status: 'draft',
      createdBy: actor.principal.userId,
    });
    await claimAll(
      tx,
      id,
      employee,
      members.map((m) => m.row),
    );
    await repo.replaceMembers(
      tx,
      id,
      members.map((m) => m.row),
    );
    await repo.replaceIncomes(tx, id, input.incomes.map(itemRow));
    await repo.replaceExpenditures(tx, id, input.expenditures.map(itemRow));
    await repo.replaceAttachments(
      tx,
      id,
      input.attachments.map((a) => attachmentRow(actor, a)),
    );
    const decision = await decide(
      tx,
      actor,
      { id, decisionId: null },
      employer.regionCode,
      {
        incomes: input.incomes,
        expenditures: input.expenditures,
        memberCount: members.length,
        causes: input.causes,
      },
      'save',
    );
    await repo.update(tx, id, {
      category: decision?.category ?? null,
      decisionId: decision?.decisionId ?? null,
    });
    await repo.insertEvent(tx, {
      householdId: id,
      ...actedBy(actor),
      action: creation?.action ?? 'created',
      toStatus: 'draft',
      decisionId: decision?.decisionId ?? null,
      comment: creation?.comment ?? null,
    });
    const entry: AuditEntryInput = {
      action: 'household.created',
      entity: 'household',
      entityId: id,
      orgId: employer.id,
      after: await snapshot(deps, tx, id),
    };
    if (!audits) await recordAudit(tx, actor, entry);
    return { detail: await loadDetail(tx, id), entry };
  });
  audits?.push(created.entry);
  return created.detail;
}

/** The fast path of `createHouseholds` does not apply: the caller creates the households one by one. */
export class BatchNotApplicable extends Error {}

/**
 * Creates many households as `createHousehold` called for each in turn would (same rows, claims,
 * decisions, timeline and audit entries, in the same order), with one statement per table, inside
 * the caller's transaction. Anything out of the ordinary — attachments, an employer out of scope or
 * inactive, a person twice, an ID number already claimed — throws before the
 * transaction commits; the caller then falls back to `createHousehold` row by row, which reports the
 * exact problem of the exact row. Returns the new ids in input order, each with the category computed
 * and its explanation (null when no policy is in force for the region). With `audits`, the entries
 * are added there, after the batch's last statement, instead of being written.
 */
export async function createHouseholdsBatch(
  deps: HouseholdDeps,
  actor: Actor,
  inputs: CreateHouseholdInput[],
  options: {
    /** The first timeline event of each household, when not `created` (the import's `imported`). */
    creation?: (index: number) => CreationEvent;
    /** ID number → blind index, as far as the caller has computed them already. */
    knownBlinds?: ReadonlyMap<string, string>;
    /** Collect the audit entries here instead of writing them. */
    audits?: AuditSink;
  } = {},
): Promise<
  {
    id: string;
    category: Category | null;
    explanation: string | null;
    /** In English, for a household found not eligible (category none) only; null otherwise. */
    explanationEn: string | null;
  }[]
> {
  const { creation, knownBlinds } = options;
  const tx = deps.db;
  if (inputs.some((input) => input.attachments.length))
    throw new BatchNotApplicable('attachments are checked one by one');
  const employers = new Map(
    (await repo.orgsByIds(tx, [...new Set(inputs.map((i) => i.employerOrgId))])).map((o) => [o.id, o]),
  );
  const asOf = businessDate();
  const policies = new Map<string, Policy | undefined>();
  const households: Parameters<typeof repo.insertMany>[1] = [];
  const claims: { idBlind: string; role: 'employee' | 'member'; householdId: string }[] = [];
  const memberRows: Parameters<typeof repo.insertMembersMany>[1] = [];
  const incomeRows: Parameters<typeof repo.insertIncomesMany>[1] = [];
  const expenditureRows: Parameters<typeof repo.insertExpendituresMany>[1] = [];
  const decisions: Parameters<typeof repo.insertDecisionsMany>[1] = [];
  const events: Parameters<typeof repo.insertEventsMany>[1] = [];
  const audits: Parameters<typeof recordAudits>[2] = [];
  for (const [index, input] of inputs.entries()) {
    const employee = sealId(deps, input.idNumber, knownBlinds);
    const members = sealMembers(deps, input.members, knownBlinds);
    checkNoRepeats([employee, ...members.map((m) => m.row)]);
    const employer = employers.get(input.employerOrgId);
    if (!employer || !inScope(actor.principal, employer.path))
      throw new BatchNotApplicable('employer not found in scope');
    if (employer.level !== 'grassroots' || !employer.active)
      throw new BatchNotApplicable('employer not an active grass-roots unit');
    if (!policies.has(employer.regionCode))
      policies.set(employer.regionCode, (await policyInForce(tx, employer.regionCode, asOf)) ?? undefined);
    const policy = policies.get(employer.regionCode);
    const id = uuidv7();
    // No policy in force for the region: no decision, no category (as `decide` returning null).
    const decision = policy
      ? {
          id: uuidv7(),
          ...decisionValues(
            actor,
            id,
            employer.regionCode,
            {
              incomes: input.incomes,
              expenditures: input.expenditures,
              memberCount: members.length,
              causes: input.causes,
            },
            'save',
            policy,
            asOf,
          ),
        }
      : null;
    const personal = personalFields(deps, input);
    const causes = [...new Set(input.causes)];
    households.push({
      id,
      employerOrgId: employer.id,
      name: input.name,
      idCipher: employee.idCipher,
      idBlind: employee.idBlind,
      idMasked: employee.idMasked,
      sex: employee.sex,
      birthDate: employee.birthDate,
      ...personal,
      causes,
      status: 'draft',
      createdBy: actor.principal.userId,
      category: decision?.category ?? null,
      decisionId: decision?.id ?? null,
      perCapitaMonthlyFen: decision?.perCapitaMonthlyFen ?? null,
      updatedAt: new Date(),
    });
    claims.push({ idBlind: employee.idBlind, role: 'employee', householdId: id });
    for (const m of members) claims.push({ idBlind: m.row.idBlind, role: 'member', householdId: id });
    members.forEach((m, position) => {
      memberRows.push({ id: uuidv7(), ...m.row, householdId: id, position });
    });
    input.incomes.forEach((item, position) => {
      incomeRows.push({ id: uuidv7(), ...itemRow(item), householdId: id, position });
    });
    input.expenditures.forEach((item, position) => {
      expenditureRows.push({ id: uuidv7(), ...itemRow(item), householdId: id, position });
    });
    if (decision) decisions.push(decision);
    const how = creation?.(index);
    events.push({
      householdId: id,
      employerOrgId: employer.id,
      ...actedBy(actor),
      action: how?.action ?? 'created',
      toStatus: 'draft',
      decisionId: decision?.id ?? null,
      comment: how?.comment ?? null,
    });
    audits.push({
      action: 'household.created',
      entity: 'household',
      entityId: id,
      orgId: employer.id,
      // What `snapshot` reads back after `createHousehold`.
      after: auditedHousehold(deps.vault, {
        employerOrgId: employer.id,
        name: input.name,
        idMasked: employee.idMasked,
        idBlind: employee.idBlind,
        phoneMasked: personal.phoneMasked ?? null,
        phoneBlind: personal.phoneBlind ?? null,
        bankAccountMasked: personal.bankAccountMasked ?? null,
        bankAccount: input.bankAccount ?? null,
        bankName: personal.bankName ?? null,
        job: personal.job ?? null,
        memberSince: personal.memberSince ?? null,
        address: personal.address ?? null,
        situation: personal.situation ?? null,
        status: 'draft',
        category: decision?.category ?? null,
        causes,
        members: members.map((m, i) => ({ ...m.row, healthNote: input.members[i]!.healthNote ?? null })),
        incomes: input.incomes.map(itemRow),
        expenditures: input.expenditures.map(itemRow),
        attachments: [],
      }),
    });
  }
  // An employee with an exited archive: the one-by-one path says which row and where to re-open it.
  if (
    (
      await repo.findExitedByEmployee(
        tx,
        households.map((h) => h.idBlind),
      )
    ).length
  )
    throw new BatchNotApplicable('an employee has an exited archive');
  await repo.insertMany(tx, households);
  // All claims in one statement, in blind-index order like `claimIds` (no deadlock with a concurrent
  // writer); one lost claim sends the whole batch back to the one-by-one path.
  if (!(await repo.claimIdsAll(tx, claims))) throw new BatchNotApplicable('an ID number is already claimed');
  await repo.insertMembersMany(tx, memberRows);
  await repo.insertIncomesMany(tx, incomeRows);
  await repo.insertExpendituresMany(tx, expenditureRows);
  await repo.insertDecisionsMany(tx, decisions);
  await repo.insertEventsMany(tx, events);
  if (options.audits) for (const entry of audits) options.audits.push(entry);
  else await recordAudits(tx, actor, audits);
  const byId = new Map(decisions.map((d) => [d.id, d]));
  return households.map((h) => {
    const d = h.decisionId ? byId.get(h.decisionId) : undefined;
    return {
      id: h.id,
      category: h.category ?? null,
      explanation: d?.explanation ?? null,
      // Only where a caller words it (the import's notice of a draft found not eligible): an English
      // sentence for each of 100,000 imported households would be built for nothing.
      explanationEn: d && h.category === 'none' ? explanationEn({ ...d, ...decisionBasis(d.inputs) }) : null,
    };
  });
}

const itemRow = <K extends string>(i: { kind: K; description?: string | null; annualFen: number }) => ({
  kind: i.kind,
  description: i.description ?? null,
  annualFen: i.annualFen,
});

const attachmentRow = (
  actor: Actor,
  a: { fileId: string; kind: 'certificate' | 'photo' | 'other'; note?: string | null },
) => ({ fileId: a.fileId, kind: a.kind, note: a.note ?? null, addedBy: actor.principal.userId });

export async function updateHousehold(
  deps: HouseholdDeps,
  actor: Actor,
  id: string,
  input: UpdateHouseholdInput,
) {
  if (input.attachments) {
    // Files already attached are kept without a new check: one attached before today's rules (a file
    // only its requester reads) would otherwise block every save of the archive.
    const kept = new Set((await repo.listAttachments(deps.db, id)).map((a) => a.fileId));
    await checkAttachments(
      deps,
      actor.principal,
      input.attachments.map((a) => a.fileId).filter((fileId) => !kept.has(fileId)),
    );
  }
  const employee = input.idNumber ? sealId(deps, input.idNumber) : undefined;
  return deps.db.transaction(async (tx) => {
    const found = await getInScope(tx, actor.principal, id, true);
    const before = found.household;
    if (!EDITABLE.includes(before.status))
      throw HouseholdErrors.HOUSEHOLD_NOT_EDITABLE({ status: STATUS_LABELS[before.status] });
    const members = input.members ? await membersForUpdate(deps, tx, id, input.members) : undefined;
    const beforeSnapshot = await snapshot(deps, tx, id);
    let regionCode = found.employerRegionCode;
    if (input.employerOrgId && input.employerOrgId !== before.employerOrgId) {
      regionCode = (await checkEmployer(tx, actor.principal, input.employerOrgId)).regionCode;
    }
    if (employee) await refuseIfExited(tx, actor.principal, employee, id);
    if (employee || members) {
      const person = employee ?? { idBlind: before.idBlind, idMasked: before.idMasked };
      const family = members?.map((m) => m.row) ?? (await repo.listMembers(tx, id));
      checkNoRepeats([person, ...family]);
      await claimAll(tx, id, person, family);
    }
    await repo.update(tx, id, {
      ...(input.employerOrgId ? { employerOrgId: input.employerOrgId } : {}),
      ...(input.name ? { name: input.name } : {}),
      ...(employee
        ? {
            idCipher: employee.idCipher,
            idBlind: employee.idBlind,
            idMasked: employee.idMasked,
            sex: employee.sex,
            birthDate: employee.birthDate,
          }
        : {}),
      ...personalFields(deps, input),
      ...(input.causes ? { causes: [...new Set(input.causes)] } : {}),
    });
    if (members)
      await repo.replaceMembers(
        tx,
        id,
        members.map((m) => m.row),
      );
    if (input.incomes) await repo.replaceIncomes(tx, id, input.incomes.map(itemRow));
    if (input.expenditures) await repo.replaceExpenditures(tx, id, input.expenditures.map(itemRow));
    if (input.attachments)
      await repo.replaceAttachments(
        tx,
        id,
        input.attachments.map((a) => attachmentRow(actor, a)),
      );
    const current = (await repo.findById(tx, id))!.household;
    const decision = await decide(tx, actor, current, regionCode, await currentFigures(tx, current), 'save');
    await repo.update(tx, id, {
      category: decision?.category ?? null,
      decisionId: decision?.decisionId ?? null,
    });
    await repo.insertEvent(tx, {
      householdId: id,
      ...actedBy(actor),
      action: 'updated',
      fromStatus: before.status,
      toStatus: before.status,
      decisionId: decision?.decisionId ?? null,
    });
    await recordAudit(tx, actor, {
      action: 'household.updated',
      entity: 'household',
      entityId: id,
      orgId: current.employerOrgId,
      before: beforeSnapshot,
      after: await snapshot(deps, tx, id),
    });
    return loadDetail(tx, id);
  });
}

// ——— for other modules ———

/**
 * For aid applications (先建档后帮扶): what the aid rules need of a household in the caller's scope —
 * its state, category and size from the latest decision, its employer's place in the tree, and its
 * family members (tuition aid names a student). No personal data beyond names.
 */
export async function getHouseholdForAid(db: Executor, principal: Principal, id: string) {
  const found = await getInScope(db, principal, id);
  const h = found.household;
  // Sequential: the applications module calls this inside its transactions.
  const members = await repo.listMembers(db, id);
  const decision = h.decisionId ? await repo.findDecision(db, h.decisionId) : undefined;
  return {
    id: h.id,
    name: h.name,
    status: h.status,
    archived: h.status === 'archived',
    statusLabel: STATUS_LABELS[h.status],
    category: h.category,
    decisionId: h.decisionId,
    householdSize: decision?.decision.householdSize ?? members.length + 1,
    perCapitaMonthlyFen: decision?.decision.perCapitaMonthlyFen ?? null,
    employerOrgId: h.employerOrgId,
    employerName: found.employerName,
    employerPath: found.employerPath,
    employerRegionCode: found.employerRegionCode,
    createdBy: h.createdBy,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      relation: m.relation,
      schoolLevel: m.schoolLevel,
    })),
  };
}
export type HouseholdForAid = Awaited<ReturnType<typeof getHouseholdForAid>>;
