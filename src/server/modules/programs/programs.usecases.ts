import type { Actor, Principal } from '../../common/context';
import { formatYuan } from '../../common/money';
import { inScope } from '../../common/scope';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import {
  earmarkFromSource,
  fundEarmarkAudit,
  fundReturnAudit,
  lockSourceForReturn,
  returnToSource,
} from '../funds/funds.usecases';
import type { OrgLevel } from '../orgs/orgs.table';
import { getOrgInScope, LEVEL_LABELS, LEVEL_RANK } from '../orgs/orgs.usecases';
import { ProgramErrors } from './programs.errors';
import * as repo from './programs.repository';
import type {
  AllocateInput,
  CreateProgramInput,
  ListProgramsQuery,
  ReturnAllocationInput,
  UpdateProgramInput,
} from './programs.schemas';
import type { ProgramRow } from './programs.table';

export const PROGRAM_TYPE_LABELS = {
  warmth: '送温暖',
  tuition: '金秋助学',
  medical: '医疗救助',
  relief: '临时救助',
  project: '项目帮扶',
} as const;

function toProgramDto(found: repo.ProgramWithOrg) {
  const p = found.program;
  return {
    id: p.id,
    orgId: p.orgId,
    orgName: found.orgName,
    type: p.type,
    name: p.name,
    year: p.year,
    categories: p.categories,
    capPerHouseholdFen: p.capPerHouseholdFen,
    capPerYearFen: p.capPerYearFen,
    dibaoMonths: p.dibaoMonths,
    tuitionCaps: (p.tuitionCaps ?? null) as Record<string, number> | null,
    requiredDocuments: p.requiredDocuments,
    windowStart: p.windowStart,
    windowEnd: p.windowEnd,
    reviewChain: p.reviewChain,
    publicityDays: p.publicityDays,
    createdAt: p.createdAt.toISOString(),
  };
}

/**
 * A program the caller works with: one of its own subtree, or one of a unit above it (a district
 * program is applied for by the grass-roots unions below). Anything else is 404.
 */
export async function getProgramVisible(db: Executor, principal: Principal, id: string) {
  const found = await repo.findById(db, id);
  if (!found || !(inScope(principal, found.orgPath) || principal.orgPath.startsWith(found.orgPath)))
    throw ProgramErrors.PROGRAM_NOT_FOUND();
  return found;
}

/** Inside an application's transaction: the program's rules stay as read until it commits. */
export async function holdProgramRules(tx: Executor, programId: string) {
  await repo.lockShared(tx, programId);
}

/** Also called inside transactions: one query after the other (a transaction has one connection). */
async function detail(db: Executor, found: repo.ProgramWithOrg) {
  const balances = await repo.listBalances(db, found.program.id);
  const applicationCount = await repo.countApplications(db, found.program.id);
  const sources = balances.map((b) => ({ ...b, remainingFen: b.allocatedFen - b.approvedFen }));
  const allocatedFen = sources.reduce((n, s) => n + s.allocatedFen, 0);
  const approvedFen = sources.reduce((n, s) => n + s.approvedFen, 0);
  return {
    ...toProgramDto(found),
    sources,
    applicationCount,
    allocatedFen,
    approvedFen,
    remainingFen: allocatedFen - approvedFen,
  };
}

export async function getProgram(db: Db, principal: Principal, id: string) {
  return detail(db, await getProgramVisible(db, principal, id));
}

export async function listPrograms(db: Db, principal: Principal, query: ListProgramsQuery) {
  return { items: (await repo.listVisible(db, principal, query)).map(toProgramDto) };
}

function snapshot(row: ProgramRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

function checkRules(
  owner: { level: OrgLevel },
  rules: { type: string; reviewChain: OrgLevel[]; tuitionCaps: Record<string, number> | null },
) {
  const above = rules.reviewChain.find((level) => LEVEL_RANK[level] < LEVEL_RANK[owner.level]);
  if (above)
    throw ProgramErrors.PROGRAM_CHAIN_ABOVE_OWNER({ level: LEVEL_LABELS[owner.level], levelEn: owner.level });
  if (rules.type === 'tuition' && (!rules.tuitionCaps || Object.keys(rules.tuitionCaps).length === 0))
    throw ProgramErrors.PROGRAM_TUITION_CAPS_REQUIRED();
}

export async function createProgram(db: Db, actor: Actor, input: CreateProgramInput) {
  return db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, actor.principal, input.orgId);
    const tuitionCaps = (input.tuitionCaps ?? null) as Record<string, number> | null;
    checkRules(org, { type: input.type, reviewChain: input.reviewChain, tuitionCaps });
    const row = await repo.insert(tx, {
      orgId: org.id,
      type: input.type,
      name: input.name,
      year: input.year,
      categories: input.categories,
      capPerHouseholdFen: input.capPerHouseholdFen ?? null,
      capPerYearFen: input.capPerYearFen ?? null,
      dibaoMonths: input.dibaoMonths ?? null,
      tuitionCaps,
      requiredDocuments: input.requiredDocuments,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      reviewChain: input.reviewChain,
      publicityDays: input.publicityDays,
      createdBy: actor.principal.userId,
    });
    await recordAudit(tx, actor, {
      action: 'program.created',
      entity: 'program',
      entityId: row.id,
      orgId: org.id,
      after: snapshot(row),
    });
    return detail(tx, { program: row, orgName: org.name, orgPath: org.path, orgLevel: org.level });
  });
}

