import { PassThrough, Readable } from 'node:stream';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openXlsx, type XlsxCell, XlsxFormatError, type XlsxRow } from './xlsx-reader';

// ——— helpers ———

/** What the import takes from an exceljs value: rich text joined, a formula's result, an error's text. */
function plain(value: unknown): XlsxCell {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || value instanceof Date) return value as XlsxCell;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
  if ('result' in v) return plain(v.result);
  if ('text' in v) return plain(v.text);
  if ('error' in v) return String(v.error);
  return null;
}

function trimmed(values: XlsxCell[]) {
  const out = [...values];
  while (out.length && out.at(-1) === null) out.pop();
  return out;
}

type Read = Record<string, XlsxRow[]>;

async function readOurs(data: Buffer): Promise<Read> {
  const sheets: Read = {};
  for (const sheet of (await openXlsx(data)).sheets) {
    const rows: XlsxRow[] = [];
    for await (const row of sheet.rows()) rows.push({ number: row.number, values: trimmed(row.values) });
    sheets[sheet.name] = rows;
  }
  return sheets;
}

/**
 * exceljs's streaming reader with the options the import used. It fails on a file whose sheets come
 * before the workbook part ("Cannot read properties of undefined (reading 'sheets')"), and exceljs's
 * own writers write some files so (writeBuffer adds the parts as they finish, so only sometimes):
 * the parts are put in an order it reads before it is given the file.
 */
async function readExceljs(data: Buffer): Promise<Read> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(workbookFirst(data)), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: Read = {};
  for await (const worksheet of reader) {
    const rows: XlsxRow[] = [];
    for await (const row of worksheet) {
      const values = Array.from(row.values as unknown[]).slice(1);
      rows.push({ number: row.number, values: trimmed(values.map(plain)) });
    }
    sheets[(worksheet as unknown as { name: string }).name] = rows;
  }
  return sheets;
}

/** exceljs's reader of whole books (the streaming one cannot read every file exceljs writes). */
async function readExceljsBook(data: Buffer): Promise<Read> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheets: Read = {};
  for (const worksheet of workbook.worksheets) {
    const rows: XlsxRow[] = [];
    worksheet.eachRow((row) => {
      const values = Array.from(row.values as unknown[]).slice(1);
      rows.push({ number: row.number, values: trimmed(values.map(plain)) });
    });
    sheets[worksheet.name] = rows;
  }
  return sheets;
}

interface ZipFile {
  name: string;
  data: string | Buffer;
  stored?: boolean;
  /** Sizes and CRC only in a data descriptor after the data (and in the central directory). */
  descriptor?: boolean;
  method?: number;
  flags?: number;
  /** Written as the entry's compressed bytes instead of `data` deflated. */
  body?: Buffer;
  /** The inflated size the headers declare, when not the data's. */
  declaredSize?: number;
}

