import ExcelJS from 'exceljs';
import type { Principal } from '../../common/context';
import { businessDate, businessDayEnd, businessDayStart } from '../../common/dates';
import { neutraliseFormula } from '../../common/xlsx';
import type { Executor } from '../../db/client';
import { getOrgInScope } from '../orgs/orgs.usecases';
import { CATEGORY_LABELS, CAUSE_LABELS } from './households.excel-format';
import * as repo from './households.report.repository';
import type {
  ArchiveFigures,
  ArchiveReport,
  ArchiveReportQuery,
  HouseholdCount,
} from './households.report.schemas';
import { CAUSES } from './households.table';

/**
 * 档案统计: the figures a union reports upward about its archive (「在档困难职工 142 户 1,047 人，其中
 * 深度困难…；全年新建档…户，脱困…户，返困…户」), for a unit and each unit directly below it.
 * - Stock (在档, by category and cause, 审核中, 待确认脱困) is read at the end of the period's last day
 *   when that day is past (from the timeline and the decisions), today otherwise (`asOf`).
 * - The period's flows count distinct households by the day (Asia/Shanghai) of the step on their
 *   timeline: first archiving (新建档) or archiving again after an exit (重新建档), exit (脱困: proposed
 *   by the income records, at the annual review, or on request), re-opening (返困), rejection; annual
 *   reviews count the reviews recorded on those days.
 * - People (人): the employee and the family members, as counted by the household's category decision
 *   of the moment — at `asOf` for the stock, at the step for the period's flows (members on file when
 *   there is no decision).
 * - 在档 by category adds up: an archived household whose last decision found it no longer eligible
 *   (an annual review proposing its exit, then declined) is counted as `none` (不符合条件).
 * Households belong to their employer's union, so a unit's line is its whole subtree — the employer of
 * the moment: a step counts where it was taken (its employer then, recorded on the step), a past
 * stock where the household stood, so a household that moves after a 返困 leaves its old unit's
 * figures as they were. Only units in the caller's scope can be asked for (404 otherwise).
 */
export async function archiveReport(
  db: Executor,
  principal: Principal,
  query: ArchiveReportQuery,
): Promise<ArchiveReport> {
  const org = await getOrgInScope(db, principal, query.orgId ?? principal.orgId);
  const today = businessDate();
  const from = query.from ?? `${(query.to ?? today).slice(0, 4)}-01-01`;
  const to = query.to ?? (from > today ? from : today);
  // A period that has ended reads the stock at its last day's end (a year's report written in January
  // says how things stood on 31 December); otherwise the stock is today's.
  const asOf = to < today ? to : today;
  const at = to < today ? businessDayEnd(to) : undefined;
  const [units, stock, causes, steps, reviews] = await Promise.all([
    repo.unitsBelow(db, org.id),
    repo.stockCounts(db, org.path, at),
    repo.causeCounts(db, org.path, at),
    repo.periodCounts(db, org.path, businessDayStart(from), businessDayEnd(to)),
    repo.annualReviewCounts(db, org.path, from, to),
  ]);

  const lines = new Map<string, ArchiveFigures>();
  const line = (unit: string) => {
    const known = lines.get(unit);
    if (known) return known;
    const f = emptyFigures();
    lines.set(unit, f);
    return f;
  };

  for (const r of stock) {
    const f = line(r.unit);
    const n = { households: r.households, persons: r.persons };
    if (r.status === 'archived') {
      add(f.archived, n);
      add(f.byCategory[isCategory(r.category) ? r.category : 'none'], n);
      if (r.exitProposed) add(f.exitProposed, n);
    } else add(f.inReview, n);
  }
  for (const r of causes)
    if (isCause(r.cause))
      add(line(r.unit).byCause[r.cause], { households: r.households, persons: r.persons });

  for (const r of steps) {
    const p = line(r.unit).period;
    const n = { households: r.households, persons: r.persons };
    if (repo.isExitKind(r.kind)) {
      add(p.exited[r.kind], n);
      add(p.exited.total, { households: r.exitHouseholds, persons: r.exitPersons });
    } else add(p[r.kind], n);
  }
  for (const r of reviews) {
    const reviewed = line(r.unit).period.annualReviews;
    reviewed[r.outcome] += r.reviews;
    reviewed.total += r.reviews;
  }

  const self = lines.get('');
  const report: ArchiveReport['units'] = [];
  // The org's own households first (a grass-roots union's report is this line alone), then every
  // unit below — inactive ones only when they still have figures.
  if (self || units.length === 0)
    report.push({
      ...(self ?? emptyFigures()),
      orgId: org.id,
      orgName: org.name,
      level: org.level,
      self: true,
    });
  units.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  for (const u of units) {
    const f = lines.get(u.id);
    if (!f && !u.active) continue;
    report.push({ ...(f ?? emptyFigures()), orgId: u.id, orgName: u.name, level: u.level, self: false });
  }
  const total = emptyFigures();
  for (const f of lines.values()) addFigures(total, f);
  return {
    org: { id: org.id, name: org.name, level: org.level },
    from,
    to,
    asOf,
    units: report,
    total,
  };
}

