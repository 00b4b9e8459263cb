import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../common/dates';
import {
  type AidWorld,
  approveApplication,
  createAidWorld,
  fundProgram,
  makeApprovedApplication,
  makeArchivedHousehold,
  makeProgram,
  submitApplication,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { signal } from '../../testing/signal';
import { aidApplicationFundingReleases } from '../applications/applications.release.table';
import { aidApplicationFundings } from '../applications/applications.table';
import { auditLog } from '../audit/audit.table';
import { findPaymentBlocks } from './publicity.payability';
import { publicities, publicityObjections } from './publicity.table';
import { addDays } from './publicity.usecases';

let t: TestContext;
let w: AidWorld;
/** Publishes and records objections (officer of the program's owning unit). */
let publisher: Session;
/** Resolves objections (reviewer of the owning unit). */
let resolver: Session;
const today = businessDate();

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
  publisher = w.districtOfficer;
  resolver = w.districtReviewer;
});
afterAll(() => t.close());

interface Detail {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  status: string;
  phase: string;
  publicToken: string;
  publicPath: string;
  entryCount: number;
  totalFen: number;
  openObjections: number;
  entries: {
    id: string;
    applicationId: string;
    applicationStatus: string;
    maskedName: string;
    unitName: string;
    amountFen: number;
    category: string | null;
    status: string;
    openObjections: number;
  }[];
  objections: { id: string; status: string; contactMasked: string | null; outcome: string | null }[];
}

