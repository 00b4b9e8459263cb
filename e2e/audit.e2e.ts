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
  });
});
