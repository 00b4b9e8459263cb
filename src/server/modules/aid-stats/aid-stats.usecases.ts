import { type YearPart, yearPartDays } from '../../../shared/periods';
import type { Principal } from '../../common/context';
import { businessDayEnd, businessDayStart } from '../../common/dates';
import type { Db } from '../../db/client';
import { FUND_KINDS } from '../funds/funds.table';
import { SCHOOL_LEVELS } from '../households/households.table';
import { getInScope as getHouseholdInScope } from '../households/households.usecases';
import type { OrgLevel } from '../orgs/orgs.table';
import { getOrgInScope } from '../orgs/orgs.usecases';
import { AID_CATEGORIES, PROGRAM_TYPES, type ProgramType } from '../programs/programs.table';
import { getProgramVisible } from '../programs/programs.usecases';
import * as repo from './aid-stats.repository';
import type { AidStatisticsQuery, ProgramStatisticsQuery } from './aid-stats.schemas';

/**
 * Figures for work summaries (工作总结): "送温暖: 92 户, 12,080 元, 其中区政府 5,920 元、局工会 6,160 元",
 * "受理 82 件, 批准 75 件, 发放 75,000 元". Definitions:
 * - received (受理) = applications ever submitted = approved + rejected + pending + returned + withdrawn
 *   (撤回: withdrawn by the applicant's union before a final decision); approved (批准) = approved now;
 * - households = distinct households with an approved application; people = those households'
 *   employees plus family members;
 * - approvedFen = approved amounts; paidFen = payment lines confirmed paid; pendingPaymentFen = lines
 *   issued but not yet confirmed; failedFen = approved applications whose last line failed and that
 *   are not in a batch again.
 * Every figure counts only applications of households in the caller's subtree.
 */

type Approved = Awaited<ReturnType<typeof repo.approvedRows>>[number];

function sumPeople(rows: { householdId: string; people: number }[]) {
  const size = new Map<string, number>();
  for (const r of rows) size.set(r.householdId, r.people);
  let people = 0;
  for (const n of size.values()) people += n;
  return { households: size.size, people };
}
const sum = (rows: Approved[], key: 'approvedFen' | 'paidFen' | 'pendingFen') =>
  rows.reduce((n, r) => n + r[key], 0);

function statusTotals(counts: { status: string; n: number }[]) {
  const by = (s: string) => counts.filter((c) => c.status === s).reduce((n, c) => n + c.n, 0);
  return {
    received: counts.reduce((n, c) => n + c.n, 0),
    approved: by('approved'),
    rejected: by('rejected'),
    pending: by('pending'),
    returned: by('returned'),
    withdrawn: by('withdrawn'),
  };
}

/** Rows grouped by the unit directly below the program's owner (the owner itself for its own households). */
function groupByUnitBelow<R extends { orgPath: string }>(rows: R[], ownerPath: string, ownerId: string) {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const rest = r.orgPath.startsWith(ownerPath) ? r.orgPath.slice(ownerPath.length) : '';
    const key = rest.split('/').filter(Boolean)[0] ?? ownerId;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return groups;
}

/** The business days asked for (inclusive), or null when the query names no period. */
function periodDays(query: ProgramStatisticsQuery): { from: string | null; to: string | null } | null {
  if (query.period) {
    const [year, part] = query.period.split('-') as [string, YearPart];
    return yearPartDays(year, part);
  }
  if (!query.paidFrom && !query.paidTo) return null;
  return { from: query.paidFrom ?? null, to: query.paidTo ?? null };
}

