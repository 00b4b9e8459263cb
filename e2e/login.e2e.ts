import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('login');

test('a wrong password shows the Chinese error and stays on the login page', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'wrong-password', async (page, shot) => {
    // Signed-out visitors are sent to the login page.
    await page.goto('/orgs');
    await page.waitForURL('**/login');
    // antd spaces out two-character Chinese button labels: 「登 录」.
    await page
      .getByTestId('login-submit')
      .filter({ hasText: /^登\s?录$/ })
      .waitFor();
    await shot('login-page');

    // Required fields are checked in the browser.
    await page.getByTestId('login-submit').click();
    await page.getByText('请输入用户名').waitFor();
    await page.getByText('请输入密码').waitFor();

    // An account used by no other test, so the failure counter bothers nobody.
    await page.getByLabel('用户名').fill('jd.reviewer');
    await page.getByLabel('密码', { exact: true }).fill('Wrong@2026');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.filter({ hasText: '用户名或密码错误' }).waitFor();
    assert.match(page.url(), /\/login$/);
    assert.equal(await page.getByTestId('current-user').count(), 0);
    await shot('wrong-password');
  });
});
