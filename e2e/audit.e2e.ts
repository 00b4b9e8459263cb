import assert from 'node:assert/strict';
import { test } from 'node:test';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('audit');

test('the city auditor reads the audit log and the chain verifies', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'verify', async (page, shot) => {
    await login(page, 'city.auditor');
    await page.getByTestId('menu-audit').filter({ hasText: '审计日志' }).click();
    await page.waitForURL('**/audit');
    const rows = page.getByTestId('audit-table').locator('tr.ant-table-row');
    await rows.first().waitFor();
    await settle(page);
    assert.ok((await rows.count()) > 0);
    await page.locator('.ant-pagination-options').filter({ hasText: '条/页' }).waitFor();
    await shot('audit-log');

    const verify = page.getByTestId('audit-verify-button');
    await verify.filter({ hasText: '校验审计链' }).click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    assert.equal(
      await result.getAttribute('data-ok'),
      'true',
      `verify result: ${await result.textContent()}`,
    );
    await result.filter({ hasText: '校验通过' }).waitFor();
    await shot('audit-verified');

    // In English, who acted reads as English writes it: a user name in English brackets.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    const table = page.getByTestId('audit-table');
    await table
      .locator('td')
      .filter({ hasText: /^\S.* \([A-Za-z][\w.-]*\)$/ })
      .first()
      .waitFor();
    const cells = await table.locator('tr.ant-table-row td').allTextContents();
    assert.deepEqual(
      cells.filter((c) => /（[A-Za-z][\w.-]*）$|^系统/.test(c)),
      [],
    );
    await settle(page);
    await shot('audit-log-en');
  });
});

test('from a household to its audit trail, and entries by the actor’s name', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'household-trail', async (page, shot) => {
    await login(page, 'city.auditor');
    await page.goto('/households');
    const first = page.locator('[data-testid^="household-link-"]').first();
    await first.waitFor();
    const householdId = (await first.getAttribute('data-testid'))!.replace('household-link-', '');
    await first.click();
    await page.getByTestId('household-audit-trail').click();
    await page.waitForURL(
      (url) => url.pathname === '/audit' && url.searchParams.get('entityId') === householdId,
    );
    const rows = page.getByTestId('audit-table').locator('tr.ant-table-row');
    await rows.first().waitFor();
    await settle(page);
    // Every entry shown is about that household, each with a way back to it.
    const links = page.getByTestId('audit-open-household');
    assert.equal(await links.count(), await rows.count());
    assert.equal(await links.first().getAttribute('href'), `/households/${householdId}`);
    await shot('household-trail');

    // Searched by the actor's name: a name nobody has finds nothing.
    await page.goto('/audit');
    await page.getByPlaceholder('姓名或用户名').fill('无此操作人');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByTestId('audit-table').filter({ hasText: '暂无审计记录' }).waitFor();
    await shot('actor-none');
  });
});
