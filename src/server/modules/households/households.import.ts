import ExcelJS from 'exceljs';
import { explanationEn } from '../../../shared/category-explanation';
import { RESIDENT_ID_ISSUES_EN, RESIDENT_ID_ISSUES_ZH, residentIdIssue } from '../../../shared/resident-id';
import { importedComment } from '../../../shared/timeline-text';
import type { ImportMode } from '../../../shared/vocabulary';
import { issueInEnglish } from '../../common/bilingual';
import type { Actor, Deps, Principal } from '../../common/context';
import { AppError, defineErrors } from '../../common/errors';
import { residentIdCheckChar } from '../../common/identifiers';
import { maskResidentId } from '../../common/masking';
import { yuanToFen } from '../../common/money';
import { can } from '../../common/permissions';
import { inScope } from '../../common/scope';
import { openXlsx, type XlsxCell, type XlsxWorkbook } from '../../common/xlsx-reader';
import type { Executor } from '../../db/client';
import { recordAudit, recordAudits } from '../audit/audit.usecases';
import { downloadFile, uploadFile } from '../files/files.usecases';
import type { JobContext, JobKind } from '../jobs/jobs.runner';
import { federationUnitKeys, visibleTreeJson } from '../orgs/orgs.usecases';
import { principalOfUser } from '../users/users.usecases';
import {
  CAUSE_LABELS,
  GUIDE_SHEET,
  HEALTH_LABELS,
  headerKey,
  type ImportColumn,
  invert,
  LIST_SHEET,
  MAIN_COLUMNS,
  MAIN_SHEET,
  type MainKey,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  type MemberKey,
  RELATION_LABELS,
  SCHOOL_LABELS,
} from './households.excel-format';
import * as repo from './households.repository';
import { type CreateHouseholdInput, createHouseholdBody, memberSinceIssue } from './households.schemas';
import {
  type AuditSink,
  type CreationEvent,
  createHousehold,
  createHouseholdsBatch,
  type HouseholdDeps,
  ID_PURPOSE,
} from './households.usecases';

export { IMPORT_MODES, type ImportMode } from '../../../shared/vocabulary';

export const HOUSEHOLDS_IMPORT_JOB: JobKind = { type: 'households.import', readPermission: 'household.read' };
/** The timeline action that marks a household created from a spreadsheet (re-uploads are recognised by it). */
const IMPORTED_EVENT = 'imported';
const TEMPLATE_ROWS = 1000;
/** Households written per transaction on the import's fast path. */
const WRITE_BATCH = 500;
/** Batches written at the same time in `valid_rows` mode (each its own transaction). */
const WRITERS = 2;
/** Audit entries per statement when the all-or-nothing import writes them at its end. */
const AUDIT_CHUNK = 5000;

export const ImportErrors = defineErrors({
  HOUSEHOLD_IMPORT_NOT_XLSX: {
    status: 415,
    zh: '请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）',
    en: 'Upload an .xlsx workbook (see the import template)',
  },
  HOUSEHOLD_IMPORT_FORBIDDEN: {
    status: 403,
    zh: '您已没有录入困难职工档案的权限，导入未执行',
    en: 'You may no longer write households; the import did not run',
  },
});

// ——— the template ———

const SAMPLE_BIRTHS = ['19800101', '19820305'];
function sampleId(birth: string, seq: string) {
  const body = `330102${birth}${seq}`;
  return body + residentIdCheckChar(body);
}

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly ImportColumn[],
  example: Record<string, string | number>,
  listColumnOf: Map<string, string>,
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    // Text format, so that Excel keeps 18-digit numbers as typed instead of 1.1E+17.
    style: c.kind === 'id' ? { numFmt: '@' } : c.kind === 'money' ? { numFmt: '#,##0.00' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  columns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  sheet.addRow(columns.map((c) => example[c.key] ?? c.example));
  columns.forEach((c, i) => {
    const letter = sheet.getColumn(i + 1).letter;
    const range = listColumnOf.get(`${name}:${c.key}`);
    if (!range) return;
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      sheet.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        showErrorMessage: !c.listAdvisory,
        errorStyle: 'stop',
        errorTitle: '请从下拉列表中选择',
        error: `“${c.header}”只能填写下拉列表中的值`,
      };
    }
  });
  return sheet;
}

let templateCache: Promise<Buffer> | undefined;

/** The import template: instructions, the households sheet, the family-members sheet, the lists. */
export function importTemplate(): Promise<Buffer> {
  templateCache ??= buildTemplate();
  return templateCache;
}

