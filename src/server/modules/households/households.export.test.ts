import { eq } from 'drizzle-orm';
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
