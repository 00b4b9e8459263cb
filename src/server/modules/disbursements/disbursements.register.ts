import { AlignmentType, Document, Packer, PageOrientation, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Actor, Deps } from '../../common/context';
import { businessDate } from '../../common/dates';
import { CommonErrors } from '../../common/errors';
import { formatYuan } from '../../common/money';
import { can, canRevealRegister } from '../../common/permissions';
import { neutraliseFormula, XLSX_MIME } from '../../common/xlsx';
import { recordAudit } from '../audit/audit.usecases';
import { saveGeneratedFile } from '../files/files.usecases';
import type { JobContext, JobKind } from '../jobs/jobs.runner';
import { principalOfUser } from '../users/users.usecases';
import { DisbursementErrors } from './disbursements.errors';
import * as repo from './disbursements.repository';
import type { RegisterInput } from './disbursements.schemas';
import type { LineRow } from './disbursements.table';
import { BATCH_KIND_LABELS, getBatchInScope } from './disbursements.usecases';

/**
 * The payment register (登记造册) of a batch: one row per payee with an empty signature column,
 * a totals row equal to the batch total, and the 制单人 / 复核人 / 日期 footer; A4 landscape.
 * Generated as a background job and stored as an audited file. Bank accounts are masked unless the
 * requester may reveal them (`disbursement.reveal`, finance's bank-transfer list, or `household.reveal`); a revealed register is audited as a reveal.
 */

export const REGISTER_JOB: JobKind = { type: 'disbursements.register', readPermission: 'disbursement.read' };
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface RegisterData {
  title: string;
  programName: string;
  batchNo: string;
  orgName: string;
  kindLabel: string;
  itemName: string | null;
  unitName: string | null;
  unitValueFen: number | null;
  preparedBy: string;
  reviewedBy: string;
  date: string;
  /** 合计 of the lines not failed: a failed payment was not made (it is re-batched, and paid there). */
  totalCount: number;
  totalFen: number;
  totalQuantity: number | null;
  /** The failed lines, listed with their reason but left out of 合计. */
  failedCount: number;
  failedFen: number;
  rows: {
    position: number;
    name: string;
    workUnit: string;
    idMasked: string;
    bankAccount: string;
    /** 开户行: beside the account on a cash register, empty for goods. */
    bankName: string;
    amountFen: number;
    itemName: string;
    quantity: number | null;
    failed: boolean;
    note: string;
  }[];
}

/** Checks the request now (scope, reveal permission) so that a bad one fails at once, not in the job. */
export async function startRegister(deps: Deps, actor: Actor, id: string, input: RegisterInput) {
  if (input.unmasked && !canRevealRegister(actor.principal.roles)) throw CommonErrors.FORBIDDEN();
  const view = await getBatchInScope(deps.db, actor.principal, id);
  if (view.batch.status === 'cancelled')
    throw DisbursementErrors.DISBURSEMENT_WRONG_STATE({
      status: '已作废',
      statusEn: 'cancelled',
      action: '生成登记册',
      actionEn: 'print the register of',
    });
  return deps.jobs.enqueue(actor, REGISTER_JOB, { batchId: id, ...input }, view.batch.orgId);
}

export async function loadRegisterData(
  deps: Pick<Deps, 'db' | 'vault'>,
  batchId: string,
  unmasked: boolean,
): Promise<RegisterData> {
  const view = (await repo.findById(deps.db, batchId))!;
  const b = view.batch;
  const lines = (await repo.allLines(deps.db, batchId)).filter((l) => l.status !== 'cancelled');
  const account = (l: LineRow) =>
    unmasked && l.bankAccountCipher ? deps.vault.decrypt(l.bankAccountCipher) : (l.bankAccountMasked ?? '');
  const rows = lines.map((l, i) => ({
    position: i + 1,
    name: l.payeeName,
    workUnit: l.workUnit,
    idMasked: l.idMasked,
    bankAccount: b.kind === 'cash' ? account(l) : '',
    bankName: b.kind === 'cash' ? (l.bankName ?? '') : '',
    amountFen: l.amountFen,
    itemName: b.itemName ?? '',
    quantity: l.quantity,
    failed: l.status === 'failed',
    note: l.status === 'failed' ? `发放失败：${l.failureReason}` : '',
  }));
  const counted = rows.filter((r) => !r.failed);
  const failed = rows.filter((r) => r.failed);
  return {
    title: `${b.title}登记册`,
    programName: view.programName,
    batchNo: b.batchNo,
    orgName: view.orgName,
    kindLabel: BATCH_KIND_LABELS[b.kind],
    itemName: b.itemName,
    unitName: b.unitName,
    unitValueFen: b.unitValueFen,
    preparedBy: b.createdByName,
    reviewedBy: b.issuedByName ?? '',
    date: businessDate(b.issuedAt ?? new Date()),
    totalCount: counted.length,
    totalFen: sumFen(counted),
    totalQuantity: b.kind === 'goods' ? counted.reduce((n, r) => n + (r.quantity ?? 0), 0) : null,
    failedCount: failed.length,
    failedFen: sumFen(failed),
    rows,
  };
}