/** A zip written by hand, so that tests control every entry. */
function zip(files: ZipFile[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const raw = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    const body = file.body ?? (file.stored ? raw : deflateRawSync(raw));
    const method = file.method ?? (file.stored ? 0 : 8);
    const flags = (file.flags ?? 0) | (file.descriptor ? 8 : 0) | 0x800;
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(file.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(file.descriptor ? 0 : body.length, 18);
    local.writeUInt32LE(file.descriptor ? 0 : (file.declaredSize ?? raw.length), 22);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(file.descriptor ? 16 : 0);
    if (file.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(body.length, 8);
      descriptor.writeUInt32LE(file.declaredSize ?? raw.length, 12);
    }
    parts.push(local, name, body, descriptor);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(file.declaredSize ?? raw.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += local.length + name.length + body.length + descriptor.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The entries of a zip (deflated or stored, sizes from the central directory). */
function unzip(data: Buffer): ZipFile[] {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    const method = data.readUInt16LE(at + 10);
    const size = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const skip = nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const body = data.subarray(start, start + size);
    files.push({ name, data: method === 0 ? Buffer.from(body) : inflateRawSync(body) });
    at += 46 + skip;
  }
  return files;
}

/** The same zip with the workbook, its relationships, shared strings and styles before the sheets. */
function workbookFirst(data: Buffer): Buffer {
  const first = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
  const rank = (name: string) => {
    const i = first.indexOf(name);
    return i < 0 ? first.length : i;
  };
  return zip(unzip(data).sort((a, b) => rank(a.name) - rank(b.name)));
}

const MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const RELS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface HandSheet {
  name: string;
  /** The content of `<sheetData>`. */
  rows: string;
  state?: string;
}

/** The parts of a workbook written by hand around the given sheets. */
function handParts(
  sheets: HandSheet[],
  options: { shared?: string; styles?: string; date1904?: boolean; absolute?: boolean } = {},
): ZipFile[] {
  const target = (path: string) => (options.absolute ? `/xl/${path}` : path);
  const rels = [
    ...sheets.map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${RELS_TYPE}/worksheet" Target="${target(`worksheets/sheet${i + 1}.xml`)}"/>`,
    ),
    options.styles
      ? `<Relationship Id="rS" Type="${RELS_TYPE}/styles" Target="${target('styles.xml')}"/>`
      : '',
    options.shared
      ? `<Relationship Id="rT" Type="${RELS_TYPE}/sharedStrings" Target="${target('sharedStrings.xml')}"/>`
      : '',
  ].join('');
  const files: ZipFile[] = [
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS_TYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN_NS} ${REL_NS}>${options.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheets
        .map(
          (s, i) =>
            `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
        )
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${MAIN_NS} ${REL_NS}><dimension ref="A1"/><sheetData>${s.rows}</sheetData><pageMargins left="0.7"/></worksheet>`,
    })),
  ];
  // Before the sheets: exceljs's streaming reader misses styles that follow them in a workbook without
  // shared strings.
  if (options.shared) files.splice(3, 0, { name: 'xl/sharedStrings.xml', data: options.shared });
  if (options.styles) files.splice(3, 0, { name: 'xl/styles.xml', data: options.styles });
  return files;
}

const styles = (numFmts: string, xfs: number[]) =>
  `<styleSheet ${MAIN_NS}><numFmts count="1">${numFmts}</numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs
    .map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
    .join('')}</cellXfs></styleSheet>`;

const utc = (...parts: [number, number, number, number?, number?, number?]) => new Date(Date.UTC(...parts));

// ——— workbooks written by exceljs ———

const MAIN = '困难职工';
const LISTS = '名单';
const EMPTY = '空表';
const HEADERS = ['文本', '数字', '其他'];
const STRINGS = [
  'a & b < c > d " \' e',
  '王建军（困难职工）',
  '笑 😀 emoji 𠀀',
  '  leading and trailing  ',
  'line1\nline2',
  '_x000D_ as typed',
];
const NUMBERS = [0, 42, 3.14, -17.5, 1e-7, Number('12345678901234567890'), 0.1 + 0.2, -1e21, 123456789012345];

