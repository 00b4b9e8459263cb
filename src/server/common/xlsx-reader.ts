/**
 * A small streaming reader of .xlsx workbooks (values only: no formats, formulas, merges or comments).
 * The zip's central directory is read from the file's bytes; a worksheet is inflated and tokenised in
 * chunks while its rows are taken, and inflating stops when the caller stops taking them. Shared
 * strings are held (cells point into them); the small parts (workbook, relationships, styles) are
 * read whole. Cell values are those exceljs's streaming reader gives for the same cells, dates included
 * (ADR 0011 lists where they differ).
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { AppError } from './errors';

export type XlsxCell = string | number | boolean | Date | null;
export interface XlsxRow {
  number: number;
  /** `values[0]` is column A; cells that are missing or hold nothing are null. */
  values: XlsxCell[];
}
export type XlsxSheetState = 'visible' | 'hidden' | 'veryHidden';
export interface XlsxSheet {
  name: string;
  state: XlsxSheetState;
  /** Leaving the loop early stops inflating the sheet. */
  rows(): AsyncGenerator<XlsxRow>;
}
export interface XlsxWorkbook {
  /** In the workbook's order (the order of the tabs). */
  sheets: XlsxSheet[];
}

/** Why a file cannot be read, in Chinese (what users read) and in English. */
interface Reason {
  zh: string;
  en: string;
}

/**
 * The file is not an .xlsx workbook this reader can read; the message says why, in Chinese and in
 * English. An AppError: a job that stops on it shows its owner the message.
 */
export class XlsxFormatError extends AppError {
  constructor(reason: Reason) {
    super(
      'XLSX_UNREADABLE',
      400,
      `无法读取该 Excel 文件：${reason.zh}`,
      `Cannot read this Excel file: ${reason.en}`,
    );
    this.name = 'XlsxFormatError';
  }
}

const CHUNK = 64 * 1024;
/** The workbook, its relationships and styles are inflated whole; none is near this size. */
const SMALL_PART_LIMIT = 32 * 1024 * 1024;
/** Markup carried from one chunk to the next (an unfinished tag or cell text) never grows past this. */
const CARRY_LIMIT = 4 * 1024 * 1024;
/**
 * Shared strings are held whole (cells point into them): a part declaring more than this is refused
 * before it is inflated, and no part may inflate to more than it declares — a small upload cannot
 * become gigabytes in memory. A 100,000-household template file has ~15 MiB of them.
 */
const SHARED_STRINGS_LIMIT = 256 * 1024 * 1024;
const DAMAGED: Reason = {
  zh: '文件已损坏或不完整，请在 Excel 中重新保存后再上传',
  en: 'the file is damaged or incomplete; save it again in Excel and upload it again',
};
const ZIP64: Reason = {
  zh: '不支持 ZIP64 格式的压缩包',
  en: 'ZIP64 archives are not supported',
};

