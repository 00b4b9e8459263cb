import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('orgs');

const NEW_UNIT = '测试街道总工会';
const NEW_REGION = '330102';
const NEW_CONTACT = '王测试';

function treeNode(page: Page, name: string): Locator {
  return page.getByTestId('org-tree').locator(`[data-org-name="${name}"]`);
}

/** A row of the detail card: its label and value. */
function detailItem(page: Page, label: string): Locator {
  return page.getByTestId('org-detail').locator('.ant-descriptions-item').filter({ hasText: label });
}

test('city admin creates a township union under 江东区总工会, finds it, switches to English and signs out', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'create-unit', async (page, shot) => {
    await login(page, 'city.admin');

    // Chinese by default.
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.getByTestId('menu-orgs').filter({ hasText: '组织机构' }).waitFor();
    await page.getByTestId('current-user').filter({ hasText: '临江市总工会' }).waitFor();
    // The dashboard draws its charts once their chunk and data are in.
    await page.getByTestId('chart-org-levels').locator('canvas').waitFor();
    await page.getByTestId('chart-user-roles').locator('canvas').waitFor();
    await shot('dashboard');

    // 组织机构: the tree opens on the caller's unit and its children; nothing selected yet.
    await page.getByTestId('menu-orgs').click();
    await page.waitForURL('**/orgs');
    await treeNode(page, '临江市总工会').waitFor();
    await page.getByTestId('org-select-hint').waitFor();
    await settle(page);
    await shot('orgs-page');

    // Select 江东区总工会.
    await treeNode(page, '江东区总工会').click();
    await page.waitForURL(/\/orgs\?id=/);
    const detail = page.getByTestId('org-detail');
    await detail.locator('.ant-card-head-title').filter({ hasText: '江东区总工会' }).waitFor();
    await detailItem(page, '上级单位').filter({ hasText: '临江市总工会' }).waitFor();
    await settle(page);

    // 新建下级单位 through the modal.
    await page.getByTestId('org-create-button').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建下级单位' });
    await dialog.waitFor();
    await dialog.filter({ hasText: '上级：江东区总工会' }).waitFor();
    await dialog.getByLabel('单位名称').fill(NEW_UNIT);
    // A district's first possible child level is the township, chosen by default.
    await dialog
      .locator('.ant-form-item')
      .filter({ hasText: '单位级别' })
      .filter({ hasText: '乡镇街道工会' })
      .waitFor();
    const region = dialog.getByLabel('行政区划代码');
    await region.fill('');
    await region.fill(NEW_REGION);
    await dialog.getByLabel('联系人').fill(NEW_CONTACT);
    await shot('create-modal');
    await page.getByTestId('org-form-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .locator('.ant-message')
      .filter({ hasText: `已新建“${NEW_UNIT}”` })
      .waitFor();

    // The new unit is selected, shown in the tree under 江东区总工会, and its detail is open.
    await detail.locator('.ant-card-head-title').filter({ hasText: NEW_UNIT }).waitFor();
    const newId = new URL(page.url()).searchParams.get('id');
    assert.ok(newId, `the new unit should be selected (${page.url()})`);
    // By id: a unit's name need not be unique (e.g. when run twice against the same server).
    const newNode = page.getByTestId(`org-node-${newId}`);
    await newNode.waitFor();
    assert.equal(await newNode.getAttribute('data-org-name'), NEW_UNIT);
    await settle(page);

    // Find it with the search box too: only matches and their ancestors stay in the tree.
    await page.getByTestId('org-search').fill('测试街道');
    await newNode.locator('mark').filter({ hasText: '测试街道' }).waitFor();
    await treeNode(page, '江东区总工会').waitFor();
    assert.equal(await treeNode(page, '江北区总工会').count(), 0, 'the search should hide 江北区总工会');
    await newNode.click();
    await detail.locator('.ant-card-head-title').filter({ hasText: NEW_UNIT }).waitFor();
    await detailItem(page, '单位级别').filter({ hasText: '乡镇街道工会' }).waitFor();
    await detailItem(page, '上级单位').filter({ hasText: '江东区总工会' }).waitFor();
    await detailItem(page, '行政区划代码').filter({ hasText: NEW_REGION }).waitFor();
    await detailItem(page, '联系人').filter({ hasText: NEW_CONTACT }).waitFor();
    await settle(page);
    await shot('new-unit-found');

    // English.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.getByTestId('menu-orgs').filter({ hasText: 'Organisations' }).waitFor();
    await page.mouse.move(0, 0); // away from the switch, whose tooltip would cover the header
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByTestId('menu-users').filter({ hasText: 'Users' }).waitFor();
    await page.getByTestId('menu-audit').filter({ hasText: 'Audit log' }).waitFor();
    await page.getByTestId('logout-button').filter({ hasText: 'Sign out' }).waitFor();
    await page.locator('.ant-card-head-title').filter({ hasText: 'Union units' }).waitFor();
    await detailItem(page, 'Region code').filter({ hasText: NEW_REGION }).waitFor();
    await detailItem(page, 'Parent unit').filter({ hasText: '江东区总工会' }).waitFor();
    await detailItem(page, 'Level').filter({ hasText: 'Township union' }).waitFor();
    assert.equal(await page.getByTestId('menu-orgs').filter({ hasText: '组织机构' }).count(), 0);
    await shot('english');

    // Sign out: back on the login page, still in English.
    await page.getByTestId('logout-button').click();
    await page.waitForURL('**/login');
    await page.getByTestId('login-submit').filter({ hasText: 'Sign in' }).waitFor();
    await page.getByLabel('Username').waitFor();
    assert.equal(await page.getByTestId('current-user').count(), 0);
    await settle(page);
    await shot('signed-out');
  });
});
