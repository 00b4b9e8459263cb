import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { login, settle, setupE2E, TEST_TIMEOUT_MS } from './support/browser';

const e2e = setupE2E('households');

const EMPLOYER = '临江望江物业服务有限公司工会委员会';
const OFFICER = 'jd.wj.wy.officer';
const GRASSROOTS_REVIEWER = 'jd.wj.wy.reviewer';
const STREET_REVIEWER = 'jd.wj.reviewer';
const STREET_UNION = '望江街道总工会';
const DISTRICT_ADMIN = 'jd.admin';

/** GB 11643: the 18th character of a resident ID is a check digit over the first 17. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function residentId(first17: string): string {
  assert.match(first17, /^\d{17}$/);
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (ID_WEIGHTS[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}

/**
 * Unique per run: the tests share one server, and a resident ID may be on file only once. The last of
 * the three digits (the ID's 17th) is the sex: odd for a man, even for a woman.
 */
const sequence = (sex: 'male' | 'female') =>
  // Below 100: the demo's sequence numbers are 100 and up (scripts/demo-people.ts): never a demo person.
  String(randomInt(0, 50) * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
const WORKER_ID = residentId(`33010219850315${sequence('male')}`);
const SPOUSE_ID = residentId(`33010219870708${sequence('female')}`);
const CHILD_ID = residentId(`33010220100520${sequence('male')}`);
const WORKER_ID_MASKED = `${WORKER_ID.slice(0, 6)}********${WORKER_ID.slice(-4)}`;
const WORKER_NAME = '王建国';
const DRAFT_ID = residentId(`33010219760912${sequence('male')}`);

/** Set by the first test, used by the reviewers' tests. */
let householdId = '';

function status(page: Page, value: string): Locator {
  return page.locator(`[data-testid="household-status"][data-status="${value}"]`);
}

function listRow(page: Page, id: string): Locator {
  return page
    .getByTestId('households-table')
    .locator('tr.ant-table-row')
    .filter({ has: page.getByTestId(`household-link-${id}`) });
}

async function approve(page: Page, comment: string): Promise<void> {
  await page.getByTestId('household-approve').click();
  const reason = page.getByTestId('household-approve-reason');
  await reason.waitFor();
  // The dialog puts the focus in its text box, under a label worded for the action.
  await page.locator('.ant-modal').getByText('审核意见（可选）', { exact: true }).waitFor();
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('data-testid') === 'household-approve-reason',
  );
  await reason.fill(comment);
  await page.getByTestId('household-approve-confirm').click();
}

/**
 * 困难职工档案 in the side menu: a single entry, or a group whose first entry (档案列表) is the list.
 */
async function openHouseholdList(page: Page): Promise<void> {
  const item = page.getByTestId('menu-households');
  if (!(await item.isVisible()))
    await page.locator('.ant-menu-submenu-title').getByText('困难职工档案', { exact: true }).click();
  await item.click();
  await page.waitForURL('**/households');
}

/** A reviewer finds the household in 待我审核 and opens it. */
async function openFromReviewQueue(page: Page, shot: (step: string) => Promise<void>): Promise<void> {
  await openHouseholdList(page);
  await page.getByTestId('households-tabs').getByText('待我审核', { exact: true }).click();
  const link = page.getByTestId(`household-link-${householdId}`);
  await link.waitFor();
  await listRow(page, householdId).filter({ hasText: WORKER_ID_MASKED }).waitFor();
  await settle(page);
  await shot('review-queue');
  await link.click();
  await page.waitForURL(`**/households/${householdId}`);
  await page.getByTestId('household-name').filter({ hasText: WORKER_NAME }).waitFor();
}