const isCategory = (c: string | null): c is 'deep' | 'relative' | 'sudden' =>
  c === 'deep' || c === 'relative' || c === 'sudden';

const isCause = (c: string): c is (typeof CAUSES)[number] => (CAUSES as readonly string[]).includes(c);

const zero = (): HouseholdCount => ({ households: 0, persons: 0 });

function emptyFigures(): ArchiveFigures {
  return {
    archived: zero(),
    byCategory: { deep: zero(), relative: zero(), sudden: zero(), none: zero() },
    byCause: Object.fromEntries(CAUSES.map((c) => [c, zero()])) as ArchiveFigures['byCause'],
    inReview: zero(),
    exitProposed: zero(),
    period: {
      newlyArchived: zero(),
      reArchived: zero(),
      exited: { total: zero(), income: zero(), review: zero(), request: zero() },
      relapsed: zero(),
      rejected: zero(),
      annualReviews: { total: 0, continue: 0, recompute: 0, propose_exit: 0 },
    },
  };
}

function add(into: HouseholdCount, n: HouseholdCount) {
  into.households += n.households;
  into.persons += n.persons;
}

function addFigures(into: ArchiveFigures, f: ArchiveFigures) {
  add(into.archived, f.archived);
  for (const c of ['deep', 'relative', 'sudden', 'none'] as const) add(into.byCategory[c], f.byCategory[c]);
  for (const c of CAUSES) add(into.byCause[c], f.byCause[c]);
  add(into.inReview, f.inReview);
  add(into.exitProposed, f.exitProposed);
  const p = into.period;
  for (const k of ['newlyArchived', 'reArchived', 'relapsed', 'rejected'] as const) add(p[k], f.period[k]);
  for (const k of ['total', ...repo.EXIT_KINDS] as const) add(p.exited[k], f.period.exited[k]);
  for (const k of ['total', 'continue', 'recompute', 'propose_exit'] as const)
    p.annualReviews[k] += f.period.annualReviews[k];
}

// ——— the spreadsheet ———

/** Two header rows: a group (merged over its columns) and the column; `hh`/`pp` = 户/人. */
interface Column {
  group: string;
  header: string;
  value: (f: ArchiveFigures) => number;
}

const pair = (group: string, of: (f: ArchiveFigures) => HouseholdCount): Column[] => [
  { group, header: '户数', value: (f) => of(f).households },
  { group, header: '人数', value: (f) => of(f).persons },
];