const sumFen = (rows: readonly { amountFen: number }[]) => rows.reduce((n, r) => n + r.amountFen, 0);

function subtitle(d: RegisterData) {
  const goods =
    d.itemName && d.unitValueFen
      ? `（${d.itemName}，单价 ${formatYuan(d.unitValueFen)} 元/${d.unitName ?? '份'}）`
      : '';
  return `项目：${d.programName}    批次号：${d.batchNo}    发放单位：${d.orgName}    发放方式：${d.kindLabel}${goods}`;
}
const footer = (d: RegisterData) =>
  `制单人：${d.preparedBy}        复核人：${d.reviewedBy}        日期：${d.date}`;

type RegisterRow = RegisterData['rows'][number];

/**
 * The register's columns, in order: header, relative width (Excel character widths; the .docx
 * table is scaled from them) and alignment. Rows, totals and widths are all read from this list.
 */
const COLUMNS = [
  { key: 'position', header: '序号', width: 5, align: 'center' },
  { key: 'name', header: '姓名', width: 9, align: 'center' },
  { key: 'workUnit', header: '工作单位', width: 20, align: 'left' },
  { key: 'idMasked', header: '身份证号', width: 19, align: 'center' },
  { key: 'bankAccount', header: '银行账号', width: 22, align: 'center' },
  { key: 'bankName', header: '开户行', width: 18, align: 'left' },
  { key: 'amount', header: '金额（元）', width: 11, align: 'right' },
  { key: 'itemName', header: '物品', width: 9, align: 'center' },
  { key: 'quantity', header: '数量', width: 6, align: 'center' },
  { key: 'signature', header: '签领', width: 13, align: 'center' },
  { key: 'note', header: '备注', width: 13, align: 'center' },
] as const satisfies readonly {
  key: string;
  header: string;
  width: number;
  align: 'left' | 'center' | 'right';
}[];
type ColumnKey = (typeof COLUMNS)[number]['key'];

export const REGISTER_HEADERS = COLUMNS.map((c) => c.header);
const WIDTHS = COLUMNS.map((c) => c.width);
/** 1-based column number (as Excel counts) of a column. */
const columnNo = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;

/** How a format writes cell values: .xlsx keeps numbers as numbers, .docx writes text. */
interface CellFormat<T> {
  text: (v: string) => T;
  number: (n: number | null) => T;
  amount: (fen: number) => T;
  empty: T;
}

/** A payee's row, in column order; the signature column stays empty for the signature. */
function rowCells<T>(r: RegisterRow, f: CellFormat<T>): T[] {
  const value: Record<ColumnKey, T> = {
    position: f.number(r.position),
    name: f.text(r.name),
    workUnit: f.text(r.workUnit),
    idMasked: f.text(r.idMasked),
    bankAccount: f.text(r.bankAccount),
    bankName: f.text(r.bankName),
    amount: f.amount(r.amountFen),
    itemName: f.text(r.itemName),
    quantity: f.number(r.quantity),
    signature: f.empty,
    note: f.text(r.note),
  };
  return COLUMNS.map((c) => value[c.key]);
}

/**
 * The totals row: 合计, the head count under 工作单位, the total amount and (goods) quantity — of the
 * lines not failed; failed lines are named in 备注 so that 合计 is what was (or is to be) paid.
 */