// The longest flow (four form steps, save, submit, list): twice the usual budget.
test('a grass-roots officer files a household: live category, save, submit, masked ID', {
  timeout: 2 * TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'officer-files', async (page, shot) => {
    await login(page, OFFICER);

    // 困难职工档案 → 新建档案
    await page.locator('.ant-menu').getByText('困难职工档案', { exact: true }).waitFor();
    await openHouseholdList(page);
    await page.getByTestId('households-table').waitFor();
    await settle(page);
    await shot('list');
    await page.getByTestId('household-create-button').filter({ hasText: '新建档案' }).click();
    await page.waitForURL('**/households/new');
    await page.getByTestId('household-form').waitFor();

    // ① 职工信息: a grass-roots officer's own union is the employer by default.
    await page.getByTestId('household-form-employer').filter({ hasText: EMPLOYER }).waitFor();
    await page.getByTestId('household-form-name').fill(WORKER_NAME);
    await page.getByTestId('household-form-id').fill(WORKER_ID);
    await page.getByTestId('household-form-phone').fill('13812345678');
    // Sex and birth date are read from the ID as it is typed.
    await page.getByTestId('household-form').getByText('男，出生于 1985-03-15').waitFor();
    await shot('form-worker');
    await page.getByTestId('household-form-next').click();

    // ② 家庭成员: spouse (the default relation) and a child, so the household is 3 people.
    await page.getByTestId('household-add-member').click();
    await page.getByTestId('household-member-0-name').fill('李秀英');
    await page.getByTestId('household-member-0-id').fill(SPOUSE_ID);
    await page.getByTestId('household-add-member').click();
    await page.getByTestId('household-member-1-relation').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="子女"]').click();
    await page.getByTestId('household-member-1-name').fill('王小明');
    await page.getByTestId('household-member-1-id').fill(CHILD_ID);
    await shot('form-members');
    await page.getByTestId('household-form-next').click();

    // ③ 收入与支出: wages 36,000, medical 8,000 a year → (36,000 − 8,000) / 3 / 12 = 777.77 元 a month (rounded down),
    // below the 1,220 元 低保 of 330100: 深度困难, shown before anything is saved.
    await page.getByTestId('household-incomes-0-amount').fill('36000');
    await page.getByTestId('household-add-expenditures').click();
    // The first expenditure kind is 医疗 (medical).
    await page.getByTestId('household-expenditures-0-amount').fill('8000');
    const live = page.getByTestId('household-live-category');
    await live.filter({ hasText: '3 人' }).waitFor();
    await page
      .getByTestId('household-live-category-tag')
      .and(page.locator('[data-category="deep"]'))
      .filter({ hasText: '深度困难' })
      .waitFor();
    await page.getByTestId('household-live-per-capita').filter({ hasText: '777.77' }).waitFor();
    await shot('form-live-category');
    await page.getByTestId('household-form-next').click();

    // ④ 致困原因
    await page.getByTestId('household-form-causes').getByText('患病', { exact: true }).click();
    await page
      .getByTestId('household-form-situation')
      .fill('妻子患慢性肾病长期透析，儿子读初中，家庭仅靠本人工资维持，医疗支出较大。');
    await shot('form-causes');

    // Save: the detail page of the new draft.
    await page.getByTestId('household-form-save').click();
    await status(page, 'draft').waitFor();
    const match = /\/households\/([^/?#]+)$/.exec(new URL(page.url()).pathname);
    assert.ok(match?.[1] && match[1] !== 'new', `the detail page should open (${page.url()})`);
    householdId = match[1];
    await page.getByTestId('household-name').filter({ hasText: WORKER_NAME }).waitFor();
    await settle(page);
    await shot('detail-draft');

    // Submit.
    await page.getByTestId('household-submit').click();
    await page.getByTestId('household-submit-confirm').click();
    await status(page, 'submitted').waitFor();
    await page.getByTestId('household-category').and(page.locator('[data-category="deep"]')).waitFor();
    // Masked on the detail page; an officer may not reveal it.
    await page.getByTestId('household-basic').filter({ hasText: WORKER_ID_MASKED }).waitFor();
    assert.equal(await page.getByTestId('household-reveal-id').count(), 0, 'an officer has no reveal link');
    assert.equal(await page.locator('[data-testid^="household-reveal-"]').count(), 0);
    await settle(page);
    await shot('detail-submitted');

    // The list shows the ID masked: first 6 + ******** + last 4.
    await openHouseholdList(page);
    const row = listRow(page, householdId);
    await row.waitFor();
    await row.filter({ hasText: WORKER_ID_MASKED }).waitFor();
    await settle(page);
    assert.equal(
      await page.getByTestId('households-table').filter({ hasText: WORKER_ID }).count(),
      0,
      'the full ID must not be in the list',
    );
    await shot('list-masked');
  });
});