export async function programStatistics(
  db: Db,
  principal: Principal,
  programId: string,
  query: ProgramStatisticsQuery = {},
) {
  const found = await getProgramVisible(db, principal, programId);
  const p = found.program;
  const where = [repo.ofProgram(p.id), repo.underPath(principal.orgPath)];
  const days = periodDays(query);
  const span = days && {
    from: days.from ? businessDayStart(days.from) : null,
    to: days.to ? businessDayEnd(days.to) : null,
  };
  const [counts, approved, funding, sources, paidInSpan, paidBySourceInSpan] = await Promise.all([
    repo.statusCounts(db, where),
    repo.approvedRows(db, where),
    repo.fundingBySource(db, where),
    repo.programSourcesOf(db, p.id),
    span ? repo.paidRowsWithin(db, where, span) : Promise.resolve([]),
    span ? repo.paidBySourceWithin(db, where, span) : Promise.resolve([]),
  ]);
  const fundingOf = new Map(funding.map((f) => [f.sourceId, f]));

  const groups = groupByUnitBelow(approved, found.orgPath, p.orgId);
  const paidGroups = groupByUnitBelow(paidInSpan, found.orgPath, p.orgId);
  const orgRows = await repo.orgsByIds(db, [...new Set([...groups.keys(), ...paidGroups.keys()])]);
  const orgOf = new Map(orgRows.map((o) => [o.id, o]));
  const unit = (orgId: string) => ({
    orgId,
    orgName: orgOf.get(orgId)?.name ?? '',
    level: (orgOf.get(orgId)?.level ?? found.orgLevel) as OrgLevel,
  });
  const byOrg = [...groups].map(([orgId, rows]) => ({
    ...unit(orgId),
    ...sumPeople(rows),
    approvedFen: sum(rows, 'approvedFen'),
    paidFen: sum(rows, 'paidFen'),
  }));
  byOrg.sort((a, b) => b.approvedFen - a.approvedFen || a.orgName.localeCompare(b.orgName, 'zh-CN'));

  const period = days && {
    ...days,
    payments: paidInSpan.length,
    ...sumPeople(paidInSpan),
    paidFen: paidInSpan.reduce((n, r) => n + r.paidFen, 0),
    bySource: paidBySourceInSpan,
    byOrg: [...paidGroups]
      .map(([orgId, rows]) => ({
        ...unit(orgId),
        ...sumPeople(rows),
        paidFen: rows.reduce((n, r) => n + r.paidFen, 0),
      }))
      .sort((a, b) => b.paidFen - a.paidFen || a.orgName.localeCompare(b.orgName, 'zh-CN')),
  };

  const byCategory = AID_CATEGORIES.map((category) => {
    const rows = approved.filter((r) => r.category === category);
    return { category, households: sumPeople(rows).households, approvedFen: sum(rows, 'approvedFen') };
  }).filter((c) => c.households > 0);

  // 金秋助学 reports students by school level (资助大学生 N 名…): one application is one student.
  const bySchoolLevel = [...SCHOOL_LEVELS]
    .reverse()
    .map((schoolLevel) => {
      const rows = approved.filter((r) => r.schoolLevel === schoolLevel);
      return {
        schoolLevel,
        students: rows.length,
        households: new Set(rows.map((r) => r.householdId)).size,
        approvedFen: sum(rows, 'approvedFen'),
        paidFen: sum(rows, 'paidFen'),
      };
    })
    .filter((l) => l.students > 0);

  const bySource = sources.map((s) => ({
    sourceId: s.sourceId,
    name: s.name,
    kind: s.kind,
    allocatedFen: s.allocatedFen,
    approvedFen: fundingOf.get(s.sourceId)?.approvedFen ?? 0,
    paidFen: fundingOf.get(s.sourceId)?.paidFen ?? 0,
  }));

  return {
    program: { id: p.id, name: p.name, type: p.type, year: p.year, orgId: p.orgId, orgName: found.orgName },
    applications: statusTotals(counts),
    ...sumPeople(approved),
    approvedFen: sum(approved, 'approvedFen'),
    paidFen: sum(approved, 'paidFen'),
    pendingPaymentFen: sum(approved, 'pendingFen'),
    failedFen: approved.filter((r) => r.failed).reduce((n, r) => n + r.approvedFen, 0),
    bySource,
    byOrg,
    byCategory,
    bySchoolLevel,
    period,
  };
}

