import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choose, login, settle, setupE2E } from './support/browser';

const e2e = setupE2E('publicity');

// The demo data (scripts/demo-aid.ts): 春节送温暖 of 望江街道总工会 (publicity 5 days) has six households
// approved at both levels, among them 陈志强 and 赵德明.
const PROGRAM = '春节送温暖';
const STREET_OFFICER = 'jd.wj.officer';
const STREET_REVIEWER = 'jd.wj.reviewer';
/** The notice page, once published. */
let noticeUrl = '';

test('the street publishes the approved 送温暖 list; the public page shows masked names only', async (t) => {
  await e2e.withPage(t, 'publish', async (page, shot) => {
    await login(page, STREET_OFFICER);
    await page.goto('/programs');
    await page
      .getByRole('link', { name: new RegExp(PROGRAM) })
      .first()
      .click();
    await page.waitForURL(/\/programs\/[^/]+$/);
    await page.getByRole('tab', { name: '公示' }).click();
    await page.getByTestId('publicity-publish').click();

    // All six approved applications are proposed (staff see the full name and, beside it, the masked
    // form the notice will show), with the program's five days from today.
    const modal = page.locator('.ant-modal').filter({ hasText: '陈*强' });
    await modal.waitFor();
    await modal.getByText('赵*明').waitFor();
    await settle(page);
    await shot('publish-dialog');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();

    // The notice: printable sheet, masked names, a public link (and QR code) for the notice board.
    await page.waitForURL(/\/publicity\/[^/]+$/);
    // On screen the list with its state; the print-only sheet (notice-sheet) is what 打印公示 prints.
    await page
      .locator('.ant-table-row')
      .filter({ hasText: '陈*强' })
      .filter({ hasText: '在公示名单中' })
      .waitFor();
    await page.getByTestId('notice-sheet').getByText('陈*强').waitFor({ state: 'attached' });
    await page.getByTestId('publicity-print').waitFor();
    const href = await page.getByTestId('publicity-public-link').getAttribute('href');
    if (!href?.startsWith('/public/publicity/')) assert.fail(`a public link is expected (${href})`);
    await settle(page);
    await shot('notice');

    noticeUrl = page.url();

    // A call from the public about one person is recorded by the officer (登记异议) while the notice runs.
    await page.getByTestId('objection-record').click();
    const record = page.locator('.ant-modal').filter({ hasText: '登记异议' });
    await record.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option').filter({ hasText: '陈*强' }).click();
    await record
      .locator('textarea')
      .first()
      .fill('群众来电反映：陈志强家属已在外地稳定就业，家庭收入与申报不符');
    await page.getByTestId('objection-record-submit').click();
    await record.waitFor({ state: 'detached' });
    await page
      .locator('.ant-table-row')
      .filter({ hasText: '群众来电反映' })
      .filter({ hasText: '待核实' })
      .waitFor();

    // Anyone with the link, signed in or not, sees the same masked list and nothing more.
    await page.context().clearCookies();
    await page.goto(href);
    const publicSheet = page.getByTestId('notice-sheet');
    await publicSheet.getByText('陈*强').waitFor();
    await publicSheet.getByText('望江街道总工会').first().waitFor();
    const text = await page.locator('body').innerText();
    for (const fullName of ['陈志强', '赵德明'])
      assert.ok(!text.includes(fullName), `the public page must not show ${fullName}`);
    assert.ok(!/\d{6}(19|20)\d{9}[\dX]/.test(text), 'no resident ID number on the public page');
    await settle(page);
    await shot('public');
  });
});

test('the street reviewer verifies the objection: upheld, the person leaves the list, the application goes back', async (t) => {
  assert.ok(noticeUrl, 'the notice was published by the test before');
  await e2e.withPage(t, 'resolve objection', async (page, shot) => {
    await login(page, STREET_REVIEWER);
    await page.goto(noticeUrl);
    const objection = page.locator('.ant-table-row').filter({ hasText: '群众来电反映' });
    await objection.locator('[data-testid^="objection-resolve-"]').click();
    const resolve = page.locator('.ant-modal').filter({ hasText: '核实处理' });
    await choose(resolve, '经核实，异议成立');
    await choose(resolve, '退回经办补充材料');
    await resolve
      .locator('textarea')
      .fill('经入户核实，其配偶已稳定就业，家庭人均收入超过低保标准，退回经办重新核定');
    await page.getByTestId('objection-resolve-submit').click();
    await resolve.waitFor({ state: 'detached' });
    await objection.filter({ hasText: '异议成立' }).filter({ hasText: '退回经办补充材料' }).waitFor();
    // The person is off the list, their application back with the officer; the others stay.
    await page
      .locator('.ant-table-row')
      .filter({ hasText: '陈*强' })
      .filter({ hasText: '异议成立，已移出' })
      .filter({ hasText: '已退回经办' })
      .waitFor();
    await page
      .locator('.ant-table-row')
      .filter({ hasText: '赵*明' })
      .filter({ hasText: '在公示名单中' })
      .waitFor();
    await settle(page);
    await shot('objection-upheld');
  });
});
