import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoExitProposalText } from '../../../shared/exit-proposal';
import { addMonths, businessDate } from '../../common/dates';
import { createCityPolicy, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { exitRun } from './households.exit';
import { householdEvents, households, type IncomeRecordRow } from './households.table';

let t: TestContext;
let unit: { id: string; name: string };
let town: { id: string; name: string };
let officer: Session;
let unitReviewer: Session;
let townReviewer: Session;

const newId = residentIds({ birth: '19750505' });

const DIBAO = 100_000;

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t, { dibaoFen: DIBAO });
  const district = await t.makeOrg(t.rootOrgId, 'district');
  town = await t.makeOrg(district.id, 'township', '新塘街道总工会');
  unit = await t.makeOrg(town.id, 'grassroots', '新塘机械厂工会');
  officer = await t.loginNewUser(unit.id, ['officer']);
  unitReviewer = await t.loginNewUser(unit.id, ['reviewer']);
  townReviewer = await t.loginNewUser(town.id, ['reviewer']);
});
afterAll(() => t.close());

const post = (s: Session, id: string, action: string, payload: object = {}) =>
  s.request({ method: 'POST', url: `/api/households/${id}/${action}`, payload });

/** A one-person household at 800 元 a month, archived through both reviews. */
async function archived(idNumber = newId()) {
  const res = await officer.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: unit.id,
      name: '刘海峰',
      idNumber,
      causes: ['unemployment'],
      incomes: [{ kind: 'subsidy', annualFen: 12 * 80_000 }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await post(officer, id, 'submit');
  await post(unitReviewer, id, 'approve');
  const done = await post(townReviewer, id, 'approve');
  expect(done.json().status).toBe('archived');
  return { id, idNumber };
}

/** `k` months before the current business month, as YYYY-MM. */
const monthsAgo = (k: number) => addMonths(`${businessDate().slice(0, 7)}-01`, -k).slice(0, 7);
const record = (id: string, month: string, incomeFen: number) =>
  officer.request({
    method: 'POST',
    url: `/api/households/${id}/income-records`,
    payload: { month, incomeFen },
  });

/**
 * The archive as if it had been decided `k` months ago: the tests run on today's calendar, and the rule
 * counts only months after the archiving.
 */
const archivedMonthsAgo = (id: string, k: number) =>
  t.deps.db
    .update(households)
    .set({ archivedOn: `${monthsAgo(k)}-15` })
    .where(eq(households.id, id));
/**
 * The latest decline of an exit as if it had been decided `k` months ago. The timeline is append-only
 * (trigger): this test database lifts the trigger for the one backdating update.
 */
async function declinedMonthsAgo(id: string, k: number) {
  await t.deps.db.transaction(async (tx) => {
    const [last] = await tx
      .select({ id: householdEvents.id })
      .from(householdEvents)
      .where(and(eq(householdEvents.householdId, id), eq(householdEvents.action, 'exit_declined')))
      .orderBy(desc(householdEvents.id))
      .limit(1);
    await tx.execute(sql`alter table household_events disable trigger household_events_no_update_delete`);
    await tx
      .update(householdEvents)
      .set({ at: new Date(`${monthsAgo(k)}-15T12:00:00+08:00`) })
      .where(eq(householdEvents.id, last!.id));
    await tx.execute(sql`alter table household_events enable trigger household_events_no_update_delete`);
  });
}
const proposedOn = async (id: string) =>
  (await officer.request({ method: 'GET', url: `/api/households/${id}` })).json().exitProposedOn;

describe('monthly income records and exit', () => {
  it('proposes the exit after 6 consecutive months above 低保, not before; a correction counts', async () => {
    const h = await archived();
    await archivedMonthsAgo(h.id, 8);
    expect((await record(h.id, monthsAgo(7), 120_000)).statusCode).toBe(200);
    await record(h.id, monthsAgo(6), 90_000); // below 低保
    for (let k = 5; k >= 1; k--) {
      const res = await record(h.id, monthsAgo(k), 100_001);
      expect(res.json().exitProposedOn).toBeNull();
    }
    // Exactly at 低保 is not above it.
    const atDibao = await record(h.id, monthsAgo(6), 100_000);
    expect(atDibao.json().exitProposedOn).toBeNull();
    const corrected = await record(h.id, monthsAgo(6), 130_000);
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ status: 'archived', exitProposedOn: businessDate() });
    expect(corrected.json().items).toHaveLength(7);
    expect(corrected.json().items[0]).toMatchObject({
      month: monthsAgo(1),
      perCapitaFen: 100_001,
      aboveDibao: true,
    });

    const detail = (await officer.request({ method: 'GET', url: `/api/households/${h.id}` })).json();
    expect(detail.exitProposalReason).toContain(`连续 6 个月（${monthsAgo(6)} 至 ${monthsAgo(1)}）`);
    expect(detail.exitProposalReason).toContain(`只计建档当月 ${monthsAgo(8)} 之后、已结束的月份`);
    // The system proposed it; the timeline names who recorded the month that triggered it.
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'exit_proposed' });
    expect(detail.timeline.at(-1).actorName).toMatch(/^系统（.+登记月收入后）$/);
    const workList = (
      await townReviewer.request({ method: 'GET', url: '/api/households?exitProposed=true' })
    ).json();
    expect(workList.items.map((i: { id: string }) => i.id)).toEqual([h.id]);

    // Confirmed by the unit above the employer's union only.
    expect((await post(officer, h.id, 'confirm-exit')).statusCode).toBe(403);
    expect((await post(unitReviewer, h.id, 'confirm-exit')).json().error.code).toBe('HOUSEHOLD_WRONG_LEVEL');
    const exited = await post(townReviewer, h.id, 'confirm-exit', { comment: '已稳定就业' });
    expect(exited.json()).toMatchObject({
      status: 'exited',
      exitedOn: businessDate(),
      exitProposedOn: null,
      reviewDueOn: null,
    });
    // An exited archive stays readable, takes no more records and no longer holds the ID number.
    expect((await record(h.id, monthsAgo(0), 1)).json().error.code).toBe('HOUSEHOLD_WRONG_STATE');
    expect((await officer.request({ method: 'GET', url: `/api/households/${h.id}` })).statusCode).toBe(200);
  });

  it('refuses a month the database cannot hold (year 0000) with 400', async () => {
    const h = await archived();
    for (const month of ['0000-01', '1899-12', '2026-13']) {
      const res = await record(h.id, month, 150_000);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({
        path: 'month',
        message: expect.stringContaining('YYYY-MM'),
      });
    }
  });

  it('counts only months after the archiving: a household archived today gets no exit from older months', async () => {
    const h = await archived();
    for (let k = 7; k >= 0; k--) {
      const res = await record(h.id, monthsAgo(k), 150_000);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().exitProposedOn).toBeNull();
    }
    expect(
      (await officer.request({ method: 'GET', url: `/api/households/${h.id}/income-records` })).json(),
    ).toMatchObject({ exitWindow: { after: monthsAgo(0), before: monthsAgo(0), basis: 'archived' } });
    // Archived three months ago: two completed months since, not six.
    await archivedMonthsAgo(h.id, 3);
    expect((await record(h.id, monthsAgo(1), 150_000)).json().exitProposedOn).toBeNull();
    // Archived seven months ago: the six months after it count.
    await archivedMonthsAgo(h.id, 7);
    const proposed = await record(h.id, monthsAgo(1), 150_000);
    expect(proposed.json()).toMatchObject({
      exitProposedOn: businessDate(),
      exitWindow: { after: monthsAgo(7), before: monthsAgo(0), basis: 'archived' },
    });
    const detail = (await officer.request({ method: 'GET', url: `/api/households/${h.id}` })).json();
    expect(detail.exitProposalReason).toContain(`连续 6 个月（${monthsAgo(6)} 至 ${monthsAgo(1)}）`);
  });

  it('the current month, not yet finished, does not count; months after it are refused', async () => {
    const h = await archived();
    await archivedMonthsAgo(h.id, 7);
    for (let k = 5; k >= 0; k--) {
      const res = await record(h.id, monthsAgo(k), 150_000);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().exitProposedOn).toBeNull();
    }
    const future = await record(h.id, monthsAgo(-1), 150_000);
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({
      code: 'HOUSEHOLD_MONTH_IN_FUTURE',
      message: `不能登记未来月份（${monthsAgo(-1)}）的收入：本月为 ${monthsAgo(0)}，只能登记本月及以前月份的收入`,
    });
    // The sixth completed month completes the run (months 6 … 1 before this one).
    const proposed = await record(h.id, monthsAgo(6), 150_000);
    expect(proposed.json().exitProposedOn).toBe(businessDate());
  });

  it('after 返困 and re-archiving, months before the new archiving no longer count', async () => {
    const h = await archived();
    await archivedMonthsAgo(h.id, 8);
    for (let k = 6; k >= 1; k--) await record(h.id, monthsAgo(k), 150_000);
    expect(await proposedOn(h.id)).toBe(businessDate());
    await post(townReviewer, h.id, 'confirm-exit');
    expect((await post(officer, h.id, 'relapse', { reason: '再次失业' })).statusCode).toBe(200);
    await post(officer, h.id, 'submit');
    await post(unitReviewer, h.id, 'approve');
    expect((await post(townReviewer, h.id, 'approve')).json()).toMatchObject({
      status: 'archived',
      archivedOn: businessDate(),
    });
    // The first new record: the old run of six months is before the re-archiving.
    expect((await record(h.id, monthsAgo(1), 150_000)).json()).toMatchObject({
      exitProposedOn: null,
      exitWindow: { after: monthsAgo(0), basis: 'rearchived' },
    });
    expect((await record(h.id, monthsAgo(0), 150_000)).json().exitProposedOn).toBeNull();
    // Re-archived seven months ago: the months since count again, and the explanation says why.
    await archivedMonthsAgo(h.id, 7);
    expect((await record(h.id, monthsAgo(1), 150_000)).json().exitProposedOn).toBe(businessDate());
    const detail = (await officer.request({ method: 'GET', url: `/api/households/${h.id}` })).json();
    expect(detail.exitProposalReason).toContain(`只计返困后重新建档当月 ${monthsAgo(7)} 之后、已结束的月份`);
  });

  it('a declined exit sticks: only months after the month of the decline count', async () => {
    const h = await archived();
    await archivedMonthsAgo(h.id, 8);
    for (let k = 6; k >= 1; k--) await record(h.id, monthsAgo(k), 150_000);
    expect(await proposedOn(h.id)).toBe(businessDate());
    const declined = await post(townReviewer, h.id, 'decline-exit', { reason: '收入不稳定' });
    expect(declined.json()).toMatchObject({ status: 'archived', exitProposedOn: null });
    // Re-recording the months the reviewer saw, or this month, proposes nothing.
    expect((await record(h.id, monthsAgo(1), 150_000)).json()).toMatchObject({
      exitProposedOn: null,
      exitWindow: { after: monthsAgo(0), basis: 'declined' },
    });
    expect((await record(h.id, monthsAgo(0), 150_000)).json().exitProposedOn).toBeNull();
    // Declined three months ago: two completed months since.
    await declinedMonthsAgo(h.id, 3);
    expect((await record(h.id, monthsAgo(1), 150_000)).json().exitProposedOn).toBeNull();
    // Declined seven months ago: six completed months since, all above 低保.
    await declinedMonthsAgo(h.id, 7);
    expect((await record(h.id, monthsAgo(1), 150_000)).json().exitProposedOn).toBe(businessDate());
    const detail = (await officer.request({ method: 'GET', url: `/api/households/${h.id}` })).json();
    expect(detail.exitProposalReason).toContain(`连续 6 个月（${monthsAgo(6)} 至 ${monthsAgo(1)}）`);
    expect(detail.exitProposalReason).toContain(`只计审核不同意脱困当月 ${monthsAgo(7)} 之后、已结束的月份`);
  });

  it('relapse re-opens the same archive with its history, unless the person holds another live archive', async () => {
    const h = await archived();
    await post(officer, h.id, 'propose-exit', { reason: '本人申请脱困' });
    // Without a body (its comment is optional).
    const confirmed = await townReviewer.request({
      method: 'POST',
      url: `/api/households/${h.id}/confirm-exit`,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().status).toBe('exited');
    // Not a new archive of his own (一户一档: his exited archive is re-opened by 返困)…
    const own = await officer.request({
      method: 'POST',
      url: '/api/households',
      payload: { employerOrgId: unit.id, name: '刘海峰', idNumber: h.idNumber, causes: ['illness'] },
    });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('HOUSEHOLD_EXITED_ARCHIVE');
    // …but his wife's archive may list him in her family meanwhile: then 返困 must wait for it.
    const other = await officer.request({
      method: 'POST',
      url: '/api/households',
      payload: {
        employerOrgId: unit.id,
        name: '陈秀兰',
        idNumber: newId('19780303'),
        causes: ['illness'],
        members: [{ relation: 'spouse', name: '刘海峰', idNumber: h.idNumber, healthStatus: 'healthy' }],
      },
    });
    expect(other.statusCode, other.body).toBe(201);
    const blocked = await post(officer, h.id, 'relapse', { reason: '再次失业' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('HOUSEHOLD_DUPLICATE_ID');
    expect((await post(officer, h.id, 'relapse', { reason: '再次失业' })).json().error.code).toBe(
      'HOUSEHOLD_DUPLICATE_ID',
    );
    await post(officer, other.json().id, 'withdraw', { reason: '重复' });
    const reopened = await post(officer, h.id, 'relapse', { reason: '再次失业' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().id).toBe(h.id);
    expect(reopened.json().status).toBe('draft');
    expect(reopened.json().timeline.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'submitted',
      'approved',
      'approved',
      'exit_proposed',
      'exited',
      'relapsed',
    ]);
    await post(officer, h.id, 'submit');
    await post(unitReviewer, h.id, 'approve');
    expect((await post(townReviewer, h.id, 'approve')).json()).toMatchObject({
      status: 'archived',
      exitedOn: null,
    });
  });

  it('an exit may be declined; nobody confirms an exit they proposed', async () => {
    const h = await archived();
    const both = await t.loginNewUser(town.id, ['officer', 'reviewer']);
    await post(both, h.id, 'propose-exit', { reason: '收入已提高' });
    expect((await post(both, h.id, 'propose-exit', { reason: '再次' })).json().error.code).toBe(
      'HOUSEHOLD_WRONG_STATE',
    );
    expect((await post(both, h.id, 'confirm-exit')).json().error.code).toBe('HOUSEHOLD_OWN_ENTRY');
    // 待我审核 says so: marked for the proposer, not for another reviewer of the street.
    const blocked = async (s: typeof both) =>
      (await s.request({ method: 'GET', url: '/api/households?awaitingMyReview=true&pageSize=200' }))
        .json()
        .items.find((i: { id: string }) => i.id === h.id)?.reviewBlocked;
    expect(await blocked(both)).toBe('own_entry');
    expect(await blocked(townReviewer)).toBeNull();
    const declined = await post(townReviewer, h.id, 'decline-exit', { reason: '收入不稳定' });
    expect(declined.json()).toMatchObject({ status: 'archived', exitProposedOn: null });
    expect(declined.json().timeline.at(-1)).toMatchObject({ action: 'exit_declined', comment: '收入不稳定' });
  });

  it('withdraws its own proposal when a month of the run is corrected to 低保 or below; proposes again once it holds', async () => {
    const h = await archived();
    await archivedMonthsAgo(h.id, 8);
    for (let k = 6; k >= 1; k--) await record(h.id, monthsAgo(k), 150_000);
    expect(await proposedOn(h.id)).toBe(businessDate());
    // A month outside the run (the current one, not yet counted) changes nothing.
    expect((await record(h.id, monthsAgo(0), 50_000)).json().exitProposedOn).toBe(businessDate());
    // A month of the run corrected to exactly 低保: not above it, the run no longer holds.
    const corrected = await record(h.id, monthsAgo(4), 100_000);
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ status: 'archived', exitProposedOn: null });
    const detail = (await officer.request({ method: 'GET', url: `/api/households/${h.id}` })).json();
    expect(detail).toMatchObject({ exitProposedOn: null, exitProposalReason: null });
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'exit_proposal_withdrawn',
      fromStatus: 'archived',
      toStatus: 'archived',
      comment:
        `${monthsAgo(4)} 的月收入更正后家庭人均月收入不高于当月低保标准，` +
        `连续 6 个月（${monthsAgo(6)} 至 ${monthsAgo(1)}）高于低保的条件不再成立，系统撤回其提出的脱困。`,
    });
    expect(detail.timeline.at(-1).actorName).toMatch(/^系统（.+更正月收入后）$/);
    const workList = (
      await townReviewer.request({ method: 'GET', url: '/api/households?exitProposed=true&pageSize=200' })
    ).json();
    expect(workList.items.map((i: { id: string }) => i.id)).not.toContain(h.id);
    expect((await post(townReviewer, h.id, 'confirm-exit')).json().error.code).toBe('HOUSEHOLD_WRONG_STATE');
    const admin = await t.login('admin', 'Admin@12345');
    const audit = (await admin.request({ method: 'GET', url: `/api/audit?entityId=${h.id}` })).json();
    const withdrawal = audit.items.find(
      (a: { action: string }) => a.action === 'household.exit_proposal_withdrawn',
    );
    expect(withdrawal).toMatchObject({
      before: { exitProposedOn: businessDate() },
      after: { exitProposedOn: null },
    });
    // Corrected back above 低保: the run holds again and the system proposes again.
    expect((await record(h.id, monthsAgo(4), 150_000)).json().exitProposedOn).toBe(businessDate());
  });

  it('an exit proposed on request or at an annual review is not withdrawn by a month below 低保', async () => {
    const onRequest = await archived();
    await archivedMonthsAgo(onRequest.id, 8);
    for (let k = 6; k >= 1; k--) await record(onRequest.id, monthsAgo(k), 150_000);
    await post(townReviewer, onRequest.id, 'decline-exit', { reason: '再观察' });
    await post(officer, onRequest.id, 'propose-exit', { reason: '本人申请脱困' });
    expect((await record(onRequest.id, monthsAgo(3), 50_000)).json().exitProposedOn).toBe(businessDate());
    const atReview = await archived();
    const reviewed = await post(officer, atReview.id, 'annual-review', {
      outcome: 'propose_exit',
      note: '入户核实，已稳定就业',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect((await record(atReview.id, monthsAgo(1), 50_000)).json().exitProposedOn).toBe(businessDate());
    for (const id of [onRequest.id, atReview.id]) {
      const detail = (await officer.request({ method: 'GET', url: `/api/households/${id}` })).json();
      expect(detail.timeline.map((e: { action: string }) => e.action)).not.toContain(
        'exit_proposal_withdrawn',
      );
    }
  });

  it("refuses an officer's reason worded as the system's own proposal (it would be taken for one)", async () => {
    const h = await archived();
    const sentence = autoExitProposalText({
      months: 6,
      from: monthsAgo(6),
      to: monthsAgo(1),
      basis: 'archived',
      after: monthsAgo(8),
    });
    for (const [action, payload, path] of [
      ['propose-exit', { reason: sentence }, 'reason'],
      ['annual-review', { outcome: 'propose_exit', note: sentence }, 'note'],
    ] as const) {
      const res = await post(officer, h.id, action, payload);
      expect(res.statusCode, action).toBe(400);
      expect(res.json().error.details).toContainEqual(
        expect.objectContaining({
          path,
          message: '请用自己的话写明脱困原因（这段文字是系统自动提出脱困时的用语）',
        }),
      );
    }
    const detail = (await officer.request({ method: 'GET', url: `/api/households/${h.id}` })).json();
    expect(detail.exitProposedOn).toBeNull();
  });

  it('nobody who recorded a month of the run confirms or declines the automatic exit', async () => {
    const h = await archived();
    await archivedMonthsAgo(h.id, 8);
    const both = await t.loginNewUser(town.id, ['officer', 'reviewer']);
    const outside = await t.loginNewUser(town.id, ['officer', 'reviewer']);
    const recordAs = (s: Session, month: string) =>
      s.request({
        method: 'POST',
        url: `/api/households/${h.id}/income-records`,
        payload: { month, incomeFen: 150_000 },
      });
    // `both` records one month of the run, not the one that triggers the proposal; `outside` only the
    // current month, which is not part of it.
    expect((await recordAs(both, monthsAgo(4))).statusCode).toBe(200);
    expect((await recordAs(outside, monthsAgo(0))).statusCode).toBe(200);
    for (const k of [6, 5, 3, 2, 1]) await record(h.id, monthsAgo(k), 150_000);
    expect(await proposedOn(h.id)).toBe(businessDate());
    for (const [action, payload] of [
      ['confirm-exit', { comment: '已稳定就业' }],
      ['decline-exit', { reason: '收入不稳定' }],
    ] as const) {
      const res = await post(both, h.id, action, payload);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('HOUSEHOLD_OWN_ENTRY');
    }
    const blocked = async (s: Session) =>
      (await s.request({ method: 'GET', url: '/api/households?awaitingMyReview=true&pageSize=200' }))
        .json()
        .items.find((i: { id: string }) => i.id === h.id)?.reviewBlocked;
    expect(await blocked(both)).toBe('own_entry');
    expect(await blocked(outside)).toBeNull();
    const detail = await both.request({ method: 'GET', url: `/api/households/${h.id}` });
    expect(detail.json().pendingDecision).toMatchObject({ step: 'exit', blocked: 'own_entry' });
    const declined = await post(outside, h.id, 'decline-exit', { reason: '收入不稳定' });
    expect(declined.statusCode, declined.body).toBe(200);
  });

  it('a 返困 re-opening withdrawn or rejected returns the archive to 已脱困, which may relapse again', async () => {
    const h = await archived();
    await post(officer, h.id, 'propose-exit', { reason: '本人申请脱困' });
    expect((await post(townReviewer, h.id, 'confirm-exit')).json().status).toBe('exited');
    const exitedOn = businessDate();
    expect((await post(officer, h.id, 'relapse', { reason: '再次失业' })).json().status).toBe('draft');

    const withdrawn = await post(officer, h.id, 'withdraw', { reason: '已找到工作' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'exited', exitedOn });
    expect(withdrawn.json().timeline.at(-1)).toMatchObject({
      action: 'withdrawn',
      fromStatus: 'draft',
      toStatus: 'exited',
      comment: '已找到工作',
    });
    // Its people are released as at the exit: another archive may take the ID number meanwhile.
    const other = await officer.request({
      method: 'POST',
      url: '/api/households',
      payload: {
        employerOrgId: unit.id,
        name: '陈秀兰',
        idNumber: newId('19780404'),
        causes: ['illness'],
        members: [{ relation: 'spouse', name: '刘海峰', idNumber: h.idNumber, healthStatus: 'healthy' }],
      },
    });
    expect(other.statusCode, other.body).toBe(201);
    await post(officer, other.json().id, 'withdraw', { reason: '重复' });

    expect((await post(officer, h.id, 'relapse', { reason: '再次失业' })).json().status).toBe('draft');
    expect((await post(officer, h.id, 'submit')).json().status).toBe('submitted');
    const rejected = await post(unitReviewer, h.id, 'reject', { reason: '收入未下降' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'exited', exitedOn });
    expect(rejected.json().timeline.at(-1)).toMatchObject({
      action: 'rejected',
      level: 'grassroots',
      toStatus: 'exited',
      comment: '收入未下降',
    });

    const third = await post(officer, h.id, 'relapse', { reason: '家人患病' });
    expect(third.statusCode, third.body).toBe(200);
    expect(third.json().status).toBe('draft');
    // A first application withdrawn stays withdrawn (作废): it never was an exited archive.
    expect(
      (await officer.request({ method: 'GET', url: `/api/households/${other.json().id}` })).json().status,
    ).toBe('withdrawn');
  });

  it('refuses records before archiving and for future months', async () => {
    const draft = await officer.request({
      method: 'POST',
      url: '/api/households',
      payload: { employerOrgId: unit.id, name: '草稿户', idNumber: newId(), causes: ['illness'] },
    });
    expect((await record(draft.json().id, monthsAgo(1), 1)).json().error.code).toBe('HOUSEHOLD_WRONG_STATE');
    const h = await archived();
    const future = await record(h.id, monthsAgo(-1), 1);
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('HOUSEHOLD_MONTH_IN_FUTURE');
  });

  it('the exit rule needs consecutive months inside the window', () => {
    const row = (month: string, perCapitaFen: number) =>
      ({ month, perCapitaFen, dibaoFen: DIBAO }) as IncomeRecordRow;
    const window = { after: '2025-10-01', before: '2026-07-01' };
    const months = ['2026-06-01', '2026-05-01', '2026-04-01'];
    const run = (rows: IncomeRecordRow[], w = window) => exitRun(rows, 3, w)?.map((r) => r.month) ?? null;
    expect(run(months.map((m) => row(m, DIBAO + 1)))).toEqual(months);
    expect(
      run([row('2026-06-01', DIBAO + 1), row('2026-04-01', DIBAO + 1), row('2026-03-01', DIBAO + 1)]),
    ).toBeNull();
    expect(run(months.slice(0, 2).map((m) => row(m, DIBAO + 1)))).toBeNull();
    expect(run(['2026-01-01', '2025-12-01', '2025-11-01'].map((m) => row(m, DIBAO + 1)))).toEqual([
      '2026-01-01',
      '2025-12-01',
      '2025-11-01',
    ]);
    // The month of the archiving (or decline) and the current month are outside the window.
    expect(run(['2025-12-01', '2025-11-01', '2025-10-01'].map((m) => row(m, DIBAO + 1)))).toBeNull();
    expect(
      run(
        ['2026-07-01', ...months].map((m) => row(m, DIBAO + 1)),
        { after: '2026-03-01', before: '2026-07-01' },
      ),
    ).toEqual(months);
    expect(
      run(
        ['2026-07-01', '2026-06-01', '2026-05-01'].map((m) => row(m, DIBAO + 1)),
        { after: '2026-03-01', before: '2026-07-01' },
      ),
    ).toBeNull();
  });
});