/** What may still change once somebody has applied: the rest was the basis of their assessment. */
const ALWAYS_EDITABLE = new Set(['name', 'windowStart', 'windowEnd', 'requiredDocuments']);
const FIELD_LABELS: Record<string, string> = {
  categories: '困难类别',
  capPerHouseholdFen: '每户上限',
  capPerYearFen: '每户年度上限',
  dibaoMonths: '低保月数上限',
  tuitionCaps: '助学标准',
  reviewChain: '审核环节',
  publicityDays: '公示天数',
};

/**
 * Edits a program of the caller's subtree. Its rules change only while no application exists (the
 * program row is locked, so the count and the change go together); afterwards the window, the
 * required documents and the name only.
 */
export async function updateProgram(db: Db, actor: Actor, id: string, input: UpdateProgramInput) {
  return db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const found = await repo.findById(tx, id);
    if (!found || !inScope(actor.principal, found.orgPath)) throw ProgramErrors.PROGRAM_NOT_FOUND();
    const p = found.program;
    const changed = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    const locked = changed.filter((k) => !ALWAYS_EDITABLE.has(k));
    if (locked.length) {
      const count = await repo.countApplications(tx, id);
      if (count > 0)
        throw ProgramErrors.PROGRAM_RULES_LOCKED(
          { count, fields: locked.map((k) => FIELD_LABELS[k] ?? k).join('、'), fieldsEn: locked.join(', ') },
          { fields: locked },
        );
    }
    const next = {
      name: input.name ?? p.name,
      categories: input.categories ?? p.categories,
      capPerHouseholdFen:
        input.capPerHouseholdFen === undefined ? p.capPerHouseholdFen : input.capPerHouseholdFen,
      capPerYearFen: input.capPerYearFen === undefined ? p.capPerYearFen : input.capPerYearFen,
      dibaoMonths: input.dibaoMonths === undefined ? p.dibaoMonths : input.dibaoMonths,
      tuitionCaps: (input.tuitionCaps === undefined ? p.tuitionCaps : input.tuitionCaps) as Record<
        string,
        number
      > | null,
      requiredDocuments: input.requiredDocuments ?? p.requiredDocuments,
      windowStart: input.windowStart ?? p.windowStart,
      windowEnd: input.windowEnd ?? p.windowEnd,
      reviewChain: input.reviewChain ?? p.reviewChain,
      publicityDays: input.publicityDays ?? p.publicityDays,
    };
    if (next.windowStart > next.windowEnd)
      throw ProgramErrors.PROGRAM_WINDOW_INVALID({ start: next.windowStart, end: next.windowEnd });
    checkRules({ level: found.orgLevel }, { type: p.type, ...next });
    const row = await repo.update(tx, id, next);
    await recordAudit(tx, actor, {
      action: 'program.updated',
      entity: 'program',
      entityId: id,
      orgId: p.orgId,
      before: snapshot(p),
      after: snapshot(row),
    });
    return detail(tx, { ...found, program: row });
  });
}

/** Earmarks money of one source to the program (专款专用); only the program's own subtree may fund it. */
export async function allocateToProgram(db: Db, actor: Actor, programId: string, input: AllocateInput) {
  return db.transaction(async (tx) => {
    const found = await repo.findById(tx, programId);
    if (!found || !inScope(actor.principal, found.orgPath)) throw ProgramErrors.PROGRAM_NOT_FOUND();
    const p = found.program;
    const source = await earmarkFromSource(tx, actor, {
      sourceId: input.sourceId,
      amountFen: input.amountFen,
      program: { id: p.id, year: p.year, orgPath: found.orgPath },
    });
    await repo.addAllocation(tx, {
      programId: p.id,
      sourceId: source.id,
      amountFen: input.amountFen,
      note: input.note ?? null,
      createdBy: actor.principal.userId,
    });
    // Audit last: the audit chain's lock must never be held while waiting for a balance row.
    await fundEarmarkAudit(tx, actor, source, p.id, input.amountFen);
    await recordAudit(tx, actor, {
      action: 'program.allocated',
      entity: 'program',
      entityId: p.id,
      orgId: p.orgId,
      after: {
        sourceId: source.id,
        sourceName: source.name,
        amountFen: input.amountFen,
        note: input.note ?? null,
      },
    });
    return detail(tx, found);
  });
}