async function publish(programId: string, body: Record<string, unknown> = {}, s = publisher) {
  return s.request({
    method: 'POST',
    url: `/api/programs/${programId}/publicity`,
    payload: { startDate: today, ...body },
  });
}
async function published(programId: string, body: Record<string, unknown> = {}) {
  const res = await publish(programId, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}
const object = (publicityId: string, payload: Record<string, unknown>, s = publisher) =>
  s.request({ method: 'POST', url: `/api/publicity/${publicityId}/objections`, payload });
const resolve = (publicityId: string, objectionId: string, payload: Record<string, unknown>, s = resolver) =>
  s.request({
    method: 'POST',
    url: `/api/publicity/${publicityId}/objections/${objectionId}/resolve`,
    payload,
  });
const blocks = async (ids: string[], on: string) =>
  Object.fromEntries([...(await findPaymentBlocks(t.deps.db, ids, on))].map(([id, b]) => [id, b.code]));

async function funded(over: Record<string, unknown> = {}, amountFen = 500_000) {
  const p = await makeProgram(w, over);
  await fundProgram(w, p.id, amountFen);
  return p;
}

describe('publishing the approved list', () => {
  it('takes a masked snapshot of exactly the approved applications, nothing else personal', async () => {
    const p = await funded();
    const a = await makeApprovedApplication(w, p.id, { name: '张三明', requestedFen: 20_000 });
    const b = await makeApprovedApplication(w, p.id, { name: '欧阳小明', requestedFen: 30_000 });
    const pendingHousehold = await makeArchivedHousehold(w, '王五');
    const pending = await submitApplication(w, {
      programId: p.id,
      householdId: pendingHousehold.id,
      requestedFen: 10_000,
    });

    const candidates = await publisher.request({
      method: 'GET',
      url: `/api/programs/${p.id}/publicity/candidates`,
    });
    expect(candidates.statusCode, candidates.body).toBe(200);
    expect(
      candidates
        .json()
        .items.map((c: { applicationId: string }) => c.applicationId)
        .sort(),
    ).toEqual([a.applicationId, b.applicationId].sort());
    expect(candidates.json().defaultEndDate).toBe(addDays(today, 4));

    const d = await published(p.id);
    expect(d).toMatchObject({
      startDate: today,
      endDate: addDays(today, 4),
      status: 'published',
      phase: 'running',
      entryCount: 2,
      totalFen: 50_000,
      title: `关于${p.name}拟帮扶对象名单的公示`,
    });
    expect(d.publicToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(d.publicPath).toBe(`/public/publicity/${d.publicToken}`);
    const byApp = Object.fromEntries(d.entries.map((e) => [e.applicationId, e]));
    expect(Object.keys(byApp)).not.toContain(pending);
    expect(byApp[a.applicationId]).toMatchObject({
      maskedName: '张*明',
      amountFen: 20_000,
      category: 'deep',
    });
    expect(byApp[b.applicationId]).toMatchObject({
      maskedName: '欧**明',
      amountFen: 30_000,
      category: 'deep',
    });
    expect(byApp[a.applicationId]!.unitName).toMatch(/^测试用人单位/);
    expect(JSON.stringify(d.entries)).not.toMatch(/张三明|欧阳小明|330104/);

    // Everything approved is on a live notice now; a subset naming a listed application is refused.
    const again = await publish(p.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PUBLICITY_NOTHING_TO_PUBLISH');
    const subset = await publish(p.id, { applicationIds: [a.applicationId] });
    expect(subset.json().error.code).toBe('PUBLICITY_NOT_PUBLISHABLE');
    expect(subset.json().error.details.applicationIds).toEqual([a.applicationId]);

    // A later approval can be published on its own, as a chosen subset.
    const c = await makeApprovedApplication(w, p.id, { name: '李四', requestedFen: 5_000 });
    const second = await published(p.id, { applicationIds: [c.applicationId], title: '补充公示名单' });
    expect(second.entries.map((e) => e.maskedName)).toEqual(['李*']);

    const list = await w.unitReviewer.request({ method: 'GET', url: `/api/programs/${p.id}/publicity` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 2, program: { publicityDays: 5, canPublish: false } });
    expect(
      list
        .json()
        .items.map((i: { entryCount: number }) => i.entryCount)
        .sort(),
    ).toEqual([1, 2]);

    const [audit] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'publicity.published'), eq(auditLog.entityId, d.id)));
    expect(audit?.after).toMatchObject({ entryCount: 2, totalFen: 50_000 });
  });

  it('checks dates, the minimum period, the owner and programs without publicity', async () => {
    const p = await funded();
    await makeApprovedApplication(w, p.id);
    const past = await publish(p.id, { startDate: addDays(today, -1) });
    expect(past.json().error.code).toBe('PUBLICITY_START_IN_PAST');
    const short = await publish(p.id, { endDate: addDays(today, 3) });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('PUBLICITY_TOO_SHORT');
    expect(short.json().error.message).toContain('不少于 5 天');
    const backwards = await publish(p.id, { endDate: addDays(today, -3) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('VALIDATION_FAILED');
    // The grass-roots unit sees the district program but does not publish its notices.
    const below = await publish(p.id, {}, w.officer);
    expect(below.statusCode).toBe(403);
    expect(below.json().error.code).toBe('PUBLICITY_NOT_OWNER');
    const foreign = await publish(p.id, {}, w.westOfficer);
    expect(foreign.statusCode).toBe(404);
    // A reviewer may not publish at all.
    expect((await publish(p.id, {}, w.districtReviewer)).statusCode).toBe(403);
    const longer = await published(p.id, { endDate: addDays(today, 9) });
    expect(longer.endDate).toBe(addDays(today, 9));

    const none = await funded({ publicityDays: 0 });
    await makeApprovedApplication(w, none.id);
    const refused = await publish(none.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PUBLICITY_NOT_REQUIRED');
  });
});

describe('the public page', () => {
  it('answers without sign-in with only the masked snapshot, dates and publishing unit', async () => {
    const p = await funded();
    await makeApprovedApplication(w, p.id, { name: '赵大刚', requestedFen: 12_300 });
    const d = await published(p.id, { note: '如有异议，请于公示期内向区总工会反映。' });
    const res = await t.app.inject({ method: 'GET', url: `/api/public/publicity/${d.publicToken}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'contactPerson',
        'contactPhone',
        'count',
        'phase',
        'entries',
        'endDate',
        'note',
        'orgName',
        'programName',
        'programType',
        'startDate',
        'title',
        'totalFen',
      ].sort(),
    );
    expect(body).toMatchObject({
      orgName: w.district.name,
      programName: p.name,
      programType: 'warmth',
      startDate: today,
      endDate: addDays(today, 4),
      totalFen: 12_300,
    });
    expect(body.entries).toHaveLength(1);
    expect(Object.keys(body.entries[0]).sort()).toEqual(
      ['amountFen', 'category', 'maskedName', 'schoolLevel', 'seq', 'unitName'].sort(),
    );
    expect(body.entries[0]).toMatchObject({ seq: 1, maskedName: '赵*刚', amountFen: 12_300 });
    expect(res.body).not.toMatch(/赵大刚|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(body).toMatchObject({ phase: 'open', count: 1 });

    // Once the period has ended (or before it starts) the page keeps dates and totals, not the names.
    for (const [start, end, phase] of [
      [addDays(today, -10), addDays(today, -6), 'ended'],
      [addDays(today, 2), addDays(today, 6), 'upcoming'],
    ] as const) {
      await t.deps.db.execute(
        sql`update publicities set start_date = ${start}::date, end_date = ${end}::date where id = ${d.id}`,
      );
      const later = (
        await t.app.inject({ method: 'GET', url: `/api/public/publicity/${d.publicToken}` })
      ).json();
      expect(later).toMatchObject({ phase, count: 1, totalFen: 12_300, entries: [] });
      expect(JSON.stringify(later)).not.toContain('赵*刚');
    }
    await t.deps.db.execute(
      sql`update publicities set start_date = ${today}::date, end_date = ${addDays(today, 4)}::date where id = ${d.id}`,
    );

    expect(
      (await t.app.inject({ method: 'GET', url: '/api/public/publicity/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode,
    ).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: '/api/public/publicity/a.b' });
    expect(bad.statusCode).toBe(400);

    // Withdrawn: the public link answers 404, the staff page keeps the record.
    const withdrawn = await publisher.request({
      method: 'POST',
      url: `/api/publicity/${d.id}/withdraw`,
      payload: { reason: '名单金额录入有误，更正后重新公示' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', phase: 'withdrawn', entryCount: 0 });
    const gone = await t.app.inject({ method: 'GET', url: `/api/public/publicity/${d.publicToken}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('PUBLIC_NOTICE_NOT_FOUND');
    const twice = await publisher.request({
      method: 'POST',
      url: `/api/publicity/${d.id}/withdraw`,
      payload: { reason: '再次撤回' },
    });
    expect(twice.json().error.code).toBe('PUBLICITY_WITHDRAWN');
    // Its people can be published again.
    const again = await published(p.id);
    expect(again.entryCount).toBe(1);
  });
});

describe('objections and payability', () => {
  it('are accepted only during the period', async () => {
    const p = await funded();
    await makeApprovedApplication(w, p.id);
    const d = await published(p.id, { startDate: addDays(today, 1) });
    expect(d.phase).toBe('upcoming');
    const early = await object(d.id, { channel: 'phone', content: '该户家中新购轿车，不符合条件' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('OBJECTION_OUTSIDE_PERIOD');
    // Move the period into the past: after its last day, no more objections either.
    await t.deps.db
      .update(publicities)
      .set({ startDate: addDays(today, -7), endDate: addDays(today, -1) })
      .where(eq(publicities.id, d.id));
    const late = await object(d.id, { channel: 'letter', content: '该户家中新购轿车，不符合条件' });
    expect(late.json().error.code).toBe('OBJECTION_OUTSIDE_PERIOD');
    expect(late.json().error.message).toContain(`今天是 ${today}`);
  });

  it('payment waits for the period to end without an open objection', async () => {
    const p = await funded();
    const a = await makeApprovedApplication(w, p.id, { name: '孙小红' });
    const b = await makeApprovedApplication(w, p.id, { name: '周大伟' });
    const unpublished = await makeApprovedApplication(w, p.id, { name: '吴一凡' });
    const h = await makeArchivedHousehold(w, '郑秀');
    const pending = await submitApplication(w, { programId: p.id, householdId: h.id, requestedFen: 1_000 });
    const d = await published(p.id, { applicationIds: [a.applicationId, b.applicationId] });
    const after = addDays(d.endDate, 1);

    expect(
      await blocks([a.applicationId, b.applicationId, unpublished.applicationId, pending], today),
    ).toEqual({
      [a.applicationId]: 'PUBLICITY_RUNNING',
      [b.applicationId]: 'PUBLICITY_RUNNING',
      [unpublished.applicationId]: 'NOT_PUBLICIZED',
      [pending]: 'NOT_APPROVED',
    });
    // The last day of publicity is still within the period.
    expect(await blocks([a.applicationId], d.endDate)).toEqual({ [a.applicationId]: 'PUBLICITY_RUNNING' });
    expect(await blocks([a.applicationId, b.applicationId], after)).toEqual({});

    const entryA = d.entries.find((e) => e.applicationId === a.applicationId)!;
    const rec = await object(d.id, {
      entryId: entryA.id,
      channel: 'phone',
      content: '反映该户配偶已再就业，收入较高',
      contact: '13812345678',
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const withObjection = rec.json() as Detail;
    expect(withObjection.openObjections).toBe(1);
    expect(withObjection.objections[0]).toMatchObject({ status: 'open', contactMasked: '138****5678' });
    const [stored] = await t.deps.db
      .select()
      .from(publicityObjections)
      .where(eq(publicityObjections.id, withObjection.objections[0]!.id));
    expect(stored!.contactCipher).toBeTruthy();
    expect(stored!.contactCipher).not.toContain('13812345678');
    expect(await blocks([a.applicationId, b.applicationId], after)).toEqual({
      [a.applicationId]: 'OPEN_OBJECTION',
    });

    // An objection against the notice as a whole holds everyone on it.
    const whole = await object(d.id, { channel: 'visit', content: '公示张贴位置不醒目，群众看不到' });
    expect(whole.statusCode).toBe(201);
    expect(await blocks([a.applicationId, b.applicationId], after)).toEqual({
      [a.applicationId]: 'OPEN_OBJECTION',
      [b.applicationId]: 'OPEN_OBJECTION',
    });
    const wholeId = (whole.json() as Detail).objections.find(
      (o) => o.id !== withObjection.objections[0]!.id,
    )!.id;

    // Dismissed objections: payable after the end.
    for (const id of [withObjection.objections[0]!.id, wholeId]) {
      const res = await resolve(d.id, id, {
        decision: 'dismissed',
        note: '经核实，异议不成立：配偶为临时务工，收入未超标准',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await blocks([a.applicationId, b.applicationId], after)).toEqual({});
    expect(await blocks([a.applicationId], today)).toEqual({ [a.applicationId]: 'PUBLICITY_RUNNING' });
    const again = await resolve(d.id, wholeId, { decision: 'dismissed', note: '重复处理' });
    expect(again.json().error.code).toBe('OBJECTION_ALREADY_RESOLVED');

    // The reviewer reads the full contact to call back; the reveal is audited.
    const reveal = await resolver.request({
      method: 'POST',
      url: `/api/publicity/${d.id}/objections/${withObjection.objections[0]!.id}/reveal-contact`,
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.json()).toEqual({ contact: '13812345678' });
    const reveals = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'publicity.objection_contact_revealed'), eq(auditLog.entityId, d.id)));
    expect(reveals).toHaveLength(1);
  });

  it('a program with 0 publicity days pays approved applications without a notice', async () => {
    const p = await funded({ publicityDays: 0 });
    const a = await makeApprovedApplication(w, p.id);
    expect(await blocks([a.applicationId], today)).toEqual({});
  });
});

describe('an upheld objection', () => {
  async function programSourcesOf(programId: string) {
    const res = await w.admin.request({ method: 'GET', url: `/api/programs/${programId}` });
    return res.json() as { approvedFen: number; sources: { sourceId: string; approvedFen: number }[] };
  }

  it('returns the application to the officer and releases exactly its budget, source by source', async () => {
    const p = await makeProgram(w);
    // Two small sources: the approval is split across both.
    await fundProgram(w, p.id, 15_000, '区政府拨款');
    await fundProgram(w, p.id, 15_000, '局工会经费');
    const keep = await makeApprovedApplication(w, p.id, { name: '钱多多', requestedFen: 10_000 });
    const before = await programSourcesOf(p.id);
    const a = await makeApprovedApplication(w, p.id, { name: '冯小刚', requestedFen: 12_000 });
    const during = await programSourcesOf(p.id);
    expect(during.approvedFen).toBe(22_000);
    const fundings = await t.deps.db
      .select()
      .from(aidApplicationFundings)
      .where(eq(aidApplicationFundings.applicationId, a.applicationId));
    expect(fundings.length).toBe(2);

    const d = await published(p.id);
    const entry = d.entries.find((e) => e.applicationId === a.applicationId)!;
    const rec = await object(d.id, {
      entryId: entry.id,
      channel: 'letter',
      content: '该户已享受民政临时救助',
    });
    const objectionId = (rec.json() as Detail).objections[0]!.id;

    const noOutcome = await resolve(d.id, objectionId, { decision: 'upheld', note: '经核实，异议成立' });
    expect(noOutcome.json().error.code).toBe('OBJECTION_OUTCOME_REQUIRED');
    // The officer who recorded it has no resolve permission; an admin who recorded one may not resolve it.
    expect(
      (await resolve(d.id, objectionId, { decision: 'dismissed', note: '不成立' }, publisher)).statusCode,
    ).toBe(403);

    const res = await resolve(d.id, objectionId, {
      decision: 'upheld',
      outcome: 'returned',
      note: '经核实，异议成立：该户已享受民政临时救助，请补充说明',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Detail;
    expect(after.objections[0]).toMatchObject({ status: 'upheld', outcome: 'returned' });
    expect(after.entries.find((e) => e.id === entry.id)).toMatchObject({
      status: 'revoked',
      applicationStatus: 'returned',
    });
    expect(after.entryCount).toBe(1);
    expect(after.totalFen).toBe(10_000);

    const released = await programSourcesOf(p.id);
    expect(released.approvedFen).toBe(before.approvedFen);
    expect(Object.fromEntries(released.sources.map((s) => [s.sourceId, s.approvedFen]))).toEqual(
      Object.fromEntries(before.sources.map((s) => [s.sourceId, s.approvedFen])),
    );
    expect(
      await t.deps.db
        .select()
        .from(aidApplicationFundings)
        .where(eq(aidApplicationFundings.applicationId, a.applicationId)),
    ).toEqual([]);
    const history = await t.deps.db
      .select()
      .from(aidApplicationFundingReleases)
      .where(eq(aidApplicationFundingReleases.applicationId, a.applicationId));
    expect(history.reduce((n, r) => n + r.amountFen, 0)).toBe(12_000);
    expect(history.every((r) => r.causeId === objectionId && r.cause === 'objection')).toBe(true);

    const app = (
      await w.officer.request({ method: 'GET', url: `/api/applications/${a.applicationId}` })
    ).json();
    expect(app).toMatchObject({ status: 'returned', approvedFen: null, fundings: [] });
    expect(app.decisions.at(-1)).toMatchObject({ action: 'returned' });
    expect(app.decisions.at(-1).comment).toContain('公示异议成立：经核实，异议成立');
    expect(await blocks([a.applicationId, keep.applicationId], addDays(d.endDate, 1))).toEqual({
      [a.applicationId]: 'NOT_APPROVED',
    });

    // Fundings are still history-only for everyone else: a direct delete is refused by the trigger.
    await expect(
      t.deps.db
        .delete(aidApplicationFundings)
        .where(eq(aidApplicationFundings.applicationId, keep.applicationId)),
    ).rejects.toThrow();

    // The officer corrects and resubmits: a new round, approved again, the budget taken again.
    const resubmit = await w.officer.request({
      method: 'POST',
      url: `/api/applications/${a.applicationId}/resubmit`,
      payload: { requestedFen: 8_000, reason: '补充说明：民政救助为一次性，家庭仍困难' },
    });
    expect(resubmit.statusCode, resubmit.body).toBe(200);
    expect(resubmit.json().round).toBe(2);
    await approveApplication(w, a.applicationId);
    expect((await programSourcesOf(p.id)).approvedFen).toBe(18_000);
    const candidates = await publisher.request({
      method: 'GET',
      url: `/api/programs/${p.id}/publicity/candidates`,
    });
    expect(candidates.json().items.map((c: { applicationId: string }) => c.applicationId)).toEqual([
      a.applicationId,
    ]);
  });

  it('can reject the application instead; an objection against the whole notice withdraws it', async () => {
    const p = await funded({}, 100_000);
    const a = await makeApprovedApplication(w, p.id, { name: '陈一', requestedFen: 20_000 });
    const b = await makeApprovedApplication(w, p.id, { name: '陈二', requestedFen: 30_000 });
    const d = await published(p.id);
    const entryA = d.entries.find((e) => e.applicationId === a.applicationId)!;
    const r1 = await object(
      d.id,
      { entryId: entryA.id, channel: 'visit', content: '该户有多套住房' },
      w.admin,
    );
    const o1 = (r1.json() as Detail).objections[0]!.id;
    const own = await resolve(d.id, o1, { decision: 'dismissed', note: '不成立' }, w.admin);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('OBJECTION_OWN_RECORD');
    const rejected = await resolve(d.id, o1, {
      decision: 'upheld',
      outcome: 'rejected',
      note: '经核实，异议成立：该户名下有两套住房',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await programSourcesOf(p.id)).approvedFen).toBe(30_000);
    const app = (
      await w.officer.request({ method: 'GET', url: `/api/applications/${a.applicationId}` })
    ).json();
    expect(app.status).toBe('rejected');
    expect(app.decisions.at(-1)).toMatchObject({ action: 'rejected' });

    const r2 = await object(d.id, { channel: 'phone', content: '公示未在单位公示栏张贴' });
    const o2 = (r2.json() as Detail).objections.find((o) => o.status === 'open')!.id;
    const withOutcome = await resolve(d.id, o2, { decision: 'upheld', outcome: 'rejected', note: '成立' });
    expect(withOutcome.json().error.code).toBe('OBJECTION_OUTCOME_NOT_APPLICABLE');
    const whole = await resolve(d.id, o2, {
      decision: 'upheld',
      note: '经核实，异议成立：须在单位公示栏重新张贴公示',
    });
    expect(whole.statusCode, whole.body).toBe(200);
    expect(whole.json()).toMatchObject({ status: 'withdrawn', entryCount: 0 });
    expect(whole.json().withdrawnReason).toContain('异议成立');
    // B stays approved and can be published again; nothing of its budget moved.
    const bApp = (
      await w.officer.request({ method: 'GET', url: `/api/applications/${b.applicationId}` })
    ).json();
    expect(bApp.status).toBe('approved');
    expect((await programSourcesOf(p.id)).approvedFen).toBe(30_000);
    expect(await blocks([b.applicationId], addDays(d.endDate, 1))).toEqual({
      [b.applicationId]: 'NOT_PUBLICIZED',
    });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/publicity/${d.publicToken}` })).statusCode,
    ).toBe(404);
    const audits = await t.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          inArray(auditLog.action, [
            'publicity.objection_recorded',
            'publicity.objection_resolved',
            'application.released',
          ]),
          inArray(auditLog.entityId, [d.id, a.applicationId]),
        ),
      );
    expect(audits.map((x) => x.action).sort()).toEqual([
      'application.released',
      'publicity.objection_recorded',
      'publicity.objection_recorded',
      'publicity.objection_resolved',
      'publicity.objection_resolved',
    ]);
  });
});

describe('scope', () => {
  it('another district cannot read or act on a notice; units below read it but do not act', async () => {
    const p = await funded();
    await makeApprovedApplication(w, p.id);
    const d = await published(p.id);
    const objection = (
      (await object(d.id, { channel: 'phone', content: '反映情况属实与否待核' })).json() as Detail
    ).objections[0]!.id;
    for (const s of [w.westOfficer, w.westReviewer]) {
      expect((await s.request({ method: 'GET', url: `/api/publicity/${d.id}` })).statusCode).toBe(404);
      expect((await s.request({ method: 'GET', url: `/api/programs/${p.id}/publicity` })).statusCode).toBe(
        404,
      );
    }
    const foreignObject = await object(d.id, { channel: 'phone', content: '外区登记' }, w.westOfficer);
    expect(foreignObject.statusCode).toBe(404);
    expect(foreignObject.json().error.code).toBe('PUBLICITY_NOT_FOUND');
    expect(
      (
        await w.westOfficer.request({
          method: 'POST',
          url: `/api/publicity/${d.id}/withdraw`,
          payload: { reason: '外区撤回' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await resolve(d.id, objection, { decision: 'dismissed', note: '外区处理' }, w.westReviewer))
        .statusCode,
    ).toBe(404);

    const below = await w.officer.request({ method: 'GET', url: `/api/publicity/${d.id}` });
    expect(below.statusCode).toBe(200);
    expect(below.json().canManage).toBe(false);
    // What was reported, and by whom to reach, stays with the publishing unit: below, only the count.
    expect(below.json()).toMatchObject({ objectionCount: 1, openObjections: 1, objections: [] });
    expect(below.body).not.toContain('反映情况属实与否待核');
    expect((await object(d.id, { channel: 'phone', content: '基层登记' }, w.officer)).json().error.code).toBe(
      'PUBLICITY_NOT_OWNER',
    );
    expect(
      (await resolve(d.id, objection, { decision: 'dismissed', note: '基层处理' }, w.unitReviewer)).json()
        .error.code,
    ).toBe('PUBLICITY_NOT_OWNER');
  });
});

describe('locking between payment checks and objections', () => {
  it.runIf(process.env.TEST_DATABASE_URL)(
    'an objection waits while a payment check holds the notice, then lands',
    async () => {
      const p = await funded();
      const a = await makeApprovedApplication(w, p.id);
      const d = await published(p.id);
      const held = signal();
      const locked = signal();
      const payment = t.deps.db.transaction(async (tx) => {
        const found = await findPaymentBlocks(tx, [a.applicationId], today);
        expect(found.get(a.applicationId)?.code).toBe('PUBLICITY_RUNNING');
        locked.resolve();
        await held.promise;
      });
      await locked.promise;
      let done = false;
      const objection = object(d.id, { channel: 'phone', content: '反映该户情况不实' }).then((r) => {
        done = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 400));
      expect(done).toBe(false);
      held.resolve();
      await payment;
      expect((await objection).statusCode).toBe(201);
      expect(await blocks([a.applicationId], addDays(d.endDate, 1))).toEqual({
        [a.applicationId]: 'OPEN_OBJECTION',
      });
    },
  );
});

describe('concurrency and payment', () => {
  it('two simultaneous publications list each application once', async () => {
    const p = await funded();
    await makeApprovedApplication(w, p.id, { name: '甲一' });
    await makeApprovedApplication(w, p.id, { name: '乙二' });
    const results = await Promise.all([publish(p.id), publish(p.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(['PUBLICITY_ALREADY_LISTED', 'PUBLICITY_NOTHING_TO_PUBLISH']).toContain(
      results.find((r) => r.statusCode === 409)!.json().error.code,
    );
    const list = (await publisher.request({ method: 'GET', url: `/api/programs/${p.id}/publicity` })).json();
    expect(list.items.map((i: { entryCount: number }) => i.entryCount)).toEqual([2]);
  });

  it('once the period has ended the list is paid, and a notice in payment cannot be withdrawn', async () => {
    const p = await funded();
    const a = await makeApprovedApplication(w, p.id, { name: '付款人' });
    const d = await published(p.id);
    // 实物: the fixture households have no bank account for a cash transfer list.
    const goods = { programId: p.id, kind: 'goods', itemName: '大米', unitName: '袋', unitValueFen: 10_000 };
    const early = await w.finance.request({
      method: 'POST',
      url: '/api/disbursements',
      payload: { ...goods, applicationIds: [a.applicationId] },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('DISBURSEMENT_BLOCKED');
    await t.deps.db
      .update(publicities)
      .set({ startDate: addDays(today, -6), endDate: addDays(today, -1) })
      .where(eq(publicities.id, d.id));
    const batch = await w.finance.request({
      method: 'POST',
      url: '/api/disbursements',
      payload: { ...goods, applicationIds: [a.applicationId] },
    });
    expect(batch.statusCode, batch.body).toBe(201);
    const refused = await publisher.request({
      method: 'POST',
      url: `/api/publicity/${d.id}/withdraw`,
      payload: { reason: '发现名单有误' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PUBLICITY_PAID');
  });
});
