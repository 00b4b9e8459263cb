import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { APIResponse, Page } from 'playwright-core';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('spot-check');

const OFFICER = 'jd.wj.wy.officer';
const STREET_REVIEWER = 'jd.wj.reviewer';

/** A JSON call with the page's session (setup through the API, not the flow under test). */
async function post(page: Page, url: string, data: object): Promise<APIResponse> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  return page.request.post(url, { data, headers: { 'x-csrf-token': me.csrfToken } });
}

async function openSampleTab(page: Page): Promise<void> {
  await page.goto('/households/annual-review');
  await settle(page);
  await page.getByTestId('annual-review-tabs').getByText('年审抽查', { exact: true }).click();
  await settle(page);
}

test('the street draws a spot-check sample, records a finding, and finds both stored after a reload', {
  timeout: 2 * TEST_TIMEOUT_MS,
}, async (t) => {
  // This year's annual reviews of the unit, recorded by its officer: the population of the sample.
  await e2e.withPage(t, 'officer reviews', async (page) => {
    await login(page, OFFICER);
    const list = (await (await page.request.get('/api/households?status=archived&pageSize=50')).json()) as {
      items: { id: string; category: string | null }[];
    };
    let reviewed = 0;
    for (const h of list.items.filter((i) => i.category && i.category !== 'none').slice(0, 4)) {
      const res = await post(page, `/api/households/${h.id}/annual-review`, {
        outcome: 'continue',
        note: '入户核实，家庭情况未变',
      });
      if (res.ok()) reviewed++;
    }
    assert.ok(reviewed > 0, 'the demo unit has archived households to review');
  });

  await e2e.withPage(t, 'reviewer draws and checks', async (page, shot) => {
    await login(page, STREET_REVIEWER);
    await openSampleTab(page);
    await page.getByTestId('sample-draw').click();
    await page.getByTestId('sample-result').waitFor();
    const size = Number(await page.getByTestId('sample-size').textContent());
    assert.ok(size >= 1);
    await page
      .getByTestId('sample-progress')
      .filter({ hasText: `已抽查 0 / ${size} 户` })
      .waitFor();

    // No finding yet: the sample may be redrawn (with a confirmation); the first draw is kept.
    const firstSeed = await page.getByTestId('sample-seed-value').textContent();
    await page.getByTestId('sample-draw').filter({ hasText: '重新抽取' }).click();
    await page.getByTestId('sample-redraw-confirm').click();
    await page.getByTestId('sample-history').filter({ hasText: '已作废' }).waitFor();
    // The new draw is the one shown (its own seed) before a row of it is checked.
    await page.waitForFunction((seed) => {
      const shown = document.querySelector('[data-testid="sample-seed-value"]')?.textContent;
      return !!shown && shown !== seed;
    }, firstSeed);

    const first = page.getByTestId('sample-items').locator('tr.ant-table-row').first();
    await first.locator('[data-testid^="sample-discrepancy-"]').click();
    await page.getByTestId('sample-finding-note').fill('家庭人口与登记不符，需重新核实');
    await page.getByTestId('sample-finding-submit').click();
    await page
      .getByTestId('sample-progress')
      .filter({ hasText: `已抽查 1 / ${size} 户` })
      .waitFor();
    await shot('finding');

    // Stored: after a reload the same sample, its finding and progress; no more redraw.
    await openSampleTab(page);
    await page
      .getByTestId('sample-progress')
      .filter({ hasText: `已抽查 1 / ${size} 户` })
      .waitFor();
    await page.getByTestId('sample-items').getByText('家庭人口与登记不符，需重新核实').waitFor();
    await page.getByTestId('sample-final').waitFor();
    assert.equal(await page.getByTestId('sample-draw').isDisabled(), true);
    await page.getByTestId('sample-overview').getByText(`已抽查 1 / ${size} 户`).waitFor();
    await shot('stored');
  });
});