export async function openXlsx(data: Buffer): Promise<XlsxWorkbook> {
  const zip = new Zip(data);
  const root = relationships(zip, '');
  const workbookPath = root.find((r) => r.type === 'officeDocument')?.path ?? 'xl/workbook.xml';
  const workbookXml = zip.smallPart(workbookPath);
  if (workbookXml === undefined)
    throw new XlsxFormatError({
      zh: `缺少工作簿（${workbookPath}），不是有效的 .xlsx 文件`,
      en: `the workbook (${workbookPath}) is missing; this is not a valid .xlsx file`,
    });
  const rels = relationships(zip, workbookPath);
  const relPath = (type: string) => rels.find((r) => r.type === type)?.path;

  let date1904 = false;
  const listed: { name: string; state: XlsxSheetState; rid: string }[] = [];
  for (const e of elements(workbookXml)) {
    if (e.name === 'workbookPr') date1904 = e.attrs.date1904 === '1' || e.attrs.date1904 === 'true';
    else if (e.name === 'sheet' && e.parent === 'sheets') {
      const state = e.attrs.state === 'hidden' || e.attrs.state === 'veryHidden' ? e.attrs.state : 'visible';
      listed.push({ name: e.attrs.name ?? '', state, rid: e.attrs.id ?? '' });
    }
  }
  const stylesXml = zip.smallPart(relPath('styles') ?? 'xl/styles.xml');
  const dateStyles = stylesXml === undefined ? [] : dateStylesOf(stylesXml);
  const sharedPath = relPath('sharedStrings') ?? 'xl/sharedStrings.xml';
  if ((zip.declaredSize(sharedPath) ?? 0) > SHARED_STRINGS_LIMIT)
    throw new XlsxFormatError({
      zh: '文件中的文字内容过多（超过 256 MB），请拆分成几个文件分别导入',
      en: 'the file holds too much text (over 256 MB); split it into several files and import them one by one',
    });
  const shared = zip.has(sharedPath) ? await sharedStrings(zip, sharedPath) : [];

  const sheets = listed.map(({ name, state, rid }): XlsxSheet => {
    const path = rels.find((r) => r.id === rid)?.path;
    if (path === undefined || !zip.has(path))
      throw new XlsxFormatError({
        zh: `工作表“${name}”的内容缺失，${DAMAGED.zh}`,
        en: `the content of the sheet “${name}” is missing: ${DAMAGED.en}`,
      });
    return { name, state, rows: () => sheetRows(zip, path, new SheetMarkup(shared, dateStyles, date1904)) };
  });
  return { sheets };
}

async function* sheetRows(zip: Zip, path: string, markup: SheetMarkup): AsyncGenerator<XlsxRow> {
  for await (const _ of zip.scan(path, markup)) {
    const rows = markup.rows;
    markup.rows = [];
    yield* rows;
    if (markup.ended) return;
  }
}

async function sharedStrings(zip: Zip, path: string): Promise<string[]> {
  const markup = new SharedStringsMarkup();
  for await (const _ of zip.scan(path, markup)) {
    // the markup collects the strings
  }
  return markup.strings;
}

// ——— zip ———

