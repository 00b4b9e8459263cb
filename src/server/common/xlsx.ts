import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Spreadsheet output shared by every export. Cells that a spreadsheet would read as a formula
 * (starting with = + - @, tab or carriage return) are neutralised with a leading apostrophe.
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | Date | null | undefined;
  /** Excel number format, e.g. '#,##0.00' for yuan or 'yyyy-mm-dd hh:mm' for times. */
  numFmt?: string;
}

/** Writes rows through exceljs's streaming writer, so memory stays flat for large exports. */
export async function writeXlsx<T>(
  sheetName: string,
  columns: SheetColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  onRow?: (count: number) => void,
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? 16,
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of rows) {
    sheet
      .addRow(
        columns.map((c) => {
          const value = c.value(row);
          return typeof value === 'string' ? neutraliseFormula(value) : (value ?? null);
        }),
      )
      .commit();
    count++;
    if (onRow && count % 500 === 0) onRow(count);
  }
  onRow?.(count);
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
