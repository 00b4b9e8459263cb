import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCityPolicy, makeJiangdongOrgs, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import * as repo from './households.repository';
import { createHouseholdBody, HOUSEHOLD_SORTS } from './households.schemas';
import { createHouseholdsBatch } from './households.usecases';

let t: TestContext;
let unit: { id: string; name: string; path: string };
let town: { id: string; name: string };
let officer: Session;
let unitReviewer: Session;
let townReviewer: Session;

const newId = residentIds({ birth: '19790101' });

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t);
  ({ town, unit } = await makeJiangdongOrgs(t));
  officer = await t.loginNewUser(unit.id, ['officer']);
  unitReviewer = await t.loginNewUser(unit.id, ['reviewer']);
  townReviewer = await t.loginNewUser(town.id, ['reviewer']);
});
afterAll(() => t.close());

/** A household of one earning `monthlyYuan` a month (its per-capita monthly income). */
async function create(name: string, monthlyYuan: number) {
  const res = await officer.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: unit.id,
      name,
      idNumber: newId(),
      causes: ['illness'],
      members: [],
      incomes: [{ kind: 'wages', annualFen: monthlyYuan * 12 * 100 }],
      expenditures: [],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const post = (s: Session, id: string, action: string, payload: object = {}) =>
  s.request({ method: 'POST', url: `/api/households/${id}/${action}`, payload });

async function archive(id: string) {
  expect((await post(officer, id, 'submit')).statusCode).toBe(200);
  expect((await post(unitReviewer, id, 'approve')).statusCode).toBe(200);
  expect((await post(townReviewer, id, 'approve')).json().status).toBe('archived');
}

interface Item {
  id: string;
  name: string;
  perCapitaMonthlyFen: number | null;
  reviewDueOn: string | null;
  awaiting: string | null;
}
async function list(s: Session, query: string) {
  const res = await s.request({ method: 'GET', url: `/api/households?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number };
}

describe('待我审核 says what each row awaits', () => {
  it('grass-roots review, township review and exit confirmation, each named', async () => {
    const submitted = await create('待基层甲', 500);
    await post(officer, submitted.id, 'submit');
    const passed = await create('待街道乙', 500);
    await post(officer, passed.id, 'submit');
    await post(unitReviewer, passed.id, 'approve');
    const leaving = await create('待脱困丙', 500);
    await archive(leaving.id);
    const proposed = await post(officer, leaving.id, 'propose-exit', { reason: '已再就业，收入稳定' });
    expect(proposed.statusCode, proposed.body).toBe(200);

    const unitQueue = new Map(
      (await list(unitReviewer, 'awaitingMyReview=true&pageSize=200')).items.map((i) => [i.id, i.awaiting]),
    );
    expect(unitQueue.get(submitted.id)).toBe('grassroots_review');
    expect(unitQueue.has(passed.id)).toBe(false);

    const townQueue = new Map(
      (await list(townReviewer, 'awaitingMyReview=true&pageSize=200')).items.map((i) => [i.id, i.awaiting]),
    );
    expect(townQueue.get(passed.id)).toBe('upper_review');
    // 已建档, yet in the queue: for its exit.
    expect(townQueue.get(leaving.id)).toBe('exit_confirmation');

    // The whole list says it too; an archive with nothing pending awaits nothing.
    const plain = await create('无待办丁', 500);
    await archive(plain.id);
    const all = new Map((await list(officer, 'pageSize=200')).items.map((i) => [i.id, i.awaiting]));
    expect(all.get(leaving.id)).toBe('exit_confirmation');
    expect(all.get(plain.id)).toBeNull();
  });
});

describe('sorting the list', () => {
  it('by 人均月收入 either way and by 年审到期, households without the figure last', async () => {
    const low = await create('排序低', 300);
    const mid = await create('排序中', 800);
    const high = await create('排序高', 1500);
    await archive(mid.id);
    const q = 'q=排序&pageSize=50';

    const up = (await list(officer, `${q}&sort=perCapita`)).items;
    expect(up.map((i) => i.name)).toEqual(['排序低', '排序中', '排序高']);
    expect(up.map((i) => i.perCapitaMonthlyFen)).toEqual([30_000, 80_000, 150_000]);
    const down = (await list(officer, `${q}&sort=-perCapita`)).items;
    expect(down.map((i) => i.name)).toEqual(['排序高', '排序中', '排序低']);

    // An edit that changes the income moves the household: the sorted copy follows the new decision.
    const patched = await officer.request({
      method: 'PATCH',
      url: `/api/households/${high.id}`,
      payload: { incomes: [{ kind: 'wages', annualFen: 100 * 12 * 100 }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await list(officer, `${q}&sort=perCapita`)).items.map((i) => i.name)).toEqual([
      '排序高',
      '排序低',
      '排序中',
    ]);

    // Only the archived one has a review due: it comes first, the others (no date) after it.
    const byDue = (await list(officer, `${q}&sort=reviewDueOn`)).items;
    expect(byDue[0]!.id).toBe(mid.id);
    expect(byDue[0]!.reviewDueOn).not.toBeNull();
    expect(byDue.slice(1).every((i) => i.reviewDueOn === null)).toBe(true);
    expect(byDue.map((i) => i.id).sort()).toEqual([low.id, mid.id, high.id].sort());
  });

  it('a batch (the import) carries the per-capita income too', async () => {
    const input = createHouseholdBody.parse({
      employerOrgId: unit.id,
      name: '排序导入',
      idNumber: newId(),
      causes: ['illness'],
      members: [],
      incomes: [{ kind: 'wages', annualFen: 50 * 12 * 100 }],
      expenditures: [],
    });
    await t.deps.db.transaction((tx) =>
      createHouseholdsBatch({ db: tx, vault: t.deps.vault }, t.rootActor, [input]),
    );
    const items = (await list(officer, 'q=排序&pageSize=50&sort=perCapita')).items;
    expect(items[0]).toMatchObject({ name: '排序导入', perCapitaMonthlyFen: 5_000 });
  });

  it('refuses an unknown order', async () => {
    const res = await officer.request({ method: 'GET', url: '/api/households?sort=name' });
    expect(res.statusCode).toBe(400);
  });

  // The list's performance design (docs/benchmarks.md): a page is an index walk, never a sort of every
  // matching household. With sorting switched off the planner must find an index in exactly the
  // order's directions and nulls; a mismatch leaves a Sort node in the plan.
  for (const sort of [undefined, ...HOUSEHOLD_SORTS])
    it(`the page of order ${sort ?? 'default'} walks an index, no sort`, async () => {
      const plan = await t.deps.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_sort = off`);
        await tx.execute(sql`set local enable_seqscan = off`);
        const query = repo.pageIds(tx, { pathPrefix: unit.path, limit: 20, offset: 40, sort });
        const result = await tx.execute(sql`explain (format json) ${query}`);
        const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
        const value = Object.values(rows[0]!)[0];
        return JSON.stringify(typeof value === 'string' ? JSON.parse(value) : value);
      });
      expect(plan).not.toMatch(/"Node Type":\s*"(Incremental )?Sort"/);
      expect(plan).toMatch(/"Node Type":\s*"Index( Only)? Scan"/);
    });
});
