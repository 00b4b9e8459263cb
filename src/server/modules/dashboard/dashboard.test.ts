import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, businessDate } from '../../common/dates';
import {
  type AidWorld,
  approveApplication,
  approveAtGrassroots,
  createAidWorld,
  fundProgram,
  fundProgramWith,
  issueBatchAsReviewer,
  makeArchivedHousehold,
  makeDraftHousehold,
  makePayeeHousehold,
  makeProgram,
  submitApplication,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { households } from '../households/households.table';
import type { TodoKey } from './dashboard.schemas';

/**
 * 待办事项 on a small federation: 江东区 → 望江街道 → 恒顺纺织 (its staff from the aid fixtures), and
 * 江北区 beside it with a grass-roots union of its own. Each test reads the counts of one person.
 */

let t: TestContext;
let w: AidWorld;
/** 江北区's grass-roots union reports straight to the district: its staff and their work. */
let north: { officer: Session; reviewer: Session };
let auditor: Session;
let secondFinance: Session;
let northFinance: Session;

function check(res: { statusCode: number; body: string }, expected: number, what: string) {
  if (res.statusCode !== expected) throw new Error(`${what}: HTTP ${res.statusCode} ${res.body}`);
}

const post = (s: Session, url: string, payload: object = {}) => s.request({ method: 'POST', url, payload });

/** A draft household of 3 in deep hardship, entered by `officer` for `employerOrgId`. */
const draftHousehold = async (officer: Session, employerOrgId: string, name: string) =>
  (await makeDraftHousehold(officer, employerOrgId, name)).id;

async function act(s: Session, householdId: string, action: string, payload: object = {}) {
  check(await post(s, `/api/households/${householdId}/${action}`, payload), 200, `household ${action}`);
}

async function todos(s: Session) {
  const res = await s.request({ method: 'GET', url: '/api/dashboard/todos' });
  expect(res.statusCode, res.body).toBe(200);
  const items = res.json().items as { key: TodoKey; count: number; capped: boolean }[];
  return Object.fromEntries(items.map((i) => [i.key, i.count])) as Partial<Record<TodoKey, number>>;
}

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
  const northUnit = await t.makeOrg(w.west.id, 'grassroots', '江北机械厂工会');
  north = {
    officer: await t.loginNewUser(northUnit.id, ['officer']),
    reviewer: await t.loginNewUser(northUnit.id, ['reviewer']),
  };
  auditor = await t.loginNewUser(w.district.id, ['auditor']);
  northFinance = await t.loginNewUser(w.west.id, ['finance']);

  // ——— 困难职工档案 of 恒顺纺织 ———
  // Submitted: waits for the grass-roots union.
  await act(w.officer, await draftHousehold(w.officer, w.unit.id, '赵一'), 'submit');
  // Approved by the grass-roots union: waits for the street.
  const second = await draftHousehold(w.officer, w.unit.id, '钱二');
  await act(w.officer, second, 'submit');
  await act(w.unitReviewer, second, 'approve');
  // A draft, and one returned for more documents: both wait for the officer.
  await draftHousehold(w.officer, w.unit.id, '孙三');
  const returned = await draftHousehold(w.officer, w.unit.id, '李四');
  await act(w.officer, returned, 'submit');
  await act(w.unitReviewer, returned, 'return', { reason: '请补充收入证明' });
  // An archive whose exit was proposed: the street confirms it.
  const exiting = await makeArchivedHousehold(w, '周五');
  await act(w.officer, exiting.id, 'propose-exit', { reason: '本人申请脱困' });
  // Annual reviews: one overdue since yesterday, one due in ten days, one due in two months (not yet).
  const today = businessDate();
  const dueOn = async (name: string, date: string) => {
    const h = await makeArchivedHousehold(w, name);
    await t.deps.db.update(households).set({ reviewDueOn: date }).where(eq(households.id, h.id));
    return h.id;
  };
  const overdueId = await dueOn('吴六', addMonths(today, -1));
  await dueOn('郑七', addMonths(today, 1));
  const early = await dueOn('王八', addMonths(today, 2));

  // ——— 抽查: 王八 reviewed early this year, the street draws its grass-roots union's reviews (all: 1) ———
  check(
    await post(w.officer, `/api/households/${early}/annual-review`, {
      outcome: 'continue',
      note: '入户核实',
    }),
    200,
    'annual review',
  );
  check(
    await post(w.townReviewer, '/api/households/annual-review/samples', {
      year: Number(today.slice(0, 4)),
      orgId: w.unit.id,
      ratio: 1,
    }),
    201,
    'draw sample',
  );

  // ——— 帮扶申请 (grass-roots, then street) ———
  const program = await makeProgram(w);
  const atUnit = await makeArchivedHousehold(w, '冯九');
  await submitApplication(w, { programId: program.id, householdId: atUnit.id, requestedFen: 20_000 });
  const atStreet = await makeArchivedHousehold(w, '陈十');
  const forward = await submitApplication(w, {
    programId: program.id,
    householdId: atStreet.id,
    requestedFen: 20_000,
  });
  check(await post(w.unitReviewer, `/api/applications/${forward}/approve`), 200, 'approve at grass-roots');
  const back = await makeArchivedHousehold(w, '褚十一');
  const sentBack = await submitApplication(w, {
    programId: program.id,
    householdId: back.id,
    requestedFen: 20_000,
  });
  check(
    await post(w.unitReviewer, `/api/applications/${sentBack}/return`, { reason: '请补充医院诊断证明' }),
    200,
    'return application',
  );

  // ——— 公示: the district publishes a program's approved list (吴六), its officer records an objection ———
  const published = await makeProgram(w, { name: '春节送温暖（公示）' });
  await fundProgram(w, published.id, 100_000);
  await approveApplication(
    w,
    await submitApplication(w, { programId: published.id, householdId: overdueId, requestedFen: 20_000 }),
  );
  const notice = await post(w.districtOfficer, `/api/programs/${published.id}/publicity`, {
    startDate: today,
  });
  check(notice, 201, 'publish');
  check(
    await post(w.districtOfficer, `/api/publicity/${notice.json().id}/objections`, {
      channel: 'phone',
      content: '反映其家庭有经营性收入',
    }),
    201,
    'record objection',
  );

  // ——— 发放: a draft batch and an issued one of the district ———
  const relief = await makeProgram(w, {
    type: 'relief',
    name: '临时救助',
    reviewChain: ['grassroots'],
    publicityDays: 0,
    capPerHouseholdFen: null,
  });
  await fundProgramWith(w, relief.id, { amountFen: 100_000, name: '区政府拨款', kind: 'government' });
  const payable = async (name: string) => {
    const h = await makePayeeHousehold(w, { name });
    return approveAtGrassroots(w, { programId: relief.id, householdId: h.id, requestedFen: 10_000 });
  };
  const batch = async (applicationId: string) => {
    const res = await post(w.finance, '/api/disbursements', {
      programId: relief.id,
      orgId: w.district.id,
      kind: 'cash',
      applicationIds: [applicationId],
    });
    check(res, 201, 'create batch');
    return res.json().id as string;
  };
  await batch(await payable('卫十二'));
  const issued = await batch(await payable('蒋十三'));
  await issueBatchAsReviewer(w, issued);
  secondFinance = await t.login((await t.makeUser(w.district.id, ['finance'])).username);

  // ——— 江北: a draft and a submitted household of its grass-roots union ———
  const northUnitId = northUnit.id;
  await draftHousehold(north.officer, northUnitId, '沈十四');
  await act(north.officer, await draftHousehold(north.officer, northUnitId, '韩十五'), 'submit');
}, 240_000);
afterAll(() => t.close());

