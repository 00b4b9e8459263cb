import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../common/dates';
import { createCityPolicy, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import type { ArchiveReport } from './households.report.schemas';

/**
 * Lifecycle rules around 脱困 and 返困 as union staff meet them: relapse re-opens the same archive (一户一档),
 * and a unit's figures for a period stay what happened there.
 */
let t: TestContext;
type Org = Awaited<ReturnType<TestContext['makeOrg']>>;
let district: Org;
const towns: Org[] = [];
const units: Org[] = [];
const officers: Session[] = [];
const unitReviewers: Session[] = [];
const townReviewers: Session[] = [];
let districtOfficer: Session;
let districtReviewer: Session;

const newId = residentIds({ birth: '19790909' });
const today = businessDate();

const post = (s: Session, id: string, action: string, payload: object = {}) =>
  s.request({ method: 'POST', url: `/api/households/${id}/${action}`, payload });

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t);
  district = await t.makeOrg(t.rootOrgId, 'district', '江东区总工会');
  for (const [i, [town, unit]] of [
    ['望江街道总工会', '恒顺纺织有限公司工会'],
    ['新塘街道总工会', '新塘机械厂工会'],
  ].entries()) {
    towns[i] = await t.makeOrg(district.id, 'township', town!);
    units[i] = await t.makeOrg(towns[i]!.id, 'grassroots', unit!);
    officers[i] = await t.loginNewUser(units[i]!.id, ['officer']);
    unitReviewers[i] = await t.loginNewUser(units[i]!.id, ['reviewer']);
    townReviewers[i] = await t.loginNewUser(towns[i]!.id, ['reviewer']);
  }
  districtOfficer = await t.loginNewUser(district.id, ['officer']);
  districtReviewer = await t.loginNewUser(district.id, ['reviewer']);
});
afterAll(() => t.close());

/** A one-person household of unit `u`, archived through both reviews, then exited on request. */
async function exitedHousehold(u: number, name: string, idNumber = newId()) {
  const res = await officers[u]!.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: units[u]!.id,
      name,
      idNumber,
      causes: ['unemployment'],
      incomes: [{ kind: 'subsidy', annualFen: 12 * 80_000 }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await post(officers[u]!, id, 'submit')).statusCode).toBe(200);
  expect((await post(unitReviewers[u]!, id, 'approve')).statusCode).toBe(200);
  expect((await post(townReviewers[u]!, id, 'approve')).json().status).toBe('archived');
  expect(
    (await post(officers[u]!, id, 'propose-exit', { reason: '已再就业，本人申请退出' })).statusCode,
  ).toBe(200);
  const exited = await post(townReviewers[u]!, id, 'confirm-exit');
  expect(exited.json().status, exited.body).toBe('exited');
  return { id, idNumber };
}

describe('返困 re-opens the same archive (一户一档)', () => {
  it('a new archive for a person whose archive has exited is refused: the exited archive is re-opened by 返困', async () => {
    const h = await exitedHousehold(0, '周志刚');
    // The household falls back into hardship; the officer starts a new form instead of 返困.
    const again = await officers[0]!.request({
      method: 'POST',
      url: '/api/households',
      payload: {
        employerOrgId: units[0]!.id,
        name: '周志刚',
        idNumber: h.idNumber,
        causes: ['illness'],
        incomes: [{ kind: 'subsidy', annualFen: 12 * 50_000 }],
      },
    });
    // Refused, naming the unit and (for whoever may open it) the exited archive to re-open.
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'HOUSEHOLD_EXITED_ARCHIVE',
      details: { householdId: h.id },
    });
    expect(again.json().error.message).toContain('恒顺纺织有限公司工会');
    // Another street's officer learns only the unit's name.
    const elsewhere = await officers[1]!.request({
      method: 'POST',
      url: '/api/households',
      payload: {
        employerOrgId: units[1]!.id,
        name: '周志刚',
        idNumber: h.idNumber,
        causes: ['illness'],
        incomes: [{ kind: 'subsidy', annualFen: 12 * 50_000 }],
      },
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.code).toBe('HOUSEHOLD_EXITED_ARCHIVE');
    expect(elsewhere.json().error.details).toBeUndefined();
    const byId = (
      await districtReviewer.request({ method: 'GET', url: `/api/households?q=${h.idNumber}` })
    ).json();
    expect(byId.total).toBe(1);

    // 返困 is the way back, and then the number is held by the re-opened archive as before.
    expect((await post(officers[0]!, h.id, 'relapse', { reason: '再次失业' })).json().status).toBe('draft');
  });
});

describe('档案统计 after 返困 under another employer', () => {
  it('an exit decided in one street stays in that street’s figures when the household relapses under an employer of another street', async () => {
    const report = async (orgId: string) => {
      const res = await districtReviewer.request({
        method: 'GET',
        url: `/api/households/report?orgId=${orgId}&from=${today}&to=${today}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ArchiveReport;
    };
    const exits = async (town: number) =>
      (await report(towns[town]!.id)).total.period.exited.total.households;
    const before = [await exits(0), await exits(1)];
    const h = await exitedHousehold(0, '钱卫东');
    expect(await exits(0)).toBe(before[0]! + 1);

    // He found work at 新塘机械厂 and fell back into hardship there: 返困, the employer corrected.
    expect((await post(districtOfficer, h.id, 'relapse', { reason: '新单位停产' })).json().status).toBe(
      'draft',
    );
    const moved = await districtOfficer.request({
      method: 'PATCH',
      url: `/api/households/${h.id}`,
      payload: { employerOrgId: units[1]!.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    // 望江街道's figures for the same day must not change: the exit was decided there, by its reviewer.
    expect(await exits(0)).toBe(before[0]! + 1);
    expect(await exits(1)).toBe(before[1]);
  });
});
