import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, businessDate } from '../../common/dates';
import { residentIdCheckChar } from '../../common/identifiers';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { createPolicyVersion } from '../policies/policies.usecases';
import { exitRuleMet } from './households.exit';
import type { IncomeRecordRow } from './households.table';

let t: TestContext;
let unit: { id: string; name: string };
let town: { id: string; name: string };
let officer: Session;
let unitReviewer: Session;
let townReviewer: Session;

let idSeq = 500;
function newId(birth = '19750505'): string {
  idSeq++;
  const body = `330102${birth}${String(idSeq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

const DIBAO = 100_000;

beforeAll(async () => {
  t = await createTestContext();
  await createPolicyVersion(t.deps.db, t.rootActor, {
    regionCode: '330100',
    effectiveFrom: '2020-01-01',
    dibaoFen: DIBAO,
    relativeMultiplier: 2,
    suddenExpenditureRatio: 0.8,
    reviewIntervalMonths: 12,
    exitMonths: 6,
  });
  const district = await t.makeOrg(t.rootOrgId, 'district');
  town = await t.makeOrg(district.id, 'township', '新塘街道总工会');
  unit = await t.makeOrg(town.id, 'grassroots', '新塘机械厂工会');
  const login = async (orgId: string, roles: Parameters<TestContext['makeUser']>[1]) =>
    t.login((await t.makeUser(orgId, roles)).username);
  officer = await login(unit.id, ['officer']);
  unitReviewer = await login(unit.id, ['reviewer']);
  townReviewer = await login(town.id, ['reviewer']);
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

describe('monthly income records and exit', () => {
  it('proposes the exit after 6 consecutive months above 低保, not before; a correction counts', async () => {
    const h = await archived();
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
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'exit_proposed' });
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

  it('relapse re-opens the same archive with its history, unless the person holds another live archive', async () => {
    const h = await archived();
    await post(officer, h.id, 'propose-exit', { reason: '本人申请脱困' });
    await post(townReviewer, h.id, 'confirm-exit');
    const other = await officer.request({
      method: 'POST',
      url: '/api/households',
      payload: { employerOrgId: unit.id, name: '刘海峰', idNumber: h.idNumber, causes: ['illness'] },
    });
    expect(other.statusCode).toBe(201);
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
    const both = await t.login((await t.makeUser(town.id, ['officer', 'reviewer'])).username);
    await post(both, h.id, 'propose-exit', { reason: '收入已提高' });
    expect((await post(both, h.id, 'propose-exit', { reason: '再次' })).json().error.code).toBe(
      'HOUSEHOLD_WRONG_STATE',
    );
    expect((await post(both, h.id, 'confirm-exit')).json().error.code).toBe('HOUSEHOLD_OWN_ENTRY');
    const declined = await post(townReviewer, h.id, 'decline-exit', { reason: '收入不稳定' });
    expect(declined.json()).toMatchObject({ status: 'archived', exitProposedOn: null });
    expect(declined.json().timeline.at(-1)).toMatchObject({ action: 'exit_declined', comment: '收入不稳定' });
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

  it('the exit rule needs consecutive months', () => {
    const row = (month: string, perCapitaFen: number) =>
      ({ month, perCapitaFen, dibaoFen: DIBAO }) as IncomeRecordRow;
    const months = ['2026-06-01', '2026-05-01', '2026-04-01'];
    expect(
      exitRuleMet(
        months.map((m) => row(m, DIBAO + 1)),
        3,
      ),
    ).toBe(true);
    expect(
      exitRuleMet(
        [row('2026-06-01', DIBAO + 1), row('2026-04-01', DIBAO + 1), row('2026-03-01', DIBAO + 1)],
        3,
      ),
    ).toBe(false);
    expect(
      exitRuleMet(
        months.slice(0, 2).map((m) => row(m, DIBAO + 1)),
        3,
      ),
    ).toBe(false);
    expect(
      exitRuleMet(
        ['2026-01-01', '2025-12-01', '2025-11-01'].map((m) => row(m, DIBAO + 1)),
        3,
      ),
    ).toBe(true);
  });
});