describe('GET /api/dashboard: archive figures', () => {
  it('counts archived households of the subtree by category for whoever reads the archive', async () => {
    const res = await w.officer.request({ method: 'GET', url: '/api/dashboard' });
    expect(res.statusCode, res.body).toBe(200);
    // 周五, 吴六, 郑七, 王八, 冯九, 陈十, 褚十一, 卫十二, 蒋十三: all in deep hardship. Drafts, households
    // in review and returned ones are not in the archive.
    expect(res.json().archive).toEqual({
      total: 9,
      byCategory: { deep: 9, relative: 0, sudden: 0, none: 0, unassessed: 0 },
      countCap: 10_000,
      capped: { total: false, byCategory: [] },
    });
    const north = await t.login((await t.makeUser(w.west.id, ['officer'])).username);
    expect((await north.request({ method: 'GET', url: '/api/dashboard' })).json().archive).toMatchObject({
      total: 0,
    });
  });

  it('is null for roles without the archive', async () => {
    const res = await w.finance.request({ method: 'GET', url: '/api/dashboard' });
    expect(res.statusCode).toBe(200);
    expect(res.json().archive).toBeNull();
  });
});

describe('GET /api/dashboard/todos', () => {
  it('a grass-roots officer: drafts, returned archives, annual reviews and returned applications', async () => {
    expect(await todos(w.officer)).toEqual({
      'households.returned': 1,
      'households.drafts': 1,
      'households.annualReviewOverdue': 1,
      // Due within a month, the overdue one included (the work list's default).
      'households.annualReviewDueSoon': 2,
      'applications.returned': 1,
    });
  });

  it('a grass-roots reviewer: what waits at the grass-roots step of its own union', async () => {
    // The household approved there and the application forwarded to the street are no longer its work.
    // Nor are spot checks (the upper level checks the lower) or the district's notices (managed above).
    expect(await todos(w.unitReviewer)).toEqual({
      'households.awaitingReview': 1,
      'households.exitAwaitingConfirmation': 0,
      'households.sampleFindingsPending': 0,
      'applications.awaitingReview': 1,
      'publicity.objectionsPending': 0,
    });
  });

  it('a township reviewer: what the unions below approved, the exits they proposed, its spot check', async () => {
    // The district's notice is read below but managed by the district: its objection is not the street's.
    expect(await todos(w.townReviewer)).toEqual({
      'households.awaitingReview': 1,
      'households.exitAwaitingConfirmation': 1,
      'households.sampleFindingsPending': 1,
      'applications.awaitingReview': 1,
      'publicity.objectionsPending': 0,
    });
  });

  it('a district reviewer: no review at its level, but the subtree’s spot check and its own notice’s objection', async () => {
    expect(await todos(w.districtReviewer)).toEqual({
      'households.awaitingReview': 0,
      'households.exitAwaitingConfirmation': 0,
      'households.sampleFindingsPending': 1,
      'applications.awaitingReview': 0,
      'publicity.objectionsPending': 1,
    });
  });

  it('finance: the draft batch to review and issue, the issued batch to confirm — for either finance user', async () => {
    const expected = { 'disbursements.awaitingIssue': 1, 'disbursements.awaitingConfirmation': 1 };
    expect(await todos(w.finance)).toEqual(expected);
    expect(await todos(secondFinance)).toEqual(expected);
  });

  it('counts only the caller’s subtree', async () => {
    // 江东区's officer sees its subtree's work (the grass-roots union's), not 江北's draft.
    expect(await todos(w.districtOfficer)).toMatchObject({
      'households.drafts': 1,
      'households.returned': 1,
    });
    expect(await todos(north.officer)).toEqual({
      'households.returned': 0,
      'households.drafts': 1,
      'households.annualReviewOverdue': 0,
      'households.annualReviewDueSoon': 0,
      'applications.returned': 0,
    });
    expect(await todos(north.reviewer)).toMatchObject({
      'households.awaitingReview': 1,
      'households.sampleFindingsPending': 0,
      'applications.awaitingReview': 0,
      'publicity.objectionsPending': 0,
    });
    // 江北区's reviewer decides the township step of its grass-roots union, which is still at step one.
    expect(await todos(w.westReviewer)).toMatchObject({
      'households.awaitingReview': 0,
      'households.sampleFindingsPending': 0,
      'publicity.objectionsPending': 0,
    });
    expect(await todos(northFinance)).toEqual({
      'disbursements.awaitingIssue': 0,
      'disbursements.awaitingConfirmation': 0,
    });
  });

  it('says how many of a review queue another reviewer must decide (the caller entered them)', async () => {
    const unit = await t.makeOrg(w.west.id, 'grassroots', '江北纺机厂工会');
    const both = await t.loginNewUser(unit.id, ['officer', 'reviewer']);
    const officer = await t.loginNewUser(unit.id, ['officer']);
    await act(both, await draftHousehold(both, unit.id, '冯九'), 'submit');
    await act(officer, await draftHousehold(officer, unit.id, '陈十'), 'submit');
    const res = await both.request({ method: 'GET', url: '/api/dashboard/todos' });
    const items = res.json().items as { key: TodoKey; count: number; othersDecide?: number | null }[];
    // Both rows are behind the link (the list marks 冯九 须由他人审核); one is the caller's to decide.
    expect(items.find((i) => i.key === 'households.awaitingReview')).toMatchObject({
      count: 2,
      othersDecide: 1,
    });
    expect(items.find((i) => i.key === 'households.exitAwaitingConfirmation')).toMatchObject({
      count: 0,
      othersDecide: 0,
    });
    expect(items.find((i) => i.key === 'households.drafts')).not.toHaveProperty('othersDecide');
  });

  it('offers no queue a role cannot act on', async () => {
    expect(await todos(auditor)).toEqual({});
    const admin = await todos(w.admin);
    expect(Object.keys(admin)).toHaveLength(12);
    // The city's administrator is not a reviewer of 恒顺纺织 or 望江街道: their queues are not its own.
    expect(admin['households.awaitingReview']).toBe(0);
    expect(admin['applications.awaitingReview']).toBe(0);
    // Lists without a level are the whole subtree's: 江东's and 江北's drafts.
    expect(admin['households.drafts']).toBe(2);
    // Above every unit, the city checks samples and handles objections of the whole tree.
    expect(admin['households.sampleFindingsPending']).toBe(1);
    expect(admin['publicity.objectionsPending']).toBe(1);
  });

  it('follows the work: a decision moves the item from one queue to the next', async () => {
    const id = await draftHousehold(w.officer, w.unit.id, '杨十六');
    expect((await todos(w.officer))['households.drafts']).toBe(2);
    await act(w.officer, id, 'submit');
    expect((await todos(w.officer))['households.drafts']).toBe(1);
    expect((await todos(w.unitReviewer))['households.awaitingReview']).toBe(2);
    await act(w.unitReviewer, id, 'approve');
    expect((await todos(w.unitReviewer))['households.awaitingReview']).toBe(1);
    expect((await todos(w.townReviewer))['households.awaitingReview']).toBe(2);
    await act(w.townReviewer, id, 'approve');
    expect((await todos(w.townReviewer))['households.awaitingReview']).toBe(1);
  });

  it('follows the checks: a recorded finding and a verified objection leave their queues', async () => {
    const samples = await w.townReviewer.request({
      method: 'GET',
      url: `/api/households/annual-review/samples?year=${businessDate().slice(0, 4)}&current=true`,
    });
    const sample = samples.json().items[0] as { id: string };
    const detail = await w.townReviewer.request({
      method: 'GET',
      url: `/api/households/annual-review/samples/${sample.id}`,
    });
    const household = detail.json().items[0].householdId as string;
    check(
      await post(
        w.townReviewer,
        `/api/households/annual-review/samples/${sample.id}/items/${household}/finding`,
        { result: 'confirmed', note: '入户核实属实' },
      ),
      200,
      'record finding',
    );
    expect(await todos(w.townReviewer)).toMatchObject({ 'households.sampleFindingsPending': 0 });
    expect(await todos(w.districtReviewer)).toMatchObject({ 'households.sampleFindingsPending': 0 });

    const notices = await w.districtReviewer.request({
      method: 'GET',
      url: '/api/publicity?objections=pending',
    });
    const notice = notices.json().items[0] as { id: string };
    const read = await w.districtReviewer.request({ method: 'GET', url: `/api/publicity/${notice.id}` });
    const objection = read.json().objections[0].id as string;
    check(
      await post(w.districtReviewer, `/api/publicity/${notice.id}/objections/${objection}/resolve`, {
        decision: 'dismissed',
        note: '经核实，反映情况不属实',
      }),
      200,
      'resolve objection',
    );
    expect(await todos(w.districtReviewer)).toMatchObject({ 'publicity.objectionsPending': 0 });
  });

  it('needs a signed-in user, answered in the one error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/dashboard/todos' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toEqual(expect.any(String));
  });
});

