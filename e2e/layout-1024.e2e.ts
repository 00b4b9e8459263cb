import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

/**
 * The pages at 1024 px, a common office laptop: the menu folds by itself, titles and key columns are
 * whole and inside the window. The demo leaves 林国华's exit and one 临时救助 application (心脏手术) at
 * the street's step; no other e2e file decides them.
 */
const e2e = setupE2E('layout-1024');
const STREET_REVIEWER = 'jd.wj.reviewer';

async function narrow(page: Page) {
  await page.setViewportSize({ width: 1024, height: 768 });
}

/** The element lies inside the window across (not cut off at the right, not scrolled away). */
async function insideAcross(page: Page, element: Locator, what: string) {
  const box = await element.boundingBox();
  assert.ok(box, `${what} is shown`);
  const width = page.viewportSize()!.width;
  assert.ok(
    box.x >= 0 && box.x + box.width <= width + 0.5,
    `${what} inside the window: ${JSON.stringify(box)}`,
  );
}

/** Drawn whole: no ellipsis (its text fits its box) and on one line. */
async function wholeOnOneLine(element: Locator, what: string) {
  const { fits, lines } = await element.evaluate((el) => {
    const style = getComputedStyle(el);
    const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.5;
    return {
      fits: el.scrollWidth <= el.clientWidth + 1,
      lines: Math.round(el.getBoundingClientRect().height / lineHeight),
    };
  });
  assert.ok(fits, `${what} is not cut short`);
  assert.equal(lines, 1, `${what} on one line`);
}

test('the menu folds below 1200 px, and the user may open it again', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'menu', async (page, shot) => {
    await narrow(page);
    await login(page, STREET_REVIEWER);
    const sider = page.locator('.ant-layout-sider').first();
    await page.waitForFunction(
      () => (document.querySelector('.ant-layout-sider') as HTMLElement)?.offsetWidth <= 80,
    );
    await shot('folded');
    await page.locator('.ant-pro-sider-collapsed-button').click();
    await page.waitForFunction(
      () => (document.querySelector('.ant-layout-sider') as HTMLElement)?.offsetWidth > 200,
    );
    assert.ok(((await sider.boundingBox())?.width ?? 0) > 200, 'the user’s toggle opens it');
    // Wide again: it opens by itself.
    await page.locator('.ant-pro-sider-collapsed-button').click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForFunction(
      () => (document.querySelector('.ant-layout-sider') as HTMLElement)?.offsetWidth > 200,
    );
  });
});

test('档案列表, 待我审核, 年审 and 档案统计 fit at 1024 px', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await e2e.withPage(t, 'households', async (page, shot) => {
    await narrow(page);
    await login(page, STREET_REVIEWER);

    // The list: 人均月收入 and 年审到期 in the window, no sideways scrolling needed for the key columns.
    await page.goto('/households');
    const table = page.getByTestId('households-table');
    await table.locator('.ant-table-row').first().waitFor();
    await settle(page);
    for (const heading of ['人均月收入', '年审到期', '困难类别', '所在单位'])
      await insideAcross(page, table.locator('th').filter({ hasText: heading }).first(), heading);
    await shot('list');

    // Sorted by 人均月收入 on the server, lowest first: the figures of the page ascend.
    const sorted = page.waitForRequest((r) => /\/api\/households\?(.*&)?sort=perCapita(&|$)/.test(r.url()));
    await table.locator('th').filter({ hasText: '人均月收入' }).first().click();
    await sorted;
    // The sorted page replaces the first (polled: the table renders the reply after the request ends).
    const figuresShown = async () =>
      (await table.locator('.ant-table-row td.ant-table-column-sort').allInnerTexts())
        .map((c) => Number(c.replace(/,/g, '')))
        .filter((n) => !Number.isNaN(n));
    let figures = await figuresShown();
    for (let i = 0; i < 50 && figures.join() !== [...figures].sort((a, b) => a - b).join(); i++) {
      await page.waitForTimeout(200);
      figures = await figuresShown();
    }
    assert.ok(figures.length > 1, figures.join(' | '));
    assert.deepEqual(
      figures,
      [...figures].sort((a, b) => a - b),
    );
    assert.match(page.url(), /sort=perCapita/);

    // A page beyond the last: the last page, not an empty table.
    await page.goto('/households?page=9');
    await table.locator('.ant-table-row').first().waitFor();
    await page.waitForURL((url) => url.searchParams.get('page') !== '9');
    const active = page.locator('.ant-pagination-item-active');
    await active.waitFor();
    const last = new URL(page.url()).searchParams.get('page') ?? '1';
    assert.equal((await active.innerText()).trim(), last);
    assert.equal(
      await page.locator('.ant-pagination-next.ant-pagination-disabled').count(),
      1,
      'the last page',
    );

    await page.goto('/households?tab=awaiting');
    const row = table.locator('.ant-table-row').filter({ hasText: '林国华' });
    await row.waitFor();
    // 待我审核 says what 林国华 awaits: the exit's confirmation (他已建档).
    await row.locator('[data-testid^="household-row-awaiting-"]').filter({ hasText: '待确认脱困' }).waitFor();
    await table.getByRole('columnheader', { name: '待审事项' }).waitFor();
    await shot('awaiting');

    // 年审: the due date with its tag on one line, the actions whole.
    await page.goto('/households/annual-review');
    const due = page.locator('[data-testid^="annual-review-due-date-"]').first();
    await due.waitFor();
    await settle(page);
    await wholeOnOneLine(due, 'the due date');
    // Nothing of the category column runs over the due date.
    const dueRow = page.getByTestId('annual-review-table').locator('.ant-table-row').first();
    const [tag, date] = [await dueRow.locator('.ant-tag').first().boundingBox(), await due.boundingBox()];
    assert.ok(tag && date && tag.x + tag.width <= date.x, 'the category tag ends before the due date');
    const filter = page.getByTestId('annual-review-org-filter');
    assert.ok(((await filter.boundingBox())?.width ?? 0) >= 160, 'the unit filter has room');
    await shot('annual-review');

    // 档案统计: the title whole, the period whole in its card's title.
    await page.goto('/households/report');
    const title = page.locator('.ant-page-header-heading-title').filter({ hasText: '档案统计' });
    await title.waitFor();
    await page.getByTestId('report-archived').waitFor();
    await settle(page);
    await wholeOnOneLine(title, 'the page title');
    const period = page.getByTestId('report-flows-title');
    assert.match((await period.innerText()).trim(), /^\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2} 期间$/);
    await wholeOnOneLine(period, 'the period');
    await shot('report');
  });
});