export async function aidStatistics(db: Db, principal: Principal, query: AidStatisticsQuery) {
  const org = await getOrgInScope(db, principal, query.orgId ?? principal.orgId);
  const where = [repo.ofYear(query.year), repo.underPath(org.path)];
  const [programs, counts, approved, funding] = await Promise.all([
    repo.programsOfYear(db, query.year, org.path),
    repo.statusCounts(db, where),
    repo.approvedRows(db, where),
    repo.fundingBySource(db, where),
  ]);
  const typeOf = new Map(programs.map((p) => [p.id, p.type]));
  const perProgram = programs.map((p) => {
    const rows = approved.filter((r) => r.programId === p.id);
    const status = statusTotals(counts.filter((c) => c.programId === p.id));
    return {
      id: p.id,
      name: p.name,
      type: p.type,
      orgName: p.orgName,
      received: status.received,
      approved: status.approved,
      households: sumPeople(rows).households,
      approvedFen: sum(rows, 'approvedFen'),
      paidFen: sum(rows, 'paidFen'),
    };
  });
  const status = statusTotals(counts);
  const byType = PROGRAM_TYPES.map((type: ProgramType) => {
    const rows = approved.filter((r) => typeOf.get(r.programId) === type);
    return {
      type,
      programs: programs.filter((p) => p.type === type).length,
      ...sumPeople(rows),
      approvedFen: sum(rows, 'approvedFen'),
      paidFen: sum(rows, 'paidFen'),
    };
  }).filter((t) => t.programs > 0);
  const bySourceKind = FUND_KINDS.map((kind) => {
    const rows = funding.filter((f) => f.kind === kind);
    return {
      kind,
      approvedFen: rows.reduce((n, f) => n + f.approvedFen, 0),
      paidFen: rows.reduce((n, f) => n + f.paidFen, 0),
    };
  }).filter((k) => k.approvedFen > 0);
  return {
    year: query.year,
    orgId: org.id,
    orgName: org.name,
    totals: {
      programs: programs.length,
      received: status.received,
      approved: status.approved,
      ...sumPeople(approved),
      approvedFen: sum(approved, 'approvedFen'),
      paidFen: sum(approved, 'paidFen'),
    },
    byType,
    programs: perProgram,
    bySourceKind,
  };
}

/** Everything a household applied for and received, from every program, per year. */
export async function householdAidLedger(db: Db, principal: Principal, householdId: string) {
  await getHouseholdInScope(db, principal, householdId);
  const rows = await repo.ledgerRows(db, householdId);
  const items = rows.map((r) => {
    const line = r.line;
    const paid = line?.status === 'paid';
    return {
      applicationId: r.applicationId,
      programId: r.programId,
      programName: r.programName,
      programType: r.programType,
      year: r.year,
      status: r.status,
      requestedFen: r.requestedFen,
      approvedFen: r.approvedFen,
      paidFen: paid ? Number(line.amount_fen) : 0,
      paidAt: paid && line.confirmed_at ? new Date(line.confirmed_at).toISOString() : null,
      payment: (line?.status ?? 'none') as 'none' | 'pending' | 'paid' | 'failed',
      kind: line?.kind ?? null,
      itemName: line?.item_name ?? null,
      quantity: line?.quantity ?? null,
    };
  });
  const years = new Map<number, { year: number; approvedFen: number; paidFen: number }>();
  for (const i of items) {
    const y = years.get(i.year) ?? { year: i.year, approvedFen: 0, paidFen: 0 };
    if (i.status === 'approved') y.approvedFen += i.approvedFen ?? 0;
    y.paidFen += i.paidFen;
    years.set(i.year, y);
  }
  return {
    householdId,
    totalApprovedFen: items.reduce((n, i) => n + (i.status === 'approved' ? (i.approvedFen ?? 0) : 0), 0),
    totalPaidFen: items.reduce((n, i) => n + i.paidFen, 0),
    byYear: [...years.values()].sort((a, b) => b.year - a.year),
    items,
  };
}
