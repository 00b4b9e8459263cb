import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

/**
 * 待办事项 on the home page. The demo data and the other e2e files change how much waits where, so
 * these tests check that an item is there and leads to its page, never how many there are.
 */
const e2e = setupE2E('dashboard');

/** The demo leaves one 临时救助 application at the street's step (心脏手术), which no e2e file decides. */
const STREET_REVIEWER = 'jd.wj.reviewer';

async function todoCardLoaded(page: Page) {
  const card = page.getByTestId('todo-card');
  await card.waitFor();
  await card.locator('[data-testid="todo-list"], [data-testid="todo-empty"]').first().waitFor();
  return card;
}

test('a street reviewer finds the applications waiting for it and opens its review queue', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'street-reviewer', async (page, shot) => {
    await login(page, STREET_REVIEWER);
    const card = await todoCardLoaded(page);
    const item = card.getByTestId('todo-applications.awaitingReview');
    await item.waitFor();
    await item.getByText('待我审核的帮扶申请').waitFor();
    const count = Number(await item.getAttribute('data-count'));
    assert.ok(count >= 1, `待我审核的帮扶申请 shows ${count}`);
    assert.equal(
      (await item.getByTestId('todo-count-applications.awaitingReview').textContent())?.trim(),
      String(count),
    );
    // Reviewers do not enter archives or pay: no officer or finance queues.
    for (const key of ['households.drafts', 'applications.returned', 'disbursements.awaitingIssue'])
      assert.equal(await card.getByTestId(`todo-${key}`).count(), 0, `${key} is not a reviewer's work`);
    await settle(page);
    await shot('todos');

    // In English the same item keeps its place and count.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await item.getByText('Aid applications awaiting my review').waitFor();
    await page.getByTestId('todo-card').getByText('To do', { exact: true }).waitFor();
    await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
    await item.getByText('待我审核的帮扶申请').waitFor();

    await item.click();
    await page.waitForURL('**/applications/review');
    await page.getByTestId('review-table').locator('[data-testid^="review-open-"]').first().waitFor();
    await settle(page);
    await shot('review-queue');
  });
});

test('a street reviewer opens the exits its unit confirms from the to-do', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'street-exit', async (page, shot) => {
    // The demo leaves 林国华's exit (six months above 低保) for the street; no earlier e2e file decides it.
    await login(page, STREET_REVIEWER);
    const card = await todoCardLoaded(page);
    const item = card.getByTestId('todo-households.exitAwaitingConfirmation');
    await item.getByText('待我确认脱困').waitFor();
    const count = Number(await item.getAttribute('data-count'));
    await item.click();
    await page.waitForURL('**/households?tab=exitProposed&mine=1');
    assert.equal(await page.getByRole('checkbox', { name: '只看由本单位确认的' }).isChecked(), true);
    const table = page.getByTestId('households-table');
    await table.getByText('林国华').waitFor();
    assert.equal(await table.locator('tbody tr.ant-table-row').count(), count);
    await settle(page);
    await shot('exits-mine');
  });
});

test('an auditor has no to-do card but sees the archive by category', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'auditor', async (page, shot) => {
    await login(page, 'jd.auditor');
    const archive = page.getByTestId('widget-archive');
    await archive.getByTestId('archive-category-deep').getByText('深度困难').waitFor();
    await settle(page);
    // 监督 changes nothing: no work list is its own.
    assert.equal(await page.getByTestId('todo-card').count(), 0);
    await shot('auditor');
    await archive.getByRole('link', { name: '查看档案' }).click();
    await page.waitForURL('**/households');
    await page.getByTestId('households-table').waitFor();

    // A to-do's link opens the list filtered (`?status=`): the filter is set and every row matches it.
    const listed = page.waitForRequest((r) => /\/api\/households\?(.*&)?status=archived(&|$)/.test(r.url()));
    await page.goto('/households?status=archived');
    await listed;
    const table = page.getByTestId('households-table');
    await page
      .locator('.ant-pro-table-search .ant-select-selection-item')
      .getByText('已建档', { exact: true })
      .waitFor();
    const statuses = table.locator('[data-testid^="household-row-status-"]');
    await statuses.first().waitFor();
    for (const text of await statuses.allInnerTexts()) assert.equal(text.trim(), '已建档');
  });
});

