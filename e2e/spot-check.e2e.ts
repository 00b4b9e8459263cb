import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { HW_ARCHIVE, WY_ARCHIVE } from '../scripts/demo-archive';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('spot-check');

const OFFICER = 'jd.wj.wy.officer';
const STREET_REVIEWER = 'jd.wj.reviewer';

// The demo data (scripts/demo-archive.ts): households of 望江街道 whose annual review was recorded this
// year — the population of the street's spot-check — and, at 望江物业, reviews overdue or due this month.
const names = (list: typeof WY_ARCHIVE, kind: string) =>
  list.filter((h) => h.story.kind === kind).map((h) => h.name);
const REVIEWED = [...names(WY_ARCHIVE, 'reviewed'), ...names(HW_ARCHIVE, 'reviewed')];
const [OVERDUE] = names(WY_ARCHIVE, 'overdue');
const [DUE_SOON] = names(WY_ARCHIVE, 'dueSoon');

async function openAnnualReview(page: Page): Promise<void> {
  await page.goto('/households/annual-review');
  await settle(page);
}

async function openSampleTab(page: Page): Promise<void> {
  await openAnnualReview(page);
  await page.getByTestId('annual-review-tabs').getByText('年审抽查', { exact: true }).click();
  await settle(page);
}

test('the street draws a spot-check sample, records a finding, and finds both stored after a reload', {
  timeout: 2 * TEST_TIMEOUT_MS,
}, async (t) => {
  assert.ok(OVERDUE && DUE_SOON && REVIEWED.length > 0, 'the demo has reviewed, overdue and due archives');
  // The unit's work list: an overdue review and one due this month; the officer records the overdue one.
  await e2e.withPage(t, 'officer reviews', async (page, shot) => {
    await login(page, OFFICER);
    await openAnnualReview(page);
    const row = (name: string) =>
      page.getByTestId('annual-review-table').locator('tr.ant-table-row').filter({ hasText: name });
    await row(OVERDUE).filter({ hasText: '已逾期' }).waitFor();
    await row(DUE_SOON).filter({ hasText: '待年审' }).waitFor();
    await shot('work-list');
    await row(OVERDUE).getByTestId('annual-review-record').click();
    await page
      .locator('.ant-modal')
      .filter({ hasText: `登记年审：${OVERDUE}` })
      .waitFor();
    await page.getByTestId('annual-review-note').fill('入户核实，家庭人口和收入情况无变化');
    await page.getByTestId('annual-review-submit').click();
    await page
      .locator('.ant-message')
      .filter({ hasText: `${OVERDUE} 的年审已登记` })
      .waitFor();
    // Reviewed: next due in a year, so it leaves the list of this month's reviews.
    await row(OVERDUE).waitFor({ state: 'detached' });
    await row(DUE_SOON).waitFor();
    await settle(page);
    await shot('recorded');
  });

  await e2e.withPage(t, 'reviewer draws and checks', async (page, shot) => {
    await login(page, STREET_REVIEWER);
    await openSampleTab(page);
    await page.getByTestId('sample-draw').click();
    // The first draw asks once: it fixes the sample.
    await page.getByTestId('sample-draw-confirm').click();
    await page.getByTestId('sample-result').waitFor();
    // The population: this year's reviews in the street, the demo's and the one just recorded; at least 30 %.
    const population = Number(await page.getByTestId('sample-population').textContent());
    const size = Number(await page.getByTestId('sample-size').textContent());
    assert.ok(population >= REVIEWED.length + 1, `population ${population}`);
    assert.equal(size, Math.ceil((population * 30) / 100));
    const drawn = await page
      .getByTestId('sample-items')
      .locator('tr.ant-table-row td:nth-child(2)')
      .allInnerTexts();
    assert.equal(drawn.length, size);
    for (const name of drawn)
      assert.ok([...REVIEWED, OVERDUE].includes(name.trim()), `${name} was reviewed this year`);
    await page
      .getByTestId('sample-progress')
      .filter({ hasText: `已抽查 0 / ${size} 户` })
      .waitFor();

    // No finding yet: the sample may be redrawn (with a confirmation); the first draw is kept.
    const firstSeed = await page.getByTestId('sample-seed-value').textContent();
    await page.getByTestId('sample-draw').filter({ hasText: '重新抽取' }).click();
    // A redraw says why: refused without a reason, kept with the new sample.
    await page.getByTestId('sample-redraw-confirm').click();
    await page.getByText('请填写重新抽取的理由').waitFor();
    await page.getByTestId('sample-redraw-reason').fill('抽查比例定错，按 40% 重新抽取');
    await page.getByTestId('sample-redraw-confirm').click();
    await page.getByTestId('sample-redraw-reason-value').filter({ hasText: '抽查比例定错' }).waitFor();
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
