import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * exceljs's streaming reader with the options the household import used before ADR 0011: the
 * baseline of `bench:archive` (import ÷ parse) and the reader `bench:xlsx` compares ours with.
 */
export function exceljsStreamReader(data: Buffer) {
  return new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
}
