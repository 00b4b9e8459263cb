import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../common/context';
import { CommonErrors } from '../../common/errors';
import type { Role } from '../../common/permissions';
import { ADMIN_PASSWORD, createTestContext, type Session, type TestContext } from '../../testing/harness';
import { type JobKind, JobRunner } from './jobs.runner';
import { jobs } from './jobs.table';

let t: TestContext;
let admin: Session;
let east: { id: string; path: string };
let west: { id: string; path: string };

/** The test kinds hold no module's data: job.read alone reads them. */
const testKind = (type: string): JobKind => ({ type, readPermission: 'job.read' });
const SUM = testKind('test.sum');
const ERRORS = testKind('test.errors');
const GATED = testKind('test.gated');
const BROKEN = testKind('test.broken');
const SEARCH = testKind('test.search');

/** Released by the test that watches a job while it runs. */
let releaseGate: () => void = () => {};

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', ADMIN_PASSWORD);
  east = await t.makeOrg(t.rootOrgId, 'district');
  west = await t.makeOrg(t.rootOrgId, 'district');

  // A small import: every negative number is a bad row; the result is the sum of the good ones.
  t.deps.jobs.register<{ values: number[] }, { sum: number }>(SUM, async (ctx) => {
    const { values } = ctx.payload;
    let sum = 0;
    for (const [i, value] of values.entries()) {
      if (value < 0) ctx.addError({ row: i + 2, column: '金额', message: '金额不能为负数' });
      else sum += value;
      ctx.progress(i + 1, values.length);
    }
    return { sum };
  });
  t.deps.jobs.register<
    { errors: { sheet?: string; row?: number; column?: string; message: string }[] },
    null
  >(ERRORS, async (ctx) => {
    for (const e of ctx.payload.errors) ctx.addError(e);
    return null;
  });
  t.deps.jobs.register<{ total: number }, null>(GATED, async (ctx) => {
    ctx.progress(3, ctx.payload.total);
    await new Promise<void>((resolve) => {
      releaseGate = resolve;
    });
    ctx.progress(ctx.payload.total);
    return null;
  });
  t.deps.jobs.register(BROKEN, async (ctx) => {
    ctx.progress(1, 5);
    throw CommonErrors.CONFLICT({
      reason: '第 2 行格式无法识别，任务中止',
      reasonEn: 'Row 2 is in a format that cannot be read; the job stopped',
    });
  });
});
afterAll(() => t.close());

async function districtUser(org: { id: string; path: string }, roles: Role[] = ['officer']) {
  const user = await t.makeUser(org.id, roles);
  const actor: Actor = {
    principal: {
      ...t.rootActor.principal,
      userId: user.id,
      username: user.username,
      displayName: `测试${user.username}`,
      orgId: org.id,
      orgPath: org.path,
      roles,
    },
    ip: '127.0.0.1',
    requestId: 'jobs-test',
  };
  return { actor, session: await t.login(user.username) };
}