interface ZipEntry {
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Part names are compared as OPC compares them: without a leading slash, case-insensitively. */
const partKey = (name: string) => name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();

class Zip {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly data: Buffer) {
    // An OLE compound file: an old .xls, or an .xlsx saved with a password (Excel encrypts it into one).
    if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0 && data.readUInt32BE(4) === 0xa1b11ae1)
      throw new XlsxFormatError({
        zh: '这是旧版 .xls 文件或设置了打开密码的文件，请在 Excel 中另存为 .xlsx（不设密码）后再上传',
        en: 'this is an old .xls file or a file protected by a password; save it in Excel as .xlsx (without a password) and upload it again',
      });
    // The central directory, not the local headers: entries written with a data descriptor have
    // their sizes only there.
    let eocd = -1;
    for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
      if (data.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0)
      throw new XlsxFormatError({
        zh: '文件不是 .xlsx 格式（不是 ZIP 压缩包）',
        en: 'the file is not in .xlsx format (it is not a ZIP archive)',
      });
    const count = data.readUInt16LE(eocd + 10);
    const directorySize = data.readUInt32LE(eocd + 12);
    const directoryOffset = data.readUInt32LE(eocd + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
      throw new XlsxFormatError(ZIP64);
    if (directoryOffset + directorySize > eocd) throw new XlsxFormatError(DAMAGED);
    let p = directoryOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > eocd || data.readUInt32LE(p) !== 0x02014b50) throw new XlsxFormatError(DAMAGED);
      const nameLength = data.readUInt16LE(p + 28);
      const name = data.toString('utf8', p + 46, p + 46 + nameLength);
      this.entries.set(partKey(name), {
        flags: data.readUInt16LE(p + 8),
        method: data.readUInt16LE(p + 10),
        compressedSize: data.readUInt32LE(p + 20),
        size: data.readUInt32LE(p + 24),
        offset: data.readUInt32LE(p + 42),
      });
      p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    }
  }

  has(path: string) {
    return this.entries.has(partKey(path));
  }

  /** The size the zip's directory declares for a part once inflated. */
  declaredSize(path: string): number | undefined {
    return this.entries.get(partKey(path))?.size;
  }

  /** The entry's stored bytes (a view of the file, not a copy). */
  private stored(path: string): { entry: ZipEntry; bytes: Buffer } | undefined {
    const entry = this.entries.get(partKey(path));
    if (!entry) return undefined;
    if (entry.flags & 1)
      throw new XlsxFormatError({
        zh: '文件已加密，请取消密码后再上传',
        en: 'the file is encrypted; remove the password and upload it again',
      });
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.offset === 0xffffffff)
      throw new XlsxFormatError(ZIP64);
    if (entry.method !== 0 && entry.method !== 8)
      throw new XlsxFormatError({
        zh: `不支持的压缩方式（${entry.method}），请在 Excel 中重新保存后再上传`,
        en: `unsupported compression method (${entry.method}); save the file again in Excel and upload it again`,
      });
    const p = entry.offset;
    if (p + 30 > this.data.length || this.data.readUInt32LE(p) !== 0x04034b50)
      throw new XlsxFormatError(DAMAGED);
    const start = p + 30 + this.data.readUInt16LE(p + 26) + this.data.readUInt16LE(p + 28);
    const end = start + entry.compressedSize;
    if (end > this.data.length) throw new XlsxFormatError(DAMAGED);
    return { entry, bytes: this.data.subarray(start, end) };
  }

  /** A small part's bytes (UTF-8), inflated whole; undefined when the zip has no such part. */
  smallPart(path: string): Buffer | undefined {
    const part = this.stored(path);
    if (!part) return undefined;
    let bytes = part.bytes;
    if (part.entry.method === 8) {
      try {
        bytes = inflateRawSync(bytes, { maxOutputLength: SMALL_PART_LIMIT });
      } catch {
        throw new XlsxFormatError(DAMAGED);
      }
    }
    const utf16 = utf16Decoder(bytes);
    return utf16 ? Buffer.from(utf16.decode(bytes), 'utf8') : bytes;
  }

  /** Inflated chunks of a part, never the whole part at once. */
  private async *chunks(path: string): AsyncGenerator<Buffer> {
    const part = this.stored(path);
    if (!part) return;
    const { entry, bytes } = part;
    if (entry.method === 0) {
      for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
      return;
    }
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    inflater.end(bytes);
    let size = 0;
    try {
      // Returning from this loop (the caller left early) destroys the inflater.
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        size += chunk.length;
        // More than declared: damaged, or a bomb — stop before holding any more of it.
        if (size > entry.size) throw new XlsxFormatError(DAMAGED);
        yield chunk;
      }
    } catch {
      throw new XlsxFormatError(DAMAGED);
    }
    if (size !== entry.size) throw new XlsxFormatError(DAMAGED);
  }

  /** Feeds a part to `markup` chunk by chunk, pausing (a `yield`) after each chunk. */
  async *scan(path: string, markup: Markup): AsyncGenerator<void> {
    let utf16: TextDecoder | null | undefined;
    let carry: Buffer | null = null;
    for await (const chunk of this.chunks(path)) {
      if (utf16 === undefined) utf16 = utf16Decoder(chunk);
      let bytes = utf16 ? Buffer.from(utf16.decode(chunk, { stream: true }), 'utf8') : chunk;
      if (carry) bytes = Buffer.concat([carry, bytes]);
      const used = scan(bytes, markup);
      carry = used < bytes.length ? bytes.subarray(used) : null;
      if (carry && carry.length > CARRY_LIMIT) throw new XlsxFormatError(DAMAGED);
      yield;
    }
    if (carry) throw new XlsxFormatError(DAMAGED);
  }
}

