import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../common/dates';
import { residentIdCheckChar } from '../../common/identifiers';
import { createCityPolicy, makeJiangdongOrgs, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { signal } from '../../testing/signal';
import { verifyAuditChain } from '../audit/audit.usecases';
import { MAIN_COLUMNS, MEMBER_COLUMNS } from './households.excel-format';
import { exportRevealEntries } from './households.export';
import type { ImportResult } from './households.import';
import { householdIdClaims } from './households.table';
import { ID_PURPOSE } from './households.usecases';

let t: TestContext;
let admin: Session;
let unit: { id: string; name: string };
let directUnit: { id: string; name: string };
let town: { id: string; name: string };
let district: { id: string; name: string };
let westUnit: { id: string; name: string };
let unitUscc: string;
let officer: Session;
let reviewer: Session;
let westOfficer: Session;

/** A valid resident ID number, different on every call. */
const newId = residentIds();
/** The same number with a wrong check character. */
const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', 'Admin@12345');
  await createCityPolicy(t);
  const jiangdong = await makeJiangdongOrgs(t);
  ({ town, unit, district } = jiangdong);
  directUnit = await t.makeOrg(jiangdong.district.id, 'grassroots', '江东区人民医院工会');
  const westTown = await t.makeOrg(jiangdong.west.id, 'township');
  westUnit = await t.makeOrg(westTown.id, 'grassroots', '江北机械厂工会');
  const org = (await admin.request({ method: 'GET', url: `/api/orgs/${unit.id}` })).json();
  unitUscc = org.uscc;
  officer = await t.loginNewUser(jiangdong.district.id, ['officer']);
  reviewer = await t.loginNewUser(jiangdong.district.id, ['reviewer']);
  westOfficer = await t.loginNewUser(westUnit.id, ['officer']);
});
afterAll(() => t.close());

// ——— helpers ———

type Cells = Record<string, string | number | null>;