/**
 * Only the deciding unit's reviewers see 审核通过 / 退回补充 / 不予通过; anyone else is told who decides
 * (the server would refuse them).
 */
async function expectNoDecision(page: Page, note: string): Promise<void> {
  await page.getByTestId('household-decider-note').filter({ hasText: note }).waitFor();
  for (const button of ['household-approve', 'household-return', 'household-reject'])
    assert.equal(await page.getByTestId(button).count(), 0, `no ${button} button`);
}

test('the street reviewer and the district admin are told who decides the grass-roots step', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  assert.ok(householdId, 'the officer test should have filed a household');
  for (const [name, user] of [
    ['street-reviewer', STREET_REVIEWER],
    ['district-admin', DISTRICT_ADMIN],
  ] as const) {
    await e2e.withPage(t, `not-their-step-${name}`, async (page, shot) => {
      await login(page, user);
      await page.goto(`/households/${householdId}`);
      await status(page, 'submitted').waitFor();
      await expectNoDecision(page, `此环节由${EMPLOYER}审核`);
      await settle(page);
      await shot('detail');
    });
  }
});

test('the grass-roots reviewer approves it from 待我审核', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  assert.ok(householdId, 'the officer test should have filed a household');
  await e2e.withPage(t, 'grassroots-approves', async (page, shot) => {
    await login(page, GRASSROOTS_REVIEWER);
    await openFromReviewQueue(page, shot);
    await status(page, 'submitted').waitFor();
    await settle(page);
    await shot('detail');
    await approve(page, '经核实材料齐全，情况属实，同意。');
    await status(page, 'grassroots_approved').waitFor();
    // The next step is the street's: no buttons for the grass-roots reviewer any more.
    await expectNoDecision(page, `此环节由${STREET_UNION}审核`);
    await settle(page);
    await shot('approved');
  });
});

test('the street reviewer approves it: archived, the timeline lists every step', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  assert.ok(householdId, 'the officer test should have filed a household');
  await e2e.withPage(t, 'street-approves', async (page, shot) => {
    await login(page, STREET_REVIEWER);
    await openFromReviewQueue(page, shot);
    await status(page, 'grassroots_approved').waitFor();
    await approve(page, '复核通过，同意建档。');
    await status(page, 'archived').waitFor();
    await page.getByTestId('household-category').and(page.locator('[data-category="deep"]')).waitFor();

    const timeline = page.getByTestId('household-timeline');
    await timeline.locator('.ant-timeline-item').filter({ hasText: '上级工会' }).waitFor();
    const items = timeline.locator('.ant-timeline-item');
    const texts = (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ''));
    assert.ok(texts.length >= 4, `at least 4 timeline entries, got ${texts.length}`);
    const at = (label: string) => texts.findIndex((text) => text.includes(label));
    const created = at('新建档案');
    const submitted = at('提交审核');
    const grassroots = at('审核通过（基层工会）');
    const township = at('审核通过（上级工会）');
    assert.ok(created >= 0 && submitted > created, `created then submitted: ${texts.join(' | ')}`);
    assert.ok(grassroots > submitted, `then approved by the grass-roots union: ${texts.join(' | ')}`);
    assert.ok(township > grassroots, `then by the street union: ${texts.join(' | ')}`);
    assert.ok(texts[township]?.includes('已建档'), `the last approval archives it: ${texts[township]}`);
    await settle(page);
    await shot('archived');

    // A reviewer may reveal the full ID (audited); the page shows it masked until then.
    await page.getByTestId('household-basic').filter({ hasText: WORKER_ID_MASKED }).waitFor();
    await page.getByTestId('household-reveal-id').click();
    await page.getByTestId('household-reveal-value').filter({ hasText: WORKER_ID }).waitFor();
    await shot('revealed');
  });
});

/** The page number the list's pager shows as current. */
async function currentPage(page: Page): Promise<string> {
  return (await page.locator('.ant-pro-table .ant-pagination-item-active').innerText()).trim();
}

