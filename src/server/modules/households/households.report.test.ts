import { and, eq, ne, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, businessDate } from '../../common/dates';
import { createCityPolicy, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import type { ArchiveReport } from './households.report.schemas';
import { householdDecisions, householdEvents, households } from './households.table';

/**
 * 档案统计 on a district with two streets, one employer union each: every line of the report comes
 * from the archive's own steps, taken through the API.
 */
let t: TestContext;
type Org = Awaited<ReturnType<TestContext['makeOrg']>>;
let district: Org;
let towns: Org[];
let units: Org[];
const officers: Session[] = [];
const unitReviewers: Session[] = [];
const townReviewers: Session[] = [];
let districtUser: Session;
const ids: Record<string, string> = {};

const newId = residentIds({ birth: '19760606' });
const today = businessDate();

const post = (s: Session, id: string, action: string, payload: object = {}) =>
  s.request({ method: 'POST', url: `/api/households/${id}/${action}`, payload });

/** A household of unit `u` at `monthlyYuan` per person and month, with `spouse` when given. */
async function draft(u: number, name: string, monthlyYuan: number, causes: string[], spouse = false) {
  const res = await officers[u]!.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: units[u]!.id,
      name,
      idNumber: newId(),
      causes,
      incomes: [{ kind: 'wages', annualFen: 12 * monthlyYuan * 100 * (spouse ? 2 : 1) }],
      members: spouse
        ? [{ relation: 'spouse', name: `${name}之妻`, idNumber: newId(), healthStatus: 'healthy' }]
        : [],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function archive(u: number, id: string) {
  expect((await post(officers[u]!, id, 'submit')).statusCode).toBe(200);
  expect((await post(unitReviewers[u]!, id, 'approve')).statusCode).toBe(200);
  const done = await post(townReviewers[u]!, id, 'approve');
  expect(done.json().status, done.body).toBe('archived');
}

async function exitWith(u: number, id: string) {
  const res = await post(townReviewers[u]!, id, 'confirm-exit');
  expect(res.json().status, res.body).toBe('exited');
}

const monthsAgo = (k: number) => addMonths(`${today.slice(0, 7)}-01`, -k).slice(0, 7);

const report = async (s: Session, query = '') => {
  const res = await s.request({ method: 'GET', url: `/api/households/report${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ArchiveReport;
};

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t); // 低保 1,000 元 a month, relative up to 2×
  district = await t.makeOrg(t.rootOrgId, 'district', '江东区总工会');
  towns = [
    await t.makeOrg(district.id, 'township', '望江街道总工会'),
    await t.makeOrg(district.id, 'township', '新塘街道总工会'),
  ];
  units = [
    await t.makeOrg(towns[0]!.id, 'grassroots', '恒顺纺织有限公司工会'),
    await t.makeOrg(towns[1]!.id, 'grassroots', '新塘机械厂工会'),
  ];
  for (const u of [0, 1] as const) {
    officers.push(await t.loginNewUser(units[u]!.id, ['officer']));
    unitReviewers.push(await t.loginNewUser(units[u]!.id, ['reviewer']));
    townReviewers.push(await t.loginNewUser(towns[u]!.id, ['reviewer']));
  }
  districtUser = await t.loginNewUser(district.id, ['reviewer']);

  // 望江: 王海 deep (1 person); 李娟 relative (2 people), exited on request; 赵刚 deep, exit proposed.
  ids.wang = await draft(0, '王海', 800, ['unemployment']);
  await archive(0, ids.wang);
  ids.li = await draft(0, '李娟', 1_500, ['illness', 'schooling'], true);
  await archive(0, ids.li);
  expect((await post(officers[0]!, ids.li, 'propose-exit', { reason: '本人申请退出' })).statusCode).toBe(200);
  await exitWith(0, ids.li);
  ids.zhao = await draft(0, '赵刚', 700, ['disability', 'illness'], true);
  await archive(0, ids.zhao);
  expect((await post(officers[0]!, ids.zhao, 'propose-exit', { reason: '子女已工作' })).statusCode).toBe(200);
  // 孙敏: archived 8 months ago, then six months above 低保: the system proposes, the street confirms.
  ids.sun = await draft(0, '孙敏', 900, ['single_parent']);
  await archive(0, ids.sun);
  await t.deps.db
    .update(households)
    .set({ archivedOn: `${monthsAgo(8)}-15` })
    .where(eq(households.id, ids.sun));
  for (let k = 6; k >= 1; k--) {
    const res = await officers[0]!.request({
      method: 'POST',
      url: `/api/households/${ids.sun}/income-records`,
      payload: { month: monthsAgo(k), incomeFen: 150_000 },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  await exitWith(0, ids.sun);

  // 新塘: 周强 exits at the annual review, relapses and is archived again; 吴丽 awaits the street;
  // 郑伟 rejected by the unit; 钱芳 continues after her annual review.
  ids.zhou = await draft(1, '周强', 600, ['accident_disaster'], true);
  await archive(1, ids.zhou);
  const reviewed = await post(officers[1]!, ids.zhou, 'annual-review', {
    outcome: 'propose_exit',
    note: '家属已就业，收入稳定',
  });
  expect(reviewed.statusCode, reviewed.body).toBe(200);
  await exitWith(1, ids.zhou);
  expect((await post(officers[1]!, ids.zhou, 'relapse', { reason: '再次失业' })).statusCode).toBe(200);
  await archive(1, ids.zhou);
  ids.wu = await draft(1, '吴丽', 800, ['other']);
  await post(officers[1]!, ids.wu, 'submit');
  await post(unitReviewers[1]!, ids.wu, 'approve');
  ids.zheng = await draft(1, '郑伟', 800, ['other']);
  await post(officers[1]!, ids.zheng, 'submit');
  expect((await post(unitReviewers[1]!, ids.zheng, 'reject', { reason: '收入核实不符' })).statusCode).toBe(
    200,
  );
  ids.qian = await draft(1, '钱芳', 500, ['illness']);
  await archive(1, ids.qian);
  const continued = await post(officers[1]!, ids.qian, 'annual-review', {
    outcome: 'continue',
    note: '情况未变',
  });
  expect(continued.statusCode, continued.body).toBe(200);
});
afterAll(() => t.close());

describe('archive report (档案统计)', () => {
  it('counts the stock and the period by unit below the district, households and people', async () => {
    const r = await report(districtUser);
    expect(r).toMatchObject({
      org: { id: district.id },
      from: `${today.slice(0, 4)}-01-01`,
      to: today,
      asOf: today,
    });
    expect(r.units.map((u) => [u.orgName, u.self])).toEqual([
      ['望江街道总工会', false],
      ['新塘街道总工会', false],
    ]);
    const [wangjiang, xintang] = r.units;
    // 望江: 王海 (1) and 赵刚 (2) archived, both deep (700 and 800 a month); 赵刚's exit awaits confirmation.
    expect(wangjiang).toMatchObject({
      archived: { households: 2, persons: 3 },
      byCategory: { deep: { households: 2, persons: 3 }, relative: { households: 0, persons: 0 } },
      inReview: { households: 0, persons: 0 },
      exitProposed: { households: 1, persons: 2 },
    });
    expect(wangjiang!.byCause).toMatchObject({
      unemployment: { households: 1, persons: 1 },
      disability: { households: 1, persons: 2 },
      illness: { households: 1, persons: 2 },
      schooling: { households: 0, persons: 0 },
    });
    expect(wangjiang!.period).toEqual({
      newlyArchived: { households: 4, persons: 6 },
      reArchived: { households: 0, persons: 0 },
      exited: {
        total: { households: 2, persons: 3 },
        income: { households: 1, persons: 1 },
        review: { households: 0, persons: 0 },
        request: { households: 1, persons: 2 },
      },
      relapsed: { households: 0, persons: 0 },
      rejected: { households: 0, persons: 0 },
      annualReviews: { total: 0, continue: 0, recompute: 0, propose_exit: 0 },
    });
    // 新塘: 周强 (2) and 钱芳 (1) archived; 吴丽 in review; 郑伟 rejected.
    expect(xintang).toMatchObject({
      archived: { households: 2, persons: 3 },
      byCategory: { deep: { households: 2, persons: 3 } },
      inReview: { households: 1, persons: 1 },
      exitProposed: { households: 0, persons: 0 },
    });
    expect(xintang!.period).toEqual({
      newlyArchived: { households: 2, persons: 3 },
      reArchived: { households: 1, persons: 2 },
      exited: {
        total: { households: 1, persons: 2 },
        income: { households: 0, persons: 0 },
        review: { households: 1, persons: 2 },
        request: { households: 0, persons: 0 },
      },
      relapsed: { households: 1, persons: 2 },
      rejected: { households: 1, persons: 1 },
      annualReviews: { total: 2, continue: 1, recompute: 0, propose_exit: 1 },
    });
    // The total is the sum of the lines.
    expect(r.total.archived).toEqual({ households: 4, persons: 6 });
    expect(r.total.period.exited.total).toEqual({ households: 3, persons: 5 });
    expect(r.total.period.annualReviews.total).toBe(2);
  });

  it("a street sees its own line; a union's report is its own households; other units are 404", async () => {
    const street = await report(townReviewers[0]!);
    expect(street.units.map((u) => u.orgName)).toEqual(['恒顺纺织有限公司工会']);
    expect(street.total.archived.households).toBe(2);
    const union = await report(officers[1]!);
    expect(union.units).toHaveLength(1);
    expect(union.units[0]).toMatchObject({ orgId: units[1]!.id, self: true, archived: { households: 2 } });
    for (const url of [
      `/api/households/report?orgId=${towns[1]!.id}`,
      `/api/households/report.xlsx?orgId=${towns[1]!.id}`,
    ]) {
      const res = await townReviewers[0]!.request({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORG_NOT_FOUND');
    }
  });

  it('takes the period by business day, both ends included', async () => {
    const before = await report(districtUser, `?from=2020-01-01&to=${previousDay(today)}`);
    expect(before.total.period.newlyArchived.households).toBe(0);
    expect(before.total.period.annualReviews.total).toBe(0);
    // The stock of a period that has ended is read at its last day's end: nothing was archived yet.
    expect(before).toMatchObject({ to: previousDay(today), asOf: previousDay(today) });
    expect(before.total.archived.households).toBe(0);
    expect(before.total.inReview.households).toBe(0);
    const onlyToday = await report(districtUser, `?from=${today}&to=${today}`);
    expect(onlyToday.total.period.newlyArchived.households).toBe(6);

    // 李娟's exit moved back to the last day of the previous year (23:59 in Shanghai): out of this year.
    await backdate(ids.li!, new Date(`${Number(today.slice(0, 4)) - 1}-12-31T23:59:00+08:00`), {
      only: 'exited',
    });
    const thisYear = await report(districtUser);
    expect(thisYear.total.period.exited.total.households).toBe(2);
    const lastYear = await report(
      districtUser,
      `?from=${Number(today.slice(0, 4)) - 1}-12-31&to=${Number(today.slice(0, 4)) - 1}-12-31`,
    );
    expect(lastYear.total.period.exited).toMatchObject({
      total: { households: 1 },
      request: { households: 1 },
    });

    const bad = await districtUser.request({
      method: 'GET',
      url: `/api/households/report?from=${today}&to=2020-01-01`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'to', message: '截止日期不能早于开始日期' }],
    });
  });

  it("reads a past period's stock at its last day's end, from the timeline and the decisions", async () => {
    const lastYear = Number(today.slice(0, 4)) - 1;
    const june = new Date(`${lastYear}-06-15T10:00:00+08:00`);
    // 王海 and 赵刚 (exit proposed) archived last June; 李娟 too, her exit (previous test) on 31 December.
    await backdate(ids.wang!, june);
    await backdate(ids.zhao!, june);
    await backdate(ids.li!, june, { except: 'exited' });
    const endOfYear = await report(districtUser, `?from=${lastYear}-01-01&to=${lastYear}-12-31`);
    expect(endOfYear.asOf).toBe(`${lastYear}-12-31`);
    expect(endOfYear.total).toMatchObject({
      archived: { households: 2, persons: 3 },
      byCategory: { deep: { households: 2, persons: 3 }, relative: { households: 0, persons: 0 } },
      inReview: { households: 0, persons: 0 },
      exitProposed: { households: 1, persons: 2 },
    });
    expect(endOfYear.total.byCause).toMatchObject({
      unemployment: { households: 1, persons: 1 },
      illness: { households: 1, persons: 2 },
      schooling: { households: 0, persons: 0 },
    });
    expect(endOfYear.total.period.newlyArchived).toEqual({ households: 3, persons: 5 });
    expect(endOfYear.total.period.exited.total).toEqual({ households: 1, persons: 2 });
    // A day earlier 李娟 was still in the archive, her exit awaiting the street's confirmation.
    const dayBefore = await report(districtUser, `?from=${lastYear}-01-01&to=${lastYear}-12-30`);
    expect(dayBefore.total).toMatchObject({
      archived: { households: 3, persons: 5 },
      byCategory: { deep: { households: 2, persons: 3 }, relative: { households: 1, persons: 2 } },
      exitProposed: { households: 2, persons: 4 },
    });
    expect(dayBefore.total.byCause.schooling).toEqual({ households: 1, persons: 2 });
    expect(dayBefore.total.period.exited.total.households).toBe(0);
    // Before any of it, nothing; and today's stock is unchanged by the backdating.
    const earlier = await report(districtUser, `?from=${lastYear}-01-01&to=${lastYear}-06-14`);
    expect(earlier.total.archived.households).toBe(0);
    expect((await report(districtUser)).total).toMatchObject({
      archived: { households: 4, persons: 6 },
      exitProposed: { households: 1, persons: 2 },
    });
  });

  it('downloads the report as .xlsx: a line per unit and the total, and a sheet by cause', async () => {
    const res = await districtUser.request({ method: 'GET', url: '/api/households/report.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '江东区总工会困难职工档案统计表',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('按单位')!;
    expect(ws.getCell(1, 1).value).toBe('江东区总工会困难职工档案统计表');
    expect(ws.getRow(3).getCell(2).value).toBe('在档困难职工');
    expect(ws.getRow(4).getCell(2).value).toBe('户数');
    const lines = [5, 6, 7].map((n) => ws.getRow(n).values as unknown[]);
    expect(lines.map((l) => l[1])).toEqual(['望江街道总工会', '新塘街道总工会', '合计']);
    expect(lines[2]!.slice(2, 4)).toEqual([4, 6]);
    const causes = wb.getWorksheet('按致困原因')!;
    expect(causes.getRow(3).getCell(2).value).toBe('患病');
    expect(causes.getRow(7).getCell(1).value).toBe('合计');
  });

  it("sorts and sizes the period's exits by what happened then; archived households add up by category", async () => {
    towns.push(await t.makeOrg(district.id, 'township', '东湖街道总工会'));
    units.push(await t.makeOrg(towns[2]!.id, 'grassroots', '东湖电子厂工会'));
    officers.push(await t.loginNewUser(units[2]!.id, ['officer']));
    unitReviewers.push(await t.loginNewUser(units[2]!.id, ['reviewer']));
    townReviewers.push(await t.loginNewUser(towns[2]!.id, ['reviewer']));
    // 冯亮: 继续帮扶 at the annual review, later an exit on request — not an annual-review exit.
    const feng = await draft(2, '冯亮', 800, ['illness']);
    await archive(2, feng);
    expect(
      (await post(officers[2]!, feng, 'annual-review', { outcome: 'continue', note: '情况未变' })).statusCode,
    ).toBe(200);
    expect((await post(officers[2]!, feng, 'propose-exit', { reason: '本人申请退出' })).statusCode).toBe(200);
    await exitWith(2, feng);
    // 陈静 exits alone, relapses, and is archived again with two children.
    const chen = await draft(2, '陈静', 900, ['single_parent']);
    await archive(2, chen);
    expect((await post(officers[2]!, chen, 'propose-exit', { reason: '已再就业' })).statusCode).toBe(200);
    await exitWith(2, chen);
    expect((await post(officers[2]!, chen, 'relapse', { reason: '再次失业' })).statusCode).toBe(200);
    const childId = residentIds({ birth: '20120303' });
    const children = ['child', 'child'].map((relation, i) => ({
      relation,
      name: `陈静之子${i + 1}`,
      idNumber: childId(),
      healthStatus: 'healthy',
      schoolLevel: 'primary',
    }));
    const patched = await officers[2]!.request({
      method: 'PATCH',
      url: `/api/households/${chen}`,
      payload: { members: children },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await archive(2, chen);
    // 韩梅: the annual review finds her income well above the line and proposes her exit; the street
    // declines it: she stays archived, her last decision 不符合条件.
    const han = await draft(2, '韩梅', 700, ['disability']);
    await archive(2, han);
    const reviewed = await post(officers[2]!, han, 'annual-review', {
      outcome: 'propose_exit',
      note: '收入大幅提高',
      incomes: [{ kind: 'wages', annualFen: 12 * 500_000 }],
    });
    expect(reviewed.json().category, reviewed.body).toBe('none');
    expect(
      (await post(townReviewers[2]!, han, 'decline-exit', { reason: '收入不稳定，继续观察' })).statusCode,
    ).toBe(200);

    const r = await report(districtUser, `?orgId=${towns[2]!.id}`);
    expect(r.total.period.exited).toEqual({
      total: { households: 2, persons: 2 },
      income: { households: 0, persons: 0 },
      review: { households: 0, persons: 0 },
      request: { households: 2, persons: 2 },
    });
    expect(r.total.period.relapsed).toEqual({ households: 1, persons: 1 });
    expect(r.total.period.reArchived).toEqual({ households: 1, persons: 3 });
    expect(r.total.archived).toEqual({ households: 2, persons: 4 });
    expect(r.total.byCategory).toEqual({
      deep: { households: 1, persons: 3 },
      relative: { households: 0, persons: 0 },
      sudden: { households: 0, persons: 0 },
      none: { households: 1, persons: 1 },
    });
  });
  it("an exit proposal the system withdrew is not pending in a past period's stock", async () => {
    // 郭峰: six months above 低保 propose his exit; a month corrected below it withdraws the proposal.
    const guo = await draft(2, '郭峰', 900, ['unemployment']);
    await archive(2, guo);
    await t.deps.db
      .update(households)
      .set({ archivedOn: `${monthsAgo(8)}-15` })
      .where(eq(households.id, guo));
    const record = (k: number, incomeFen: number) =>
      officers[2]!.request({
        method: 'POST',
        url: `/api/households/${guo}/income-records`,
        payload: { month: monthsAgo(k), incomeFen },
      });
    for (let k = 6; k >= 1; k--) expect((await record(k, 150_000)).statusCode).toBe(200);
    const corrected = await record(3, 80_000);
    expect(corrected.statusCode, corrected.body).toBe(200);
    const timeline = (await officers[2]!.request({ method: 'GET', url: `/api/households/${guo}` })).json()
      .timeline as { action: string }[];
    expect(timeline.map((e) => e.action)).toContain('exit_proposal_withdrawn');
    // The same steps a few days ago: the report of a period that ended since reads them from the timeline.
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    await backdate(guo, lastWeek);
    const r = await report(districtUser, `?orgId=${units[2]!.id}&from=2020-01-01&to=${previousDay(today)}`);
    expect(r.total.archived.households).toBe(1);
    expect(r.total.exitProposed.households).toBe(0);
  });

  it('a past period counts the causes its archive was decided with, not the ones on file since', async () => {
    // 冯军: archived last March for 残疾; this year he exits, relapses and is archived again for 子女就学.
    const lastYear = Number(today.slice(0, 4)) - 1;
    const feng = await draft(0, '冯军', 800, ['disability']);
    await archive(0, feng);
    await backdate(feng, new Date(`${lastYear}-03-10T10:00:00+08:00`));
    const lastYearQuery = `?orgId=${units[0]!.id}&from=${lastYear}-01-01&to=${lastYear}-12-31`;
    const before = await report(districtUser, lastYearQuery);
    expect(before.total.byCause.disability.households).toBeGreaterThanOrEqual(1);
    expect((await post(officers[0]!, feng, 'propose-exit', { reason: '本人申请退出' })).statusCode).toBe(200);
    await exitWith(0, feng);
    expect((await post(officers[0]!, feng, 'relapse', { reason: '子女上大学，负担加重' })).statusCode).toBe(
      200,
    );
    const edited = await officers[0]!.request({
      method: 'PATCH',
      url: `/api/households/${feng}`,
      payload: { causes: ['schooling'] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await archive(0, feng);

    // Last year's report is the same as before; this year's counts him under 子女就学 only.
    const after = await report(districtUser, lastYearQuery);
    expect(after.total.byCause).toEqual(before.total.byCause);
    const now = await report(districtUser, `?orgId=${units[0]!.id}`);
    expect(now.total.byCause.schooling.households).toBe(before.total.byCause.schooling.households + 1);
    expect(now.total.byCause.disability.households).toBe(before.total.byCause.disability.households - 1);
  });
});

function previousDay(day: string) {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Moves a household's timeline steps to `at`: only the steps named `only`, or else every step but
 * `except`, with the household's decisions and its creation. The timeline and the decisions are
 * append-only (triggers): this test database lifts them for the backdating updates.
 */
async function backdate(householdId: string, at: Date, steps: { only?: string; except?: string } = {}) {
  const e = householdEvents;
  await t.deps.db.transaction(async (tx) => {
    await tx.execute(sql`alter table household_events disable trigger household_events_no_update_delete`);
    await tx.execute(
      sql`alter table household_decisions disable trigger household_decisions_no_update_delete`,
    );
    await tx
      .update(e)
      .set({ at })
      .where(
        and(
          eq(e.householdId, householdId),
          steps.only ? eq(e.action, steps.only) : steps.except ? ne(e.action, steps.except) : undefined,
        ),
      );
    if (!steps.only) {
      await tx
        .update(householdDecisions)
        .set({ computedAt: at })
        .where(eq(householdDecisions.householdId, householdId));
      await tx.update(households).set({ createdAt: at }).where(eq(households.id, householdId));
    }
    await tx.execute(sql`alter table household_events enable trigger household_events_no_update_delete`);
    await tx.execute(
      sql`alter table household_decisions enable trigger household_decisions_no_update_delete`,
    );
  });
}