/** Excel writes UTF-8; a part in UTF-16 (it starts with a byte order mark) is converted to it. */
function utf16Decoder(bytes: Buffer) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be');
  return null;
}

// ——— markup ———

/**
 * What `scan` tells about the markup it walks through. It works on UTF-8 bytes: markup is ASCII, and
 * no byte of a multi-byte character is `<`, so text is cut only between characters. Names are local
 * names (any prefix dropped), given as byte ranges.
 */
interface Markup {
  /** While true, the text between tags is passed to `text`; otherwise it is skipped unread. */
  capturing: boolean;
  /** The tag's name is `b[name, nameEnd)`, its attributes lie in `b[nameEnd, end)`. */
  open(b: Buffer, name: number, nameEnd: number, end: number, selfClosing: boolean): void;
  close(b: Buffer, name: number, nameEnd: number): void;
  /** Text `b[from, to)`: XML text (entities not yet replaced), or a CDATA section's content. */
  text(b: Buffer, from: number, to: number, cdata: boolean): void;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const COLON = 58;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const MINUS = 45;
const CHAR_C = 99;
const CHAR_R = 114;
const CHAR_S = 115;
const CHAR_T = 116;
const CHAR_V = 118;

/**
 * Walks the complete markup at the start of `b` and returns where the unfinished rest begins (a tag cut
 * by the chunk's end, or text still being captured); the caller puts that rest before the next chunk.
 * Text is passed on only up to a `<`, so an entity is never cut in two.
 */
function scan(b: Buffer, m: Markup): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    let lt = i;
    while (lt < n && b[lt] !== LT) lt++;
    if (lt === n) return m.capturing ? i : n;
    if (lt > i && m.capturing) m.text(b, i, lt, false);
    if (lt + 1 === n) return lt;
    const next = b[lt + 1];
    if (next === SLASH) {
      let name = lt + 2;
      let end = name;
      for (; end < n; end++) {
        const c = b[end]!;
        if (c === GT || c <= 32) break;
        if (c === COLON) name = end + 1;
      }
      let gt = end;
      while (gt < n && b[gt] !== GT) gt++;
      if (gt === n) return lt;
      m.close(b, name, end);
      i = gt + 1;
    } else if (next === QUESTION) {
      const end = b.indexOf('?>', lt + 2);
      if (end === -1) return lt;
      i = end + 2;
    } else if (next === BANG) {
      if (n - lt < 4) return lt;
      if (isName(b, lt + 2, lt + 4, '--')) {
        const end = b.indexOf('-->', lt + 4);
        if (end === -1) return lt;
        i = end + 3;
      } else if (n - lt < 9) return lt;
      else if (isName(b, lt + 2, lt + 9, '[CDATA[')) {
        const end = b.indexOf(']]>', lt + 9);
        if (end === -1) return lt;
        if (m.capturing) m.text(b, lt + 9, end, true);
        i = end + 3;
      } else
        throw new XlsxFormatError({
          zh: '文件中含有不支持的 XML 声明（DOCTYPE）',
          en: 'the file contains an unsupported XML declaration (DOCTYPE)',
        });
    } else {
      let name = lt + 1;
      let end = name;
      for (; end < n; end++) {
        const c = b[end]!;
        if (c === GT || c === SLASH || c <= 32) break;
        if (c === COLON) name = end + 1;
      }
      // Most tags in a sheet have no attributes (`<v>`): the name ends at the `>`.
      const gt = b[end] === GT ? end : tagEnd(b, end);
      if (gt === -1 || end === n) return lt;
      const selfClosing = b[gt - 1] === SLASH;
      m.open(b, name, end, selfClosing ? gt - 1 : gt, selfClosing);
      i = gt + 1;
    }
  }
  return n;
}

