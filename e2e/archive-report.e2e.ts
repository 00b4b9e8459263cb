import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

/**
 * 档案统计 for the street's reviewer (demo data: 望江物业 and 江东环卫 below 望江街道). Other e2e
 * files change the archive, so the page is checked against the API's own figures, not fixed numbers.
 */
const e2e = setupE2E('archive-report');

interface Count {
  households: number;
  persons: number;
}
interface Report {
  org: { name: string };
  units: { orgName: string; archived: Count }[];
  total: { archived: Count; period: { newlyArchived: Count } };
}

test('a street reviewer reads the archive report by unit, switches the period and downloads it', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'street', async (page, shot) => {
    await login(page, 'jd.wj.reviewer');
    // Opened by its address (clicking the menu group toggles it: it may already be open); the menu
    // offers it under 困难职工档案 and marks it.
    await page.goto('/households/report');
    await page.getByRole('menuitem', { name: '档案统计' }).waitFor();
    const api = (await page.evaluate(() => fetch('/api/households/report').then((r) => r.json()))) as Report;
    assert.ok(api.total.archived.households > 0, 'the demo has archived households');

    const archived = page.getByTestId('report-archived');
    await archived.waitFor();
    assert.equal(
      (await archived.locator('.ant-statistic-content-value').textContent())?.replace(/,/g, ''),
      String(api.total.archived.households),
    );
    const table = page.getByTestId('report-units');
    for (const u of api.units) await table.getByText(u.orgName, { exact: true }).first().waitFor();
    await table.getByText('合计', { exact: true }).waitFor();
    const summary = page.getByTestId('report-summary');
    await summary
      .getByText(
        new RegExp(
          `${api.org.name}在档困难职工${api.total.archived.households}户${api.total.archived.persons}人`,
        ),
      )
      .waitFor();
    await page.getByTestId('report-chart-categories').locator('canvas').waitFor();
    await page.getByTestId('report-chart-causes').locator('canvas').waitFor();
    await settle(page);
    await shot('this-year');

    // Last year: the demo's steps all happened this year; the stock stays.
    await page.getByTestId('report-period').click();
    const lastYear =
      Number(new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4)) - 1;
    await page.getByText(`${lastYear}年全年（上年）`, { exact: true }).click();
    await summary
      .getByText(new RegExp(`${lastYear}-01-01至${lastYear}-12-31，没有新建档、脱困和返困。`))
      .waitFor();
    await settle(page);
    await shot('last-year');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-download').click(),
    ]);
    assert.match(
      download.suggestedFilename(),
      /^望江街道.*困难职工档案统计表（\d{4}-01-01至\d{4}-12-31）\.xlsx$/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.getWorksheet('按单位');
    assert.ok(sheet, 'the workbook has the sheet by unit');
    const names = api.units.map((u) => u.orgName);
    const firstColumn = (sheet.getColumn(1).values as unknown[]).slice(5).filter(Boolean);
    assert.deepEqual(firstColumn, [...names, '合计']);
    assert.ok(wb.getWorksheet('按致困原因'), 'and the sheet by cause');

    // In English the page keeps its figures.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.getByText('Archive report', { exact: true }).first().waitFor();
    await archived.getByText('Households archived', { exact: true }).waitFor();
    await settle(page);
    await shot('english');
    await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
  });
});