/** A workbook laid out like the template (sheet names and headers), built as a user would fill it. */
async function workbook(rows: Cells[], members: Cells[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, columns, data] of [
    ['困难职工', MAIN_COLUMNS, rows],
    ['家庭成员', MEMBER_COLUMNS, members],
  ] as const) {
    const sheet = wb.addWorksheet(name);
    sheet.columns = columns.map((c) => ({
      key: c.key,
      header: c.header,
      style: c.kind === 'id' ? { numFmt: '@' } : {},
    }));
    for (const row of data) sheet.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----BangfuBoundary${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
    );
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

interface JobView {
  id: string;
  status: string;
  result: ImportResult & {
    fileName: string;
    rowCount: number;
  };
  errors: { row: number; sheet: string; column: string; message: string; messageEn?: string }[];
  /** Why a failed job failed. */
  message: string | null;
  messageEn: string | null;
  done: number;
  total: number;
}

async function finished(session: Session, jobId: string): Promise<JobView> {
  await t.deps.jobs.idle();
  const res = await session.request({ method: 'GET', url: `/api/jobs/${jobId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function importFile(session: Session, data: Buffer, mode: string, name = '困难职工.xlsx') {
  const res = await session.request({
    method: 'POST',
    url: '/api/households/import',
    ...multipart({ mode }, { name, data }),
  });
  expect(res.statusCode, res.body).toBe(202);
  const job = await finished(session, res.json().id);
  expect(job.status, JSON.stringify(job)).toBe('succeeded');
  return job;
}

async function countNamed(prefix: string) {
  const res = await admin.request({ method: 'GET', url: `/api/households?q=${encodeURIComponent(prefix)}` });
  return res.json().total as number;
}

function good(prefix: string, n: number, over: Cells = {}): Cells {
  return {
    name: `${prefix}${String(n).padStart(2, '0')}`,
    idNumber: newId(),
    phone: '13805711234',
    employer: unit.name,
    job: '挡车工',
    memberSince: '2010-05-01',
    address: '江东区望江路 1 号',
    bankAccount: '6222021234567890123',
    wages: 21600,
    causes: '患病、子女就学',
    situation: '妻子患病',
    ...over,
  };
}

async function download(session: Session, fileId: string) {
  const res = await session.request({ method: 'GET', url: `/api/files/${fileId}/content` });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

// ——— template ———

describe('import template', () => {
  it('downloads a real workbook with Chinese headers, dropdowns, an example row and text-formatted IDs', async () => {
    const res = await officer.request({ method: 'GET', url: '/api/households/import/template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填写说明', '困难职工', '家庭成员', '选项']);
    expect(wb.getWorksheet('选项')!.state).toBe('hidden');
    expect(String(wb.getWorksheet('填写说明')!.getCell('A1').value)).toContain('导入说明');

    const main = wb.getWorksheet('困难职工')!;
    const headers = (main.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(MAIN_COLUMNS.map((c) => c.header));
    expect(headers).toContain('公民身份号码');
    expect(headers).toContain('所在基层工会（统一社会信用代码或单位全称）');
    expect(main.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (key: string) => MAIN_COLUMNS.findIndex((c) => c.key === key) + 1;
    expect(main.getColumn(col('idNumber')).numFmt).toBe('@');
    expect(main.getColumn(col('bankAccount')).numFmt).toBe('@');
    expect(main.getColumn(col('employer')).width).toBeGreaterThan(30);
    // Example row: a valid ID, stored as text.
    const exampleId = main.getRow(2).getCell(col('idNumber')).value;
    expect(typeof exampleId).toBe('string');
    expect(exampleId).toMatch(/^\d{17}[\dX]$/);
    expect(main.getCell(2, col('causes')).dataValidation).toMatchObject({ type: 'list' });

    const members = wb.getWorksheet('家庭成员')!;
    expect((members.getRow(1).values as unknown[]).slice(1)).toEqual(MEMBER_COLUMNS.map((c) => c.header));
    const mcol = (key: string) => MEMBER_COLUMNS.findIndex((c) => c.key === key) + 1;
    expect(members.getCell(2, mcol('relation')).dataValidation).toMatchObject({ type: 'list' });
    expect(members.getCell(2, mcol('health')).dataValidation).toMatchObject({ type: 'list' });
    expect(members.getRow(2).getCell(mcol('employeeId')).value).toBe(exampleId);
    const relationList = members.getCell(50, mcol('relation')).dataValidation.formulae?.[0] as string;
    const [, letter] = /!\$([A-Z])\$2/.exec(relationList)!;
    expect(wb.getWorksheet('选项')!.getCell(`${letter}2`).value).toBe('配偶');
  });

  it('is refused to a user who cannot write households', async () => {
    const res = await reviewer.request({ method: 'GET', url: '/api/households/import/template' });
    expect(res.statusCode).toBe(403);
  });

  it('the template itself imports (its example row is a valid household)', async () => {
    const res = await officer.request({ method: 'GET', url: '/api/households/import/template' });
    const job = await importFile(officer, res.rawPayload, 'all_or_nothing', '模板.xlsx');
    expect(job.result).toMatchObject({ imported: 1, failed: 0 });
    expect(await countNamed('张建国')).toBe(1);
  });
});

// ——— import ———

/** 20 rows: 8 good (one with two family members) and 12 bad, each for a different reason. */
async function mixedFile(prefix: string) {
  const existing = newId();
  const created = await officer.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: directUnit.id,
      name: `${prefix}已有`,
      idNumber: existing,
      incomes: [{ kind: 'wages', annualFen: 1_000_000 }],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const dupId = newId();
  const withFamily = newId();
  const wrongFamily = newId();
  const rows: Cells[] = [
    good(prefix, 1),
    good(prefix, 2, { idNumber: badChecksum(newId()) }), // bad check character
    good(prefix, 3, { employer: unitUscc }),
    good(prefix, 4, { idNumber: '330102800101001' }), // 15-digit legacy number
    good(prefix, 5, { employer: directUnit.name }),
    good(prefix, 6, { employer: westUnit.name }), // another district: unknown here
    good(prefix, 7, { idNumber: dupId }),
    good(prefix, 8, { idNumber: dupId }), // same person twice in the file
    good(prefix, 9, { idNumber: existing }), // already holds a live archive
    good(prefix, 10, { idNumber: withFamily, householdSize: 3 }),
    good(prefix, 11, { wages: -100 }),
    good(prefix, 12, { pension: '很多' }),
    good(prefix, 13, { name: null }),
    good(prefix, 14, { causes: '患病、懒惰' }),
    good(prefix, 15, { employer: town.name }), // not a grass-roots union
    good(prefix, 16, { idNumber: wrongFamily }),
    good(prefix, 17, { medical: 1234.5, education: '3,000.00' }),
    good(prefix, 18, { causes: null, situation: null, phone: null, bankAccount: null }),
    good(prefix, 19, { phone: '12345' }),
    good(prefix, 20),
  ];
  const members: Cells[] = [
    {
      employeeId: withFamily,
      relation: '配偶',
      name: '李秀英',
      idNumber: newId('19820305'),
      health: '重大疾病',
    },
    { employeeId: withFamily, relation: '子女', name: '张小明', idNumber: newId('20080910'), school: '高中' },
    { employeeId: wrongFamily, relation: '邻居', name: '王五', idNumber: newId('19900101') },
  ];
  const employer = '所在基层工会（统一社会信用代码或单位全称）';
  const bad: Record<number, { column: string; message: RegExp; en: RegExp }> = {
    3: {
      column: '公民身份号码',
      message: /校验位不正确/,
      en: /^The check character of the ID number is wrong/,
    },
    5: {
      column: '公民身份号码',
      message: /15 位旧身份证号码/,
      en: /^15-digit ID numbers are no longer in use/,
    },
    7: {
      column: employer,
      // A union of another district: it exists, outside the officer's scope.
      message: /“江北机械厂工会”不在您的管辖范围内/,
      en: /^“江北机械厂工会” is outside your scope/,
    },
    9: {
      column: '公民身份号码',
      message: /与困难职工表第 8 行重复/,
      en: /^The ID number is the same as on row 8 of the “困难职工” sheet; a person may appear only once/,
    },
    10: {
      column: '公民身份号码',
      message: /已在“江东区人民医院工会”有一份有效的困难职工档案/,
      en: /^This employee already has a live hardship archive at “江东区人民医院工会”/,
    },
    12: { column: '年工资收入（元）', message: /不能为负数/, en: /^The amount cannot be negative$/ },
    13: {
      column: '年养老金（元）',
      message: /“很多”不是有效的金额/,
      en: /^“很多” is not a valid amount \(a number of yuan/,
    },
    14: { column: '职工姓名', message: /必须填写/, en: /^Required$/ },
    15: {
      column: '致困原因（多个用、分隔）',
      message: /“懒惰”不是可选的致困原因/,
      en: /^“懒惰” is not one of the causes allowed: 患病, /,
    },
    16: {
      column: employer,
      message: /不是基层工会/,
      en: /” is not a grassroots union; enter the grassroots union/,
    },
    17: {
      column: '公民身份号码',
      message: /家庭成员信息有误（见“家庭成员”表第 4 行）/,
      en: /^A family member of this household has a problem \(see row 4 of the “家庭成员” sheet\)/,
    },
    20: {
      column: '手机号码',
      message: /电话号码格式不正确/,
      en: /^Not a valid phone number \(a mobile number has 11 digits/,
    },
  };
  return { data: await workbook(rows, members), bad, withFamily };
}

describe('import', () => {
  it('valid_rows imports exactly the good rows and reports every bad row with row, column and a Chinese message', async () => {
    const { data, bad, withFamily } = await mixedFile('甲');
    const job = await importFile(officer, data, 'valid_rows');
    const badRows = Object.keys(bad).map(Number);
    expect(job.result).toMatchObject({ imported: 20 - badRows.length, skipped: 0, failed: badRows.length });
    expect(job.done).toBe(job.total);
    for (const [row, expected] of Object.entries(bad)) {
      const found = job.errors.filter((e) => e.row === Number(row) && e.column === expected.column);
      expect(found.length, `row ${row}: ${JSON.stringify(job.errors)}`).toBeGreaterThan(0);
      expect(found.map((e) => e.message).join('\n')).toMatch(expected.message);
      // The English variant of the same problem, beside it.
      expect(found.map((e) => e.messageEn).join('\n')).toMatch(expected.en);
    }
    // The member sheet's own problem is reported on its own row too.
    expect(job.errors).toContainEqual({
      row: 4,
      sheet: '家庭成员',
      column: '关系',
      message: expect.stringMatching(/“邻居”不是可选的关系/),
      messageEn: expect.stringMatching(/^“邻居” is not one of the relations allowed: 配偶, /),
    });
    for (const e of job.errors) {
      expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
      // English apart from the workbook's own words it quotes (names, headers, the choices).
      expect(e.messageEn).toMatch(/^[“A-Z0-9]/);
      expect(e.messageEn!.replace(/“[^”]*”|[\u4e00-\u9fa5]+(, [\u4e00-\u9fa5]+)*/g, '')).not.toMatch(
        /[\u4e00-\u9fa5（），。：；]/,
      );
    }
    // Only bad rows are reported.
    const reported = new Set(job.errors.filter((e) => e.sheet !== '家庭成员').map((e) => e.row));
    expect([...reported].sort((a, b) => a - b)).toEqual(badRows);
    // 甲已有 (made through the form) + the good rows.
    expect(await countNamed('甲')).toBe(1 + 20 - badRows.length);

    // Imported households are drafts made by the same use case as the form: category, claims, audit.
    const list = (
      await officer.request({ method: 'GET', url: `/api/households?q=${encodeURIComponent('甲10')}` })
    ).json();
    expect(list.total).toBe(1);
    const h = (await officer.request({ method: 'GET', url: `/api/households/${list.items[0].id}` })).json();
    expect(h).toMatchObject({ status: 'draft', householdSize: 3, employerName: unit.name });
    expect(h.idMasked).toBe(`${withFamily.slice(0, 6)}********${withFamily.slice(-4)}`);
    expect(h.members.map((m: { relation: string }) => m.relation)).toEqual(['spouse', 'child']);
    expect(h.members[0].healthStatus).toBe('serious_illness');
    expect(h.causes).toEqual(['illness', 'schooling']);
    expect(h.category).toBe('deep');
    expect(h.timeline.map((e: { action: string }) => e.action)).toEqual(['imported']);
    const audit = (
      await admin.request({ method: 'GET', url: `/api/audit?entity=household&entityId=${h.id}` })
    ).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('household.created');
    expect(JSON.stringify(audit.items)).not.toContain(withFamily);
    // Money in yuan with decimals became fen.
    const r17 = (
      await officer.request({ method: 'GET', url: `/api/households?q=${encodeURIComponent('甲17')}` })
    ).json().items[0];
    const d17 = (await officer.request({ method: 'GET', url: `/api/households/${r17.id}` })).json();
    expect(d17.expenditures).toEqual([
      { kind: 'medical', description: null, annualFen: 123_450 },
      { kind: 'education', description: null, annualFen: 300_000 },
    ]);
  });

  it('all_or_nothing imports nothing when any row is bad', async () => {
    const { data, bad } = await mixedFile('乙');
    const job = await importFile(officer, data, 'all_or_nothing');
    expect(job.result).toMatchObject({ imported: 0, failed: Object.keys(bad).length });
    expect(job.errors.length).toBeGreaterThanOrEqual(Object.keys(bad).length);
    expect(await countNamed('乙')).toBe(1); // only 乙已有, made through the form
  });

  it('all_or_nothing imports everything when all rows are good; a re-upload of the same file creates no duplicate', async () => {
    const data = await workbook(
      [good('丙', 1), good('丙', 2, { employer: unitUscc }), good('丙', 3), good('丙', 4), good('丙', 5)],
      [],
    );
    const first = await importFile(officer, data, 'all_or_nothing');
    expect(first.result).toMatchObject({ imported: 5, skipped: 0, failed: 0 });
    expect(first.errors).toEqual([]);
    expect(await countNamed('丙')).toBe(5);

    for (const mode of ['all_or_nothing', 'valid_rows']) {
      const again = await importFile(officer, data, mode);
      expect(again.result).toMatchObject({ imported: 0, skipped: 5, failed: 0 });
      expect(again.result.fileId).not.toBe(first.result.fileId);
      expect(again.errors).toHaveLength(5);
      for (const e of again.errors) {
        expect(e.column).toBe('公民身份号码');
        // The earlier rows became drafts, not archives.
        expect(e.message).toBe(
          `已导入（重复上传）：该职工已由此前的 Excel 导入在“${unit.name}”录入（档案草稿或已建档），本行跳过，未重复录入`,
        );
        expect(e.messageEn).toBe(
          `Already imported (the file was uploaded again): an earlier Excel import entered this employee under “${unit.name}” (as a draft, or archived since); this row was skipped and not entered twice`,
        );
      }
      expect(await countNamed('丙')).toBe(5);
    }
  });

  it('valid_rows writes a large file in concurrent batches: every row once, one claim each, an intact audit chain', async () => {
    // 1,050 rows = three write batches of at most 500, two in flight at a time.
    const day = (i: number) => new Date(Date.UTC(1990, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const bulkId = (i: number) => {
      const body = `330102${day(i).replaceAll('-', '')}777`;
      return body + residentIdCheckChar(body);
    };
    const n = 1050;
    // Not `good()`: its ID numbers come from a 3-digit sequence the other tests share.
    const rows: Cells[] = Array.from({ length: n }, (_, i) => ({
      name: `壬${i + 1}`,
      idNumber: bulkId(i),
      phone: '13805711234',
      employer: unit.name,
      job: '挡车工',
      wages: 21600 + i,
      causes: '患病',
    }));
    const spouse = (i: number) => {
      const body = `330102${day(i).replaceAll('-', '')}778`;
      return body + residentIdCheckChar(body);
    };
    const members = [0, 600].map((i) => ({
      employeeId: bulkId(i),
      relation: '配偶',
      name: `壬配偶${i}`,
      idNumber: spouse(i),
    }));
    rows[0] = { ...rows[0]!, householdSize: 2 };
    rows[600] = { ...rows[600]!, householdSize: 2 };
    const data = await workbook(rows, members);
    const job = await importFile(officer, data, 'valid_rows');
    expect(job.errors).toEqual([]);
    expect(job.result).toMatchObject({ imported: n, skipped: 0, failed: 0 });
    expect(await countNamed('壬')).toBe(n);
    const claims = await t.deps.db.execute(sql`select count(*)::int as n, count(distinct c.id_blind)::int as d
      from household_id_claims c join households h on h.id = c.household_id where h.name like '壬%'`);
    expect((claims as unknown as { rows: { n: number; d: number }[] }).rows[0]).toEqual({
      n: n + 2,
      d: n + 2,
    });
    const hh = (
      await officer.request({ method: 'GET', url: `/api/households?q=${encodeURIComponent('壬601')}` })
    ).json().items[0];
    const detail = (await officer.request({ method: 'GET', url: `/api/households/${hh.id}` })).json();
    expect(detail).toMatchObject({ householdSize: 2, status: 'draft' });
    expect(detail.members.map((m: { name: string }) => m.name)).toEqual(['壬配偶600']);
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['imported']);
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });

    const again = await importFile(officer, data, 'valid_rows');
    expect(again.result).toMatchObject({ imported: 0, skipped: n, failed: 0 });
    expect(await countNamed('壬')).toBe(n);
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
  });

  it('notes rows imported as drafts that are not eligible (income too high), apart from the errors', async () => {
    const rows = [
      good('子', 1),
      good('子', 2, { wages: 600_000 }),
      good('子', 3, { employer: '不存在的工会' }),
    ];
    const job = await importFile(officer, await workbook(rows), 'valid_rows');
    expect(job.result).toMatchObject({ imported: 2, failed: 1, noticeCount: 1 });
    expect(job.result.notices).toEqual([
      {
        row: 3,
        column: '困难类别（测算）',
        columnEn: 'Category (computed)',
        message: expect.stringMatching(
          /^已录为档案草稿，但按现行政策测算不符合建档条件：.*不符合建档条件。请核实/,
        ),
        // The decision's sentence in English, built from the same figures.
        messageEn: expect.stringMatching(
          /^Entered as a draft, but under the policy in force the household is not eligible: Annual household income 600,000.00 yuan, .* Not eligible for the archive\. Check the household’s income/,
        ),
      },
    ]);
    // A notice is not an error: only the bad row is in the error report.
    expect(job.errors.map((e: { row: number }) => e.row)).toEqual([4]);
    const rich = (
      await officer.request({ method: 'GET', url: `/api/households?q=${encodeURIComponent('子02')}` })
    ).json().items[0];
    expect(rich).toMatchObject({ status: 'draft', category: 'none' });
    const audit = (
      await admin.request({ method: 'GET', url: '/api/audit?action=household.imported' })
    ).json();
    expect(audit.items[0].after).toMatchObject({ imported: 2, notEligible: 1 });

    // All or nothing: listed when written, dropped when the file is refused (nothing was written).
    const all = await importFile(
      officer,
      await workbook([good('丑', 1, { wages: 600_000 }), good('丑', 2)]),
      'all_or_nothing',
    );
    expect(all.result).toMatchObject({ imported: 2, noticeCount: 1 });
    expect(all.result.notices.map((n: { row: number }) => n.row)).toEqual([2]);
    const refused = await importFile(
      officer,
      await workbook([good('寅', 1, { wages: 600_000 }), good('寅', 2, { employer: '不存在的工会' })]),
      'all_or_nothing',
    );
    expect(refused.result).toMatchObject({ imported: 0, notices: [], noticeCount: 0 });
  });

  it('all_or_nothing undoes the batches already written when a bad row comes later in the file', async () => {
    // Rows are written while the file is still being read: the first 500 are in the database (in
    // the import's transaction) when row 602 turns out bad.
    const day = (i: number) => new Date(Date.UTC(1991, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const bulkId = (i: number) => {
      const body = `330102${day(i).replaceAll('-', '')}776`;
      return body + residentIdCheckChar(body);
    };
    const rows: Cells[] = Array.from({ length: 620 }, (_, i) => ({
      name: `癸${i + 1}`,
      idNumber: bulkId(i),
      employer: unit.name,
      wages: 21600,
    }));
    rows[600] = { ...rows[600]!, employer: '不存在的工会' };
    const data = await workbook(rows);
    const job = await importFile(officer, data, 'all_or_nothing');
    expect(job.result).toMatchObject({ imported: 0, skipped: 0, failed: 1 });
    expect(job.errors).toEqual([
      {
        row: 602,
        sheet: '困难职工',
        column: '所在基层工会（统一社会信用代码或单位全称）',
        message: expect.stringMatching(/未找到单位/),
        messageEn: expect.stringMatching(/^No unit “不存在的工会” was found/),
      },
    ]);
    expect(job.done).toBe(job.total);
    expect(await countNamed('癸')).toBe(0);
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'all_or_nothing leaves the audit chain free while it runs: other audited writes go on; its entries are written at its end',
    async () => {
      const day = (i: number) => new Date(Date.UTC(1992, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const bulkId = (i: number) => {
        const body = `330102${day(i).replaceAll('-', '')}775`;
        return body + residentIdCheckChar(body);
      };
      const n = 1000;
      const rows: Cells[] = Array.from({ length: n }, (_, i) => ({
        name: `亥${i + 1}`,
        idNumber: bulkId(i),
        employer: unit.name,
        wages: 21600,
      }));
      const created = async (idNumber: string) => {
        const res = await officer.request({
          method: 'POST',
          url: '/api/households',
          payload: { employerOrgId: unit.id, name: '亥外', idNumber },
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json() as { id: string };
      };
      const parked = await created(newId());
      // Another transaction holds a claim on the person of row 702 (second write batch), uncommitted:
      // the import writes its first batch, then waits for this claim.
      const held = signal();
      let claimed!: (pid: number) => void;
      const holderPid = new Promise<number>((r) => {
        claimed = r;
      });
      class Undo extends Error {}
      const holder = t.deps.db
        .transaction(async (tx) => {
          const me = await tx.execute(sql`select pg_backend_pid() as pid`);
          await tx.insert(householdIdClaims).values({
            idBlind: t.deps.vault.blindIndex(bulkId(700), ID_PURPOSE),
            householdId: parked.id,
            role: 'member',
          });
          claimed((me as unknown as { rows: { pid: number }[] }).rows[0]!.pid);
          await held.promise;
          throw new Undo();
        })
        .catch((error) => {
          if (!(error instanceof Undo)) throw error;
        });
      const pid = await holderPid;
      const started = await officer.request({
        method: 'POST',
        url: '/api/households/import',
        ...multipart({ mode: 'all_or_nothing' }, { name: '亥.xlsx', data: await workbook(rows) }),
      });
      expect(started.statusCode, started.body).toBe(202);
      let headFree: unknown;
      let other: unknown;
      try {
        for (let waited = 0; ; waited += 50) {
          const blocked = await t.deps.db.execute(
            sql`select count(*)::int as n from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`,
          );
          if ((blocked as unknown as { rows: { n: number }[] }).rows[0]!.n > 0) break;
          if (waited > 60_000) throw new Error('the import never reached its second batch');
          await new Promise((r) => setTimeout(r, 50));
        }
        // The import has written its first 500 households and waits: the chain's head is not locked…
        headFree = await t.deps.db
          .transaction(async (tx) => {
            const r = await tx.execute(
              sql`select key from settings where key = 'audit.head' for no key update nowait`,
            );
            return (r as unknown as { rows: unknown[] }).rows.length === 1 ? 'free' : 'no head row';
          })
          .catch((error) => {
            const e = error as { code?: string; cause?: { code?: string } };
            return e.cause?.code ?? e.code ?? String(error);
          });
        // …and an unrelated audited write goes through.
        other = await Promise.race([
          created(newId()).then(() => 'created'),
          new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000)),
        ]);
      } finally {
        held.resolve();
        await holder;
      }
      expect(headFree).toBe('free');
      expect(other).toBe('created');
      const job = await finished(officer, started.json().id);
      expect(job.status, JSON.stringify(job)).toBe('succeeded');
      expect(job.result).toMatchObject({ imported: n, skipped: 0, failed: 0 });
      expect(await countNamed('亥')).toBe(n + 2);
      // One entry per household, as the form writes it, in file order; the chain intact.
      const entries = await t.deps.db.execute(sql`select a.after from audit_log a
        join households h on h.id = a.entity_id::uuid
        where a.action = 'household.created' and h.name like '亥%' and h.name <> '亥外' order by a.id`);
      const afters = (entries as unknown as { rows: { after: { name: string } }[] }).rows.map((r) => r.after);
      expect(afters.map((a) => a.name)).toEqual(rows.map((r) => r.name));
      expect(afters[700]).toEqual({
        employerOrgId: unit.id,
        name: '亥701',
        idMasked: `${bulkId(700).slice(0, 6)}********${bulkId(700).slice(-4)}`,
        idFingerprint: t.deps.vault.fingerprint(t.deps.vault.blindIndex(bulkId(700), ID_PURPOSE)),
        phoneMasked: null,
        phoneFingerprint: null,
        bankAccountMasked: null,
        bankAccountFingerprint: null,
        bankName: null,
        job: null,
        memberSince: null,
        address: null,
        situation: null,
        status: 'draft',
        category: 'relative',
        causes: [],
        members: [],
        incomes: [{ kind: 'wages', description: null, annualFen: 2_160_000 }],
        expenditures: [],
        attachments: [],
      });
      expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
    },
  );

  it('an ID number seen twice in the file is refused where it appears the second time, a household’s family counting as seen with it', async () => {
    const spouse = newId('19850505');
    const employee = newId();
    const data = await workbook(
      [good('巳', 1, { idNumber: employee, householdSize: 2 }), good('巳', 2, { idNumber: spouse })],
      [
        { employeeId: employee, relation: '配偶', name: '巳配偶', idNumber: spouse },
        { employeeId: newId(), relation: '子女', name: '巳无主', idNumber: newId('20100101') },
      ],
    );
    const job = await importFile(officer, data, 'valid_rows');
    // The counts per sheet are those of the rows the report lists: one of each sheet.
    expect(job.result).toMatchObject({
      rows: 2,
      imported: 1,
      skipped: 0,
      failed: 1,
      memberRows: 2,
      memberFailed: 1,
    });
    const listed = (sheet: string) => new Set(job.errors.filter((e) => e.sheet === sheet).map((e) => e.row));
    expect(listed('困难职工').size).toBe(1);
    expect(listed('家庭成员').size).toBe(1);
    expect(job.errors).toContainEqual({
      row: 3,
      sheet: '困难职工',
      column: '公民身份号码',
      message: expect.stringMatching(/与家庭成员表第 2 行重复/),
      messageEn: expect.stringMatching(/same as on row 2 of the “家庭成员” sheet/),
    });
    expect(job.errors).toContainEqual({
      row: 3,
      sheet: '家庭成员',
      column: '职工公民身份号码',
      message: expect.stringMatching(/在“困难职工”表中找不到/),
      messageEn: expect.stringMatching(
        /^No employee with the ID number \d{6}\*{8}\d{3}[\dX] is on the “困难职工” sheet$/,
      ),
    });
    expect(await countNamed('巳')).toBe(1);
  });

  it('says plainly how the household size (家庭人口) disagrees with the family-members sheet', async () => {
    const withSpouse = newId();
    const data = await workbook(
      [good('庚', 1, { householdSize: 2 }), good('庚', 2, { idNumber: withSpouse, householdSize: 3 })],
      [{ employeeId: withSpouse, relation: '配偶', name: '庚配偶', idNumber: newId('19850505') }],
    );
    const job = await importFile(officer, data, 'valid_rows');
    expect(job.result).toMatchObject({ imported: 0, failed: 2 });
    expect(job.errors).toContainEqual({
      row: 2,
      sheet: '困难职工',
      column: '家庭人口',
      message:
        '家庭人口填写为 2 人，但“家庭成员”表中没有该职工的家庭成员，应为 1 人（仅职工本人）；请补填家庭成员或改正家庭人口',
      messageEn:
        'The household size is given as 2, but the “家庭成员” sheet lists no family members of this employee, so it should be 1 (the employee alone); add the family members or correct the household size',
    });
    expect(job.errors).toContainEqual({
      row: 3,
      sheet: '困难职工',
      column: '家庭人口',
      message: '家庭人口填写为 3 人，但“家庭成员”表中有该职工的家庭成员 1 人，连同职工本人应为 2 人',
      messageEn:
        'The household size is given as 3, but the “家庭成员” sheet lists 1 family member of this employee: with the employee it should be 2',
    });
  });

  it('reports a union membership (入会时间) starting after today by row and column, with the row’s other problems', async () => {
    const data = await workbook([
      good('戊', 1, { memberSince: '2099-01-01' }),
      good('戊', 2, { memberSince: '2099-01-01', wages: -100 }),
      good('戊', 3),
    ]);
    const job = await importFile(officer, data, 'valid_rows');
    expect(job.result).toMatchObject({ imported: 1, failed: 2 });
    const message = `入会时间 2099-01-01 晚于今天（${businessDate()}），请填写实际入会日期`;
    const messageEn = `The union membership date 2099-01-01 is after today (${businessDate()}); enter the actual date of joining`;
    expect(job.errors).toContainEqual({ row: 2, sheet: '困难职工', column: '入会时间', message, messageEn });
    expect(job.errors).toContainEqual({ row: 3, sheet: '困难职工', column: '入会时间', message, messageEn });
    expect(job.errors).toContainEqual({
      row: 3,
      sheet: '困难职工',
      column: '年工资收入（元）',
      message: expect.stringMatching(/不能为负数/),
      messageEn: 'The amount cannot be negative',
    });
    expect(await countNamed('戊')).toBe(1);
  });

  it('names every problem of a row in one report: a wrong phone number beside a missing name', async () => {
    const data = await workbook([good('己', 1, { name: '', phone: '1395710900', wages: -5 })]);
    const job = await importFile(officer, data, 'valid_rows');
    expect(job.result).toMatchObject({ imported: 0, failed: 1 });
    const columns = job.errors.filter((e) => e.row === 2).map((e) => e.column);
    expect(columns).toEqual(expect.arrayContaining(['职工姓名', '手机号码', '年工资收入（元）']));
    // Each column once: the full check adds only what the row's own checks did not say.
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('reads a file filled in on an earlier template (困难原因 before it was worded 致困原因)', async () => {
    const data = await workbook([good('旧模板', 1, { causes: '下岗失业' })]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('困难职工')!;
    const causes = MAIN_COLUMNS.findIndex((c) => c.key === 'causes') + 1;
    expect(sheet.getRow(1).getCell(causes).value).toBe('致困原因（多个用、分隔）');
    sheet.getRow(1).getCell(causes).value = '困难原因（多个用、分隔）';
    const job = await importFile(officer, Buffer.from(await wb.xlsx.writeBuffer()), 'valid_rows');
    expect(job.result).toMatchObject({ imported: 1, failed: 0 });
    const found = await admin.request({
      method: 'GET',
      url: `/api/households?q=${encodeURIComponent('旧模板01')}`,
    });
    expect(found.json().items[0].causes).toEqual(['unemployment']);
  });

  it('looks employers up only in the caller’s scope: a union of another district is out of scope, a made-up one unknown', async () => {
    const data = await workbook([
      good('丁', 1, { employer: unit.name }),
      good('丁', 2, { employer: westUnit.name }),
      good('丁', 3, { employer: '并不存在的工会' }),
    ]);
    const job = await importFile(westOfficer, data, 'valid_rows');
    expect(job.result).toMatchObject({ imported: 1, failed: 2 });
    const column = '所在基层工会（统一社会信用代码或单位全称）';
    expect(job.errors).toEqual([
      {
        row: 2,
        sheet: '困难职工',
        column,
        message: expect.stringMatching(/^“恒顺纺织有限公司工会”不在您的管辖范围内/),
        messageEn: expect.stringMatching(/^“恒顺纺织有限公司工会” is outside your scope/),
      },
      {
        row: 4,
        sheet: '困难职工',
        column,
        message: expect.stringMatching(/^未找到单位“并不存在的工会”/),
        messageEn: expect.stringMatching(/^No unit “并不存在的工会” was found/),
      },
    ]);
  });

  it('refuses an upload that is not .xlsx, a missing mode, and a workbook without the households sheet', async () => {
    const pdf = await officer.request({
      method: 'POST',
      url: '/api/households/import',
      ...multipart({ mode: 'valid_rows' }, { name: 'a.pdf', data: Buffer.from('%PDF-1.4 x') }),
    });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.code).toBe('HOUSEHOLD_IMPORT_NOT_XLSX');
    const noMode = await officer.request({
      method: 'POST',
      url: '/api/households/import',
      ...multipart({}, { name: 'a.xlsx', data: await workbook([good('戊', 1)]) }),
    });
    expect(noMode.statusCode).toBe(400);
    expect(noMode.json().error.details.map((d: { path: string }) => d.path)).toEqual(['mode']);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['姓名', '年龄']);
    const job = await importFile(officer, Buffer.from(await wb.xlsx.writeBuffer()), 'valid_rows');
    expect(job.result).toMatchObject({ imported: 0 });
    expect(job.errors[0]!.message).toMatch(/没有“困难职工”表/);
    expect(job.errors[0]!.messageEn).toMatch(
      /^The file has no “困难职工” sheet .*; use the import template$/,
    );
    // A zip that is no readable workbook (here one cut short in transfer): the job fails and says
    // why, in Chinese and in English, and nothing is written.
    const cut = (await workbook([good('戊', 2)])).subarray(0, 600);
    const res = await officer.request({
      method: 'POST',
      url: '/api/households/import',
      ...multipart({ mode: 'valid_rows' }, { name: '不完整.xlsx', data: cut }),
    });
    expect(res.statusCode).toBe(202);
    const failed = await finished(officer, res.json().id);
    expect(failed.status).toBe('failed');
    expect(failed.message).toBe('无法读取该 Excel 文件：文件不是 .xlsx 格式（不是 ZIP 压缩包）');
    expect(failed.messageEn).toBe(
      'Cannot read this Excel file: the file is not in .xlsx format (it is not a ZIP archive)',
    );
    expect(await countNamed('戊02')).toBe(0);
  });

  it('names a required column the households sheet lacks, in Chinese and in English, and imports nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('困难职工');
    sheet.addRow(['公民身份号码', '所在基层工会（统一社会信用代码或单位全称）']);
    sheet.addRow([newId(), unit.name]);
    const job = await importFile(officer, Buffer.from(await wb.xlsx.writeBuffer()), 'valid_rows');
    expect(job.result).toMatchObject({ imported: 0, rows: 1, failed: 1 });
    expect(job.errors).toEqual([
      {
        row: 1,
        sheet: '困难职工',
        column: '职工姓名',
        message: '“困难职工”表缺少必填列“职工姓名”，请使用导入模板',
        messageEn: 'The “困难职工” sheet lacks the required column “职工姓名”; use the import template',
      },
    ]);
  });

  it('refuses an upload cut short or without a boundary with 400 (the parser threw: 500)', async () => {
    const whole = multipart(
      { mode: 'valid_rows' },
      { name: 'a.xlsx', data: await workbook([good('己', 1)]) },
    );
    for (const [why, headers, payload] of [
      ['cut short', whole.headers, whole.payload.subarray(0, whole.payload.length - 100)],
      ['no boundary', { 'content-type': 'multipart/form-data' }, whole.payload],
    ] as const) {
      const res = await officer.request({ method: 'POST', url: '/api/households/import', headers, payload });
      expect(res.statusCode, `${why}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'BAD_REQUEST',
        message: '请求格式不正确：上传的数据不完整或格式不正确，请重新上传',
      });
    }
    expect(await countNamed('己01')).toBe(0);
  });

  it('reads a file only up to its row limit, and says where it stopped', async () => {
    const limit = t.deps.config.importMaxRows;
    t.deps.config.importMaxRows = 3;
    try {
      const rows = [1, 2, 3, 4, 5].map((n) => good('限', n, n > 3 ? { householdSize: 2 } : {}));
      // The households past the limit have family rows: not reported as orphans (their employee was
      // simply not read).
      const spouses = rows.slice(3).map((h, i) => ({
        employeeId: h.idNumber ?? null,
        relation: '配偶',
        name: `限配偶${i}`,
        idNumber: newId(),
      }));
      // all_or_nothing: a file over the limit is a bad file, nothing is written.
      const none = await importFile(officer, await workbook(rows, spouses), 'all_or_nothing');
      expect(none.result).toMatchObject({ imported: 0, rows: 3, failed: 0, memberFailed: 0 });
      expect(none.errors).toEqual([
        expect.objectContaining({
          row: 5,
          sheet: '困难职工',
          message: expect.stringMatching(/超过 3 户的上限：自本行起未读取/),
          messageEn: expect.stringMatching(
            /^The “困难职工” sheet has more households than the limit of 3: from this row on nothing was read or imported/,
          ),
        }),
      ]);
      expect(await countNamed('限')).toBe(0);
      // valid_rows: the rows before the limit are imported; the rest, in a file of their own, follow.
      const first = await importFile(officer, await workbook(rows, spouses), 'valid_rows');
      expect(first.result).toMatchObject({ imported: 3, rows: 3, failed: 0, memberFailed: 0 });
      expect(first.errors.map((e) => e.row)).toEqual([5]);
      expect(await countNamed('限')).toBe(3);
      const rest = await importFile(officer, await workbook(rows.slice(2), spouses), 'valid_rows');
      expect(rest.result).toMatchObject({ imported: 2, skipped: 1, failed: 0 });
      expect(rest.errors).toEqual([
        expect.objectContaining({ row: 2, message: expect.stringMatching(/^已导入（重复上传）/) }),
      ]);
      expect(await countNamed('限')).toBe(5);

      // Family rows beyond five per household of the limit: refused before anything is written.
      const head = good('限家', 1);
      const family = Array.from({ length: 16 }, (_, i) => ({
        employeeId: head.idNumber ?? null,
        relation: '子女',
        name: `限家家${i}`,
        idNumber: newId(),
      }));
      const refused = await importFile(officer, await workbook([head], family), 'valid_rows');
      expect(refused.result).toMatchObject({ imported: 0 });
      expect(refused.errors).toEqual([
        expect.objectContaining({
          sheet: '家庭成员',
          row: 17,
          message: expect.stringMatching(/超过 15 行的上限，本次未导入任何数据/),
          messageEn: expect.stringMatching(
            /^The “家庭成员” sheet has more rows than the limit of 15, so nothing was imported; .*at most 3 households each/,
          ),
        }),
      ]);
      expect(await countNamed('限家')).toBe(0);
    } finally {
      t.deps.config.importMaxRows = limit;
    }
  });

  it('reports an ID that Excel stored as a number (precision lost) instead of guessing it, the number masked', async () => {
    const data = await workbook([
      good('己', 1, { idNumber: Number('330102198001010019') }),
      good('己', 2, { bankAccount: Number('6222021234567890123') }),
    ]);
    const job = await importFile(officer, data, 'valid_rows');
    expect(job.result).toMatchObject({ imported: 0, failed: 2 });
    // A double holds about 16 digits: 330102198001010019 is read back as 330102198001010050.
    expect(job.errors).toEqual([
      {
        row: 2,
        sheet: '困难职工',
        column: '公民身份号码',
        message:
          '该单元格被 Excel 存成了数字（330*************50），末尾几位已丢失；请把此列设为“文本”格式后重新填写',
        messageEn:
          'Excel stored this cell as a number (330*************50) and lost its last digits; format the column as Text and enter the number again',
      },
      {
        row: 3,
        sheet: '困难职工',
        column: '银行账号',
        message: expect.stringMatching(/^该单元格被 Excel 存成了数字（622\*{14}\d\d），.*“文本”格式/),
        messageEn: expect.stringMatching(/^Excel stored this cell as a number \(622\*{14}\d\d\)/),
      },
    ]);
    expect(JSON.stringify(job.errors)).not.toMatch(/\d{6}/);
  });
});

