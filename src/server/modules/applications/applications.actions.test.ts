import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AID_YEAR,
  type AidWorld,
  createAidWorld,
  fundProgram,
  makeArchivedHousehold,
  makeProgram,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';

let t: TestContext;
let w: AidWorld;
let admin: Session;
let district: { id: string; name: string };
let west: { id: string; name: string };
let officer: Session;
let unitReviewer: Session;
let townReviewer: Session;
let westReviewer: Session;
let finance: Session;

const YEAR = AID_YEAR;

const login = async (orgId: string, roles: Parameters<TestContext['makeUser']>[1]) =>
  t.login((await t.makeUser(orgId, roles)).username);

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
  ({ admin, district, west, officer, unitReviewer, townReviewer, westReviewer, finance } = w);
});
afterAll(() => t.close());

/** An archived household of 3 in deep hardship, employed by the grass-roots unit. */
const household = () => makeArchivedHousehold(w);
/** A 送温暖 program of the district, reviewed by grass-roots then township unless `over` says otherwise. */
const program = (over: Record<string, unknown> = {}) => makeProgram(w, over);
const fund = (programId: string, amountFen: number, name?: string) =>
  fundProgram(w, programId, amountFen, name);

const apply = (s: Session, body: Record<string, unknown>, url = '/api/applications') =>
  s.request({ method: 'POST', url, payload: { reason: '妻子患尿毒症，长期透析', ...body } });
const act = (s: Session, id: string, action: string, payload: object = {}, headers = {}) =>
  s.request({ method: 'POST', url: `/api/applications/${id}/${action}`, payload, headers });

/** Three archived households with an application each to a program decided by the unit alone. */
async function threeApplications(budgetFen: number) {
  const p = await program({ reviewChain: ['grassroots'] });
  await fund(p.id, budgetFen);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const h = await household();
    const res = await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 50_000 });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  return { p, ids };
}

const batch = (s: Session, payload: object) =>
  s.request({ method: 'POST', url: '/api/applications/batch-review', payload });

