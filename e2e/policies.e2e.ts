import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('policies');

/** antd's blue, the fields' focus colour (src/web/components/theme.ts), and antd's error red. */
const FOCUS_BLUE = 'rgb(22, 119, 255)';
const ERROR_RED = 'rgb(255, 77, 79)';

/** Waits for the pop-up's opening animation: a drop-down opened during it is placed where the field was. */
async function opened(dialog: Locator): Promise<void> {
  await dialog.waitFor();
  await dialog.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
  );
}

/** The form item labelled `label` in `scope`. */
function formItem(scope: Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: scope.page().getByText(label, { exact: true }) });
}

/** Waits until the element's border (all four sides) has settled on `color`: antd animates it for 0.2 s. */
async function borderBecomes(page: Page, box: Locator, color: string, what: string): Promise<void> {
  const handle = await box.elementHandle();
  await page
    .waitForFunction(
      ([el, want]) => {
        const s = getComputedStyle(el as Element);
        return [s.borderTopColor, s.borderRightColor, s.borderBottomColor, s.borderLeftColor].every(
          (c) => c === want,
        );
      },
      [handle, color] as const,
      { timeout: 5_000 },
    )
    .catch(async () => {
      const seen = await box.evaluate((el) => getComputedStyle(el).borderColor);
      assert.fail(`${what}: border ${seen}, expected ${color}`);
    });
}

test('the policy list names each region; the form picks the region from the units in scope', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'regions', async (page, shot) => {
    await login(page, 'city.admin');
    await page.getByTestId('menu-policies').click();
    await page.waitForURL('**/policies');
    const table = page.getByTestId('policies-table');
    // The demo's 低保 standards are set for the whole city: named after 临江市总工会.
    await table
      .locator('[data-testid^="policy-region-"]')
      .filter({ hasText: '330100 临江市' })
      .first()
      .waitFor();
    await settle(page);
    await shot('list');

    await page.getByTestId('policy-create-button').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新增政策版本' });
    await opened(dialog);
    const region = dialog.getByTestId('policy-form-region');
    await region.click();
    // The city and its three counties, by name; searching by name narrows them.
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    for (const label of ['330100 临江市', '330102 江东区', '330105 江北区', '330127 临溪县'])
      await options.filter({ hasText: label }).waitFor();
    await shot('region-options');
    await page.keyboard.type('江北');
    await options.filter({ hasText: '330105 江北区' }).waitFor();
    assert.equal(await options.count(), 1, 'searching 江北 leaves 江北区 only');
    await page.keyboard.press('Enter');
    await dialog.locator('.ant-select-selection-item').filter({ hasText: '330105 江北区' }).waitFor();

    const effective = dialog.getByLabel('执行日期');
    await effective.click();
    await effective.fill('2099-07-01');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('policy-form-dibao').fill('1250');
    await shot('filled');
    await page.getByTestId('policy-form-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ant-message').filter({ hasText: '政策版本已保存' }).waitFor();
    const row = table.locator('tr').filter({ hasText: '2099-07-01' });
    await row.locator('[data-testid^="policy-region-"]').filter({ hasText: '330105 江北区' }).waitFor();
    await shot('created');
  });
});

/** Signs in as the city's admin and opens 新增政策版本 from the policies page. */
async function openNewVersion(page: Page) {
  await login(page, 'city.admin');
  await page.getByTestId('menu-policies').click();
  await page.waitForURL('**/policies');
  await settle(page);
  await page.getByTestId('policy-create-button').click();
  const dialog = page.getByRole('dialog').filter({ hasText: '新增政策版本' });
  await opened(dialog);
  return dialog;
}