function totalCells<T>(d: RegisterData, f: CellFormat<T>): T[] {
  const value: Partial<Record<ColumnKey, T>> = {
    position: f.text('合计'),
    workUnit: f.text(`共 ${d.totalCount} 人`),
    amount: f.amount(d.totalFen),
    quantity: f.number(d.totalQuantity),
    note: d.failedCount ? f.text(`不含发放失败 ${d.failedCount} 人 ${formatYuan(d.failedFen)} 元`) : f.empty,
  };
  return COLUMNS.map((c) => value[c.key] ?? f.empty);
}

/** Text is formula-safe (a name such as `=HYPERLINK(…)` stays text); amounts in yuan, formatted by the cell. */
const xlsxCells: CellFormat<ExcelJS.CellValue> = {
  text: neutraliseFormula,
  number: (n) => n,
  amount: (fen) => fen / 100,
  empty: null,
};

export async function registerXlsx(d: RegisterData, onRow?: (n: number) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记册', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '3:3',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = REGISTER_HEADERS.length;
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const text = (v: string) => neutraliseFormula(v);

  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = text(d.title);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = text(subtitle(d));

  const header = ws.getRow(3);
  header.values = [...REGISTER_HEADERS];
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  for (let c = 1; c <= last; c++) header.getCell(c).border = border;

  let n = 0;
  for (const r of d.rows) {
    const row = ws.addRow(rowCells(r, xlsxCells));
    row.height = 24;
    row.getCell(columnNo('amount')).numFmt = '#,##0.00';
    for (let c = 1; c <= last; c++) row.getCell(c).border = border;
    if (onRow && ++n % 1000 === 0) onRow(n);
  }
  const totals = ws.addRow(totalCells(d, xlsxCells));
  totals.font = { bold: true };
  totals.getCell(columnNo('amount')).numFmt = '#,##0.00';
  for (let c = 1; c <= last; c++) totals.getCell(c).border = border;
  ws.addRow([]);
  const foot = ws.addRow([text(footer(d))]);
  ws.mergeCells(foot.number, 1, foot.number, last);
  onRow?.(d.rows.length);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const xmlEscape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** Drops what XML 1.0 does not allow: control characters other than tab, newline, carriage return. */
const xmlSafe = (text: string) =>
  Array.from(text)
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    })
    .join('');
const PLACEHOLDER = '@@BANGFU_REGISTER_TABLE@@';
const docxCells: CellFormat<string> = {
  text: (v) => v,
  number: (n) => (n === null ? '' : String(n)),
  amount: formatYuan,
  empty: '',
};