/** The `>` that ends the tag starting at `from`, or -1; a `>` inside a quoted value does not. */
function tagEnd(b: Buffer, from: number): number {
  const n = b.length;
  for (let i = from; i < n; i++) {
    const c = b[i];
    if (c === GT) return i;
    if (c === DQUOTE || c === SQUOTE) {
      i++;
      while (i < n && b[i] !== c) i++;
    }
  }
  return -1;
}

function isName(b: Buffer, from: number, to: number, word: string) {
  if (to - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[from + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Attributes by local name (`r:id` → `id`), values decoded. */
function attributesOf(b: Buffer, from: number, to: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  let p = from;
  for (;;) {
    let eq = p;
    while (eq < to && b[eq] !== EQUALS) eq++;
    if (eq >= to) return attrs;
    let q = eq + 1;
    while (q < to && b[q]! <= 32) q++;
    const quote = b[q];
    if (quote !== DQUOTE && quote !== SQUOTE) return attrs;
    let close = q + 1;
    while (close < to && b[close] !== quote) close++;
    if (close >= to) return attrs;
    const name = b.toString('latin1', p, eq).trim();
    attrs[name.slice(name.lastIndexOf(':') + 1)] = textAt(b, q + 1, close, false);
    p = close + 1;
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function replaceEntity(
  match: string,
  hex: string | undefined,
  dec: string | undefined,
  name: string | undefined,
) {
  if (name) return NAMED_ENTITIES[name]!;
  const code = hex ? Number.parseInt(hex, 16) : Number(dec);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

/** XML text as its reader sees it: line ends as `\n`, entities and character references replaced. */
function textAt(b: Buffer, from: number, to: number, cdata: boolean): string {
  let text = b.toString('utf8', from, to);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (!cdata && text.includes('&'))
    text = text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, replaceEntity);
  return text;
}

/** `Number(text)` of `b[from, to)`, with plain integers read straight from the bytes. */
function numberAt(b: Buffer, from: number, to: number): number {
  let i = from;
  const negative = b[i] === MINUS;
  if (negative) i++;
  // Up to 15 digits the value is exact, as Number() reads it.
  if (i < to && to - i <= 15) {
    let value = 0;
    for (; i < to; i++) {
      const digit = b[i]! - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === to) return negative ? -value : value;
  }
  const text = b.toString('latin1', from, to);
  return text.trim() === '' ? Number.NaN : Number(text);
}

interface Element {
  name: string;
  parent: string | undefined;
  attrs: Record<string, string>;
}

/** Every element of a small part, with its attributes and its parent's name (no text). */
function elements(xml: Buffer): Element[] {
  const list: Element[] = [];
  const stack: string[] = [];
  const markup: Markup = {
    capturing: false,
    open(b, name, nameEnd, end, selfClosing) {
      const local = b.toString('latin1', name, nameEnd);
      list.push({ name: local, parent: stack.at(-1), attrs: attributesOf(b, nameEnd, end) });
      if (!selfClosing) stack.push(local);
    },
    close() {
      stack.pop();
    },
    text() {},
  };
  if (scan(xml, markup) < xml.length) throw new XlsxFormatError(DAMAGED);
  return list;
}

interface Relationship {
  id: string;
  /** The last segment of the type's URI (`worksheet`, `styles`…), the same in transitional and strict files. */
  type: string;
  path: string;
}

/** The relationships of a part (`''` for the package), their targets resolved to part names. */
function relationships(zip: Zip, source: string): Relationship[] {
  const slash = source.lastIndexOf('/');
  const dir = source.slice(0, slash + 1);
  const xml = zip.smallPart(`${dir}_rels/${source.slice(slash + 1)}.rels`);
  if (xml === undefined) return [];
  return elements(xml)
    .filter((e) => e.name === 'Relationship' && e.attrs.TargetMode !== 'External')
    .map((e) => ({
      id: e.attrs.Id ?? '',
      type: (e.attrs.Type ?? '').slice((e.attrs.Type ?? '').lastIndexOf('/') + 1),
      path: resolvePart(dir, e.attrs.Target ?? ''),
    }));
}

function resolvePart(dir: string, target: string) {
  const parts: string[] = [];
  for (const segment of (target.startsWith('/') ? target : dir + target).split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

// ——— styles and dates ———

/**
 * Built-in number formats that are dates, as exceljs has them (14–22, 45–47). exceljs knows no format
 * code for the locale-dependent ids (27–36, 50–58: the CJK dates), so it reads their cells as numbers;
 * so does this reader.
 */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs's test: any of y m d h M s b outside quoted text and [brackets] (escapes already removed). */
function isDateFormat(code: string) {
  const bare = code
    .replace(/\\(.)/g, '$1')
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** For each cell style (index of `cellXfs`), whether its number format is a date. */
function dateStylesOf(xml: Buffer): boolean[] {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  for (const e of elements(xml)) {
    if (e.name === 'numFmt' && e.parent === 'numFmts')
      custom.set(Number(e.attrs.numFmtId), e.attrs.formatCode ?? '');
    else if (e.name === 'xf' && e.parent === 'cellXfs') ids.push(Number(e.attrs.numFmtId ?? 0));
  }
  return ids.map((id) => {
    const code = custom.get(id);
    return code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(code);
  });
}

/** exceljs's conversion of a serial number to a Date (the serial read as UTC). */
function serialToDate(serial: number, date1904: boolean) {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A `t="d"` cell: ISO 8601 text; without a zone it is read as UTC, as serial numbers are. */
function isoToDate(text: string): Date | string {
  let iso = text;
  if (/^\d\d:\d\d/.test(iso)) iso = `1899-12-30T${iso}`;
  if (iso.includes('T') && !/(Z|[+-]\d\d:?\d\d)$/.test(iso)) iso += 'Z';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? text : date;
}

// ——— shared strings and sheets ———

class SharedStringsMarkup implements Markup {
  capturing = false;
  readonly strings: string[] = [];
  private current = '';
  private inItem = false;
  private inPhonetic = false;

  open(b: Buffer, name: number, nameEnd: number, _end: number, selfClosing: boolean) {
    if (isName(b, name, nameEnd, 'si')) {
      if (selfClosing) this.strings.push('');
      else {
        this.inItem = true;
        this.current = '';
      }
    } else if (isName(b, name, nameEnd, 't'))
      this.capturing = this.inItem && !this.inPhonetic && !selfClosing;
    // Phonetic runs (furigana) are not part of the text.
    else if (isName(b, name, nameEnd, 'rPh')) this.inPhonetic = !selfClosing;
  }

  close(b: Buffer, name: number, nameEnd: number) {
    if (isName(b, name, nameEnd, 't')) this.capturing = false;
    else if (isName(b, name, nameEnd, 'rPh')) this.inPhonetic = false;
    else if (isName(b, name, nameEnd, 'si')) {
      this.strings.push(this.current);
      this.inItem = false;
    }
  }

  text(b: Buffer, from: number, to: number, cdata: boolean) {
    this.current += textAt(b, from, to, cdata);
  }
}

/** A cell's type (its `t`): `n` (the default), `s`, `str`, `inlineStr`, `b`, `e` or `d`. */
type CellType = 'number' | 'shared' | 'text' | 'inline' | 'boolean' | 'error' | 'date';

function cellTypeAt(b: Buffer, from: number, to: number): CellType {
  if (to - from === 1) {
    const c = b[from];
    if (c === CHAR_S) return 'shared';
    if (c === 98) return 'boolean';
    if (c === 101) return 'error';
    if (c === 100) return 'date';
    return 'number';
  }
  if (isName(b, from, to, 'str')) return 'text';
  if (isName(b, from, to, 'inlineStr')) return 'inline';
  return 'number';
}

class SheetMarkup implements Markup {
  capturing = false;
  /** Rows completed since the caller last took them. */
  rows: XlsxRow[] = [];
  /** `</sheetData>` seen: nothing after it is read. */
  ended = false;
  private inData = false;
  private row: XlsxRow | null = null;
  private rowNumber = 0;
  private rowStyle = -1;
  private inCell = false;
  private column = -1;
  private type: CellType = 'number';
  private style = -1;
  /** The `<v>` element was present. */
  private hasValue = false;
  /** Its text: usually one piece, kept as a byte range; text in several pieces is joined as a string. */
  private valueBytes: Buffer | null = null;
  private valueFrom = 0;
  private valueTo = 0;
  private valueString = '';
  /** The text of an inline string (`<is>`), null when the cell has none. */
  private inline: string | null = null;
  private inInline = false;
  private inPhonetic = false;
  /** Where the one-letter attributes `r`, `s` and `t` of the tag just read are (-1 when absent). */
  private rFrom = -1;
  private rTo = -1;
  private sFrom = -1;
  private sTo = -1;
  private tFrom = -1;
  private tTo = -1;
  constructor(
    private readonly shared: string[],
    private readonly dateStyles: boolean[],
    private readonly date1904: boolean,
  ) {}

  open(b: Buffer, name: number, nameEnd: number, end: number, selfClosing: boolean) {
    if (nameEnd - name === 1) {
      const c = b[name];
      if (c === CHAR_C) {
        if (this.row) this.openCell(b, nameEnd, end, selfClosing);
      } else if (c === CHAR_V) {
        if (this.inCell) {
          this.hasValue = true;
          this.capturing = !selfClosing;
        }
      } else if (c === CHAR_T) {
        if (this.inInline && !this.inPhonetic && !selfClosing) this.capturing = true;
      }
    } else if (isName(b, name, nameEnd, 'row')) {
      if (this.inData) this.openRow(b, nameEnd, end, selfClosing);
    } else if (isName(b, name, nameEnd, 'is')) {
      if (this.inCell) {
        this.inline ??= '';
        this.inInline = !selfClosing;
      }
    } else if (isName(b, name, nameEnd, 'rPh')) this.inPhonetic = !selfClosing;
    else if (isName(b, name, nameEnd, 'sheetData')) {
      this.inData = !selfClosing;
      this.ended = selfClosing;
    }
  }

  close(b: Buffer, name: number, nameEnd: number) {
    if (nameEnd - name === 1) {
      const c = b[name];
      if (c === CHAR_V || c === CHAR_T) this.capturing = false;
      else if (c === CHAR_C) this.closeCell();
    } else if (isName(b, name, nameEnd, 'row')) {
      if (this.row) this.rows.push(this.row);
      this.row = null;
    } else if (isName(b, name, nameEnd, 'is')) this.inInline = false;
    else if (isName(b, name, nameEnd, 'rPh')) this.inPhonetic = false;
    else if (isName(b, name, nameEnd, 'sheetData')) {
      this.inData = false;
      this.ended = true;
    }
  }

  text(b: Buffer, from: number, to: number, cdata: boolean) {
    if (this.inInline) this.inline += textAt(b, from, to, cdata);
    else if (!this.valueBytes && !this.valueString && !cdata) {
      this.valueBytes = b;
      this.valueFrom = from;
      this.valueTo = to;
    } else {
      this.valueString = this.valueText() + textAt(b, from, to, cdata);
      this.valueBytes = null;
    }
  }

  /** `attributesOf` for the one-letter names only (a prefix aside), without building an object: every cell. */
  private readAttributes(b: Buffer, from: number, to: number) {
    this.rFrom = this.sFrom = this.tFrom = -1;
    let p = from;
    for (;;) {
      let eq = p;
      while (eq < to && b[eq] !== EQUALS) eq++;
      if (eq >= to) return;
      let q = eq + 1;
      while (q < to && b[q]! <= 32) q++;
      const quote = b[q];
      if (quote !== DQUOTE && quote !== SQUOTE) return;
      let close = q + 1;
      while (close < to && b[close] !== quote) close++;
      if (close >= to) return;
      let nameEnd = eq;
      while (nameEnd > p && b[nameEnd - 1]! <= 32) nameEnd--;
      const before = b[nameEnd - 2]!;
      if (nameEnd - 1 > p && (before <= 32 || before === COLON)) {
        const key = b[nameEnd - 1];
        if (key === CHAR_R) {
          this.rFrom = q + 1;
          this.rTo = close;
        } else if (key === CHAR_S) {
          this.sFrom = q + 1;
          this.sTo = close;
        } else if (key === CHAR_T) {
          this.tFrom = q + 1;
          this.tTo = close;
        }
      }
      p = close + 1;
    }
  }

  private openRow(b: Buffer, from: number, to: number, selfClosing: boolean) {
    this.readAttributes(b, from, to);
    this.rowNumber = this.rFrom >= 0 ? numberAt(b, this.rFrom, this.rTo) : this.rowNumber + 1;
    this.rowStyle = this.sFrom >= 0 ? numberAt(b, this.sFrom, this.sTo) : -1;
    this.column = -1;
    this.row = { number: this.rowNumber, values: [] };
    if (selfClosing) {
      this.rows.push(this.row);
      this.row = null;
    }
  }

  private openCell(b: Buffer, from: number, to: number, selfClosing: boolean) {
    this.readAttributes(b, from, to);
    const column = this.rFrom >= 0 ? columnAt(b, this.rFrom, this.rTo) : -1;
    this.column = column >= 0 ? column : this.column + 1;
    this.style = this.sFrom >= 0 ? numberAt(b, this.sFrom, this.sTo) : -1;
    this.type = this.tFrom >= 0 ? cellTypeAt(b, this.tFrom, this.tTo) : 'number';
    this.hasValue = false;
    this.valueBytes = null;
    this.valueString = '';
    this.inline = null;
    this.inCell = true;
    if (selfClosing) this.closeCell();
  }

  private closeCell() {
    const row = this.row;
    if (!row || !this.inCell) return;
    this.inCell = false;
    const value = this.cellValue();
    const values = row.values;
    const column = this.column;
    if (column < values.length) values[column] = value;
    else {
      while (values.length < column) values.push(null);
      values.push(value);
    }
  }

  private valueText() {
    const b = this.valueBytes;
    return b ? textAt(b, this.valueFrom, this.valueTo, false) : this.valueString;
  }

  private valueNumber() {
    const b = this.valueBytes;
    if (b) return numberAt(b, this.valueFrom, this.valueTo);
    return this.valueString.trim() === '' ? Number.NaN : Number(this.valueString);
  }

  private cellValue(): XlsxCell {
    if (!this.hasValue) return this.inline;
    switch (this.type) {
      case 'shared':
        return this.shared[this.valueNumber()] ?? null;
      case 'inline':
        return this.inline ?? this.valueText();
      case 'text':
      case 'error':
        return this.valueText();
      case 'boolean': {
        const text = this.valueText().trim();
        return text === '' ? null : text === '1' || text === 'true';
      }
      case 'date': {
        const text = this.valueText().trim();
        return text === '' ? null : isoToDate(text);
      }
    }
    const number = this.valueNumber();
    if (Number.isNaN(number)) {
      const text = this.valueText();
      return text.trim() === '' ? null : text;
    }
    const style = this.style >= 0 ? this.style : this.rowStyle >= 0 ? this.rowStyle : 0;
    return this.dateStyles[style] ? serialToDate(number, this.date1904) : number;
  }
}

/** The 0-based column of a reference such as `AB12` (its letters); -1 if it has none. */
function columnAt(b: Buffer, from: number, to: number) {
  let column = 0;
  let i = from;
  for (; i < to; i++) {
    const c = b[i]! | 32; // lower case
    if (c < 97 || c > 122) break;
    column = column * 26 + (c - 96);
  }
  return i === from ? -1 : column - 1;
}