/** The same content through any exceljs writer (the book or the streaming writer). */
function fill(workbook: ExcelJS.Workbook, streaming: boolean) {
  const main = workbook.addWorksheet(MAIN);
  const put = (row: number, values: unknown[], numFmts: (string | undefined)[] = []) => {
    const r = main.getRow(row);
    values.forEach((v, i) => {
      if (v === undefined) return;
      const cell = r.getCell(i + 1);
      cell.value = v as ExcelJS.CellValue;
      if (numFmts[i]) cell.numFmt = numFmts[i];
    });
    if (streaming) r.commit();
  };
  put(1, HEADERS);
  put(2, STRINGS);
  put(3, NUMBERS);
  put(4, [true, false, 1]);
  put(
    5,
    [
      utc(2010, 4, 1),
      utc(2023, 11, 31, 23, 59, 58),
      utc(1987, 0, 2),
      1234.5,
      utc(2000, 1, 29),
      45000.25,
      45000.75,
      0.5,
      utc(2024, 6, 1, 12),
    ],
    [
      'yyyy-mm-dd',
      'yyyy-mm-dd hh:mm:ss',
      undefined, // exceljs gives a Date without a format 'mm-dd-yy' (built-in 14)
      '#,##0.00',
      'yyyy"年"m"月"d"日"',
      '0.00%',
      '[h]:mm:ss',
      '@',
      'm/d/yy h:mm',
    ],
  );
  put(6, [
    { formula: 'B3+1', result: 43 },
    { formula: '"x"&"y"', result: 'xy & z' },
    { error: '#N/A' },
    { error: '#DIV/0!' },
    { text: '链接', hyperlink: 'https://example.com/?a=1&b=2' },
    {
      richText: [
        { text: '粗', font: { bold: true } },
        { text: '体 & ' },
        { text: '斜', font: { italic: true } },
      ],
    },
    { formula: 'NOW()', result: 7.5 },
  ]);
  // Gaps: rows 7 and 8 missing, columns B, C, E…Z missing.
  put(9, ['A9', undefined, undefined, 'D9', undefined, ...Array(21).fill(undefined), 'AA9']);
  put(10, [undefined, undefined, 'C10 only']);
  if (streaming) main.commit();

  const hidden = workbook.addWorksheet(LISTS, { state: 'hidden' });
  hidden.addRow(['困难', '低保']);
  hidden.addRow([1, 2, 3]);
  if (streaming) hidden.commit();
  const veryHidden = workbook.addWorksheet('veryHidden', { state: 'veryHidden' });
  veryHidden.addRow(['x']);
  if (streaming) veryHidden.commit();
  const empty = workbook.addWorksheet(EMPTY);
  if (streaming) empty.commit();
}

async function bookBuffer(date1904 = false) {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = date1904;
  fill(workbook, false);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function streamedBuffer(useSharedStrings: boolean) {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings, useStyles: true });
  fill(workbook, true);
  await workbook.commit();
  return Buffer.concat(chunks);
}

describe('openXlsx on workbooks written by exceljs', () => {
  const cases: [string, () => Promise<Buffer>, boolean][] = [
    ['the book (writeBuffer)', () => bookBuffer(), false],
    ['the book, 1904 date system', () => bookBuffer(true), false],
    ['the streaming writer with shared strings', () => streamedBuffer(true), false],
    // exceljs's streaming reader does not read inline strings, so its book reader is the reference here.
    // exceljs's streaming reader keeps only the last run of inline rich text ("斜" of "粗体 & 斜"), so
    // its book reader is the reference here.
    ['the streaming writer with inline strings', () => streamedBuffer(false), true],
  ];

  it.each(cases)('reads %s as exceljs reads it', async (name, make, byBook) => {
    const data = await make();
    const ours = await readOurs(data);
    expect(ours).toEqual(await (byBook ? readExceljsBook(data) : readExceljs(data)));
    const serial = (n: number) =>
      new Date(Math.round((n - 25569 + (name.includes('1904') ? 1462 : 0)) * 86_400_000));
    // The expectations below hold on the values themselves, not only on agreeing with exceljs.
    const main = ours[MAIN]!;
    expect(main.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 9, 10]);
    expect(main[0]!.values).toEqual(HEADERS);
    expect(main[1]!.values).toEqual(STRINGS);
    expect(main[2]!.values).toEqual(NUMBERS);
    expect(main[3]!.values).toEqual([true, false, 1]);
    expect(main[4]!.values).toEqual([
      utc(2010, 4, 1),
      utc(2023, 11, 31, 23, 59, 58),
      utc(1987, 0, 2),
      1234.5,
      utc(2000, 1, 29),
      45000.25,
      serial(45000.75),
      0.5,
      utc(2024, 6, 1, 12),
    ]);
    expect(main[5]!.values).toEqual([43, 'xy & z', '#N/A', '#DIV/0!', '链接', '粗体 & 斜', 7.5]);
    expect(main[6]!.values).toEqual(['A9', null, null, 'D9', ...Array(22).fill(null), 'AA9']);
    expect(main[7]!.values).toEqual([null, null, 'C10 only']);
    expect(ours[LISTS]).toEqual([
      { number: 1, values: ['困难', '低保'] },
      { number: 2, values: [1, 2, 3] },
    ]);
    expect(ours[EMPTY]).toEqual([]);
  });

  it('gives the sheets in the workbook order with their state', async () => {
    const { sheets } = await openXlsx(await streamedBuffer(true));
    expect(sheets.map((s) => [s.name, s.state])).toEqual([
      [MAIN, 'visible'],
      [LISTS, 'hidden'],
      ['veryHidden', 'veryHidden'],
      [EMPTY, 'visible'],
    ]);
  });

  it('keeps text that looks like an entity as it was typed (exceljs decodes `t="str"` text twice)', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
    const sheet = workbook.addWorksheet('S');
    sheet.addRow(['&amp; stays as typed', '&lt;b&gt;']).commit();
    sheet.commit();
    await workbook.commit();
    const read = await readOurs(Buffer.concat(chunks));
    expect(read.S).toEqual([{ number: 1, values: ['&amp; stays as typed', '&lt;b&gt;'] }]);
  });

  it('reads a sheet again, and a sheet left early, without reading the rest', async () => {
    const { sheets } = await openXlsx(await bookBuffer());
    for await (const row of sheets[0]!.rows()) {
      expect(row.number).toBe(1);
      break;
    }
    const again: number[] = [];
    for await (const row of sheets[0]!.rows()) again.push(row.number);
    expect(again).toEqual([1, 2, 3, 4, 5, 6, 9, 10]);
  });
});