/** One table cell in WordprocessingML: fixed width, centred or aligned text, 9 pt. */
function cellXml(text: string, width: number, align: 'left' | 'center' | 'right', bold = false) {
  const run = text
    ? `<w:r><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">${xmlEscape(xmlSafe(text))}</w:t></w:r>`
    : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="${align}"/></w:pPr>${run}</w:p></w:tc>`;
}

/**
 * The register as .docx. The document (page set-up, title, subtitle, footer) is built with the docx
 * library; the table of up to tens of thousands of rows is written as WordprocessingML directly —
 * the library's object tree takes over a minute for 10,000 rows, the string a fraction of a second.
 */
export async function registerDocx(d: RegisterData, onRow?: (n: number) => void): Promise<Buffer> {
  const font = 'SimSun';
  // A4 landscape, 1.5 cm margins: about 15,100 twips of text width; the table takes 15,000 (eleven
  // columns: a full bank account and its 开户行 side by side).
  const twips = WIDTHS.map((w) => Math.round((w / WIDTHS.reduce((a, b) => a + b, 0)) * 15_000));
  const align = (i: number) => COLUMNS[i]!.align;
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const parts: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:w="15000" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr>`,
    `<w:tblGrid>${twips.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${REGISTER_HEADERS.map((h, i) => cellXml(h, twips[i]!, 'center', true)).join('')}</w:tr>`,
  ];
  let n = 0;
  for (const r of d.rows) {
    const values = rowCells(r, docxCells);
    parts.push(
      `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="480" w:hRule="atLeast"/></w:trPr>${values.map((v, i) => cellXml(v, twips[i]!, align(i))).join('')}</w:tr>`,
    );
    if (onRow && ++n % 1000 === 0) onRow(n);
  }
  const totals = totalCells(d, docxCells);
  parts.push(
    `<w:tr><w:trPr><w:cantSplit/></w:trPr>${totals.map((v, i) => cellXml(v, twips[i]!, align(i), true)).join('')}</w:tr>`,
  );
  parts.push('</w:tbl>');

  const doc = new Document({
    creator: 'Bangfu',
    title: d.title,
    styles: { default: { document: { run: { font } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 850, bottom: 850, left: 850, right: 850 },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [new TextRun({ text: d.title, bold: true, size: 32, font })],
          }),
          new Paragraph({
            spacing: { after: 120 },
            children: [new TextRun({ text: subtitle(d), size: 20, font })],
          }),
          new Paragraph({ children: [new TextRun(PLACEHOLDER)] }),
          new Paragraph({
            spacing: { before: 360 },
            children: [new TextRun({ text: footer(d), size: 20, font })],
          }),
        ],
      },
    ],
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  const xml = await zip.file('word/document.xml')!.async('string');
  const at = xml.indexOf(PLACEHOLDER);
  if (at < 0) throw new Error('register placeholder not found in the document');
  // The placeholder's own paragraph (`<w:p>` or `<w:p …>`, never `<w:pPr>`) is replaced by the table.
  const pStart = Math.max(xml.lastIndexOf('<w:p>', at), xml.lastIndexOf('<w:p ', at));
  const pEnd = xml.indexOf('</w:p>', at) + '</w:p>'.length;
  zip.file('word/document.xml', xml.slice(0, pStart) + parts.join('') + xml.slice(pEnd));
  onRow?.(d.rows.length);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export function registerRegisterJob(deps: Deps) {
  deps.jobs.register(REGISTER_JOB, async (ctx: JobContext<{ batchId: string } & RegisterInput>) => {
    const { batchId, format, unmasked } = ctx.payload;
    // The job acts with the requester's rights as they are now, not as they were when it was queued.
    const principal = await principalOfUser(deps.db, ctx.job.createdBy);
    if (!principal || !can(principal.roles, 'disbursement.read')) throw CommonErrors.FORBIDDEN();
    if (unmasked && !canRevealRegister(principal.roles)) throw CommonErrors.FORBIDDEN();
    const actor: Actor = { principal, ip: null, requestId: `job:${ctx.job.id}` };
    const view = await getBatchInScope(deps.db, principal, batchId);
    const data = await loadRegisterData(deps, batchId, unmasked);
    ctx.progress(0, data.rows.length);
    const build = format === 'xlsx' ? registerXlsx : registerDocx;
    const bytes = await build(data, (n) => ctx.progress(n));
    const file = await saveGeneratedFile(deps, actor, {
      fileName: `发放登记册-${data.batchNo}${unmasked ? '-未脱敏' : ''}.${format}`,
      mimeType: format === 'xlsx' ? XLSX_MIME : DOCX_MIME,
      data: bytes,
      orgId: view.batch.orgId,
      audits: async (tx, file) => {
        await recordAudit(tx, actor, {
          action: 'disbursement.register_generated',
          entity: 'disbursement_batch',
          entityId: batchId,
          orgId: view.batch.orgId,
          after: {
            format,
            unmasked,
            rows: data.rows.length,
            totalFen: data.totalFen,
            failedFen: data.failedFen,
            fileId: file.id,
          },
        });
        // Full bank accounts leave the system in a file: recorded like any other reveal (fields, never
        // values), with the file or not at all.
        if (unmasked)
          await recordAudit(tx, actor, {
            action: 'household.revealed',
            entity: 'disbursement_batch',
            entityId: batchId,
            orgId: view.batch.orgId,
            after: { via: 'register', fields: ['bankAccount'], rows: data.rows.length, fileId: file.id },
          });
      },
    });
    return {
      fileId: file.id,
      fileName: file.name,
      rowCount: data.rows.length,
      totalCount: data.totalCount,
      totalFen: data.totalFen,
      failedCount: data.failedCount,
      failedFen: data.failedFen,
    };
  });
}