// ——— export ———

describe('import: all-or-nothing, the family sheet and re-uploads', () => {
  // Their own birth dates: the numbers above wrap after 1,000 per date.
  const personId = residentIds({ birth: '19770707' });
  const row = (name: string, idNumber: string, employer = unit.name): Cells => ({
    name,
    idNumber,
    employer,
    wages: 21600,
    causes: '患病',
  });

  it('all_or_nothing imports nothing when a family-members row is bad (its employee’s number mistyped)', async () => {
    const a = personId();
    const b = personId();
    const data = await workbook(
      [row('全无甲', a), row('全无乙', b)],
      [
        { employeeId: a, relation: '配偶', name: '全无甲妻', idNumber: personId('19800202') },
        // The officer mistyped the employee's number on the family row: the row is reported bad…
        { employeeId: badChecksum(b), relation: '子女', name: '全无乙子', idNumber: personId('20100303') },
      ],
    );
    const job = await importFile(officer, data, 'all_or_nothing');
    expect(job.errors.some((e) => e.sheet === '家庭成员')).toBe(true);
    // …so nothing is written (乙 would otherwise be a one-person household, its child missing).
    expect(job.result.imported).toBe(0);
    expect(await countNamed('全无')).toBe(0);
  });

  it('a person imported earlier as a family member, now on the households sheet, is a duplicate ID — not "already imported"', async () => {
    const employee = personId();
    const spouse = personId('19810101');
    const first = await importFile(
      officer,
      await workbook(
        [row('重传甲', employee)],
        [{ employeeId: employee, relation: '配偶', name: '重传甲妻', idNumber: spouse }],
      ),
      'valid_rows',
    );
    expect(first.result).toMatchObject({ imported: 1, failed: 0 });

    // An edited file: the spouse now appears as an employee herself, plus one new good row.
    const second = await importFile(
      officer,
      await workbook([row('重传甲妻', spouse), row('重传乙', personId())]),
      'all_or_nothing',
    );
    // She holds a live archive (as a member of 重传甲): a bad row, so all-or-nothing writes nothing.
    expect(second.result).toMatchObject({ skipped: 0, failed: 1, imported: 0 });
    expect(second.errors[0]!.message).not.toMatch(/已导入（重复上传）/);
    expect(second.errors[0]!.message).toMatch(/恒顺纺织有限公司工会|有一份有效的困难职工档案/);
    expect(await countNamed('重传乙')).toBe(0);
  });

  it('another district’s file naming an employee imported here is refused as a duplicate, not skipped as its own re-upload', async () => {
    const employee = personId();
    expect(
      (await importFile(officer, await workbook([row('他单位甲', employee)]), 'valid_rows')).result,
    ).toMatchObject({ imported: 1 });
    const second = await importFile(
      westOfficer,
      await workbook([row('他单位甲', employee, westUnit.name), row('他单位乙', personId(), westUnit.name)]),
      'all_or_nothing',
    );
    // "duplicate ID … in the archive" is a bad row naming the holding unit; all-or-nothing imports nothing.
    expect(second.result).toMatchObject({ skipped: 0, failed: 1, imported: 0 });
    expect(second.errors[0]!.message).toContain(unit.name);
    expect(await countNamed('他单位乙')).toBe(0);
  });
});

