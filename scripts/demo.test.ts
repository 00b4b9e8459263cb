import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, businessDate } from '../src/server/common/dates';
import {
  ADMIN_PASSWORD,
  createTestContext,
  type Session,
  type TestContext,
} from '../src/server/testing/harness';
import { WY_HOUSEHOLDS } from './demo-aid';
import { type ArchiveHousehold, HW_ARCHIVE, WY_ARCHIVE } from './demo-archive';
import { DEMO_PASSWORD, loadDemoData } from './demo-data';

/**
 * The demo as its users meet it: loaded into a fresh database, then read through the API by the demo
 * accounts of 望江街道.
 */
let t: TestContext;
let street: Session;
let officer: Session;
let admin: Session;
const year = Number(businessDate().slice(0, 4));

beforeAll(async () => {
  t = await createTestContext();
  await loadDemoData(t.deps);
  street = await t.login('jd.wj.reviewer', DEMO_PASSWORD);
  officer = await t.login('jd.wj.wy.officer', DEMO_PASSWORD);
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(() => t?.close());

const get = (s: Session, url: string) => s.request({ method: 'GET', url });
const ARCHIVE: ArchiveHousehold[] = [...WY_ARCHIVE, ...HW_ARCHIVE];
const namesOf = (kind: ArchiveHousehold['story']['kind']) =>
  ARCHIVE.filter((h) => h.story.kind === kind).map((h) => h.name);

/**
 * Characters that mark a given name as a woman's or a man's. Every demo person's given name has marks
 * of one kind only — a name a union staff member would read as the other sex fails here.
 */
const FEMALE = new Set('美雨兰萍涵红怡云燕欣娟梅英晴芳芬凤淑珍丽琴玲桐秀翠桂');
const MALE = new Set('强明根航建东轩国波军福刚远文栋顺平勇涛鸣全才新豪志德');
function sexOfName(name: string): 'male' | 'female' | 'unclear' {
  const given = [...name.slice(1)];
  const female = given.some((c) => FEMALE.has(c));
  const male = given.some((c) => MALE.has(c));
  return female === male ? 'unclear' : female ? 'female' : 'male';
}

describe('the demo archive of 望江街道', () => {
  it('every person: the sex in the resident ID agrees with the name', async () => {
    const list = await get(street, '/api/households?pageSize=100');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string }[];
    expect(items).toHaveLength(WY_HOUSEHOLDS.length + ARCHIVE.length);
    const people: { name: string; sex: string }[] = [];
    for (const { id } of items) {
      const h = (await get(street, `/api/households/${id}`)).json();
      people.push({ name: h.name, sex: h.sex });
      for (const m of h.members) people.push({ name: m.name, sex: m.sex });
    }
    expect(people.length).toBeGreaterThan(items.length * 2);
    expect(people.filter((p) => sexOfName(p.name) !== p.sex)).toEqual([]);
    // Nobody of the archive shares a name with a demo account: the officer signed in is not a household.
    const accounts = (await get(admin, '/api/users?pageSize=200')).json().items as { displayName: string }[];
    expect(accounts.length).toBeGreaterThan(30);
    const names = new Set(people.map((p) => p.name));
    expect(accounts.filter((a) => names.has(a.displayName))).toEqual([]);
  });

  it('this year’s annual reviews were recorded through the use case: timeline, decision, audit', async () => {
    const reviewed = namesOf('reviewed');
    const audit = (await get(admin, '/api/audit?action=household.annual_reviewed&pageSize=100')).json();
    expect(audit.items).toHaveLength(reviewed.length);
    for (const entry of audit.items as { entityId: string }[]) {
      const h = (await get(street, `/api/households/${entry.entityId}`)).json();
      const story = ARCHIVE.find((a) => a.name === h.name)?.story;
      if (story?.kind !== 'reviewed') throw new Error(`${h.name} was not to be reviewed`);
      const review = h.timeline.findLast((e: { action: string }) => e.action === 'annual_reviewed');
      expect(review.decisionId).toBe(h.decision.id);
      expect(h.decision).toMatchObject({ trigger: 'review', asOf: businessDate() });
      // Archived about a year ago; reviewed today, so the next review is a year away.
      expect(h.archivedOn).toBe(addMonths(businessDate(), -story.archivedMonthsAgo));
      expect(h.reviewDueOn > addMonths(businessDate(), 11)).toBe(true);
    }
    const verify = await get(admin, '/api/audit/verify');
    expect(verify.json(), verify.body).toMatchObject({ ok: true });
  });

  it('the street can draw a ≥ 30 % spot-check from this year’s reviews, reproducibly', async () => {
    const me = (await get(street, '/api/auth/me')).json();
    // The second draw is a redraw: it says why.
    const draw = (redrawReason?: string) =>
      street.request({
        method: 'POST',
        url: '/api/households/annual-review/samples',
        payload: { year, orgId: me.user.orgId, ratio: 0.3, seed: 'demo-test', redrawReason },
      });
    const first = await draw();
    expect(first.statusCode, first.body).toBe(201);
    const reviewed = namesOf('reviewed');
    expect(first.json()).toMatchObject({
      population: reviewed.length,
      size: Math.ceil((reviewed.length * 30) / 100),
    });
    const drawn = first.json().items.map((i: { name: string }) => i.name);
    for (const name of drawn) expect(reviewed).toContain(name);
    // Both units of the street have reviews in the population.
    const employers = new Set(
      (
        (await get(street, '/api/households?pageSize=100')).json().items as {
          name: string;
          employerName: string;
        }[]
      )
        .filter((h) => reviewed.includes(h.name))
        .map((h) => h.employerName),
    );
    expect(employers.size).toBe(2);
    // A redraw with the same seed (no finding yet) draws the same households.
    const again = await draw('核对同一随机种子的抽取结果');
    expect(again.json().items.map((i: { name: string }) => i.name)).toEqual(drawn);
  });

  it('the annual-review work list holds the overdue and the soon-due archives, overdue first', async () => {
    const due = (await get(street, '/api/households/annual-review/due')).json();
    const overdue = namesOf('overdue');
    const soon = namesOf('dueSoon');
    const items = due.items as { name: string; overdue: boolean; lastReviewedOn: string | null }[];
    expect(items.map((i) => i.name).sort()).toEqual([...overdue, ...soon].sort());
    expect(items.filter((i) => i.overdue).map((i) => i.name)).toEqual(
      items.slice(0, overdue.length).map((i) => i.name),
    );
    expect(
      items
        .filter((i) => i.overdue)
        .map((i) => i.name)
        .sort(),
    ).toEqual([...overdue].sort());
    // The grass-roots officer sees only its own unit's.
    const own = (await get(officer, '/api/households/annual-review/due')).json();
    const wy = new Set(WY_ARCHIVE.map((h) => h.name));
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i: { name: string }) => wy.has(i.name))).toBe(true);
    // The officer's to-dos on the home page count the same archives.
    const todos = (await get(officer, '/api/dashboard/todos')).json().items as {
      key: string;
      count: number;
    }[];
    const count = (key: string) => todos.find((i) => i.key === key)?.count;
    const ownOverdue = own.items.filter((i: { overdue: boolean }) => i.overdue).length;
    expect(ownOverdue).toBeGreaterThan(0);
    expect(count('households.annualReviewOverdue')).toBe(ownOverdue);
    expect(count('households.annualReviewDueSoon')).toBe(own.items.length);
  });

  it('an exit proposed by the system from six months above 低保 waits for the street, which may confirm it', async () => {
    const list = (await get(street, '/api/households?exitProposed=true')).json();
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(namesOf('monthlyIncome'));
    const todos = (await get(street, '/api/dashboard/todos')).json().items as {
      key: string;
      count: number;
    }[];
    expect(todos.find((i) => i.key === 'households.exitAwaitingConfirmation')?.count).toBe(list.items.length);
    const id = list.items[0].id as string;
    const detail = (await get(street, `/api/households/${id}`)).json();
    expect(detail.exitProposalReason).toContain('连续 6 个月');
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'exit_proposed' });
    const records = (await get(street, `/api/households/${id}/income-records`)).json();
    expect(records.items.slice(0, 6).every((r: { aboveDibao: boolean }) => r.aboveDibao)).toBe(true);
    expect(records.items.slice(6).some((r: { aboveDibao: boolean }) => !r.aboveDibao)).toBe(true);
    const confirmed = await street.request({
      method: 'POST',
      url: `/api/households/${id}/confirm-exit`,
      payload: { comment: '妻子已稳定就业，同意脱困' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().status).toBe('exited');
  });
});