// ——— workbooks written by hand ———

describe('openXlsx on hand-written parts', () => {
  it('numbers rows and cells that have no reference from the ones before them', async () => {
    const rows =
      '<row><c><v>1</v></c><c t="inlineStr"><is><t>x</t></is></c><c r="E1"><v>5</v></c><c/><c><v>7</v></c></row>' +
      '<row r="4" spans="1:2"><c><v>8</v></c></row><row/><row><c t="b"><v>1</v></c><c s="0" t="b"><v>0</v></c></row>';
    const read = await readOurs(zip(handParts([{ name: 'S', rows }])));
    expect(read.S).toEqual([
      { number: 1, values: [1, 'x', null, null, 5, null, 7] },
      { number: 4, values: [8] },
      { number: 5, values: [] },
      { number: 6, values: [true, false] },
    ]);
  });

  it('follows absolute relationship targets, stored entries and entries with a data descriptor', async () => {
    const parts = handParts([{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }], {
      absolute: true,
      shared: `<sst ${MAIN_NS}><si><t>共享</t></si></sst>`,
    });
    const files = parts.map((f, i) => ({ ...f, stored: i % 2 === 0, descriptor: i % 3 === 0 }));
    expect((await readOurs(zip(files))).S).toEqual([{ number: 1, values: [1] }]);
  });

  it('reads shared and inline strings: entities, rich text without phonetic runs, spaces, CDATA', async () => {
    const shared =
      `<?xml version="1.0" encoding="UTF-8"?><sst ${MAIN_NS} count="5" uniqueCount="5">` +
      '<si><t>&amp; &lt; &gt; &quot; &apos; &#123; &#x1F600; 中文</t></si>' +
      '<si><r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t>粗</t></r><r><t xml:space="preserve"> 体 </t></r><rPh sb="0" eb="1"><t>ソ</t></rPh></si>' +
      '<si><t xml:space="preserve">  两端空格  </t></si>' +
      '<si/>' +
      '<si><t><![CDATA[<原样> & ]]></t><!-- 注释 --><t>尾</t></si></sst>';
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
      '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>99</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><r><t>富</t></r><r><t>文本 &#x4E2D;</t></r><rPh><t>x</t></rPh></is></c>' +
      '<c r="B2" t="str"><f>A1</f><v>a &amp;amp; b</v></c><c r="C2" t="e"><v>#REF!</v></c>' +
      '<c r="D2" title="a &gt; b > c" t="str"><v>属性里的 &gt;</v></c></row>';
    const read = await readOurs(zip(handParts([{ name: 'S', rows }], { shared })));
    expect(read.S).toEqual([
      { number: 1, values: ['& < > " \' { 😀 中文', '粗 体 ', '  两端空格  ', '', '<原样> & 尾'] },
      { number: 2, values: ['富文本 中', 'a &amp; b', '#REF!', '属性里的 >'] },
    ]);
  });

  it('reads markup with namespace prefixes, comments and line breaks inside tags', async () => {
    const sheet = `<?xml version="1.0"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <x:sheetData>
    <!-- a comment -->
    <x:row r="2">
      <x:c r="B2"
           t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c>
      <x:c r="C2"><x:v>2.5</x:v></x:c>
    </x:row>
  </x:sheetData>
</x:worksheet>`;
    const parts = handParts([{ name: 'S', rows: '' }]).map((f) =>
      f.name === 'xl/worksheets/sheet1.xml' ? { ...f, data: sheet } : f,
    );
    expect((await readOurs(zip(parts))).S).toEqual([{ number: 2, values: [null, '前缀', 2.5] }]);
  });

  it('reads t="d" cells as ISO dates (UTC without a zone)', async () => {
    const rows =
      '<row r="1"><c t="d"><v>2024-03-05T10:20:30Z</v></c><c t="d"><v>2024-03-05</v></c>' +
      '<c t="d"><v>2024-03-05T10:20:30</v></c><c t="d"><v>2024-03-05T10:20:30+08:00</v></c>' +
      '<c t="d"><v>not a date</v></c></row>';
    expect((await readOurs(zip(handParts([{ name: 'S', rows }])))).S![0]!.values).toEqual([
      utc(2024, 2, 5, 10, 20, 30),
      utc(2024, 2, 5),
      utc(2024, 2, 5, 10, 20, 30),
      utc(2024, 2, 5, 2, 20, 30),
      'not a date',
    ]);
  });

  it('reads dates of the 1904 system', async () => {
    const rows =
      '<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>40000.5</v></c><c r="C1"><v>1</v></c></row>';
    const parts = (date1904: boolean) =>
      zip(handParts([{ name: 'S', rows }], { date1904, styles: styles('', [0, 14]) }));
    expect((await readOurs(parts(true))).S![0]!.values).toEqual([utc(1904, 0, 1), utc(2013, 6, 7, 12), 1]);
    expect(await readOurs(parts(true))).toEqual(await readExceljs(parts(true)));
    expect((await readOurs(parts(false))).S![0]!.values).toEqual([utc(1899, 11, 30), utc(2009, 6, 6, 12), 1]);
  });

  it('tells dates by the number format as exceljs does (CJK built-in ids stay numbers, as in exceljs)', async () => {
    const numFmts =
      '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/>' +
      '<numFmt numFmtId="177" formatCode="#,##0.00_ ;[Red]\\-#,##0.00\\ "/>' +
      '<numFmt numFmtId="178" formatCode="[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"/>' +
      '<numFmt numFmtId="179" formatCode="&quot;合计&quot;0"/>';
    const ids = [0, 14, 22, 31, 57, 45, 49, 176, 177, 178, 179, 4];
    const cells = ids.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i}"><v>40000.25</v></c>`);
    const data = zip(
      handParts([{ name: 'S', rows: `<row r="1">${cells.join('')}</row>` }], {
        styles: styles(numFmts, ids),
      }),
    );
    const ours = await readOurs(data);
    expect(ours).toEqual(await readExceljs(data));
    const date = new Date(Math.round((40000.25 - 25569) * 86_400_000));
    expect(ours.S![0]!.values).toEqual([
      40000.25,
      date,
      date,
      40000.25, // 31: yyyy"年"m"月"d"日" in a Chinese Excel, a number to exceljs
      40000.25, // 57: likewise
      date,
      40000.25,
      date,
      40000.25,
      date,
      40000.25,
      40000.25,
    ]);
  });
});

