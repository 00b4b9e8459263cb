import { notDuplicateComment } from '../../../shared/timeline-text';
import { type Actor, actedBy, type Principal } from '../../common/context';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { getOrgInScope } from '../orgs/orgs.usecases';
import * as repo from './households.repository';
import { ReviewDedupErrors } from './households.review-dedup.errors';
import * as dedupRepo from './households.review-dedup.repository';
import type {
  DuplicateCheckInput,
  DuplicatePairsQuery,
  DuplicateReason,
  DuplicateReasonKind,
  NotDuplicateInput,
} from './households.review-dedup.schemas';
import { getInScope, type HouseholdDeps, phoneBlindIndex } from './households.usecases';

/**
 * Likely duplicates (疑似重复): archives of one person entered under different ID numbers (a typo, an
 * old and a new number). ID numbers are encrypted and a typo changes their blind index, so the
 * signals are the name (trigram similarity), the phone (blind index equality) and the employer.
 */

const REASON_LABELS: Record<DuplicateReasonKind, string> = {
  same_name: '同名',
  one_char_apart: '姓名仅差一字',
  similar_name: '姓名相近',
  same_employer: '同一单位',
  same_phone: '同一手机号',
};

/** Weights: an equal phone is the strongest sign, the employer alone means little. */
export function duplicateScore(nameSimilarity: number, samePhone: boolean, sameEmployer: boolean) {
  const score = 0.5 * nameSimilarity + (samePhone ? 0.35 : 0) + (sameEmployer ? 0.15 : 0);
  return Math.round(score * 100) / 100;
}

type Side = Awaited<ReturnType<typeof dedupRepo.findCandidates>>[number];

/**
 * Two-character names one character apart (王磊/王蕾, 汪磊/王磊): a typo of one character, which trigram
 * similarity (≤ 0.2 for them) misses. Alone it means little (two-character names are common), so it
 * counts only with the same employer or phone, and then as a name similarity of 0.5 (one of two
 * characters) in the score.
 */
export function oneCharApart(x: string, y: string) {
  const [a, b] = [[...x], [...y]];
  return a.length === 2 && b.length === 2 && x !== y && (a[0] === b[0] || a[1] === b[1]);
}
const ONE_CHAR_APART_SIMILARITY = 0.5;

function explain(a: Pick<Side, 'name' | 'phoneBlind' | 'employerOrgId'>, b: Side) {
  const samePhone = !!a.phoneBlind && a.phoneBlind === b.phoneBlind;
  const sameEmployer = a.employerOrgId === b.employerOrgId;
  const nameSimilarity = Math.round(Number(b.nameSimilarity) * 100) / 100;
  const oneChar = nameSimilarity < 0.3 && (samePhone || sameEmployer) && oneCharApart(a.name, b.name);
  const codes: DuplicateReason[] = [
    ...(nameSimilarity >= 0.3 || oneChar ? (['similar_name'] as const) : []),
    ...(sameEmployer ? (['same_employer'] as const) : []),
    ...(samePhone ? (['same_phone'] as const) : []),
  ];
  return {
    nameSimilarity,
    score: duplicateScore(oneChar ? ONE_CHAR_APART_SIMILARITY : nameSimilarity, samePhone, sameEmployer),
    // 同名 only for identical names: 李国强 and 李国祥 are 姓名相近, not namesakes.
    reasons: codes.map((code) => {
      const kind: DuplicateReasonKind =
        code !== 'similar_name'
          ? code
          : a.name === b.name
            ? 'same_name'
            : oneChar
              ? 'one_char_apart'
              : 'similar_name';
      return { code, kind, label: REASON_LABELS[kind] };
    }),
  };
}

function toSide(s: Omit<Side, 'nameSimilarity'>) {
  return {
    id: s.id,
    name: s.name,
    idMasked: s.idMasked,
    phoneMasked: s.phoneMasked,
    employerOrgId: s.employerOrgId,
    employerName: s.employerName,
    status: s.status,
    category: s.category,
  };
}

/** Candidates shown for one household. */
const CANDIDATES = 20;