test('the review queue shows the amounts beside the sticky 操作 column', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'review-queue', async (page, shot) => {
    await narrow(page);
    await login(page, STREET_REVIEWER);
    await page.goto('/applications/review');
    const requested = page.locator('[data-testid^="review-requested-"]').first();
    await requested.waitFor();
    await settle(page);
    const action = page.getByTestId('review-table').locator('td.ant-table-cell-fix-right').first();
    const [amount, sticky] = [await requested.boundingBox(), await action.boundingBox()];
    assert.ok(amount && sticky);
    assert.ok(amount.x + amount.width <= sticky.x, 'the amount is not under the 操作 column');
    await shot('review-queue');
  });
});

test('a grass-roots reviewer’s empty 公示管理 says who publishes, with links', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'publicity-empty', async (page, shot) => {
    await narrow(page);
    // Notices are published by the programs' owner (the street): none below 江东环卫, ever.
    await login(page, 'jd.wj.hw.reviewer');
    await page.goto('/publicity');
    const empty = page.getByTestId('publicity-list-empty');
    await empty.getByText('公示由项目所属单位的经办人员在项目的“公示”页发布', { exact: false }).waitFor();
    const link = empty.locator('a[data-testid^="publicity-program-link-"]').first();
    await link.waitFor();
    await shot('empty');
    await link.click();
    await page.waitForURL(/\/programs\/[^/]+\?tab=publicity$/);
    await page.locator('.ant-tabs-tab-active').filter({ hasText: '公示' }).waitFor();
  });
});

test('帮扶申请 searched by name', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await e2e.withPage(t, 'applications-search', async (page, shot) => {
    await narrow(page);
    await login(page, STREET_REVIEWER);
    await page.goto('/applications');
    const table = page.getByTestId('applications-table');
    await table.locator('.ant-table-row').first().waitFor();
    const searched = page.waitForRequest((r) => /\/api\/applications\?(.*&)?q=/.test(r.url()));
    await page.getByTestId('applications-name-filter').fill('孙红霞');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await searched;
    // The reply replaces the rows once rendered: polled, bounded.
    const shown = () => table.locator('[data-testid^="application-link-"]').allInnerTexts();
    let names = await shown();
    for (let i = 0; i < 50 && names.some((n) => n.trim() !== '孙红霞'); i++) {
      await page.waitForTimeout(200);
      names = await shown();
    }
    assert.ok(names.length > 0);
    for (const name of names) assert.equal(name.trim(), '孙红霞');
    await shot('searched');
  });
});