async function buildTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '帮扶工作平台';
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.getColumn(1).width = 110;
  const lines = [
    '困难职工档案批量导入说明',
    '',
    `1. 在“${MAIN_SHEET}”表中每行填写一户（职工本人），在“${MEMBER_SHEET}”表中填写家庭成员（没有可不填），用“职工公民身份号码”对应到户。`,
    '2. 表头为红色的列必须填写；第 2 行是示例，导入前请删除或改为真实数据。',
    '3. 公民身份号码须为 18 位（最后一位可为 X），15 位旧号码不能导入；身份证号、手机号码、银行账号列已设为文本格式，请勿改为数字格式。',
    '4. 所在基层工会：填写您管辖范围内基层工会的统一社会信用代码（18 位）或单位全称。',
    '5. 金额以元为单位，最多两位小数，不能为负数；收入与支出均为全年金额，没有的填 0 或留空。',
    '6. 家庭人口（含职工本人）可不填；填写时须等于 1 加家庭成员表中该户的人数。',
    `7. 致困原因可填多项，用顿号“、”分隔，可选：${Object.values(CAUSE_LABELS).join('、')}。`,
    `8. 关系可选：${Object.values(RELATION_LABELS).join('、')}；健康状况可选：${Object.values(HEALTH_LABELS).join('、')}；就学阶段可选：${Object.values(SCHOOL_LABELS).join('、')}。`,
    '9. 同一身份证号在全市只能有一份有效档案；已在其他单位建档的人员会被拒绝并注明建档单位。',
    '10. 导入方式：“全部成功才导入”时只要有一行有误就一行都不导入；“只导入正确的行”时跳过有误的行。',
    '11. 导入的档案均为草稿，核对后逐户提交审核。重复上传同一文件不会重复录入，已导入的行会注明“已导入（重复上传）”。',
  ];
  lines.forEach((text, i) => {
    const row = guide.addRow([text]);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) row.font = { bold: true, size: 14 };
  });

  // The dropdown lists live on a hidden last sheet: inline lists are limited to 255 characters.
  const listColumns: { letter: string; column: ImportColumn }[] = [];
  const listColumnOf = new Map<string, string>();
  for (const [sheetName, columns] of [
    [MAIN_SHEET, MAIN_COLUMNS],
    [MEMBER_SHEET, MEMBER_COLUMNS],
  ] as const) {
    for (const c of columns as readonly ImportColumn[]) {
      if (!c.list) continue;
      const letter = String.fromCharCode(65 + listColumns.length);
      listColumns.push({ letter, column: c });
      listColumnOf.set(`${sheetName}:${c.key}`, `${LIST_SHEET}!$${letter}$2:$${letter}$${c.list.length + 1}`);
    }
  }

  const employeeId = sampleId(SAMPLE_BIRTHS[0]!, '997');
  addSheet(workbook, MAIN_SHEET, MAIN_COLUMNS, { idNumber: employeeId }, listColumnOf);
  addSheet(
    workbook,
    MEMBER_SHEET,
    MEMBER_COLUMNS,
    { employeeId, idNumber: sampleId(SAMPLE_BIRTHS[1]!, '998') },
    listColumnOf,
  );
  const lists = workbook.addWorksheet(LIST_SHEET, { state: 'hidden' });
  for (const { letter, column } of listColumns) {
    lists.getCell(`${letter}1`).value = column.header;
    column.list!.forEach((v, i) => {
      lists.getCell(`${letter}${i + 2}`).value = v;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ——— starting an import ———

/** Stores the upload through the files module (audited) and queues the import job. */
export async function startHouseholdImport(
  deps: Deps,
  actor: Actor,
  input: { fileName: string; data: Buffer; mode: ImportMode },
) {
  if (!/\.xlsx$/i.test(input.fileName)) throw ImportErrors.HOUSEHOLD_IMPORT_NOT_XLSX();
  // The workbook holds full ID numbers and bank accounts: only its uploader (the job runs as them) reads it.
  const file = await uploadFile(deps, actor, { fileName: input.fileName, data: input.data, private: true });
  return deps.jobs.enqueue(actor, HOUSEHOLDS_IMPORT_JOB, {
    fileId: file.id,
    fileName: file.name,
    sha256: file.sha256,
    mode: input.mode,
  });
}

// ——— reading the workbook ———

type Cell = string | number | Date | null;
interface SheetRow<K extends string> {
  row: number;
  cells: Partial<Record<K, Cell>>;
}
/**
 * A sentence of the report: `zh` is what users read (and the tests and earlier reports quote); `en` is
 * its English variant, shown when the interface is in English. Column and sheet names stay as the
 * workbook writes them (Chinese): they name what the user sees in the file.
 */
interface Said {
  zh: string;
  en: string;
}
const said = (zh: string, en: string): Said => ({ zh, en });
/** The quoted list of values a column accepts, as each language writes a list. */
const choices = (labels: Record<string, string>): Said => ({
  zh: Object.values(labels).join('、'),
  en: Object.values(labels).join(', '),
});
const REQUIRED = said('必须填写', 'Required');

interface Issue {
  row: number;
  column: string;
  message: string;
  messageEn: string;
  /** The column in English, when it is not a header of the workbook (the notices' 困难类别（测算）). */
  columnEn?: string;
}

function cellOf(value: XlsxCell | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'boolean') return String(value);
  return value;
}

type SheetKind = 'main' | 'members';
interface SheetHead {
  found: boolean;
  missingHeaders: string[];
}
type SheetHeads = Record<SheetKind, SheetHead>;
const newHeads = (): SheetHeads => ({
  main: { found: false, missingHeaders: [] },
  members: { found: false, missingHeaders: [] },
});

function matchHeaders<K extends string>(values: XlsxCell[], columns: readonly ImportColumn<K>[]) {
  const byKey = new Map(
    columns.flatMap((c) => [c.header, ...(c.formerHeaders ?? [])].map((h) => [headerKey(h), c.key] as const)),
  );
  const positions = new Map<number, K>();
  values.forEach((v, i) => {
    const text = cellOf(v);
    if (typeof text !== 'string') return;
    const key = byKey.get(headerKey(text));
    if (key) positions.set(i, key);
  });
  return positions;
}

/**
 * Streams the rows of one of the two sheets (common/xlsx-reader: a sheet is inflated and parsed in
 * chunks, never held whole). Sheets are recognised by their header row, whatever their name or order;
 * `heads` learns what was found of both. The other sheets are left after their header row, the rest of
 * them neither inflated nor parsed. The workbook is opened once (`openXlsx`: a file that is not a
 * readable .xlsx throws XlsxFormatError, its message in Chinese) and read in passes.
 */
async function* sheetRows(
  workbook: XlsxWorkbook,
  want: SheetKind,
  heads: SheetHeads,
): AsyncGenerator<SheetRow<string>> {
  for (const sheet of workbook.sheets) {
    let kind: SheetKind | null = null;
    let positions = new Map<number, string>();
    for await (const { number, values } of sheet.rows()) {
      if (!kind) {
        // The header row is the first non-empty row; a sheet that matches neither layout is skipped.
        if (!values.some((v) => cellOf(v) !== null)) continue;
        const asMain = matchHeaders(values, MAIN_COLUMNS);
        const asMembers = matchHeaders(values, MEMBER_COLUMNS);
        let columns: readonly ImportColumn[];
        if (!heads.main.found && [...asMain.values()].includes('employer')) {
          kind = 'main';
          positions = asMain;
          columns = MAIN_COLUMNS;
        } else if (!heads.members.found && [...asMembers.values()].includes('employeeId')) {
          kind = 'members';
          positions = asMembers;
          columns = MEMBER_COLUMNS;
        } else break;
        const present = new Set(positions.values());
        heads[kind] = {
          found: true,
          missingHeaders: columns.filter((c) => c.required && !present.has(c.key)).map((c) => c.header),
        };
        if (kind !== want) break;
        continue;
      }
      const cells: Record<string, Cell> = {};
      let any = false;
      for (const [i, key] of positions) {
        const cell = cellOf(values[i]);
        if (cell !== null) any = true;
        cells[key] = cell;
      }
      if (any) yield { row: number, cells };
    }
  }
}

// ——— checking rows ———

const header = <K extends string>(columns: readonly ImportColumn<K>[], key: K) =>
  columns.find((c) => c.key === key)!.header;
const mainHeader = (key: MainKey) => header(MAIN_COLUMNS, key);
/** A family-members column, told apart from the households sheet's by its sheet name (see `located`). */
const MEMBER_COLUMN_PREFIX = `${MEMBER_SHEET}·`;
const memberHeader = (key: MemberKey) => `${MEMBER_COLUMN_PREFIX}${header(MEMBER_COLUMNS, key)}`;
const SHEET_ORDER = [MAIN_SHEET, MEMBER_SHEET];

/**
 * A problem as the report shows it: the sheet on its own, so that row 3 of 家庭成员 is not read as row 3
 * of 困难职工. Sorted by sheet, then row.
 */
function located(issue: Issue) {
  const member = issue.column.startsWith(MEMBER_COLUMN_PREFIX);
  return {
    row: issue.row,
    sheet: member ? MEMBER_SHEET : MAIN_SHEET,
    column: member ? issue.column.slice(MEMBER_COLUMN_PREFIX.length) : issue.column,
    message: issue.message,
    messageEn: issue.messageEn,
  };
}
const bySheetAndRow = (a: ReturnType<typeof located>, b: ReturnType<typeof located>) =>
  SHEET_ORDER.indexOf(a.sheet) - SHEET_ORDER.indexOf(b.sheet) || a.row - b.row;

class RowProblems {
  readonly list: Issue[] = [];
  /** Households-sheet rows with a problem (a family-members row's own problem is not counted). */
  readonly failedRows = new Set<number>();
  /** Family-members-sheet rows with a problem, counted apart: the report lists them too. */
  readonly memberFailedRows = new Set<number>();
  private readonly seen = new Set<string>();
  /** The same sentence for the same cell is said once. */
  add(row: number, column: string, message: Said) {
    const key = `${row}\u0000${column}\u0000${message.zh}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ row, column, message: message.zh, messageEn: message.en });
    if (column.startsWith(MEMBER_COLUMN_PREFIX)) this.memberFailedRows.add(row);
    else this.failedRows.add(row);
  }
}

/**
 * A long number as the error report may quote it: its first 3 and last 2 digits. What is left of an
 * ID number, bank account or phone number is still most of it, and the report is read by everyone
 * whose scope holds the job's unit.
 */
function maskedDigits(n: number) {
  // As Excel shows it (330102198001010000), or all its digits beyond 1e21, where JavaScript writes 1e+21.
  const text = String(n);
  const digits = (/e/i.test(text) && Number.isInteger(n) ? BigInt(n).toString() : text).replace(/\D/g, '');
  if (digits.length <= 5) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/** Text of a cell; numbers that Excel stored with lost precision (long IDs) are refused, not guessed. */
function textOf(cell: Cell | undefined, kind: 'text' | 'id'): { value?: string; problem?: Said } {
  if (cell === null || cell === undefined) return {};
  if (cell instanceof Date) return { value: cell.toISOString().slice(0, 10) };
  if (typeof cell === 'number') {
    if (kind === 'id' && !Number.isSafeInteger(cell))
      return {
        problem: said(
          `该单元格被 Excel 存成了数字（${maskedDigits(cell)}），末尾几位已丢失；请把此列设为“文本”格式后重新填写`,
          `Excel stored this cell as a number (${maskedDigits(cell)}) and lost its last digits; format the column as Text and enter the number again`,
        ),
      };
    return { value: String(cell) };
  }
  return { value: cell };
}

function moneyOf(cell: Cell | undefined): { fen?: number; problem?: Said } {
  if (cell === null || cell === undefined) return { fen: 0 };
  if (cell instanceof Date)
    return {
      problem: said('金额应为数字（元），不能是日期', 'The amount must be a number of yuan, not a date'),
    };
  let fen: number;
  if (typeof cell === 'number') {
    fen = Math.round(cell * 100);
    if (!Number.isFinite(cell) || Math.abs(cell * 100 - fen) > 1e-6)
      return {
        problem: said(
          `金额“${cell}”最多保留两位小数`,
          `The amount “${cell}” may have at most two decimal places`,
        ),
      };
  } else {
    try {
      fen = yuanToFen(cell.replace(/元$/, ''));
    } catch {
      return {
        problem: said(
          `“${cell}”不是有效的金额（以元为单位的数字，最多两位小数）`,
          `“${cell}” is not a valid amount (a number of yuan with at most two decimal places)`,
        ),
      };
    }
  }
  if (fen < 0) return { problem: said('金额不能为负数', 'The amount cannot be negative') };
  if (fen > 10_000_000_000)
    return {
      problem: said('金额过大（不能超过 1 亿元）', 'The amount is too large (at most 100 million yuan)'),
    };
  return { fen };
}

function dateOf(cell: Cell | undefined): { value?: string; problem?: Said } {
  if (cell === null || cell === undefined) return {};
  if (cell instanceof Date) return { value: cell.toISOString().slice(0, 10) };
  if (typeof cell === 'number') {
    // An Excel serial date whose cell lost its date format.
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(cell) * 86_400_000);
    return { value: d.toISOString().slice(0, 10) };
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell);
  if (!m)
    return {
      problem: said(
        `“${cell}”不是有效日期，请按 2010-05-01 的格式填写`,
        `“${cell}” is not a valid date; write it as 2010-05-01`,
      ),
    };
  return { value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
}

function labelOf<K extends string>(labels: Record<K, string>, text: string): K | undefined {
  return invert(labels).get(text.trim());
}

interface OrgItem {
  id: string;
  name: string;
  level: string;
  active: boolean;
  uscc: string | null;
  employerName: string | null;
}

/** Employers are looked up only in the caller's scope: a unit elsewhere is simply unknown. */
async function employerResolver(deps: Deps, principal: Principal) {
  const tree = await visibleTreeJson(deps.db, principal, { includeInactive: true, flat: true });
  const items = (JSON.parse(tree.body.toString('utf8')) as { items: OrgItem[] }).items;
  const byKey = new Map<string, OrgItem[]>();
  const add = (key: string | null, org: OrgItem) => {
    if (!key) return;
    const k = key.trim().toUpperCase();
    const list = byKey.get(k) ?? [];
    if (!list.includes(org)) list.push(org);
    byKey.set(k, list);
  };
  for (const org of items) {
    add(org.uscc, org);
    add(org.name, org);
    add(org.employerName, org);
  }
  const federation = await federationUnitKeys(deps.db);
  return (text: string): { id?: string; problem?: Said } => {
    const key = text.trim().toUpperCase();
    const found = byKey.get(key) ?? [];
    if (found.length === 0 && federation.has(key))
      return {
        problem: said(
          `“${text}”不在您的管辖范围内：只能为本单位及下级基层工会的职工建档，请核对单位或交由该单位所属工会导入`,
          `“${text}” is outside your scope: you may enter households only for grassroots unions at or below your own unit; check the unit, or leave this row to that unit’s federation`,
        ),
      };
    if (found.length === 0)
      return {
        problem: said(
          `未找到单位“${text}”：请填写您管辖范围内基层工会的统一社会信用代码或单位全称`,
          `No unit “${text}” was found: enter the USCC or the full name of a grassroots union in your scope`,
        ),
      };
    if (found.length > 1)
      return {
        problem: said(
          `名称“${text}”对应多个单位，请改填该基层工会的统一社会信用代码`,
          `The name “${text}” matches more than one unit; enter the grassroots union’s USCC instead`,
        ),
      };
    const org = found[0]!;
    if (org.level !== 'grassroots')
      return {
        problem: said(
          `“${org.name}”不是基层工会，请填写职工所在单位的基层工会`,
          `“${org.name}” is not a grassroots union; enter the grassroots union of the employee’s workplace`,
        ),
      };
    if (!org.active)
      return {
        problem: said(
          `“${org.name}”已停用，不能在其下建档`,
          `“${org.name}” is deactivated; no household can be entered under it`,
        ),
      };
    return { id: org.id };
  };
}

interface Candidate {
  row: number;
  input: CreateHouseholdInput;
  /** Sheet row of each family member, in input order. */
  memberRows: number[];
}

const MAIN_FIELD_COLUMN: Partial<Record<string, MainKey>> = {
  employerOrgId: 'employer',
  name: 'name',
  idNumber: 'idNumber',
  phone: 'phone',
  bankAccount: 'bankAccount',
  bankName: 'bankName',
  job: 'job',
  memberSince: 'memberSince',
  address: 'address',
  situation: 'situation',
  causes: 'causes',
  members: 'householdSize',
};
const MEMBER_FIELD_COLUMN: Partial<Record<string, MemberKey>> = {
  relation: 'relation',
  name: 'name',
  idNumber: 'idNumber',
  healthStatus: 'health',
  healthNote: 'healthNote',
  schoolLevel: 'school',
  occupation: 'occupation',
};
const INCOME_COLUMNS = [
  ['wages', 'wages'],
  ['pension', 'pension'],
  ['subsidy', 'subsidy'],
  ['otherIncome', 'other'],
] as const;
const EXPENDITURE_COLUMNS = [
  ['medical', 'medical'],
  ['education', 'education'],
] as const;

interface FamilyMember {
  row: number;
  /** The employee's ID number, when well-formed. */
  employeeId?: string;
  idNumber?: string;
  bad: boolean;
  /** Taken by the first households-sheet row with the employee's ID number. */
  attached: boolean;
  member: Record<string, unknown>;
}

/**
 * Checks rows one at a time as the households sheet streams past, reporting every problem of a row
 * (not only the first), and builds the same input the form sends, validated by the same schema. The
 * family-members sheet is read before (it is small), so that a household is complete when its row
 * arrives. An ID number that appears twice in the file is refused where it appears the second time
 * (a household's family counts as seen with its row), naming where it was first.
 */
/** Where an ID number was first seen, as the duplicate's message names it. */
interface Place {
  sheet: string;
  row: number;
}
const samePerson = (earlier: Place) =>
  said(
    `公民身份号码与${earlier.sheet}表第 ${earlier.row} 行重复，同一人在文件中只能出现一次`,
    `The ID number is the same as on row ${earlier.row} of the “${earlier.sheet}” sheet; a person may appear only once in the file`,
  );
const familyMemberWrong = (memberRow: number) =>
  said(
    `该户的家庭成员信息有误（见“${MEMBER_SHEET}”表第 ${memberRow} 行），本户未导入`,
    `A family member of this household has a problem (see row ${memberRow} of the “${MEMBER_SHEET}” sheet); the household was not imported`,
  );
const notAChoice = (text: string, what: Said, labels: Record<string, string>) => {
  const allowed = choices(labels);
  return said(
    `“${text}”不是可选的${what.zh}，可选：${allowed.zh}`,
    `“${text}” is not one of the ${what.en} allowed: ${allowed.en}`,
  );
};

class RowChecker {
  /** First occurrence of each ID number. */
  private readonly seen = new Map<string, Place>();
  private readonly families = new Map<string, FamilyMember[]>();
  private readonly familyRows: FamilyMember[] = [];

  constructor(
    private readonly resolveEmployer: (text: string) => { id?: string; problem?: Said },
    private readonly problems: RowProblems,
  ) {}

  private firstSeen(id: string, where: Place) {
    const earlier = this.seen.get(id);
    if (!earlier) this.seen.set(id, where);
    return earlier;
  }

  private checkId(cell: Cell | undefined, add: (message: Said) => void): string | undefined {
    const { value, problem } = textOf(cell, 'id');
    const issue = value ? residentIdIssue(value) : null;
    const refused =
      problem ??
      (!value
        ? REQUIRED
        : issue
          ? said(RESIDENT_ID_ISSUES_ZH[issue], RESIDENT_ID_ISSUES_EN[issue])
          : undefined);
    if (refused) {
      add(refused);
      return undefined;
    }
    return value!.trim().toUpperCase();
  }

  /** A family-members row: what can be checked without the households sheet. */
  addMember(r: SheetRow<MemberKey>) {
    let bad = false;
    const add = (key: MemberKey, message: Said) => {
      bad = true;
      this.problems.add(r.row, memberHeader(key), message);
    };
    const employeeId = this.checkId(r.cells.employeeId, (m) => add('employeeId', m));
    const id = this.checkId(r.cells.idNumber, (m) => add('idNumber', m));
    const relationText = textOf(r.cells.relation, 'text').value;
    const relation = relationText ? labelOf(RELATION_LABELS, relationText) : undefined;
    if (!relationText) add('relation', REQUIRED);
    else if (!relation) add('relation', notAChoice(relationText, said('关系', 'relations'), RELATION_LABELS));
    const name = textOf(r.cells.name, 'text').value;
    if (!name) add('name', REQUIRED);
    const healthText = textOf(r.cells.health, 'text').value;
    const health = healthText ? labelOf(HEALTH_LABELS, healthText) : 'healthy';
    if (!health) add('health', notAChoice(healthText!, said('健康状况', 'health states'), HEALTH_LABELS));
    const schoolText = textOf(r.cells.school, 'text').value;
    const school = schoolText ? labelOf(SCHOOL_LABELS, schoolText) : null;
    if (school === undefined)
      add('school', notAChoice(schoolText!, said('就学阶段', 'school levels'), SCHOOL_LABELS));
    const member: FamilyMember = {
      row: r.row,
      employeeId,
      idNumber: id,
      bad,
      attached: false,
      member: {
        relation,
        name,
        idNumber: id,
        healthStatus: health,
        healthNote: textOf(r.cells.healthNote, 'text').value ?? null,
        schoolLevel: school ?? null,
        occupation: textOf(r.cells.occupation, 'text').value ?? null,
      },
    };
    this.familyRows.push(member);
    if (!employeeId) return;
    const list = this.families.get(employeeId) ?? [];
    list.push(member);
    this.families.set(employeeId, list);
  }

  /** The member's ID number is seen (with its household, or at the end when it has none). */
  private seeMember(m: FamilyMember) {
    if (!m.idNumber) return;
    const earlier = this.firstSeen(m.idNumber, { sheet: MEMBER_SHEET, row: m.row });
    if (!earlier) return;
    m.bad = true;
    this.problems.add(m.row, memberHeader('idNumber'), samePerson(earlier));
  }

  /** A households-sheet row: the candidate to write, or null when the row has problems. */
  checkMain(r: SheetRow<MainKey>): Candidate | null {
    const problems = this.problems;
    let bad = false;
    /** Columns of this row already reported: the full check below adds only what they do not say. */
    const flagged = new Set<string>();
    const add = (key: MainKey, message: Said) => {
      bad = true;
      flagged.add(key);
      problems.add(r.row, mainHeader(key), message);
    };
    const employeeId = this.checkId(r.cells.idNumber, (m) => add('idNumber', m));
    let family: FamilyMember[] = [];
    if (employeeId) {
      const earlier = this.firstSeen(employeeId, { sheet: MAIN_SHEET, row: r.row });
      if (earlier) add('idNumber', samePerson(earlier));
      else {
        family = this.families.get(employeeId) ?? [];
        this.families.delete(employeeId);
        for (const m of family) {
          m.attached = true;
          this.seeMember(m);
        }
      }
    }
    const name = textOf(r.cells.name, 'text').value;
    if (!name) add('name', REQUIRED);
    const employerText = textOf(r.cells.employer, 'text').value;
    let employerOrgId: string | undefined;
    if (!employerText) add('employer', REQUIRED);
    else {
      const employer = this.resolveEmployer(employerText);
      if (employer.problem) add('employer', employer.problem);
      employerOrgId = employer.id;
    }
    const texts: Record<string, string | null> = {};
    for (const key of ['phone', 'bankAccount'] as const) {
      const t = textOf(r.cells[key], 'id');
      if (t.problem) add(key, t.problem);
      texts[key] = t.value ?? null;
    }
    for (const key of ['job', 'address', 'bankName', 'situation'] as const)
      texts[key] = textOf(r.cells[key], 'text').value ?? null;
    const since = dateOf(r.cells.memberSince);
    const sinceProblem = since.problem ?? (since.value ? memberSinceIssue(since.value) : undefined);
    if (sinceProblem) add('memberSince', sinceProblem);
    const money = (pairs: readonly (readonly [MainKey, string])[]) =>
      pairs.flatMap(([key, kind]) => {
        const m = moneyOf(r.cells[key]);
        if (m.problem) add(key, m.problem);
        return m.fen ? [{ kind, annualFen: m.fen, column: key }] : [];
      });
    const incomes = money(INCOME_COLUMNS);
    const expenditures = money(EXPENDITURE_COLUMNS);
    const causeText = textOf(r.cells.causes, 'text').value;
    const causes: string[] = [];
    for (const part of (causeText ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
      const code = labelOf(CAUSE_LABELS, part);
      if (code) causes.push(code);
      else add('causes', notAChoice(part, said('致困原因', 'causes'), CAUSE_LABELS));
    }
    const badMember = family.find((m) => m.bad);
    if (badMember) add('idNumber', familyMemberWrong(badMember.row));
    const sizeCell = r.cells.householdSize;
    if (sizeCell !== null && sizeCell !== undefined) {
      const size = Number(sizeCell);
      if (!Number.isInteger(size) || size < 1)
        add(
          'householdSize',
          said(
            '家庭人口应为正整数（含职工本人）',
            'The household size must be a whole number of at least 1 (the employee included)',
          ),
        );
      else if (size !== 1 + family.length)
        add(
          'householdSize',
          family.length === 0
            ? said(
                `家庭人口填写为 ${size} 人，但“${MEMBER_SHEET}”表中没有该职工的家庭成员，应为 1 人（仅职工本人）；请补填家庭成员或改正家庭人口`,
                `The household size is given as ${size}, but the “${MEMBER_SHEET}” sheet lists no family members of this employee, so it should be 1 (the employee alone); add the family members or correct the household size`,
              )
            : said(
                `家庭人口填写为 ${size} 人，但“${MEMBER_SHEET}”表中有该职工的家庭成员 ${family.length} 人，连同职工本人应为 ${1 + family.length} 人`,
                `The household size is given as ${size}, but the “${MEMBER_SHEET}” sheet lists ${family.length} family ${family.length === 1 ? 'member' : 'members'} of this employee: with the employee it should be ${1 + family.length}`,
              ),
        );
    }
    // The full check runs on a bad row too, so that one report names every problem of the row (a
    // wrong phone number beside a missing name), not one round of corrections after another.
    const parsed = createHouseholdBody.safeParse({
      employerOrgId,
      name,
      idNumber: employeeId,
      phone: texts.phone,
      bankAccount: texts.bankAccount,
      bankName: texts.bankName,
      job: texts.job,
      memberSince: since.value ?? null,
      address: texts.address,
      situation: texts.situation,
      causes,
      members: family.map((m) => m.member),
      incomes: incomes.map(({ kind, annualFen }) => ({ kind, annualFen })),
      expenditures: expenditures.map(({ kind, annualFen }) => ({ kind, annualFen })),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [field, index, sub] = issue.path as (string | number)[];
        const column =
          field === 'incomes' || field === 'expenditures'
            ? ((field === 'incomes' ? incomes : expenditures)[index as number]?.column ?? 'wages')
            : field === 'members'
              ? 'idNumber'
              : (MAIN_FIELD_COLUMN[String(field)] ?? 'name');
        if (bad && flagged.has(column)) continue;
        const message = said(issue.message, issueInEnglish(issue));
        if (field === 'members' && typeof index === 'number') {
          const column = MEMBER_FIELD_COLUMN[String(sub)] ?? 'name';
          problems.add(family[index]!.row, memberHeader(column), message);
          problems.add(r.row, mainHeader('idNumber'), familyMemberWrong(family[index]!.row));
        } else problems.add(r.row, mainHeader(column as MainKey), message);
      }
      return null;
    }
    if (bad) return null;
    return { row: r.row, input: parsed.data, memberRows: family.map((m) => m.row) };
  }

  /** After the last households row: family members whose employee is not in the households sheet. */
  finish() {
    for (const m of this.familyRows) {
      if (m.attached) continue;
      this.seeMember(m);
      if (m.employeeId)
        this.problems.add(
          m.row,
          memberHeader('employeeId'),
          said(
            `在“${MAIN_SHEET}”表中找不到公民身份号码为 ${maskResidentId(m.employeeId)} 的职工`,
            `No employee with the ID number ${maskResidentId(m.employeeId)} is on the “${MAIN_SHEET}” sheet`,
          ),
        );
    }
  }
}

// ——— the job ———

interface ImportPayload {
  fileId: string;
  fileName: string;
  sha256: string;
  mode: ImportMode;
}
export interface ImportResult {
  /** Households-sheet rows read, and what became of them: imported, skipped (re-uploaded), failed. */
  rows: number;
  imported: number;
  skipped: number;
  failed: number;
  /** Family-members-sheet rows read, and those with a problem of their own (listed in the report). */
  memberRows: number;
  memberFailed: number;
  fileId: string;
  /**
   * Rows imported, but as drafts that the policy in force finds not eligible (category none): a notice
   * per row, not an error — the row was written. At most MAX_NOTICES listed; `noticeCount` counts all.
   */
  notices: Issue[];
  noticeCount: number;
}

const MAX_NOTICES = 10_000;
/** Family rows a file may hold, per household the import may read (`config.importMaxRows`). */
const MEMBER_ROWS_PER_HOUSEHOLD = 5;
const thousands = (n: number) => n.toLocaleString('en-US');
const NOTICE_COLUMN = said('困难类别（测算）', 'Category (computed)');
/** What the decision said, in both languages (null when no policy is in force for the region). */
interface Written {
  category: string | null;
  explanation: string | null;
  explanationEn: string | null;
}
const notEligibleNotice = (w: Written) =>
  said(
    `已录为档案草稿，但按现行政策测算不符合建档条件${w.explanation ? `：${w.explanation}` : '。'}请核实家庭收入和支出后修改，不符合条件的不要提交审核`,
    `Entered as a draft, but under the policy in force the household is not eligible${w.explanationEn ? `: ${w.explanationEn}` : '.'} Check the household’s income and expenditure and correct them; do not submit a household that is not eligible for review`,
  );

const missingColumn = (sheet: string, header: string) =>
  said(
    `“${sheet}”表缺少必填列“${header}”，请使用导入模板`,
    `The “${sheet}” sheet lacks the required column “${header}”; use the import template`,
  );

const errorMessage = (error: unknown) =>
  error instanceof AppError
    ? said(error.message, error.messageEn)
    : said('保存失败，请稍后重试', 'The household could not be saved; please retry later');
/** A note of the job (not a problem of a row's cells): the same shape as the problems. */
const note = (row: number, column: string, message: Said): Issue => ({
  row,
  column,
  message: message.zh,
  messageEn: message.en,
});

/** Thrown inside the all-or-nothing transaction to undo it once a bad row is known. */
class UndoImport extends Error {}

export function registerHouseholdsImportJob(deps: Deps) {
  deps.jobs.register(HOUSEHOLDS_IMPORT_JOB, async (ctx: JobContext<ImportPayload>): Promise<ImportResult> => {
    const { fileId, fileName, mode } = ctx.payload;
    // The job acts with the requester's rights as they are now, not as they were when it was queued.
    const principal = await principalOfUser(deps.db, ctx.job.createdBy);
    if (!principal || !can(principal.roles, 'household.write'))
      throw ImportErrors.HOUSEHOLD_IMPORT_FORBIDDEN();
    const actor: Actor = { principal, ip: null, requestId: `job:${ctx.job.id}` };

    const { data } = await downloadFile(deps, actor, fileId);
    const problems = new RowProblems();
    const checker = new RowChecker(await employerResolver(deps, principal), problems);
    // The family-members sheet first: it is small, and it follows the households sheet in the
    // template, whose rows are then checked and written while the reader streams them.
    const heads = newHeads();
    // Opened once: its shared strings are read for both passes.
    const workbook = await openXlsx(data);
    // A file is read to its end only up to a bound (the rows are held or written as they come): a small
    // upload that inflates to millions of rows must not occupy the server for hours.
    const maxRows = deps.config.importMaxRows;
    const maxMemberRows = maxRows * MEMBER_ROWS_PER_HOUSEHOLD;
    let memberRows = 0;
    let membersOverLimit: number | null = null;
    for await (const r of sheetRows(workbook, 'members', heads)) {
      if (memberRows === maxMemberRows) {
        membersOverLimit = r.row;
        break;
      }
      memberRows++;
      checker.addMember(r as SheetRow<MemberKey>);
    }
    const nothing = {
      imported: 0,
      skipped: 0,
      memberRows,
      memberFailed: 0,
      fileId,
      notices: [],
      noticeCount: 0,
    };
    if (membersOverLimit !== null) {
      // Refused before anything is written: the family rows are read first.
      ctx.addError({
        row: membersOverLimit,
        sheet: MEMBER_SHEET,
        message: `“${MEMBER_SHEET}”表超过 ${thousands(maxMemberRows)} 行的上限，本次未导入任何数据；请拆分成多个文件（每个文件最多 ${thousands(maxRows)} 户）后分批导入`,
        messageEn: `The “${MEMBER_SHEET}” sheet has more rows than the limit of ${thousands(maxMemberRows)}, so nothing was imported; split the file into several files (at most ${thousands(maxRows)} households each) and import them one after another`,
      });
      return { ...nothing, rows: 0, failed: 0 };
    }
    if (!heads.main.found) {
      ctx.addError({
        row: 1,
        sheet: MAIN_SHEET,
        message: `文件中没有“${MAIN_SHEET}”表（表头须含“职工姓名”“公民身份号码”“所在基层工会”），请使用导入模板`,
        messageEn: `The file has no “${MAIN_SHEET}” sheet (its header row must include “职工姓名”, “公民身份号码” and “所在基层工会”); use the import template`,
      });
      return { ...nothing, rows: 0, failed: 0 };
    }
    const headerProblems = [
      ...heads.main.missingHeaders.map((h) => note(1, h, missingColumn(MAIN_SHEET, h))),
      ...heads.members.missingHeaders.map((h) =>
        note(1, `${MEMBER_COLUMN_PREFIX}${h}`, missingColumn(MEMBER_SHEET, h)),
      ),
    ];
    if (headerProblems.length) {
      for (const p of headerProblems.map(located)) ctx.addError(p);
      let rows = 0;
      for await (const _ of sheetRows(workbook, 'main', newHeads())) if (++rows === maxRows) break;
      return { ...nothing, rows, failed: rows };
    }

    // Progress: every row counts twice, checked then written (or refused); the total grows while
    // the file is read.
    let rowCount = 0;
    let settled = 0;
    const report = () => ctx.progress(rowCount + settled, rowCount * 2);
    const settle = (n: number) => {
      settled += n;
      report();
    };
    /** Re-uploaded rows and rows refused while writing: reported, not problems of the file. */
    const notes: Issue[] = [];
    let skipped = 0;
    let imported = 0;
    let writeFailed = 0;
    let notices: Issue[] = [];
    let noticeCount = 0;
    const noticeIf = (c: Candidate, written: Written) => {
      if (written.category !== 'none') return;
      noticeCount++;
      if (notices.length < MAX_NOTICES)
        notices.push({
          ...note(c.row, NOTICE_COLUMN.zh, notEligibleNotice(written)),
          columnEn: NOTICE_COLUMN.en,
        });
    };

    // One live archive per ID number: refuse IDs already held, naming the holding unit. A household
    // that an earlier import created is a re-upload: skipped, not an error.
    const peopleOf = (c: Candidate) =>
      [
        { id: c.input.idNumber, row: c.row, column: mainHeader('idNumber') },
        ...c.input.members.map((m, i) => ({
          id: m.idNumber,
          row: c.memberRows[i]!,
          column: memberHeader('idNumber'),
        })),
      ].map((p) => ({ ...p, blind: deps.vault.blindIndex(p.id, ID_PURPOSE) }));
    /** Blind indexes computed for the look-ups, reused when sealing the batch. */
    const blinds = new WeakMap<Candidate, { id: string; blind: string }[]>();
    const blindsOf = (batch: Candidate[]) =>
      new Map(batch.flatMap((c) => blinds.get(c) ?? []).map((p) => [p.id, p.blind]));
    const screen = async (db: Executor, batch: Candidate[]) => {
      const people = batch.map(peopleOf);
      for (const [i, c] of batch.entries()) blinds.set(c, people[i]!);
      const holders = await repo.findClaimHolders(
        db,
        people.flatMap((p) => p.map((q) => q.blind)),
      );
      const importedBefore = holders.size
        ? await repo.householdsWithEvent(
            db,
            [...new Set(people.flatMap((p) => holders.get(p[0]!.blind)?.householdId ?? []))],
            IMPORTED_EVENT,
          )
        : new Set<string>();
      const ready: Candidate[] = [];
      batch.forEach((c, index) => {
        let blocked = false;
        for (const [i, p] of people[index]!.entries()) {
          const holder = holders.get(p.blind);
          if (!holder) continue;
          // This very household, imported before: its employee, by an import, in a unit the uploader
          // sees. Anyone else holding the number — a family member of an imported household, or an
          // archive another street imported — is a duplicate ID, reported as such.
          const reUploaded =
            i === 0 &&
            holder.role === 'employee' &&
            inScope(principal, holder.unitPath) &&
            importedBefore.has(holder.householdId);
          if (reUploaded) {
            notes.push(
              note(
                c.row,
                mainHeader('idNumber'),
                // Imports make drafts: the earlier row may still be a draft, or archived since.
                said(
                  `已导入（重复上传）：该职工已由此前的 Excel 导入在“${holder.unitName}”录入（档案草稿或已建档），本行跳过，未重复录入`,
                  `Already imported (the file was uploaded again): an earlier Excel import entered this employee under “${holder.unitName}” (as a draft, or archived since); this row was skipped and not entered twice`,
                ),
              ),
            );
            skipped++;
            blocked = true;
            break;
          }
          blocked = true;
          const who =
            i === 0
              ? said('该职工', 'This employee')
              : said(`家庭成员（${maskResidentId(p.id)}）`, `The family member ${maskResidentId(p.id)}`);
          const message = said(
            `${who.zh}已在“${holder.unitName}”有一份有效的困难职工档案，同一公民身份号码在全市只能有一份有效档案`,
            `${who.en} already has a live hardship archive at “${holder.unitName}”; one resident ID number may hold only one live archive in the whole city`,
          );
          problems.add(p.row, p.column, message);
          if (i > 0) problems.add(c.row, mainHeader('idNumber'), message);
        }
        if (!blocked) ready.push(c);
      });
      settle(batch.length - ready.length);
      return ready;
    };

    const householdDeps = (db: HouseholdDeps['db']): HouseholdDeps => ({ db, vault: deps.vault });
    // The household's first timeline event says where it came from (instead of `created`).
    const importedEvent = (c: Candidate): CreationEvent => ({
      action: IMPORTED_EVENT,
      comment: importedComment({ fileName, row: c.row }),
    });
    // `audits`: the all-or-nothing import collects the entries and writes them at its end.
    const writeOne = async (hd: HouseholdDeps, c: Candidate, audits?: AuditSink) => {
      const created = await createHousehold(hd, actor, c.input, { creation: importedEvent(c), audits });
      const d = created.decision;
      return {
        category: created.category,
        explanation: d?.explanation ?? null,
        explanationEn: d ? explanationEn(d) : null,
      };
    };
    // The fast path: a batch of households in one transaction, a few statements per table. A batch
    // that meets anything unusual is rolled back and written row by row (the exact row's error).
    const writeBatch = async (db: HouseholdDeps['db'], batch: Candidate[], audits?: AuditSink) => {
      const entries: AuditSink = [];
      const written = await db.transaction((tx) =>
        createHouseholdsBatch(
          householdDeps(tx),
          actor,
          batch.map((c) => c.input),
          {
            creation: (i) => importedEvent(batch[i]!),
            knownBlinds: blindsOf(batch),
            audits: audits && entries,
          },
        ),
      );
      // Only once the batch (its savepoint) is through: a batch rolled back has no entries.
      if (audits) for (const entry of entries) audits.push(entry);
      for (const [i, w] of written.entries()) noticeIf(batch[i]!, w);
    };

    /** Writes (or queues) a batch of checked rows. */
    let submit: (batch: Candidate[]) => Promise<void>;
    /** Waits for the queued batches. */
    let drain: () => Promise<void>;
    /** The households row where reading stopped at the limit, if it did. */
    let stoppedAt: number | null = null;
    const readAll = async () => {
      let batch: Candidate[] = [];
      for await (const r of sheetRows(workbook, 'main', newHeads())) {
        if (rowCount === maxRows) {
          // Reading stops here. Not a problem of a row (the rows read are counted as they are):
          // all_or_nothing writes nothing; valid_rows keeps the rows before it, and a second file
          // with the rest skips those already imported.
          stoppedAt = r.row;
          notes.push(
            note(
              r.row,
              '',
              said(
                `“${MAIN_SHEET}”表超过 ${thousands(maxRows)} 户的上限：自本行起未读取、未导入；请把其余各行另存为新文件后导入（已导入的会自动跳过）`,
                `The “${MAIN_SHEET}” sheet has more households than the limit of ${thousands(maxRows)}: from this row on nothing was read or imported; save the remaining rows as a new file and import it (rows already imported are skipped)`,
              ),
            ),
          );
          break;
        }
        rowCount++;
        const c = checker.checkMain(r as SheetRow<MainKey>);
        if (c) batch.push(c);
        else settled++;
        if (batch.length >= WRITE_BATCH) {
          await submit(batch);
          batch = [];
        }
        if (rowCount % 500 === 0) report();
      }
      // Family rows whose employee was not reached are not orphans: only a file read to its end says so.
      if (stoppedAt === null) checker.finish();
      report();
      if (batch.length) await submit(batch);
      await drain();
    };

    // A bad row on either sheet: a family row whose employee cannot be found (a mistyped number) would
    // otherwise leave its household written without that member, counted one person short.
    const fileHasProblems = () => problems.failedRows.size > 0 || problems.memberFailedRows.size > 0;
    if (mode === 'all_or_nothing') {
      // One transaction, rolled back at the end if any row is bad (or refused while writing).
      // Batches are written one after another (one connection) while the reader goes on; once a
      // row is bad nothing more is written, but every row is still checked and reported. The audit
      // entries are written last, just before the commit: the chain's head, locked by the first
      // entry written, would otherwise hold up every other audited write for the whole import (and
      // a household created meanwhile for a person on a later row deadlocked with the import).
      try {
        await deps.db.transaction(async (tx) => {
          const audits: AuditSink = [];
          let chain: Promise<void> = Promise.resolve();
          let queued = 0;
          const write = async (batch: Candidate[]) => {
            const ready = await screen(tx, batch);
            if (fileHasProblems()) return settle(ready.length);
            try {
              await writeBatch(tx, ready, audits);
              imported += ready.length;
              return settle(ready.length);
            } catch {
              // the batch's savepoint is rolled back: row by row, to name the row
            }
            for (const c of ready) {
              try {
                noticeIf(c, await writeOne(householdDeps(tx), c, audits));
              } catch (error) {
                notes.push(note(c.row, mainHeader('idNumber'), errorMessage(error)));
                writeFailed++;
                throw new UndoImport();
              }
              imported++;
              settle(1);
            }
          };
          submit = async (batch) => {
            while (queued >= WRITERS) await chain;
            queued++;
            chain = chain.then(() => write(batch)).finally(() => queued--);
            // Handled when awaited; marked now so that a failure while the reader runs is no crash.
            chain.catch(() => {});
          };
          drain = () => chain;
          await readAll();
          if (fileHasProblems() || stoppedAt !== null) throw new UndoImport();
          // In parts, so that neither the process nor the server builds one statement of every entry.
          for (let i = 0; i < audits.length; i += AUDIT_CHUNK)
            await recordAudits(tx, actor, audits.slice(i, i + AUDIT_CHUNK));
        });
      } catch (error) {
        if (!(error instanceof UndoImport)) throw error;
        imported = 0;
        // Nothing was written: no draft to warn about.
        notices = [];
        noticeCount = 0;
      }
    } else {
      // Batches are independent transactions: WRITERS of them in flight, so that reading, checking
      // and building one batch (sealing, JSON) overlap with the database writing others. Their ID
      // numbers are disjoint (a number appears once in the file), and the audit chain's lock orders
      // their entries.
      const writeValid = async (batch: Candidate[]) => {
        const ready = await screen(deps.db, batch);
        if (!ready.length) return;
        try {
          await writeBatch(deps.db, ready);
          imported += ready.length;
          return settle(ready.length);
        } catch {
          // rolled back: row by row below
        }
        for (const c of ready) {
          try {
            noticeIf(c, await writeOne(householdDeps(deps.db), c));
            imported++;
          } catch (error) {
            notes.push(note(c.row, mainHeader('idNumber'), errorMessage(error)));
            writeFailed++;
          }
          settle(1);
        }
      };
      const inFlight = new Set<Promise<void>>();
      let failure: { error: unknown } | undefined;
      submit = async (batch) => {
        while (inFlight.size >= WRITERS) await Promise.race(inFlight);
        if (failure) throw failure.error;
        const task: Promise<void> = writeValid(batch)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
      };
      drain = async () => {
        await Promise.all(inFlight);
        if (failure) throw failure.error;
      };
      try {
        await readAll();
      } finally {
        // Even when reading fails, the job ends only after the batches it started.
        await Promise.all(inFlight);
      }
    }

    for (const p of [...problems.list, ...notes].map(located).sort(bySheetAndRow)) ctx.addError(p);
    const total = rowCount * 2;
    ctx.progress(total, total);
    const counts = {
      rows: rowCount,
      imported,
      skipped,
      failed: problems.failedRows.size + writeFailed,
      memberRows,
      memberFailed: problems.memberFailedRows.size,
      fileId,
    };
    await deps.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'household.imported',
        entity: 'household',
        orgId: principal.orgId,
        after: {
          fileName,
          sha256: ctx.payload.sha256,
          mode,
          ...counts,
          notEligible: noticeCount,
        },
      }),
    );
    return { ...counts, notices: notices.sort((a, b) => a.row - b.row), noticeCount };
  });
}