const COLUMNS: Column[] = [
  ...pair('在档困难职工', (f) => f.archived),
  ...(['deep', 'relative', 'sudden', 'none'] as const).flatMap((c) =>
    pair(c === 'none' ? '已不符合条件' : CATEGORY_LABELS[c], (f) => f.byCategory[c]),
  ),
  { group: '审核中', header: '户数', value: (f) => f.inReview.households },
  { group: '待确认脱困', header: '户数', value: (f) => f.exitProposed.households },
  ...pair('期间新建档', (f) => f.period.newlyArchived),
  { group: '期间脱困', header: '户数', value: (f) => f.period.exited.total.households },
  { group: '期间脱困', header: '人数', value: (f) => f.period.exited.total.persons },
  { group: '期间脱困', header: '收入稳定超标', value: (f) => f.period.exited.income.households },
  { group: '期间脱困', header: '年审核减', value: (f) => f.period.exited.review.households },
  { group: '期间脱困', header: '申请退出', value: (f) => f.period.exited.request.households },
  { group: '期间返困', header: '户数', value: (f) => f.period.relapsed.households },
  { group: '期间重新建档', header: '户数', value: (f) => f.period.reArchived.households },
  { group: '期间审核未通过', header: '户数', value: (f) => f.period.rejected.households },
  { group: '期间年审', header: '合计', value: (f) => f.period.annualReviews.total },
  { group: '期间年审', header: '继续帮扶', value: (f) => f.period.annualReviews.continue },
  { group: '期间年审', header: '重新认定', value: (f) => f.period.annualReviews.recompute },
  { group: '期间年审', header: '提出脱困', value: (f) => f.period.annualReviews.propose_exit },
];

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Title, two header rows with merged groups, one line per unit, the total; then a sheet by cause. */
export async function archiveReportXlsx(r: ArchiveReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = `${r.org.name}困难职工档案统计表`;
  const period = `统计期间：${r.from} 至 ${r.to}（在档、审核中、待确认脱困为 ${r.asOf} 当日数字；人数含职工本人及家庭成员）`;
  const label = (u: ArchiveReport['units'][number]) => (u.self ? `${u.orgName}（本级）` : u.orgName);

  const ws = wb.addWorksheet('按单位', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', xSplit: 1, ySplit: 4 }],
  });
  const last = COLUMNS.length + 1;
  ws.columns = [{ width: 26 }, ...COLUMNS.map(() => ({ width: 9 }))];
  heading(ws, title, period, last);
  const groups = ws.getRow(3);
  const headers = ws.getRow(4);
  groups.getCell(1).value = '单位';
  ws.mergeCells(3, 1, 4, 1);
  COLUMNS.forEach((c, i) => {
    groups.getCell(i + 2).value = c.group;
    headers.getCell(i + 2).value = c.header;
  });
  for (let start = 0; start < COLUMNS.length; ) {
    let end = start;
    while (end + 1 < COLUMNS.length && COLUMNS[end + 1]!.group === COLUMNS[start]!.group) end++;
    if (end > start) ws.mergeCells(3, start + 2, 3, end + 2);
    else ws.mergeCells(3, start + 2, 4, start + 2);
    start = end + 1;
  }
  styleHeader(ws, [3, 4], last);
  for (const u of r.units)
    body(ws.addRow([neutraliseFormula(label(u)), ...COLUMNS.map((c) => c.value(u))]), last);
  const totals = ws.addRow(['合计', ...COLUMNS.map((c) => c.value(r.total))]);
  body(totals, last);
  totals.font = { bold: true };

  const causes = wb.addWorksheet('按致困原因');
  causes.columns = [{ width: 26 }, ...CAUSES.flatMap(() => [{ width: 9 }, { width: 9 }])];
  const causeLast = CAUSES.length * 2 + 1;
  heading(
    causes,
    `${r.org.name}在档困难职工致困原因统计表`,
    `${r.asOf} 当日；一户可有多项原因，各项之和可大于在档户数`,
    causeLast,
  );
  causes.getRow(3).getCell(1).value = '单位';
  causes.mergeCells(3, 1, 4, 1);
  CAUSES.forEach((c, i) => {
    causes.getRow(3).getCell(i * 2 + 2).value = CAUSE_LABELS[c];
    causes.mergeCells(3, i * 2 + 2, 3, i * 2 + 3);
    causes.getRow(4).getCell(i * 2 + 2).value = '户数';
    causes.getRow(4).getCell(i * 2 + 3).value = '人数';
  });
  styleHeader(causes, [3, 4], causeLast);
  const causeCells = (f: ArchiveFigures) =>
    CAUSES.flatMap((c) => [f.byCause[c].households, f.byCause[c].persons]);
  for (const u of r.units) body(causes.addRow([neutraliseFormula(label(u)), ...causeCells(u)]), causeLast);
  const causeTotals = causes.addRow(['合计', ...causeCells(r.total)]);
  body(causeTotals, causeLast);
  causeTotals.font = { bold: true };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function heading(ws: ExcelJS.Worksheet, title: string, subtitle: string, last: number) {
  ws.mergeCells(1, 1, 1, last);
  const cell = ws.getCell(1, 1);
  cell.value = neutraliseFormula(title);
  cell.font = { bold: true, size: 16 };
  cell.alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = subtitle;
}

function styleHeader(ws: ExcelJS.Worksheet, rows: number[], last: number) {
  for (const n of rows) {
    const row = ws.getRow(n);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (let c = 1; c <= last; c++) row.getCell(c).border = border;
  }
}

function body(row: ExcelJS.Row, last: number) {
  for (let c = 1; c <= last; c++) row.getCell(c).border = border;
}
