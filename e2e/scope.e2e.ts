import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('scope');

function treeNode(page: Page, name: string) {
  return page.getByTestId('org-tree').locator(`[data-org-name="${name}"]`);
}

test('江北区 admin sees only 江北区 and its sub-units', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await e2e.withPage(t, 'district-admin', async (page, shot) => {
    await login(page, 'jb.admin');
    await page.getByTestId('current-user').filter({ hasText: '江北区总工会' }).waitFor();
    await page.getByTestId('menu-orgs').click();
    await page.waitForURL('**/orgs');

    // The tree's root is the caller's own unit; the city and the other districts are not in it.
    await treeNode(page, '江北区总工会').waitFor();
    await settle(page);
    const names = await page
      .getByTestId('org-tree')
      .locator('[data-org-name]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-org-name')));
    assert.equal(names[0], '江北区总工会');
    assert.ok(names.length > 1, `expected 江北区总工会 and its sub-units, got ${names.join('、')}`);
    for (const hidden of ['江东区总工会', '临江市总工会', '临溪县总工会'])
      assert.ok(!names.includes(hidden), `${hidden} must not be in 江北区's tree (${names.join('、')})`);

    // Searching for another district finds nothing.
    await page.getByTestId('org-search').fill('江东');
    await page.getByText('没有找到名称包含“江东”的单位').waitFor();
    assert.equal(await page.getByTestId('org-tree').count(), 0);
    await shot('jb-admin-search-jiangdong');
    await page.getByTestId('org-search').fill('');
    await treeNode(page, '江北区总工会').waitFor();

    // An admin may create sub-units of its own unit.
    await treeNode(page, '江北区总工会').click();
    await page.getByTestId('org-create-button').waitFor();
    await settle(page);
    await shot('jb-admin-tree');
  });
});

test('an officer has no create buttons, no audit log and no user management', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'officer', async (page, shot) => {
    await login(page, 'jd.officer');
    await page.getByTestId('menu-orgs').waitFor();
    await page.getByTestId('menu-account').waitFor();
    assert.equal(await page.getByTestId('menu-audit').count(), 0, 'an officer must not see 审计日志');
    assert.equal(await page.getByRole('menuitem').filter({ hasText: '审计日志' }).count(), 0);

    // 组织机构: read-only.
    await page.getByTestId('menu-orgs').click();
    await treeNode(page, '江东区总工会').click();
    await page
      .getByTestId('org-detail')
      .locator('.ant-card-head-title')
      .filter({ hasText: '江东区总工会' })
      .waitFor();
    await settle(page);
    assert.equal(await page.getByTestId('org-create-button').count(), 0, 'no 新建下级单位 for an officer');
    assert.equal(
      await page.getByTestId('org-detail').locator('.ant-card-extra button').count(),
      0,
      'no 新建/编辑/移动/停用 for an officer',
    );
    await shot('officer-orgs');

    // 用户管理 is for those who manage accounts: no menu entry, and its address shows 403 (the server
    // refuses the list and its export too: users.test.ts, dashboard.test.ts).
    assert.equal(await page.getByTestId('menu-users').count(), 0, 'no 用户管理 for an officer');
    await page.goto('/users');
    await page.getByText('您没有访问此页面的权限').waitFor();
    assert.equal(await page.getByTestId('users-table').count(), 0);
    await shot('officer-users-403');

    // The home page: no account figures, no role chart, no 0/0/0/1 chart of a single unit.
    await page.goto('/');
    await page.getByTestId('stat-members').waitFor();
    await settle(page);
    for (const widget of ['stat-users', 'stat-active-users', 'widget-user-roles'])
      assert.equal(await page.getByTestId(widget).count(), 0, `no ${widget} for an officer`);
    await shot('officer-dashboard');

    // Typing the address of the audit log shows 403.
    await page.goto('/audit');
    await page.getByText('您没有访问此页面的权限').waitFor();
    assert.equal(await page.getByTestId('audit-table').count(), 0);
    await shot('officer-audit-403');
  });
});