test('finance sees its payment queues and no archive figures', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await e2e.withPage(t, 'finance', async (page, shot) => {
    await login(page, 'jd.wj.finance');
    const card = await todoCardLoaded(page);
    await page.getByTestId('widget-stats').waitFor();
    await settle(page);
    // Finance does not read the archive: neither its queues nor its figures.
    for (const key of ['households.awaitingReview', 'households.drafts', 'applications.awaitingReview'])
      assert.equal(await card.getByTestId(`todo-${key}`).count(), 0, `${key} is not finance's work`);
    assert.equal(await page.getByTestId('widget-archive').count(), 0);
    // Whatever is waiting (the aid e2e file pays its batch in full), each item leads to 发放管理.
    const items = card.locator('[data-testid^="todo-disbursements."]');
    if ((await items.count()) > 0) {
      // The list opens filtered on what the item counts: draft batches to review, or issued ones.
      const first = items.first();
      const status =
        (await first.getAttribute('data-testid')) === 'todo-disbursements.awaitingIssue' ? 'draft' : 'issued';
      await first.click();
      await page.waitForURL(`**/disbursements?status=${status}`);
      await page
        .locator('.ant-select-selection-item')
        .getByText(status === 'draft' ? '草稿' : '发放中', { exact: true })
        .waitFor();
    } else {
      await card.getByTestId('todo-empty').getByText('暂无待办，今天的工作都处理完了').waitFor();
    }
    await shot('finance');
  });
});

test('a street reviewer opens the notices with objections to verify, and the spot check from the address', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'objections-and-samples', async (page, shot) => {
    await login(page, STREET_REVIEWER);
    const card = await todoCardLoaded(page);
    // Other e2e files record and verify objections: whether one waits now is not this test's concern.
    const item = card.getByTestId('todo-publicity.objectionsPending');
    const waiting = (await item.count()) > 0;
    if (waiting) {
      assert.ok(Number(await item.getAttribute('data-count')) >= 1);
      await item.click();
    } else {
      await page.goto('/publicity?objections=pending');
    }
    // 公示管理, kept to the notices with objections to verify.
    await page.waitForURL(
      (url) => url.pathname === '/publicity' && url.searchParams.get('objections') === 'pending',
    );
    const list = page.getByTestId('publicity-list');
    await list.getByText('待核实的公示异议', { exact: true }).first().waitFor();
    const links = list.locator('[data-testid^="pending-objections-link-"]');
    await list.locator('[data-testid^="pending-objections-link-"], .ant-empty').first().waitFor();
    if (waiting) assert.ok((await links.count()) >= 1, 'the to-do lists the notices it counted');
    for (const tag of await list.locator('[data-testid^="pending-objections-count-"]').allInnerTexts())
      assert.match(tag, /^待核实 \d+ 件$/);
    await settle(page);
    await shot('pending-objections');
    // All notices: the same page without the filter (the demo may hold none yet: the publicity e2e file
    // runs later); each title leads to the notice's page, where its objections are verified.
    await list.getByTestId('publicity-list-filter').getByText('全部公示', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/publicity' && !url.searchParams.has('objections'));
    await list.locator('[data-testid^="pending-objections-link-"], .ant-empty').first().waitFor();
    if ((await links.count()) > 0) {
      await links.first().click();
      await page.waitForURL('**/publicity/*');
      await page.getByText('异议登记与处理', { exact: true }).waitFor();
    } else {
      await list.getByText('暂无公示', { exact: true }).waitFor();
    }

    // 待记录抽查结果 links to the annual review page's spot-check tab, opened from the address.
    await page.goto('/households/annual-review?tab=sample');
    await page.getByTestId('sample-draw').waitFor();
    await settle(page);
    await shot('spot-check-tab');
  });
});