test('a focused field is blue and an invalid one red, though the brand colour is red', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'focus-vs-error', async (page, shot) => {
    const dialog = await openNewVersion(page);

    // Submitting the empty form marks the required region and 低保 standard invalid.
    await page.getByTestId('policy-form-submit').click();
    const dibao = formItem(dialog, '低保标准（元/人·月）');
    const region = formItem(dialog, '地区');
    await dibao.locator('.ant-form-item-explain-error').waitFor();
    await region.locator('.ant-form-item-explain-error').waitFor();

    // A valid field being typed in: blue. The invalid ones beside it: red.
    const multiplier = formItem(dialog, '相对困难倍数');
    await multiplier.locator('input').focus();
    await borderBecomes(page, multiplier.locator('.ant-input-number'), FOCUS_BLUE, 'focused number');
    await borderBecomes(page, dibao.locator('.ant-input-number'), ERROR_RED, 'invalid number');
    await borderBecomes(page, region.locator('.ant-select-selector'), ERROR_RED, 'invalid select');
    const glow = await multiplier
      .locator('.ant-input-number')
      .evaluate((el) => getComputedStyle(el).boxShadow);
    assert.match(glow, /rgba\(5, 145, 255, 0\.1\)/, `focus glow ${glow}`);
    await shot('focused-number-beside-invalid');

    const note = formItem(dialog, '备注').locator('textarea');
    await note.focus();
    await borderBecomes(page, note, FOCUS_BLUE, 'focused text area');
    const date = formItem(dialog, '执行日期');
    await date.locator('input').focus();
    await borderBecomes(page, date.locator('.ant-picker'), FOCUS_BLUE, 'focused date');

    // An invalid field keeps its red while typed in: the error is not hidden by the focus.
    await dibao.locator('input').focus();
    await borderBecomes(page, dibao.locator('.ant-input-number'), ERROR_RED, 'focused invalid number');
    await shot('focused-invalid');

    // The brand stays red where something is pressed: the primary button (the pointer off it, which
    // still rests where it pressed 确定, so that it is not the hover shade).
    await page.mouse.move(0, 0);
    const button = await page.getByTestId('policy-form-submit').elementHandle();
    await page
      .waitForFunction(
        (el) => getComputedStyle(el as Element).backgroundColor === 'rgb(198, 47, 47)',
        button,
        {
          timeout: 5_000,
        },
      )
      .catch(async () => {
        const seen = await button?.evaluate((el) => getComputedStyle(el).backgroundColor);
        assert.fail(`the primary button should keep the union red, is ${seen}`);
      });
  });
});

test('a figure out of range is named as such, not as missing; the multiplier shows 2 decimals', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'figure-range', async (page, shot) => {
    const dialog = await openNewVersion(page);

    const multiplier = formItem(dialog, '相对困难倍数').locator('input');
    assert.equal(await multiplier.inputValue(), '2.00');
    await dialog.getByTestId('policy-form-dibao').fill('-100');
    await multiplier.focus();
    const dibao = formItem(dialog, '低保标准（元/人·月）');
    await dibao.locator('.ant-form-item-explain-error').filter({ hasText: '低保标准须大于 0' }).waitFor();
    await multiplier.fill('1');
    await page.keyboard.press('Tab');
    await formItem(dialog, '相对困难倍数')
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '相对困难倍数须大于 1' })
      .waitFor();
    await shot('out-of-range');
    await dibao.locator('input').fill('');
    await dibao.locator('.ant-form-item-explain-error').filter({ hasText: '请填写低保标准' }).waitFor();
  });
});

test('a district admin adds versions only for their own region: none on the city’s rows', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'district-admin', async (page, shot) => {
    // 江东区总工会 (330102): the city's standard (330100) is 临江市总工会's to set.
    await login(page, 'jd.admin');
    await page.getByTestId('menu-policies').click();
    await page.waitForURL('**/policies');
    const cityRow = page
      .getByTestId('policies-table')
      .locator('tr.ant-table-row')
      .filter({ has: page.locator('[data-testid^="policy-region-"]').filter({ hasText: '330100' }) })
      .first();
    await cityRow.locator('[data-testid^="policy-not-settable-"]').waitFor();
    assert.equal(await cityRow.locator('[data-testid^="policy-new-from-"]').count(), 0);
    await settle(page);
    await shot('list');
  });
});
