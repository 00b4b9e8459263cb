import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  MAIN_COLUMNS,
  MAIN_SHEET,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
} from '../src/server/modules/households/households.excel-format';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('household-import');

const OFFICER = 'jd.wj.wy.officer';
const EMPLOYER = '临江望江物业服务有限公司工会委员会';

/** GB 11643: the 18th character of a resident ID is a check digit over the first 17. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function residentId(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (ID_WEIGHTS[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}
/** Unique per run; the last digit (the ID's 17th) is odd for a man, as both people of the workbook are. */
// Below 100: the demo's sequence numbers are 100 and up (scripts/demo-people.ts), so a person made here
// is never a demo person (a demo ID drawn by chance was refused as already archived).
const sequence = () => String(randomInt(0, 50) * 2 + 1).padStart(3, '0');

type Cells = Record<string, string | number>;

/** A workbook laid out like the template. */
async function workbookOf(rows: Cells[], members: Cells[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, columns, data] of [
    [MAIN_SHEET, MAIN_COLUMNS, rows],
    [MEMBER_SHEET, MEMBER_COLUMNS, members],
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

/** One household in hardship, one whose income is too high. */
function workbook(): Promise<Buffer> {
  return workbookOf(
    [
      {
        name: '孙立平',
        idNumber: residentId(`33010219750412${sequence()}`),
        employer: EMPLOYER,
        wages: 9600,
        causes: '患病',
      },
      {
        name: '钱学文',
        idNumber: residentId(`33010219790923${sequence()}`),
        employer: EMPLOYER,
        wages: 360000,
        causes: '子女就学',
      },
    ],
    [],
  );
}

/** Signs in as the officer, opens the import wizard and chooses the workbook. */
async function uploadAsOfficer(page: Page, data: Buffer) {
  await login(page, OFFICER);
  await page.goto('/households/import');
  await settle(page);
  await page.getByTestId('household-import-next').click();
  await page.getByTestId('household-import-upload').locator('input[type=file]').setInputFiles({
    name: '困难职工.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: data,
  });
}

test('the import report notes a row imported as a draft that is not eligible', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  const data = await workbook();
  await e2e.withPage(t, 'import', async (page, shot) => {
    await uploadAsOfficer(page, data);
    await page.getByTestId('household-import-mode-valid_rows').click();
    await page.getByTestId('household-import-start').click();
    await page.getByTestId('household-import-summary').waitFor();
    const notices = page.getByTestId('household-import-notices');
    await notices.getByText('1 户已录为草稿，但测算不符合建档条件').waitFor();
    const row = notices.locator('tr.ant-table-row');
    assert.equal(await row.count(), 1);
    assert.match(
      (await row.first().textContent()) ?? '',
      /^3困难类别（测算）已录为档案草稿，但按现行政策测算不符合建档条件/,
    );
    // A notice, not an error: the job's error table stays away.
    assert.equal(await page.getByTestId('job-errors').count(), 0);
    await settle(page);
    await shot('report');

    // The same file again: both rows are skipped, and the list calls them that, not problems.
    await page.getByTestId('household-import-again').click();
    await page.getByTestId('household-import-upload').locator('input[type=file]').setInputFiles({
      name: '困难职工.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: data,
    });
    await page.getByTestId('household-import-mode-valid_rows').click();
    await page.getByTestId('household-import-start').click();
    await page.getByTestId('household-import-summary').waitFor();
    const figure = (id: string) => page.getByTestId(id).locator('.ant-statistic-content').textContent();
    assert.equal(await figure('household-import-imported'), '0 户');
    assert.equal(await figure('household-import-skipped'), '2 行');
    assert.equal(await figure('household-import-failed'), '0 行');
    const errors = page.getByTestId('job-errors');
    await errors.getByText('没有问题行。“困难职工”表 2 行此前已导入，本次跳过').waitFor();
    const heading = (await errors.locator('.ant-alert-message').textContent()) ?? '';
    assert.doesNotMatch(heading, /问题清单/, 'skipped rows are not problems');
    await settle(page);
    await shot('again-skipped');
  });
});

test('the import report counts problem rows per sheet as it lists them, and downloads them as .xlsx', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  const good = residentId(`33010219800101${sequence()}`);
  const data = await workbookOf(
    [
      { name: '周建国', idNumber: good, employer: EMPLOYER, wages: 9600, causes: '患病' },
      { name: '', idNumber: residentId(`33010219820202${sequence()}`), employer: EMPLOYER, wages: 9600 },
    ],
    // A family member of nobody in the households sheet: a problem of the members sheet only.
    [
      {
        employeeId: residentId(`33010219700101${sequence()}`),
        relation: '配偶',
        name: '吴芳',
        idNumber: '1',
      },
    ],
  );
  await e2e.withPage(t, 'problems', async (page, shot) => {
    await uploadAsOfficer(page, data);
    await page.getByTestId('household-import-start').click();
    const summary = page.getByTestId('household-import-summary');
    await summary.waitFor();
    const figure = (id: string) => page.getByTestId(id).locator('.ant-statistic-content').textContent();
    assert.equal(await figure('household-import-imported'), '0 户');
    assert.equal(await figure('household-import-failed'), '1 行');
    assert.equal(await figure('household-import-member-failed'), '1 行');
    const errors = page.getByTestId('job-errors');
    await errors.getByText('问题清单：“困难职工”表 1 行、“家庭成员”表 1 行').waitFor();
    const listed = await errors.locator('tr.ant-table-row td:first-child').allTextContents();
    assert.deepEqual([...new Set(listed)].sort(), ['困难职工', '家庭成员'].sort());
    // Nothing was imported (all or nothing): no archives to look at.
    assert.equal(await page.getByTestId('household-import-view').count(), 0);
    assert.equal(await page.getByTestId('household-import-again').count(), 1);
    await settle(page);
    await shot('report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('job-errors-download').click(),
    ]);
    assert.match(download.suggestedFilename(), /^问题清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets[0];
    assert.ok(sheet, 'the download is a workbook with a sheet');
    const rows = (sheet.getSheetValues().slice(1) as unknown[][]).map((r) => r.slice(1, 3));
    assert.deepEqual(rows[0], ['工作表', '行号']);
    assert.equal(rows.length - 1, listed.length);

    // In English the same list says each problem in English; the workbook's own words stay as written.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await errors.getByText('Required', { exact: true }).waitFor();
    const messages = await errors.locator('tr.ant-table-row td:last-child').allTextContents();
    assert.ok(
      messages.some((m) => /^No employee with the ID number .* is on the “困难职工” sheet$/.test(m)),
      messages.join(' | '),
    );
    // The figures keep a space between the number and the unit ("1 row", once "1row").
    assert.equal(await figure('household-import-imported'), '0 households');
    assert.equal(await figure('household-import-failed'), '1 row');
    await settle(page);
    await shot('report-en');
  });
});

test('a file that is no workbook fails and says why, in Chinese and in English', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  // A workbook cut short in transfer: no ZIP archive any more.
  const cut = (await workbook()).subarray(0, 600);
  await e2e.withPage(t, 'unreadable', async (page, shot) => {
    await uploadAsOfficer(page, cut);
    await page.getByTestId('household-import-mode-valid_rows').click();
    await page.getByTestId('household-import-start').click();
    const reason = page.getByTestId('job-message');
    await reason.getByText('无法读取该 Excel 文件：文件不是 .xlsx 格式（不是 ZIP 压缩包）').waitFor();
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await reason
      .getByText('Cannot read this Excel file: the file is not in .xlsx format (it is not a ZIP archive)')
      .waitFor();
    await settle(page);
    await shot('failed-en');
  });
});