describe('batch approval', () => {
  it('each application stands alone: the budget runs out for one, the others are approved', async () => {
    const { p, ids } = await threeApplications(90_000);
    const res = await batch(unitReviewer, {
      action: 'approve',
      items: [{ id: ids[0] }, { id: ids[1], amountFen: 40_000 }, { id: ids[2] }],
      comment: '经集体研究同意',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ succeeded: 2, failed: 1 });
    expect(body.items[0]).toMatchObject({ id: ids[0], ok: true, status: 'approved', amountFen: 50_000 });
    expect(body.items[1]).toMatchObject({ id: ids[1], ok: true, status: 'approved', amountFen: 40_000 });
    expect(body.items[2]).toMatchObject({
      id: ids[2],
      ok: false,
      status: null,
      code: 'PROGRAM_BUDGET_EXCEEDED',
    });
    expect(body.items[2].message).toContain('剩余 0.00 元');
    const detail = (await admin.request({ method: 'GET', url: `/api/programs/${p.id}` })).json();
    expect(detail).toMatchObject({ allocatedFen: 90_000, approvedFen: 90_000, remainingFen: 0 });
    const failed = (await admin.request({ method: 'GET', url: `/api/applications/${ids[2]}` })).json();
    expect(failed).toMatchObject({ status: 'pending', approvedFen: null });
    const first = (await admin.request({ method: 'GET', url: `/api/applications/${ids[0]}` })).json();
    expect(first.decisions.at(-1)).toMatchObject({ action: 'approved', comment: '经集体研究同意' });
  });

  it('answers wrong level, already decided and unknown ids per item, in Chinese', async () => {
    const { ids } = await threeApplications(1_000_000);
    expect((await act(unitReviewer, ids[0]!, 'approve')).statusCode).toBe(200);
    const res = await batch(unitReviewer, {
      action: 'approve',
      items: [{ id: ids[0] }, { id: ids[1] }, { id: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items[0]).toMatchObject({ ok: false, code: 'APPLICATION_WRONG_STATE' });
    expect(items[0].message).toContain('已批准');
    expect(items[1]).toMatchObject({ ok: true, status: 'approved' });
    expect(items[2]).toMatchObject({ ok: false, code: 'APPLICATION_NOT_FOUND' });

    const elsewhere = await batch(townReviewer, { action: 'approve', items: [{ id: ids[2] }] });
    expect(elsewhere.json().items[0]).toMatchObject({ ok: false, code: 'APPLICATION_WRONG_LEVEL' });
    const foreign = await batch(westReviewer, { action: 'approve', items: [{ id: ids[2] }] });
    expect(foreign.json().items[0]).toMatchObject({ ok: false, code: 'APPLICATION_NOT_FOUND' });
    const raised = await batch(unitReviewer, {
      action: 'approve',
      items: [{ id: ids[2], amountFen: 60_000 }],
    });
    expect(raised.json().items[0]).toMatchObject({ ok: false, code: 'APPLICATION_AMOUNT_RAISED' });
    expect((await admin.request({ method: 'GET', url: `/api/applications/${ids[2]}` })).json().status).toBe(
      'pending',
    );
  });

  it('refuses bad input as a whole, and officers may not use it', async () => {
    const dup = await batch(unitReviewer, {
      action: 'approve',
      items: [{ id: '00000000-0000-4000-8000-000000000000' }, { id: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(dup.json().error.details)).toContain('不能重复');
    expect((await batch(unitReviewer, { action: 'reject', items: [] })).statusCode).toBe(400);
    expect((await batch(unitReviewer, { action: 'approve', items: [] })).statusCode).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    expect((await batch(unitReviewer, { action: 'approve', items: many })).statusCode).toBe(400);
    expect(
      (await batch(officer, { action: 'approve', items: [{ id: '00000000-0000-4000-8000-000000000000' }] }))
        .statusCode,
    ).toBe(403);
  });
});

describe('withdrawal (撤回)', () => {
  it('the officer withdraws before the final decision; the household may apply again', async () => {
    const p = await program();
    await fund(p.id, 1_000_000);
    const h = await household();
    const app = (await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 30_000 })).json();
    expect((await act(unitReviewer, app.id, 'approve')).statusCode).toBe(200);

    expect((await act(officer, app.id, 'withdraw', {})).statusCode).toBe(400);
    expect((await act(unitReviewer, app.id, 'withdraw', { reason: '家庭情况好转' })).statusCode).toBe(403);
    const foreign = await login(west.id, ['officer']);
    expect((await act(foreign, app.id, 'withdraw', { reason: '家庭情况好转' })).statusCode).toBe(404);

    const res = await act(officer, app.id, 'withdraw', { reason: '家庭情况好转，本人申请撤回' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', currentOrgId: null, approvedFen: null });
    expect(res.json().decisions.at(-1)).toMatchObject({
      action: 'withdrawn',
      comment: '家庭情况好转，本人申请撤回',
      level: null,
    });
    const late = await act(townReviewer, app.id, 'approve');
    expect(late.json().error.code).toBe('APPLICATION_WRONG_STATE');
    const again = await act(officer, app.id, 'withdraw', { reason: '重复撤回' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已撤回');

    const listed = await admin.request({
      method: 'GET',
      url: `/api/applications?status=withdrawn&programId=${p.id}`,
    });
    expect(listed.json().items.map((i: { id: string }) => i.id)).toEqual([app.id]);
    const reapply = await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 20_000 });
    expect(reapply.statusCode, reapply.body).toBe(201);
  });

  it('a final decision cannot be withdrawn, and a returned application can', async () => {
    const { ids } = await threeApplications(1_000_000);
    expect((await act(unitReviewer, ids[0]!, 'approve')).statusCode).toBe(200);
    const approved = await act(officer, ids[0]!, 'withdraw', { reason: '误报' });
    expect(approved.statusCode).toBe(409);
    expect(approved.json().error.code).toBe('APPLICATION_WRONG_STATE');
    expect((await act(unitReviewer, ids[1]!, 'return', { reason: '缺少诊断证明' })).statusCode).toBe(200);
    const returned = await act(officer, ids[1]!, 'withdraw', { reason: '无法补充材料' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('withdrawn');
  });
});

const patchProgram = (s: Session, id: string, payload: object) =>
  s.request({ method: 'PATCH', url: `/api/programs/${id}`, payload });

describe('editing a program', () => {
  it('rules change freely before anyone applies, within the owner’s levels', async () => {
    const p = await program();
    const res = await patchProgram(admin, p.id, {
      capPerHouseholdFen: 80_000,
      categories: ['deep'],
      reviewChain: ['grassroots', 'township', 'district'],
      publicityDays: 7,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      capPerHouseholdFen: 80_000,
      categories: ['deep'],
      reviewChain: ['grassroots', 'township', 'district'],
      publicityDays: 7,
      applicationCount: 0,
    });
    const above = await patchProgram(admin, p.id, { reviewChain: ['township', 'district', 'city'] });
    expect(above.json().error.code).toBe('PROGRAM_CHAIN_ABOVE_OWNER');
    const window = await patchProgram(admin, p.id, { windowEnd: `${YEAR - 1}-06-30` });
    expect(window.statusCode).toBe(400);
    expect(window.json().error.code).toBe('PROGRAM_WINDOW_INVALID');
    expect((await patchProgram(admin, p.id, {})).statusCode).toBe(400);
    expect((await patchProgram(admin, p.id, { year: YEAR + 1 })).statusCode).toBe(400);
    const westAdmin = await login(west.id, ['admin']);
    expect((await patchProgram(westAdmin, p.id, { name: '改名' })).statusCode).toBe(404);
    expect((await patchProgram(officer, p.id, { name: '改名' })).statusCode).toBe(403);
  });

  it('once an application exists only the window, documents and name change', async () => {
    const p = await program();
    await fund(p.id, 1_000_000);
    const h = await household();
    expect(
      (await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 30_000 })).statusCode,
    ).toBe(201);
    const locked = await patchProgram(admin, p.id, { capPerHouseholdFen: 10_000, name: '改名后的项目' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toMatchObject({
      code: 'PROGRAM_RULES_LOCKED',
      details: { fields: ['capPerHouseholdFen'] },
    });
    expect(locked.json().error.message).toContain('每户上限');
    const ok = await patchProgram(admin, p.id, {
      windowEnd: `${YEAR}-11-30`,
      requiredDocuments: ['困难情况说明'],
      name: `${YEAR} 年春节送温暖（延期）`,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      windowEnd: `${YEAR}-11-30`,
      requiredDocuments: ['困难情况说明'],
      capPerHouseholdFen: 50_000,
      applicationCount: 1,
    });
  });
});

const patchFund = (s: Session, id: string, payload: object) =>
  s.request({ method: 'PATCH', url: `/api/funds/${id}`, payload });

describe('editing a fund source', () => {
  it('name and note always; the amount only while what is earmarked still fits', async () => {
    const p = await program();
    const sourceId = await fund(p.id, 300_000);
    const more = await patchFund(finance, sourceId, { receivedFen: 500_000, note: '追加拨款' });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json()).toMatchObject({
      receivedFen: 500_000,
      allocatedFen: 300_000,
      unallocatedFen: 200_000,
    });
    const below = await patchFund(finance, sourceId, { receivedFen: 299_999 });
    expect(below.statusCode).toBe(409);
    expect(below.json().error.code).toBe('FUND_BELOW_ALLOCATED');
    expect(below.json().error.message).toContain('3,000.00 元');
    const exact = await patchFund(finance, sourceId, { receivedFen: 300_000, name: '区政府拨款（更正）' });
    expect(exact.statusCode, exact.body).toBe(200);
    expect(exact.json()).toMatchObject({
      name: '区政府拨款（更正）',
      receivedFen: 300_000,
      unallocatedFen: 0,
    });
    const listed = (await finance.request({ method: 'GET', url: `/api/funds?orgId=${district.id}` })).json();
    expect(listed.items.map((f: { id: string }) => f.id)).toContain(sourceId);

    expect((await patchFund(finance, sourceId, {})).statusCode).toBe(400);
    expect((await patchFund(finance, sourceId, { kind: 'donation' })).statusCode).toBe(400);
    expect((await patchFund(finance, sourceId, { receivedFen: 0 })).statusCode).toBe(400);
    const westFinance = await login(west.id, ['finance']);
    expect((await patchFund(westFinance, sourceId, { name: '别人的钱' })).statusCode).toBe(404);
    expect((await patchFund(officer, sourceId, { name: '别人的钱' })).statusCode).toBe(403);
    const after = (await finance.request({ method: 'GET', url: `/api/funds/${sourceId}` })).json();
    expect(after).toMatchObject({ name: '区政府拨款（更正）', receivedFen: 300_000, unallocatedFen: 0 });
  });
});
