import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, businessDate } from '../../common/dates';
import { createCityPolicy, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext, validUscc } from '../../testing/harness';
import { createOrg } from '../orgs/orgs.usecases';
import { createPolicyVersion } from '../policies/policies.usecases';
import { householdAnnualReviews, householdReviewSamples } from './households.reviews.table';
import { households } from './households.table';

let t: TestContext;
let town: { id: string; name: string };
let unit: { id: string; name: string };
let sampleTown: { id: string };
let sampleUnit: { id: string };
let officer: Session;
let townOfficer: Session;
let unitReviewer: Session;
let townReviewer: Session;
let sampleOfficer: Session;
let sampleReviewer: Session;
let otherReviewer: Session;
let admin: Session;

const newId = residentIds({ birth: '19780808' });

const today = businessDate();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t);
  const district = await t.makeOrg(t.rootOrgId, 'district');
  town = await t.makeOrg(district.id, 'township');
  unit = await t.makeOrg(town.id, 'grassroots');
  sampleTown = await t.makeOrg(district.id, 'township');
  sampleUnit = await t.makeOrg(sampleTown.id, 'grassroots');
  const otherDistrict = await t.makeOrg(t.rootOrgId, 'district');
  officer = await t.loginNewUser(unit.id, ['officer']);
  townOfficer = await t.loginNewUser(town.id, ['officer']);
  unitReviewer = await t.loginNewUser(unit.id, ['reviewer']);
  townReviewer = await t.loginNewUser(town.id, ['reviewer']);
  sampleOfficer = await t.loginNewUser(sampleUnit.id, ['officer']);
  sampleReviewer = await t.loginNewUser(sampleTown.id, ['reviewer']);
  otherReviewer = await t.loginNewUser(otherDistrict.id, ['reviewer']);
  admin = await t.login('admin', 'Admin@12345');
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: object = {}) => s.request({ method: 'POST', url, payload });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });

/** A one-person household at 800 元 a month (deep hardship), archived through both reviews. */
async function archived(by = officer, employerOrgId = unit.id, reviewers = [unitReviewer, townReviewer]) {
  const res = await post(by, '/api/households', {
    employerOrgId,
    name: '陈国平',
    idNumber: newId(),
    causes: ['illness'],
    incomes: [{ kind: 'wages', annualFen: 12 * 80_000 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await post(by, `/api/households/${id}/submit`);
  await post(reviewers[0]!, `/api/households/${id}/approve`);
  expect((await post(reviewers[1]!, `/api/households/${id}/approve`)).json().status).toBe('archived');
  return id;
}

const setDue = (id: string, reviewDueOn: string) =>
  t.deps.db.update(households).set({ reviewDueOn }).where(eq(households.id, id));

const review = (s: Session, id: string, payload: object) =>
  post(s, `/api/households/${id}/annual-review`, payload);

describe('annual review work list and recording', () => {
  let overdue: string;
  let dueSoon: string;
  let later: string;

  beforeAll(async () => {
    overdue = await archived();
    dueSoon = await archived();
    later = await archived();
    await setDue(overdue, addMonths(today, -2));
    await setDue(dueSoon, today);
  });

  it('lists due and overdue reviews in the caller scope', async () => {
    const due = await get(officer, '/api/households/annual-review/due');
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json().items.map((i: { id: string }) => i.id)).toEqual([overdue, dueSoon]);
    expect(due.json().items[0]).toMatchObject({ overdue: true, lastReviewedOn: null });
    expect(due.json().items[1]).toMatchObject({ overdue: false });
    const onlyOverdue = (await get(officer, '/api/households/annual-review/due?overdue=true')).json();
    expect(onlyOverdue.items.map((i: { id: string }) => i.id)).toEqual([overdue]);
    const farAhead = (
      await get(officer, `/api/households/annual-review/due?before=${addMonths(today, 13)}`)
    ).json();
    expect(farAhead.total).toBe(3);
    expect(farAhead.items.at(-1).id).toBe(later);
    expect((await get(otherReviewer, '/api/households/annual-review/due')).json().total).toBe(0);
    // A year the database cannot hold is refused at the door (it used to fail in the query: 500).
    const zero = await get(officer, '/api/households/annual-review/due?before=0000-01-01');
    expect(zero.statusCode, zero.body).toBe(400);
    expect(zero.json().error.details[0].path).toBe('before');
    expect((await get(otherReviewer, `/api/households/annual-review/due?orgId=${unit.id}`)).statusCode).toBe(
      404,
    );
  });

  it('a review by the household unit pushes the due date and records a decision', async () => {
    const wrongUnit = await review(townOfficer, overdue, { outcome: 'continue', note: '入户核实' });
    expect(wrongUnit.statusCode).toBe(403);
    expect(wrongUnit.json().error.code).toBe('ANNUAL_REVIEW_WRONG_UNIT');
    expect((await review(unitReviewer, overdue, { outcome: 'continue', note: 'x' })).statusCode).toBe(403);

    const res = await review(officer, overdue, { outcome: 'continue', note: '入户核实，情况未变' });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.reviewDueOn).toBe(addMonths(today, 12));
    expect(detail.decision).toMatchObject({ trigger: 'review', asOf: today, category: 'deep' });
    expect(detail.timeline.at(-1)).toMatchObject({
      action: 'annual_reviewed',
      decisionId: detail.decision.id,
    });
    const list = (await get(officer, '/api/households/annual-review/due?overdue=true')).json();
    expect(list.items).toEqual([]);
    const audit = (await get(admin, '/api/audit?action=household.annual_reviewed')).json();
    expect(audit.items[0]).toMatchObject({ entityId: overdue });

    // Once a year: a second click the same year is refused, saying when it was done and when next due.
    const again = await review(officer, overdue, { outcome: 'continue', note: '入户核实，情况未变' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ANNUAL_REVIEW_ALREADY_DONE');
    expect(again.json().error.message).toContain(
      `已于 ${today} 年审（继续帮扶），下次年审到期日为 ${addMonths(today, 12)}；到期前一个月内（`,
    );
    const timeline = (await get(officer, `/api/households/${overdue}`)).json().timeline;
    expect(timeline.filter((e: { action: string }) => e.action === 'annual_reviewed')).toHaveLength(1);
  });

  it('recomputes with the incomes found; refuses to continue an ineligible household; proposes the exit', async () => {
    expect((await review(officer, dueSoon, { outcome: 'recompute', note: '收入变化' })).statusCode).toBe(400);
    const relative = await review(officer, dueSoon, {
      outcome: 'recompute',
      note: '收入增加',
      incomes: [{ kind: 'wages', annualFen: 12 * 150_000 }],
    });
    expect(relative.statusCode, relative.body).toBe(200);
    expect(relative.json()).toMatchObject({ category: 'relative', perCapitaMonthlyFen: 150_000 });

    const rich = {
      outcome: 'recompute',
      note: '已稳定就业',
      incomes: [{ kind: 'wages', annualFen: 12 * 300_000 }],
    };
    const refused = await review(officer, later, rich);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ANNUAL_REVIEW_NOT_ELIGIBLE');
    // In English, the explanation in English: the figures the review found, not those of the archive.
    expect(refused.json().error.messageEn).toMatch(
      /^No longer eligible under the policy in force: Annual household income 36,000\.00 yuan, .*Not eligible for the archive\. Propose the exit instead$/,
    );
    expect(refused.json().error.messageEn).not.toMatch(/[\u4e00-\u9fa5]/);
    const exit = await review(officer, later, { ...rich, outcome: 'propose_exit' });
    expect(exit.statusCode, exit.body).toBe(200);
    expect(exit.json()).toMatchObject({
      category: 'none',
      exitProposedOn: today,
      exitProposalReason: '已稳定就业',
    });
    expect(
      exit
        .json()
        .timeline.slice(-2)
        .map((e: { action: string }) => e.action),
    ).toEqual(['annual_reviewed', 'exit_proposed']);
  });

  it('once reviewed, not again before it is due, across the turn of the year', async () => {
    const id = await archived();
    // Archived last December and reviewed on the 20th (reviews are append-only: written as it was then);
    // the next review falls due months from today, on the 15th.
    const lastYear = year - 1;
    const due = `${addMonths(today, 3).slice(0, 7)}-15`;
    const [row] = await t.deps.db
      .update(households)
      .set({ archivedOn: `${lastYear}-12-01`, reviewDueOn: due })
      .where(eq(households.id, id))
      .returning();
    await t.deps.db.insert(householdAnnualReviews).values({
      householdId: id,
      year: lastYear,
      reviewedOn: `${lastYear}-12-20`,
      outcome: 'continue',
      note: '入户核实',
      dueOnBefore: `${lastYear}-12-31`,
      dueOnAfter: due,
      reviewedBy: row!.createdBy,
      reviewerOrgId: unit.id,
    });
    const again = await review(officer, id, { outcome: 'continue', note: '新年再次核实' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'ANNUAL_REVIEW_ALREADY_DONE',
      message: `该户已于 ${lastYear}-12-20 年审（继续帮扶），下次年审到期日为 ${due}；到期前一个月内（${addMonths(due, -1)} 起）方可再次年审`,
    });
    // A month before the due date (on the work list) it is reviewed again.
    await setDue(id, addMonths(today, 1));
    expect((await review(officer, id, { outcome: 'continue', note: '到期年审' })).statusCode).toBe(200);
  });

  it('refuses 继续帮扶 or 重新认定 while an exit awaits the reviewer', async () => {
    const id = await archived();
    const proposed = await post(officer, `/api/households/${id}/propose-exit`, { reason: '本人申请脱困' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    for (const [outcome, label] of [
      ['continue', '继续帮扶'],
      ['recompute', '重新认定'],
    ] as const) {
      const res = await review(officer, id, {
        outcome,
        note: '入户核实',
        incomes: [{ kind: 'wages', annualFen: 12 * 80_000 }],
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('ANNUAL_REVIEW_EXIT_PENDING');
      expect(res.json().error.message).toContain(`该户已于 ${today} 提出脱困，正待“${town.name}”审核确认`);
      expect(res.json().error.message).toContain(`不能年审为“${label}”`);
    }
    const detail = (await get(officer, `/api/households/${id}`)).json();
    expect(detail).toMatchObject({ exitProposedOn: today, reviewDueOn: addMonths(today, 12) });
    expect(detail.timeline.map((e: { action: string }) => e.action)).not.toContain('annual_reviewed');
    // Once the reviewer has decided (here: declined), the household is reviewed as usual.
    await post(townReviewer, `/api/households/${id}/decline-exit`, { reason: '收入不稳定' });
    expect((await review(officer, id, { outcome: 'continue', note: '入户核实' })).statusCode).toBe(200);
  });

  it('only archived households are reviewed', async () => {
    const draft = await post(officer, '/api/households', {
      employerOrgId: unit.id,
      name: '草稿户',
      idNumber: newId(),
      causes: ['illness'],
    });
    const res = await review(officer, draft.json().id, { outcome: 'continue', note: '核实' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ANNUAL_REVIEW_WRONG_STATE');
  });
});

describe('spot-check samples', () => {
  const reviewed: string[] = [];
  // A redraw needs its reason (tested on its own below); a first draw ignores one.
  const draw = (s: Session, payload: object) =>
    post(s, '/api/households/annual-review/samples', { redrawReason: '比例定错，重新抽取', ...payload });
  const members = (sample: { items: { householdId: string }[] }) =>
    sample.items.map((i) => i.householdId).sort();

  beforeAll(async () => {
    const townForSample = await t.loginNewUser(sampleTown.id, ['reviewer']);
    const unitForSample = await t.loginNewUser(sampleUnit.id, ['reviewer']);
    for (let i = 0; i < 10; i++) {
      const id = await archived(sampleOfficer, sampleUnit.id, [unitForSample, townForSample]);
      expect((await review(sampleOfficer, id, { outcome: 'continue', note: '核实' })).statusCode).toBe(200);
      reviewed.push(id);
    }
    // One archive not reviewed this year: never drawn.
    await archived(sampleOfficer, sampleUnit.id, [unitForSample, townForSample]);
  });

  it('draws ⌈ratio × N⌉ of the year reviews, reproducibly from the seed', async () => {
    const first = await draw(sampleReviewer, { year, orgId: sampleTown.id, ratio: 0.3, seed: 'a' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ population: 10, size: 3, ratio: 0.3, seed: 'a' });
    expect(first.json().items).toHaveLength(3);
    for (const id of members(first.json())) expect(reviewed).toContain(id);

    // A redraw says why: without a reason it is refused and the sample stays as drawn.
    const unexplained = await post(sampleReviewer, '/api/households/annual-review/samples', {
      year,
      orgId: sampleTown.id,
      ratio: 0.3,
      seed: 'a',
    });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json().error.code).toBe('REVIEW_SAMPLE_REDRAW_REASON');
    const again = await draw(sampleReviewer, { year, orgId: sampleTown.id, ratio: 0.3, seed: 'a' });
    expect(again.json().redrawReason).toBe('比例定错，重新抽取');
    expect(members(again.json())).toEqual(members(first.json()));
    expect(again.json().items.map((i: { householdId: string }) => i.householdId)).toEqual(
      first.json().items.map((i: { householdId: string }) => i.householdId),
    );
    // Anyone can redo the draw by hand from the seed: the households reviewed in the year in the order
    // of sha256(seed ‖ household id), the first ⌈ratio × N⌉ of them — for every seed, computed here
    // without the server's code.
    const byHand = (seed: string) =>
      [...reviewed]
        .map((id) => ({ id, key: createHash('sha256').update(`${seed}${id}`, 'utf8').digest('hex') }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1))
        .slice(0, 3)
        .map((x) => x.id);
    expect(first.json().items.map((i: { householdId: string }) => i.householdId)).toEqual(byHand('a'));
    // One after the other: each redraw supersedes the previous sample (no finding on it yet).
    for (const seed of ['b', 'c', 'd']) {
      const other = (await draw(sampleReviewer, { year, orgId: sampleTown.id, ratio: 0.3, seed })).json();
      expect(other.items.map((i: { householdId: string }) => i.householdId)).toEqual(byHand(seed));
    }

    const ceil = await draw(sampleReviewer, { year, orgId: sampleTown.id, ratio: 0.35 });
    expect(ceil.json().size).toBe(4);
    expect(ceil.json().seed).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a ratio under 30 %, a grass-roots sampler, another district and an empty year', async () => {
    const low = await draw(sampleReviewer, { year, orgId: sampleTown.id, ratio: 0.29 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.details.map((d: { path: string }) => d.path)).toContain('ratio');
    const grassroots = await draw(unitReviewer, { year, orgId: unit.id, ratio: 0.5 });
    expect(grassroots.json().error.code).toBe('REVIEW_SAMPLE_WRONG_LEVEL');
    expect((await draw(otherReviewer, { year, orgId: sampleTown.id, ratio: 0.5 })).statusCode).toBe(404);
    const empty = await draw(sampleReviewer, { year: year - 5, orgId: sampleTown.id, ratio: 0.5 });
    expect(empty.json().error.code).toBe('REVIEW_SAMPLE_EMPTY');
  });

  it('records findings, audited; the sample is invisible to another district', async () => {
    const sample = (await draw(sampleReviewer, { year, orgId: sampleTown.id, ratio: 0.3, seed: 'f' })).json();
    const target = sample.items[0].householdId as string;
    const url = `/api/households/annual-review/samples/${sample.id}/items/${target}/finding`;
    const res = await post(sampleReviewer, url, { result: 'discrepancy', note: '家庭人口与登记不符' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ householdId: target, result: 'discrepancy' });
    const read = await get(sampleReviewer, `/api/households/annual-review/samples/${sample.id}`);
    expect(read.json().items[0].note).toBe('家庭人口与登记不符');
    expect((await get(otherReviewer, `/api/households/annual-review/samples/${sample.id}`)).statusCode).toBe(
      404,
    );
    expect((await post(otherReviewer, url, { result: 'confirmed', note: 'x' })).statusCode).toBe(404);
    const notDrawn = reviewed.find(
      (id) => !sample.items.some((i: { householdId: string }) => i.householdId === id),
    );
    const missing = await post(
      sampleReviewer,
      `/api/households/annual-review/samples/${sample.id}/items/${notDrawn}/finding`,
      { result: 'confirmed', note: '属实' },
    );
    expect(missing.json().error.code).toBe('REVIEW_SAMPLE_ITEM_NOT_FOUND');
    const audit = (await get(admin, '/api/audit?action=household.spot_checked')).json();
    expect(audit.items).toHaveLength(1);
    const timeline = (await get(sampleOfficer, `/api/households/${target}`)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ action: 'spot_checked' });
  });

  it('keeps one current sample per unit and year: a redraw supersedes it until a finding is recorded', async () => {
    const list = async (s: Session, query: string) =>
      get(s, `/api/households/annual-review/samples?year=${year}${query}`);
    const all = await list(sampleReviewer, `&orgId=${sampleTown.id}`);
    expect(all.statusCode, all.body).toBe(200);
    const [current, ...history] = all.json().items;
    // The draws of the tests above: a, a, b, c, d, a random seed, f; only the last one (with a finding) is current.
    expect(all.json().total).toBe(7);
    expect(current).toMatchObject({
      seed: 'f',
      supersededAt: null,
      size: 3,
      checked: 1,
      discrepancies: 1,
      drawnByName: expect.stringContaining('（'),
    });
    expect(history.every((h: { supersededAt: string | null }) => h.supersededAt !== null)).toBe(true);
    expect(history[0].supersededBy).toBe(current.id);
    // Each redraw kept its reason; the first draw of the year has none.
    expect(current.redrawReason).toBe('比例定错，重新抽取');
    expect(history.at(-1).redrawReason).toBeNull();
    expect(
      (await list(sampleReviewer, '&current=true')).json().items.map((i: { id: string }) => i.id),
    ).toEqual([current.id]);

    const refused = await draw(sampleReviewer, { year, orgId: sampleTown.id, ratio: 0.5 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'REVIEW_SAMPLE_FINAL' });
    expect(refused.json().error.message).toContain('已登记 1 户的抽查结果');

    const old = history.at(-1);
    const target = (await get(sampleReviewer, `/api/households/annual-review/samples/${old.id}`)).json()
      .items[0];
    const late = await post(
      sampleReviewer,
      `/api/households/annual-review/samples/${old.id}/items/${target.householdId}/finding`,
      { result: 'confirmed', note: '属实' },
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('REVIEW_SAMPLE_SUPERSEDED');

    const detail = (await get(sampleReviewer, `/api/households/annual-review/samples/${current.id}`)).json();
    const checkedItem = detail.items.find((i: { result: string | null }) => i.result);
    expect(checkedItem.checkedByName).toBe(current.drawnByName);

    const audit = (await get(admin, '/api/audit?action=household.review_sample_drawn')).json();
    expect(audit.items[0]).toMatchObject({
      entityId: current.id,
      before: { supersededSampleId: history[0].id },
    });

    // The stored draws stay as drawn: only the one-time supersession gets past the append-only trigger.
    const db = t.deps.db;
    await expect(
      db.update(householdReviewSamples).set({ seed: 'z' }).where(eq(householdReviewSamples.id, current.id)),
    ).rejects.toThrow();
    await expect(
      db
        .update(householdReviewSamples)
        .set({ supersededAt: null, supersededBy: null })
        .where(eq(householdReviewSamples.id, old.id)),
    ).rejects.toThrow();

    // Another district neither lists the samples nor reaches them through the unit id.
    expect((await list(otherReviewer, '')).json().total).toBe(0);
    expect((await list(otherReviewer, `&orgId=${sampleTown.id}`)).statusCode).toBe(404);
  });

  it('two draws at the same moment leave one current sample', async () => {
    const replies = await Promise.all(
      ['x', 'y'].map((seed) => draw(sampleReviewer, { year, orgId: sampleUnit.id, ratio: 0.3, seed })),
    );
    for (const r of replies) {
      if (r.statusCode !== 201) expect(r.json().error.code).toBe('REVIEW_SAMPLE_CONCURRENT');
    }
    expect(replies.some((r) => r.statusCode === 201)).toBe(true);
    const current = await get(
      sampleReviewer,
      `/api/households/annual-review/samples?year=${year}&orgId=${sampleUnit.id}&current=true`,
    );
    expect(current.json().total).toBe(1);
  });
});

describe('a policy that sets a review every 6 months', () => {
  let halfTown: { id: string };
  let halfUnit: { id: string };
  let halfOfficer: Session;
  let halfReviewers: Session[];

  beforeAll(async () => {
    // A county of its own (330105) whose 低保 policy asks for a review every 6 months.
    await createPolicyVersion(t.deps.db, t.rootActor, {
      regionCode: '330105',
      effectiveFrom: '2020-01-01',
      dibaoFen: 100_000,
      relativeMultiplier: 2,
      suddenExpenditureRatio: 0.8,
      reviewIntervalMonths: 6,
      exitMonths: 6,
    });
    const district = await t.makeOrg(t.rootOrgId, 'district');
    halfTown = await t.makeOrg(district.id, 'township');
    halfUnit = await createOrg(t.deps.db, t.rootActor, {
      name: '半年审机械厂工会',
      level: 'grassroots',
      parentId: halfTown.id,
      regionCode: '330105',
      employerName: '半年审机械厂',
      uscc: validUscc(),
      memberCount: 50,
    });
    halfOfficer = await t.loginNewUser(halfUnit.id, ['officer']);
    halfReviewers = [
      await t.loginNewUser(halfUnit.id, ['reviewer']),
      await t.loginNewUser(halfTown.id, ['reviewer']),
    ];
  });

  it('reviews a household again once it is due within the same year, not before; sampled once', async () => {
    const id = await archived(halfOfficer, halfUnit.id, halfReviewers);
    const first = await review(halfOfficer, id, { outcome: 'continue', note: '入户核实' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().reviewDueOn).toBe(addMonths(today, 6));

    // Not due yet (due later than the work list's month ahead): a second review is refused.
    const early = await review(halfOfficer, id, { outcome: 'continue', note: '再次核实' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'ANNUAL_REVIEW_ALREADY_DONE',
      // The day it may be reviewed from is checked on fixed dates below (month ends shift it).
      message: expect.stringMatching(
        new RegExp(
          `^该户已于 ${today} 年审（继续帮扶），下次年审到期日为 ${addMonths(today, 6)}；到期前一个月内（\\d{4}-\\d{2}-\\d{2} 起）方可再次年审$`,
        ),
      ),
    });
    const windowEnd = addMonths(today, 1);
    const dayAfter = new Date(Date.parse(`${windowEnd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await setDue(id, dayAfter);
    expect((await review(halfOfficer, id, { outcome: 'continue', note: '再次核实' })).statusCode).toBe(409);

    // Six months on, still this year: due (on the work list), so it is reviewed again.
    await setDue(id, windowEnd);
    const due = (await get(halfOfficer, '/api/households/annual-review/due')).json();
    expect(due.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const second = await review(halfOfficer, id, { outcome: 'continue', note: '半年复核，情况未变' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().reviewDueOn).toBe(addMonths(today, 6));
    const timeline = second.json().timeline.filter((e: { action: string }) => e.action === 'annual_reviewed');
    expect(timeline).toHaveLength(2);
    expect((await get(halfOfficer, '/api/households/annual-review/due')).json().items).toEqual([]);

    // Reviewed twice in the year, counted and drawn once.
    const townReviewer = halfReviewers[1]!;
    const sample = await post(townReviewer, '/api/households/annual-review/samples', {
      year,
      orgId: halfTown.id,
      ratio: 1,
      seed: 'twice',
    });
    expect(sample.statusCode, sample.body).toBe(201);
    expect(sample.json()).toMatchObject({ population: 1, size: 1 });
    expect(sample.json().items.map((i: { householdId: string }) => i.householdId)).toEqual([id]);
  });
});