test('the list keeps its filters, search, tab and page across a household and Back, and in a link', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'list-state', async (page, shot) => {
    await login(page, DISTRICT_ADMIN);
    // A shared link: 深度困难 (20 and more in the demo), ten a page.
    await page.goto('/households?category=deep&pageSize=10');
    const filters = page.getByTestId('households-active-filters');
    await filters.filter({ hasText: '困难类别：深度困难' }).waitFor();
    const links = page.locator('[data-testid^="household-link-"]');
    await links.first().waitFor();
    const firstOfPage1 = await links.first().getAttribute('data-testid');
    await page.locator('.ant-pro-table .ant-pagination-item-2').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    // Page 1's rows stay on screen until page 2's arrive: wait for them to be replaced.
    await page.waitForFunction(
      (before) =>
        document.querySelector('[data-testid^="household-link-"]')?.getAttribute('data-testid') !== before,
      firstOfPage1,
    );
    await settle(page);
    const link = page.getByTestId((await links.first().getAttribute('data-testid'))!);
    const name = (await link.innerText()).trim();
    assert.equal(await currentPage(page), '2');
    assert.equal(await page.locator('[data-testid^="household-link-"]').count(), 10, 'ten a page');
    await shot('page-2');

    // Into a household and Back: the same filter, page, size and rows.
    const listUrl = page.url();
    await link.click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    await page.getByTestId('household-name').filter({ hasText: name }).waitFor();
    await page.goBack();
    await page.waitForURL(listUrl);
    await filters.filter({ hasText: '困难类别：深度困难' }).waitFor();
    await page.locator('[data-testid^="household-link-"]').first().filter({ hasText: name }).waitFor();
    assert.equal(await currentPage(page), '2');
    assert.equal(await page.locator('[data-testid^="household-link-"]').count(), 10);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('category'), 'deep');
    assert.equal(url.searchParams.get('pageSize'), '10');
    await settle(page);
    await shot('back-on-page-2');

    // The search text and the tab go to the address too, and come back the same way.
    await page.getByTestId('households-keyword').fill(name);
    await page.getByTestId('households-keyword').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === name && !u.searchParams.has('page'));
    await page.getByTestId('households-tabs').getByText('待确认脱困', { exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('tab') === 'exitProposed');
    await settle(page);
    await page.getByTestId('households-tabs').getByText('全部', { exact: true }).click();
    await page.waitForURL((u) => !u.searchParams.has('tab') && u.searchParams.get('q') === name);
    await page.locator('[data-testid^="household-link-"]').first().filter({ hasText: name }).click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    await page.getByTestId('household-name').filter({ hasText: name }).waitFor();
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/households' && u.searchParams.get('q') === name);
    assert.equal(await page.getByTestId('households-keyword').inputValue(), name);
    await filters.filter({ hasText: `姓名/身份证号：${name}` }).waitFor();
    await settle(page);
    await shot('back-with-search');

    // The menu's 档案列表 opens the list afresh.
    await openHouseholdList(page);
    await page.waitForURL((u) => u.pathname === '/households' && u.search === '');
    await filters.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('households-keyword').inputValue(), '');
    await settle(page);

    // Back from there: the list as it was, although the table wrote that entry itself earlier.
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('q') === name);
    await filters.filter({ hasText: `姓名/身份证号：${name}` }).waitFor();
    assert.equal(await page.getByTestId('households-keyword').inputValue(), name);
  });
});

test('a part of an ID number finds nothing, and the list says the number must be complete', {
  timeout: TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'partial-id', async (page, shot) => {
    await login(page, DISTRICT_ADMIN);
    await page.goto(`/households?q=${WORKER_ID.slice(-4)}`);
    await page.getByTestId('households-empty').filter({ hasText: '完整的 18 位号码' }).waitFor();
    await settle(page);
    await shot('partial-id');
  });
});

/**
 * 继续填写 in the question asked before leaving the form: the question goes, the form stays. A click
 * that lands while the question is still opening can be lost on a slow machine: tried again.
 */