describe('background jobs', () => {
  it('shows progress, row errors and the result of a finished job to its owner', async () => {
    const { actor, session } = await districtUser(east);
    const job = await t.deps.jobs.enqueue(actor, SUM, { values: [100, -5, 250, -1, 50] });
    expect(job.status).toBe('queued');
    await t.deps.jobs.idle();

    const res = await session.request({ method: 'GET', url: `/api/jobs/${job.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: job.id,
      type: 'test.sum',
      status: 'succeeded',
      done: 5,
      total: 5,
      result: { sum: 400 },
      message: null,
      messageEn: null,
    });
    expect(body.errors).toEqual([
      { row: 3, column: '金额', message: '金额不能为负数' },
      { row: 5, column: '金额', message: '金额不能为负数' },
    ]);
    expect(Date.parse(body.finishedAt)).toBeGreaterThanOrEqual(Date.parse(body.startedAt));
  });

  it('reports progress while a job runs', async () => {
    const { actor, session } = await districtUser(east);
    const job = await t.deps.jobs.enqueue(actor, GATED, { total: 10 });
    let seen: { status: string; done: number; total: number } | undefined;
    for (let i = 0; i < 100; i++) {
      seen = (await session.request({ method: 'GET', url: `/api/jobs/${job.id}` })).json();
      if (seen?.status === 'running' && seen.done === 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toMatchObject({ status: 'running', done: 3, total: 10 });
    releaseGate();
    await t.deps.jobs.idle();
    const finished = (await session.request({ method: 'GET', url: `/api/jobs/${job.id}` })).json();
    expect(finished).toMatchObject({ status: 'succeeded', done: 10, total: 10 });
  });

  it('marks a job whose handler throws as failed, with the message in Chinese and in English', async () => {
    const { actor, session } = await districtUser(east);
    const job = await t.deps.jobs.enqueue(actor, BROKEN, {});
    await t.deps.jobs.idle();
    const body = (await session.request({ method: 'GET', url: `/api/jobs/${job.id}` })).json();
    expect(body).toMatchObject({
      status: 'failed',
      message: '第 2 行格式无法识别，任务中止',
      messageEn: 'Row 2 is in a format that cannot be read; the job stopped',
      done: 1,
      total: 5,
    });
    expect(body.finishedAt).not.toBeNull();
  });

  it('an unexpected failure tells the owner it failed, and logs what failed without the values', async () => {
    // Its own runner, to read what it logs (the test app's runner logs nowhere).
    const logged: unknown[] = [];
    const runner = new JobRunner(t.deps.db, {
      info: () => {},
      error: (entry: unknown) => logged.push(entry),
    });
    runner.register<{ q: string }, null>(SEARCH, async (ctx) => {
      await t.deps.db.execute(sql`select ${ctx.payload.q}::int`);
      return null;
    });
    // The API shows jobs of the kinds the app's runner knows.
    t.deps.jobs.register(SEARCH, async () => null);
    const { actor, session } = await districtUser(east);
    const job = await runner.enqueue(actor, SEARCH, { q: '张秘密 13812341234' });
    await runner.idle();
    const body = (await session.request({ method: 'GET', url: `/api/jobs/${job.id}` })).json();
    expect(body).toMatchObject({
      status: 'failed',
      message: '任务因系统错误未能完成，请稍后重试；如仍失败，请联系管理员',
      messageEn:
        'The job could not be completed because of a system error. Please try again later; if it fails again, contact your administrator',
    });
    const [row] = await t.deps.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row!.message).toBe(body.message);
    expect(row!.messageEn).toBe(body.messageEn);
    const entry = logged[0] as { err: Record<string, unknown>; jobId: string };
    expect(entry).toMatchObject({
      jobId: job.id,
      err: { code: '22P02', query: 'select $1::int', message: 'invalid input syntax for type integer: "…"' },
    });
    expect(JSON.stringify({ ...entry, stack: entry.err.stack })).not.toMatch(/13812341234|张秘密/);
  });

  it('hides a job from users outside its unit, but not from the units above', async () => {
    const { actor } = await districtUser(east);
    const job = await t.deps.jobs.enqueue(actor, SUM, { values: [1] });
    await t.deps.jobs.idle();

    const { session: outsider } = await districtUser(west, ['admin']);
    const hidden = await outsider.request({ method: 'GET', url: `/api/jobs/${job.id}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('JOB_NOT_FOUND');
    const missing = await outsider.request({
      method: 'GET',
      url: '/api/jobs/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.json()).toEqual(hidden.json());

    const { session: colleague } = await districtUser(east, ['reviewer']);
    expect((await colleague.request({ method: 'GET', url: `/api/jobs/${job.id}` })).statusCode).toBe(200);
    expect((await admin.request({ method: 'GET', url: `/api/jobs/${job.id}` })).json().status).toBe(
      'succeeded',
    );
  });

  it('lists the caller’s own jobs, newest first', async () => {
    const { actor, session } = await districtUser(east);
    const first = await t.deps.jobs.enqueue(actor, SUM, { values: [1] });
    await t.deps.jobs.idle();
    const second = await t.deps.jobs.enqueue(actor, BROKEN, {});
    await t.deps.jobs.idle();
    const { actor: otherActor, session: other } = await districtUser(east);
    const foreign = await t.deps.jobs.enqueue(otherActor, SUM, { values: [2] });
    await t.deps.jobs.idle();

    const mine = (await session.request({ method: 'GET', url: '/api/jobs' })).json();
    expect(mine.items.map((j: { id: string }) => j.id)).toEqual([second.id, first.id]);
    expect(mine.items.map((j: { status: string }) => j.status)).toEqual(['failed', 'succeeded']);
    const theirs = (await other.request({ method: 'GET', url: '/api/jobs' })).json();
    expect(theirs.items.map((j: { id: string }) => j.id)).toEqual([foreign.id]);
  });

  it('a job of a module is read only with that module’s read permission, even by whoever started it', async () => {
    // Finance reads jobs (job.read) but no households: a households import holds their rows and problems.
    const households: JobKind = { type: 'test.households', readPermission: 'household.read' };
    t.deps.jobs.register<null, null>(households, async (ctx) => {
      ctx.addError({ row: 2, column: '公民身份号码', message: '校验码不正确' });
      return null;
    });
    const { actor: starter, session: starterSession } = await districtUser(east, ['finance', 'officer']);
    const job = await t.deps.jobs.enqueue(starter, households, null);
    await t.deps.jobs.idle();
    const { session: finance } = await districtUser(east, ['finance']);
    const { session: reviewer } = await districtUser(east, ['reviewer']);
    for (const url of [`/api/jobs/${job.id}`, `/api/jobs/${job.id}/errors.xlsx`]) {
      const hidden = await finance.request({ method: 'GET', url });
      expect(hidden.statusCode, url).toBe(404);
      expect(hidden.json().error.code).toBe('JOB_NOT_FOUND');
      expect((await reviewer.request({ method: 'GET', url })).statusCode, url).toBe(200);
      expect((await starterSession.request({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    // The one who started it, once without household.read, neither reads nor lists it.
    await t.deps.db.execute(sql`update users set roles = '{finance}' where id = ${starter.principal.userId}`);
    const demoted = await t.login(starter.principal.username);
    expect((await demoted.request({ method: 'GET', url: `/api/jobs/${job.id}` })).statusCode).toBe(404);
    expect((await demoted.request({ method: 'GET', url: '/api/jobs' })).json().items).toEqual([]);
  });

  it('on start, fails jobs interrupted by a restart and resumes queued ones', async () => {
    const { actor, session } = await districtUser(east);
    const [interrupted] = await t.deps.db
      .insert(jobs)
      .values({
        type: 'test.sum',
        status: 'running',
        createdBy: actor.principal.userId,
        orgId: east.id,
        startedAt: new Date(),
      })
      .returning();
    const [waiting] = await t.deps.db
      .insert(jobs)
      .values({
        type: 'test.sum',
        payload: { values: [7, 8] },
        createdBy: actor.principal.userId,
        orgId: east.id,
      })
      .returning();

    await t.deps.jobs.recover();
    await t.deps.jobs.idle();

    const failed = (await session.request({ method: 'GET', url: `/api/jobs/${interrupted!.id}` })).json();
    expect(failed.status).toBe('failed');
    expect(failed.message).toBe('服务重启，任务被中断，请重新提交');
    expect(failed.messageEn).toBe('The job was interrupted by a server restart. Please submit it again');
    expect(failed.finishedAt).not.toBeNull();
    const resumed = (await session.request({ method: 'GET', url: `/api/jobs/${waiting!.id}` })).json();
    expect(resumed).toMatchObject({ status: 'succeeded', result: { sum: 15 }, done: 2, total: 2 });
    const [row] = await t.deps.db.select().from(jobs).where(eq(jobs.id, interrupted!.id));
    expect(row!.status).toBe('failed');
  });

  it('keeps the English variant of each problem: in the job, and as a last column of the download', async () => {
    const { actor, session } = await districtUser(east);
    const job = await t.deps.jobs.enqueue(actor, ERRORS, {
      errors: [
        { sheet: '困难职工', row: 3, column: '职工姓名', message: '必须填写', messageEn: 'Required' },
        { sheet: '困难职工', row: 4, column: '职工姓名', message: '旧任务的问题' },
      ],
    });
    await t.deps.jobs.idle();
    const read = (await session.request({ method: 'GET', url: `/api/jobs/${job.id}` })).json();
    expect(read.errors).toEqual([
      { sheet: '困难职工', row: 3, column: '职工姓名', message: '必须填写', messageEn: 'Required' },
      { sheet: '困难职工', row: 4, column: '职工姓名', message: '旧任务的问题' },
    ]);
    const res = await session.request({ method: 'GET', url: `/api/jobs/${job.id}/errors.xlsx` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = (workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((row) =>
      row.slice(1),
    );
    expect(values).toEqual([
      ['工作表', '行号', '列', '问题说明', '问题说明（英文）Problem (English)'],
      ['困难职工', 3, '职工姓名', '必须填写', 'Required'],
      ['困难职工', 4, '职工姓名', '旧任务的问题'],
    ]);
  });

  it('downloads the problem list as a real .xlsx to those who may see the job, auditing it', async () => {
    const { actor, session } = await districtUser(east);
    const job = await t.deps.jobs.enqueue(actor, ERRORS, {
      errors: [
        { sheet: '困难职工', row: 3, column: '职工姓名', message: '必须填写' },
        { sheet: '家庭成员', row: 2, column: '关系', message: '=HYPERLINK("x")' },
        { message: '文件无法读取' },
      ],
    });
    await t.deps.jobs.idle();

    const res = await session.request({ method: 'GET', url: `/api/jobs/${job.id}/errors.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('问题清单-'));
    // A download, never rendered by the browser as something else.
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = (workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((row) =>
      row.slice(1),
    );
    expect(values).toEqual([
      ['工作表', '行号', '列', '问题说明'],
      ['困难职工', 3, '职工姓名', '必须填写'],
      // A message a spreadsheet would run as a formula is text.
      ['家庭成员', 2, '关系', `'=HYPERLINK("x")`],
      [undefined, undefined, undefined, '文件无法读取'],
    ]);

    const audit = await admin.request({
      method: 'GET',
      url: `/api/audit?entity=job&entityId=${job.id}&action=job.errors_downloaded`,
    });
    expect(audit.json().total).toBe(1);
    expect(audit.json().items[0]).toMatchObject({ actorId: actor.principal.userId, orgId: east.id });

    // As hidden as the job itself outside its unit; a bad id is refused by the schema.
    const { session: outsider } = await districtUser(west, ['admin']);
    const hidden = await outsider.request({ method: 'GET', url: `/api/jobs/${job.id}/errors.xlsx` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('JOB_NOT_FOUND');
    const bad = await session.request({ method: 'GET', url: '/api/jobs/not-a-uuid/errors.xlsx' });
    expect(bad.statusCode).toBe(400);
    const { session: colleague } = await districtUser(east, ['reviewer']);
    expect(
      (await colleague.request({ method: 'GET', url: `/api/jobs/${job.id}/errors.xlsx` })).statusCode,
    ).toBe(200);
  });
});