describe('GET /api/dashboard: accounts and recent entries', () => {
  it('shows the accounts of the scope only to those who may read them, as the user list does', async () => {
    const mine = await w.officer.request({ method: 'GET', url: '/api/dashboard' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ userCount: null, activeUserCount: null, roleCounts: null });
    // The user list, a user and the list's export are refused to the same officer and reviewer.
    const someone = (await w.admin.request({ method: 'GET', url: '/api/users?pageSize=1' })).json().items[0];
    for (const s of [w.officer, w.unitReviewer, w.townReviewer]) {
      expect((await s.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);
      expect((await s.request({ method: 'GET', url: `/api/users/${someone.id}` })).statusCode).toBe(403);
      expect((await post(s, '/api/users/export', {})).statusCode).toBe(403);
      expect((await s.request({ method: 'GET', url: '/api/dashboard' })).json().userCount).toBeNull();
    }
    // Administrators manage them; supervision (auditor) reads them.
    for (const s of [w.admin, auditor]) {
      const figures = (await s.request({ method: 'GET', url: '/api/dashboard' })).json();
      expect(figures.userCount).toBeGreaterThan(0);
      expect(figures.activeUserCount).toBeGreaterThan(0);
      expect(figures.roleCounts.officer).toBeGreaterThan(0);
      expect((await s.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
    }
  });

  // Last in the file: its new draft would change the to-do counts above.
  it('credits each recent entry to the person who acted (their id with the name), not to 系统', async () => {
    const me = (await w.officer.request({ method: 'GET', url: '/api/auth/me' })).json().user;
    await draftHousehold(w.officer, w.unit.id, '褚最近');
    const recent = (await auditor.request({ method: 'GET', url: '/api/dashboard' })).json().recentAudit;
    expect(recent[0]).toMatchObject({
      action: 'household.created',
      actorId: me.id,
      actorName: expect.stringContaining(me.displayName),
    });
    // Only the system's own entries lack an actor.
    for (const entry of recent) expect(entry.actorId === null).toBe(entry.actorName === '系统');
  });
});