describe('import and export jobs', () => {
  it('are read only with household.read: finance of the same unit (job.read only) sees neither the job nor its problem list', async () => {
    const data = await workbook([good('癸', 1), good('癸', 2, { idNumber: badChecksum(newId()) })]);
    const imported = await importFile(officer, data, 'valid_rows');
    expect(imported.errors.length).toBeGreaterThan(0);
    const exported = await officer.request({ method: 'POST', url: '/api/households/export', payload: {} });
    expect(exported.statusCode, exported.body).toBe(202);
    await finished(officer, exported.json().id);

    const finance = await t.loginNewUser(district.id, ['finance']);
    for (const url of [
      `/api/jobs/${imported.id}`,
      `/api/jobs/${imported.id}/errors.xlsx`,
      `/api/jobs/${exported.json().id}`,
    ]) {
      const hidden = await finance.request({ method: 'GET', url });
      expect(hidden.statusCode, url).toBe(404);
      expect(hidden.json().error.code).toBe('JOB_NOT_FOUND');
      // A reviewer of the same unit reads households, and so the jobs about them.
      expect((await reviewer.request({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

describe('export', () => {
  async function exportAs(session: Session, body: object) {
    const res = await session.request({ method: 'POST', url: '/api/households/export', payload: body });
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(session, res.json().id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    return job;
  }

  it('masks ID numbers, phones and bank accounts by default and neutralises formulas', async () => {
    const id = newId();
    const data = await workbook([
      good('庚', 1, {
        idNumber: id,
        address: '=HYPERLINK("http://evil.example","点我")',
        situation: '@SUM(A1)',
      }),
    ]);
    expect((await importFile(officer, data, 'valid_rows')).result.imported).toBe(1);

    const job = await exportAs(officer, { q: '庚' });
    expect(job.result).toMatchObject({ rowCount: 1 });
    expect(job.result.fileName).toMatch(/^困难职工档案-.*\.xlsx$/);
    const wb = await download(officer, job.result.fileId);
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers).toContain('公民身份号码');
    expect(headers).toContain('人均月收入（元）');
    const cell = (name: string) => sheet.getRow(2).getCell(headers.indexOf(name) + 1);
    expect(cell('职工姓名').value).toBe('庚01');
    expect(cell('公民身份号码').value).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(cell('手机号码').value).toBe('138****1234');
    expect(String(cell('银行账号').value)).toMatch(/^\*+0123$/);
    expect(cell('家庭住址').value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(cell('情况说明').value).toBe(`'@SUM(A1)`);
    expect(cell('致困原因').value).toBe('患病、子女就学');
    expect(cell('人均月收入（元）').value).toBe(1800);
    expect(cell('人均月收入（元）').numFmt).toBe('#,##0.00');
    // 脱困日期 beside 建档日期 (empty until the household exits).
    expect(headers.indexOf('脱困日期')).toBeGreaterThan(headers.indexOf('建档日期'));
    expect(cell('脱困日期').value).toBeNull();
    const everything = JSON.stringify(sheet.getSheetValues());
    expect(everything).not.toContain(id);
  });

  it('refuses unmasked export to an officer (403) and allows it to a reviewer, audited as a reveal', async () => {
    const forbidden = await officer.request({
      method: 'POST',
      url: '/api/households/export',
      payload: { unmasked: true },
    });
    expect(forbidden.statusCode).toBe(403);

    const id = newId();
    const imported = await importFile(
      officer,
      await workbook([good('辛', 1, { idNumber: id })]),
      'valid_rows',
    );
    const job = await exportAs(reviewer, { q: '辛', unmasked: true });
    expect(job.result.rowCount).toBe(1);
    const sheet = (await download(reviewer, job.result.fileId)).worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(sheet.getRow(2).getCell(headers.indexOf('公民身份号码') + 1).value).toBe(id);
    expect(sheet.getRow(2).getCell(headers.indexOf('手机号码') + 1).value).toBe('13805711234');
    // The unmasked workbook is the reviewer's alone; so is the officer's import workbook (full IDs).
    for (const [who, fileId] of [
      [officer, job.result.fileId],
      [reviewer, imported.result.fileId],
      [admin, imported.result.fileId],
    ] as const) {
      const res = await who.request({ method: 'GET', url: `/api/files/${fileId}/content` });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(id);
    }

    const audit = (
      await admin.request({ method: 'GET', url: '/api/audit?action=household.revealed' })
    ).json();
    const entry = audit.items.find(
      (a: { after: { fileId?: string } }) => a.after?.fileId === job.result.fileId,
    );
    const listed = await reviewer.request({
      method: 'GET',
      url: `/api/households?q=${encodeURIComponent('辛')}`,
    });
    const householdId = listed.json().items[0].id as string;
    expect(entry).toMatchObject({
      entityId: householdId,
      after: { via: 'export', rows: 1, householdIds: [householdId] },
    });
    expect(entry.after.part).toBeUndefined();
    expect(JSON.stringify(audit.items)).not.toContain(id);
  });

  it('names every revealed household, in parts when an export is very large', () => {
    const ids = Array.from({ length: 5 }, (_, i) => `h${i}`);
    const one = exportRevealEntries(ids, 'f');
    expect(one).toEqual([
      {
        via: 'export',
        fields: ['idNumber', 'phone', 'bankAccount'],
        rows: 5,
        fileId: 'f',
        householdIds: ids,
      },
    ]);
    const parts = exportRevealEntries(ids, 'f', 2);
    expect(parts.map((p) => [p.part, p.parts, p.rows, p.householdIds])).toEqual([
      [1, 3, 5, ['h0', 'h1']],
      [2, 3, 5, ['h2', 'h3']],
      [3, 3, 5, ['h4']],
    ]);
    expect(exportRevealEntries([], 'f')).toHaveLength(1);
  });

  it('exports only the caller’s scope and honours the list filters', async () => {
    const west = await exportAs(westOfficer, {});
    expect(west.result.rowCount).toBe(1); // 丁02, imported by the west officer
    const none = await exportAs(officer, { status: 'archived' });
    expect(none.result.rowCount).toBe(0);
    const bad = await officer.request({
      method: 'POST',
      url: '/api/households/export',
      payload: { orgId: westUnit.id },
    });
    expect(bad.statusCode).toBe(404);
  });
});