// ——— files that are refused ———

describe('openXlsx refuses', () => {
  const refusal = (data: Buffer) =>
    openXlsx(data).then(
      () => null,
      (e: unknown) => e,
    );

  it('a file that is not a zip, and an old .xls (or an encrypted .xlsx)', async () => {
    const notZip = await refusal(Buffer.from('职工姓名,公民身份号码\n王建军,1\n'));
    expect(notZip).toBeInstanceOf(XlsxFormatError);
    expect((notZip as Error).message).toBe('无法读取该 Excel 文件：文件不是 .xlsx 格式（不是 ZIP 压缩包）');
    expect((notZip as XlsxFormatError).messageEn).toBe(
      'Cannot read this Excel file: the file is not in .xlsx format (it is not a ZIP archive)',
    );
    const ole = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const old = (await refusal(ole)) as XlsxFormatError;
    expect(old.message).toContain('旧版 .xls');
    expect(old.messageEn).toContain('an old .xls file');
    expect(await refusal(Buffer.alloc(0))).toBeInstanceOf(XlsxFormatError);
  });

  it('a zip without a workbook', async () => {
    const e = await refusal(zip([{ name: 'word/document.xml', data: '<document/>' }]));
    expect(e).toBeInstanceOf(XlsxFormatError);
    expect((e as Error).message).toContain('xl/workbook.xml');
  });

  it('encrypted entries, other compression methods, zip64 and a truncated file', async () => {
    const parts = handParts([{ name: 'S', rows: '<row r="1"><c><v>1</v></c></row>' }]);
    const withSheet = (change: Partial<ZipFile>) =>
      zip(parts.map((f) => (f.name === 'xl/worksheets/sheet1.xml' ? { ...f, ...change } : f)));
    const read = (data: Buffer) =>
      readOurs(data).then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect((await read(withSheet({ flags: 1 })))?.message).toContain('加密');
    expect((await read(withSheet({ method: 12 })))?.message).toContain('不支持的压缩方式（12）');

    const good = zip(parts);
    const zip64 = Buffer.from(good);
    zip64.writeUInt32LE(0xffffffff, zip64.length - 22 + 16);
    expect(((await refusal(zip64)) as Error).message).toContain('ZIP64');

    for (const cut of [good.length - 30, Math.floor(good.length / 2), 40]) {
      const e = await read(good.subarray(0, cut));
      expect(e).toBeInstanceOf(XlsxFormatError);
    }
  });

  it('shared strings that declare too much, or inflate to more than they declare, are refused', async () => {
    const shared = `<sst ${MAIN_NS}>${'<si><t>重复的文字</t></si>'.repeat(20_000)}</sst>`;
    const parts = handParts([{ name: 'S', rows: '<row r="1"><c t="s"><v>0</v></c></row>' }], { shared });
    const withShared = (change: Partial<ZipFile>) =>
      zip(parts.map((f) => (f.name === 'xl/sharedStrings.xml' ? { ...f, ...change } : f)));
    expect(((await refusal(withShared({ declaredSize: 300 * 1024 * 1024 }))) as Error).message).toContain(
      '文字内容过多',
    );
    // Declares 1 KiB, inflates to ~600 KiB: stopped at the first chunk past what it declared.
    expect(await refusal(withShared({ declaredSize: 1024 }))).toBeInstanceOf(XlsxFormatError);
    expect((await readOurs(zip(parts))).S).toEqual([{ number: 1, values: ['重复的文字'] }]);
  });

  it('a sheet whose compressed data is damaged, once it is read there (not before)', async () => {
    const row = (r: number) =>
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>第 ${r} 行 ${r * 7919}</t></is></c></row>`;
    const parts = handParts([
      { name: 'S', rows: Array.from({ length: 50_000 }, (_, i) => row(i + 1)).join('') },
    ]);
    const files = parts.map((f) => {
      if (f.name !== 'xl/worksheets/sheet1.xml') return f;
      const body = deflateRawSync(f.data);
      body.fill(0xff, body.length - 200, body.length - 100);
      return { ...f, body };
    });
    const { sheets } = await openXlsx(zip(files));
    const first: number[] = [];
    for await (const r of sheets[0]!.rows()) {
      first.push(r.number);
      if (first.length === 3) break;
    }
    expect(first).toEqual([1, 2, 3]);
    const readAll = async () => {
      for await (const _ of sheets[0]!.rows());
    };
    await expect(readAll()).rejects.toBeInstanceOf(XlsxFormatError);
  });
});