/** Candidates for one household, within the caller's scope, best first. */
export async function listDuplicateCandidates(db: Db, principal: Principal, id: string) {
  const { household: h } = await getInScope(db, principal, id);
  const rows = await dedupRepo.findCandidates(db, h, principal.orgPath, CANDIDATES);
  const items = rows
    .map((r) => ({ ...toSide(r), ...explain(h, r) }))
    .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
    .slice(0, CANDIDATES);
  return { items };
}

/**
 * Candidates for a household as it is being entered, before it is saved (the form's hint on its first
 * step): the same signals, ranking and scope as for a saved one. The employer must be in the caller's
 * scope, and so must a household being edited (`excludeId`), whose phone on file counts when the form
 * leaves the phone blank (blank keeps it).
 */
export async function checkEntryDuplicates(
  deps: HouseholdDeps,
  principal: Principal,
  input: DuplicateCheckInput,
) {
  const employer = await getOrgInScope(deps.db, principal, input.employerOrgId);
  const edited = input.excludeId ? (await getInScope(deps.db, principal, input.excludeId)).household : null;
  const entry = {
    id: edited?.id ?? null,
    name: input.name,
    phoneBlind: input.phone ? phoneBlindIndex(deps.vault, input.phone) : (edited?.phoneBlind ?? null),
    employerOrgId: employer.id,
  };
  const rows = await dedupRepo.findCandidates(deps.db, entry, principal.orgPath, CANDIDATES);
  const items = rows
    .map((r) => ({ ...toSide(r), ...explain(entry, r) }))
    .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
    .slice(0, CANDIDATES);
  return { items };
}

/** The reviewer's work list: pairs in a subtree, each once. */
export async function listDuplicatePairs(db: Db, principal: Principal, query: DuplicatePairsQuery) {
  const pathPrefix = query.orgId ? (await getOrgInScope(db, principal, query.orgId)).path : principal.orgPath;
  const rows = await dedupRepo.findPairs(
    db,
    pathPrefix,
    query.pageSize + 1,
    (query.page - 1) * query.pageSize,
  );
  const items = rows.slice(0, query.pageSize).map((r) => ({
    a: toSide(r.a),
    b: toSide(r.b),
    ...explain(r.a, { ...r.b, nameSimilarity: r.nameSimilarity }),
  }));
  return { items, page: query.page, pageSize: query.pageSize, hasMore: rows.length > query.pageSize };
}

/**
 * 非重复: both households must be in the caller's scope; the pair is stored once and audited. Each
 * timeline names only the other household's unit: its readers may not be allowed to open the other
 * household (a district reviewer pairs two townships), so neither its name nor its ID number is shown,
 * as the refusal of a duplicate ID number names only the holding unit. The audit entry has both ids.
 */
export async function markNotDuplicate(db: Db, actor: Actor, id: string, input: NotDuplicateInput) {
  if (id === input.otherId) throw ReviewDedupErrors.HOUSEHOLD_SAME_PAIR();
  return db.transaction(async (tx) => {
    const a = await getInScope(tx, actor.principal, id);
    const b = await getInScope(tx, actor.principal, input.otherId);
    const note = input.note ?? null;
    const { row, created } = await dedupRepo.insertNotDuplicate(tx, {
      a: id,
      b: input.otherId,
      note,
      decidedBy: actor.principal.userId,
    });
    if (created) {
      for (const [self, other] of [
        [a, b],
        [b, a],
      ] as const) {
        await repo.insertEvent(tx, {
          householdId: self.household.id,
          ...actedBy(actor),
          action: 'not_duplicate',
          fromStatus: self.household.status,
          toStatus: self.household.status,
          comment: notDuplicateComment({ otherUnit: other.employerName, note }),
        });
      }
      await recordAudit(tx, actor, {
        action: 'household.not_duplicate',
        entity: 'household',
        entityId: id,
        orgId: a.household.employerOrgId,
        after: { householdId: id, otherId: input.otherId, note },
      });
    }
    return {
      householdId: id,
      otherId: input.otherId,
      note: row.note,
      decidedAt: row.decidedAt.toISOString(),
      created,
    };
  });
}
