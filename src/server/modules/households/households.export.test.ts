import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCityPolicy, makeJiangdongOrgs, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { jobs } from '../jobs/jobs.table';

let t: TestContext;
let officer: Session;
let auditor: Session;
let unitId: string;
const newId = residentIds({ region: '330105' });

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t);
  const { unit } = await makeJiangdongOrgs(t);
  unitId = unit.id;
  officer = await t.loginNewUser(unit.id, ['officer']);
  auditor = await t.loginNewUser(t.rootOrgId, ['auditor']);
});
afterAll(() => t.close());

describe('the audit entry of an export', () => {
  it('shows a search for an ID number masked; the job still searched with the full number', async () => {
    const idNumber = newId();
    const created = await officer.request({
      method: 'POST',
      url: '/api/households',
      payload: {
        employerOrgId: unitId,
        name: '赵导出',
        idNumber,
        phone: '13805710001',
        job: '挡车工',
        address: '江东区望江路 3 号',
        situation: '本人患病',
        causes: ['illness'],
        incomes: [{ kind: 'wages', annualFen: 12 * 90_000 }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);

    const started = await officer.request({
      method: 'POST',
      url: '/api/households/export',
      payload: { q: idNumber },
    });
    expect(started.statusCode, started.body).toBe(202);
    await t.deps.jobs.idle();
    const job = (await officer.request({ method: 'GET', url: `/api/jobs/${started.json().id}` })).json();
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.result.rowCount).toBe(1);
    expect(JSON.stringify(job)).not.toContain(idNumber);
    // Nor does the jobs table hold the number in clear: the search text is sealed in the payload.
    const [stored] = await t.deps.db.select({ payload: jobs.payload }).from(jobs).where(eq(jobs.id, job.id));
    expect(JSON.stringify(stored!.payload)).not.toContain(idNumber.slice(6, 14));

    const audit = await auditor.request({ method: 'GET', url: '/api/audit?action=household.exported' });
    expect(audit.statusCode, audit.body).toBe(200);
    const [entry] = audit.json().items;
    expect(entry.after.filter.q).toBe(`${idNumber.slice(0, 3)}${'*'.repeat(13)}${idNumber.slice(-2)}`);
    expect(entry.after).toMatchObject({ unmasked: false, rows: 1 });
    expect(audit.body).not.toContain(idNumber);
  });
});

describe('migration 0020: export jobs of the earlier format', () => {
  it('drops a finished export’s search text and fails a queued one, leaving other jobs alone', async () => {
    const idNumber = newId();
    const [userId] = [(await t.makeUser(unitId, ['officer'])).id];
    const make = async (type: string, status: string, payload: object) =>
      (
        await t.deps.db
          .insert(jobs)
          .values({ type, status: status as 'queued', payload, createdBy: userId })
          .returning({ id: jobs.id })
      )[0]!.id;
    const done = await make('households.export', 'succeeded', { filter: { q: idNumber, unmasked: false } });
    const queued = await make('households.export', 'queued', { filter: { q: idNumber, status: 'archived' } });
    const sealed = await make('households.export', 'queued', {
      filter: { unmasked: false },
      sealedQ: 'v1:x',
    });
    const other = await make('users.export', 'succeeded', { filter: { q: '张三' } });

    const file = new URL('../../../../migrations/0020_jobs_export_search_sealed.sql', import.meta.url);
    for (const statement of readFileSync(file, 'utf8').split('--> statement-breakpoint'))
      await t.deps.db.execute(sql.raw(statement));

    const row = async (id: string) => (await t.deps.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
    expect((await row(done)).payload).toEqual({ filter: { unmasked: false } });
    expect(await row(queued)).toMatchObject({
      status: 'failed',
      payload: { filter: { status: 'archived' } },
      message: expect.stringMatching(/请重新导出/),
    });
    expect(await row(sealed)).toMatchObject({ status: 'queued', payload: { sealedQ: 'v1:x' } });
    expect((await row(other)).payload).toEqual({ filter: { q: '张三' } });
    const all = await t.deps.db.select({ payload: jobs.payload }).from(jobs);
    expect(JSON.stringify(all)).not.toContain(idNumber);
  });
});