/**
 * Reduces what a source allocated to the program and gives the money back to the source (结余退回),
 * never below what the source already promised to approved applications of the program. Locks are
 * taken in the order allocations and payments use — the source row, then the program's balance row —
 * and approvals lock the program's balance rows only, so none of them can wait on each other in a
 * cycle. The balance row lock makes the check and the change one step against a concurrent approval;
 * the conditional update and the check constraint `approved_fen <= allocated_fen` stay the guard.
 */
export async function returnFromProgram(
  db: Db,
  actor: Actor,
  programId: string,
  input: ReturnAllocationInput,
) {
  return db.transaction(async (tx) => {
    const found = await repo.findById(tx, programId);
    if (!found || !inScope(actor.principal, found.orgPath)) throw ProgramErrors.PROGRAM_NOT_FOUND();
    const p = found.program;
    const source = await lockSourceForReturn(tx, actor, input.sourceId);
    const before = await repo.lockBalance(tx, p.id, source.id);
    if (!before) throw ProgramErrors.PROGRAM_SOURCE_NOT_ALLOCATED({ name: source.name });
    const after = await repo.reduceAllocation(tx, p.id, source.id, input.amountFen);
    if (!after) {
      const max = before.allocatedFen - before.approvedFen;
      throw ProgramErrors.PROGRAM_RETURN_OVER_UNPROMISED(
        {
          name: source.name,
          allocated: formatYuan(before.allocatedFen),
          approved: formatYuan(before.approvedFen),
          amount: formatYuan(input.amountFen),
          max: formatYuan(max),
        },
        {
          allocatedFen: before.allocatedFen,
          approvedFen: before.approvedFen,
          returnableFen: max,
          requestedFen: input.amountFen,
        },
      );
    }
    const returned = await returnToSource(tx, source, input.amountFen);
    // Audit last: the audit chain's lock must never be held while waiting for a balance row.
    await fundReturnAudit(tx, actor, returned, p.id, input.amountFen, input.reason);
    await recordAudit(tx, actor, {
      action: 'program.allocation_returned',
      entity: 'program',
      entityId: p.id,
      orgId: p.orgId,
      before: { sourceId: source.id, allocatedFen: before.allocatedFen, approvedFen: before.approvedFen },
      after: {
        sourceId: source.id,
        sourceName: source.name,
        allocatedFen: after.allocatedFen,
        approvedFen: after.approvedFen,
        amountFen: input.amountFen,
        reason: input.reason,
      },
    });
    return detail(tx, found);
  });
}

/**
 * For the applications module, inside the final approval's transaction: promises `amountFen` of the
 * program's money, taken greedily from its sources in source-id order. All the program's balance rows
 * are locked first, always in that same order, so concurrent approvals queue on the first row and
 * never deadlock (taking some rows with bare conditional updates and others with locks would let two
 * transactions hold them in opposite orders). Each take is still a conditional update guarded by
 * `allocated_fen - approved_fen >= n`, and the check constraint `approved_fen <= allocated_fen` is
 * the final word. Not enough money → 409 with what remains; nothing is taken.
 */
export async function reserveBudget(
  tx: Executor,
  program: { id: string; name: string },
  amountFen: number,
): Promise<{ sourceId: string; amountFen: number }[]> {
  const balances = await repo.lockBalancesInOrder(tx, program.id);
  const remaining = balances.reduce((n, b) => n + b.allocatedFen - b.approvedFen, 0);
  if (remaining < amountFen)
    throw ProgramErrors.PROGRAM_BUDGET_EXCEEDED(
      { name: program.name, remaining: formatYuan(remaining), amount: formatYuan(amountFen) },
      { remainingFen: remaining, requestedFen: amountFen },
    );
  const takes: { sourceId: string; amountFen: number }[] = [];
  let need = amountFen;
  for (const b of balances) {
    const take = Math.min(need, b.allocatedFen - b.approvedFen);
    if (take <= 0) continue;
    if (!(await repo.takeFromBalance(tx, program.id, b.sourceId, take)))
      throw new Error('program balance changed under its row lock');
    takes.push({ sourceId: b.sourceId, amountFen: take });
    need -= take;
    if (need === 0) break;
  }
  return takes;
}