async function stay(page: Page): Promise<void> {
  const question = page.locator('.ant-modal-confirm').filter({ hasText: '离开此页' });
  for (let attempt = 1; ; attempt += 1) {
    await page.getByTestId('household-form-stay').click();
    try {
      await question.waitFor({ state: 'detached', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** The form's step in the address: `?step=2`…, none for the first. */
async function expectStep(page: Page, step: number): Promise<void> {
  await page.waitForURL(
    (url) => url.pathname === '/households/new' && (url.searchParams.get('step') ?? '1') === String(step),
  );
}

test('the stepped form: Back and Forward between steps, a question before leaving, a partial draft', {
  timeout: 2 * TEST_TIMEOUT_MS,
}, async (t) => {
  await e2e.withPage(t, 'form-flow', async (page, shot) => {
    await login(page, OFFICER);
    await openHouseholdList(page);
    await page.getByTestId('household-create-button').click();
    await expectStep(page, 1);

    // ① A name on file at the same unit: a hint while typing, with the reasons in words.
    await page.getByTestId('household-form-name').fill('何秀英');
    const hint = page.getByTestId('household-form-duplicates');
    await hint.filter({ hasText: '同名' }).filter({ hasText: '同一单位' }).waitFor();
    await settle(page);
    await shot('duplicate-hint');
    await page.getByTestId('household-form-name').fill('钟晓岚');
    await page.getByTestId('household-form-id').fill(DRAFT_ID);
    await page.getByTestId('household-form-next').click();
    await expectStep(page, 2);

    // Back returns to the first step with what was typed; Forward to the second again.
    await page.goBack();
    await expectStep(page, 1);
    assert.equal(await page.getByTestId('household-form-name').inputValue(), '钟晓岚');
    await page.goForward();
    await expectStep(page, 2);
    await page.getByTestId('household-form-next').click();
    await expectStep(page, 3);

    // Leaving by the menu asks first; staying keeps the step and the entries.
    await page.getByTestId('menu-households').click();
    await page.getByTestId('household-form-stay').waitFor();
    await shot('leave-question');
    await stay(page);
    await expectStep(page, 3);
    await page.getByTestId('household-incomes-0-amount').waitFor();

    // A reload asks the browser's question (nothing typed is kept to survive it): dismissed, the form stays.
    let unloadQuestion = '';
    page.once('dialog', (dialog) => {
      unloadQuestion = dialog.type();
      void dialog.dismiss();
    });
    await page.reload({ timeout: 3_000 }).catch(() => undefined);
    assert.equal(unloadQuestion, 'beforeunload');
    await expectStep(page, 3);

    // Back past the first step asks too.
    await page.goBack();
    await expectStep(page, 2);
    await page.goBack();
    await expectStep(page, 1);
    await page.goBack();
    await stay(page);
    await expectStep(page, 1);
    assert.equal(await page.getByTestId('household-form-name').inputValue(), '钟晓岚');

    // 保存草稿 on the third step with the preset income row left empty: saved, the empty row not sent.
    await page.getByTestId('household-form-next').click();
    await expectStep(page, 2);
    await page.getByTestId('household-form-next').click();
    await expectStep(page, 3);
    await page.getByTestId('household-form-save').click();
    await status(page, 'draft').waitFor();
    await page.getByTestId('household-name').filter({ hasText: '钟晓岚' }).waitFor();
    const draftUrl = page.url();
    await page.getByTestId('household-incomes').locator('.ant-table-placeholder').waitFor();
    // The policy is named by its region, not its code.
    await page.getByTestId('household-decision').filter({ hasText: '临江市低保标准（' }).waitFor();
    await settle(page);
    await shot('draft');

    // Back from the saved draft leads to the list, not to the steps of the emptied form.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/households');
    await page.goForward();
    await page.waitForURL(draftUrl);

    // 提交审核 without a cause says so before any confirmation, and leads to the form's fourth step.
    await page.getByTestId('household-submit').click();
    await page.locator('.ant-modal').filter({ hasText: '提交审核前请至少选择一项致困原因' }).waitFor();
    assert.equal(await page.getByTestId('household-submit-confirm').count(), 0);
    await shot('submit-needs-causes');
    await page.getByTestId('household-submit-to-causes').click();
    await page.waitForURL((url) => url.pathname.endsWith('/edit') && url.searchParams.get('step') === '4');
    await page.getByTestId('household-form-causes').waitFor();
    await page.getByText('提交审核前至少选择一项；保存草稿时可以暂不选择。').waitFor();
    await settle(page);
    await shot('edit-causes');
  });
});
