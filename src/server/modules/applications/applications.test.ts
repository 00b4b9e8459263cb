import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../common/dates';
import { createCityPolicy, makeJiangdongOrgs, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { verifyAuditChain } from '../audit/audit.usecases';
import { uploadFile } from '../files/files.usecases';
import { householdAttachments } from '../households/households.table';
import { aidApplicationFundings } from './applications.table';

let t: TestContext;
let admin: Session;
let district: { id: string; name: string };
let town: { id: string; name: string };
let unit: { id: string; name: string };
let west: { id: string; name: string };
let officer: Session;
let unitReviewer: Session;
let unitReviewer2: Session;
let townReviewer: Session;
let districtReviewer: Session;
let westReviewer: Session;
let finance: Session;

const YEAR = Number(businessDate().slice(0, 4));
const OPEN = { windowStart: `${YEAR}-01-01`, windowEnd: `${YEAR}-12-31` };

const newId = residentIds();

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', 'Admin@12345');
  await createCityPolicy(t);
  ({ district, town, unit, west } = await makeJiangdongOrgs(t));
  officer = await t.loginNewUser(unit.id, ['officer']);
  unitReviewer = await t.loginNewUser(unit.id, ['reviewer']);
  unitReviewer2 = await t.loginNewUser(unit.id, ['reviewer']);
  townReviewer = await t.loginNewUser(town.id, ['reviewer']);
  districtReviewer = await t.loginNewUser(district.id, ['reviewer']);
  westReviewer = await t.loginNewUser(west.id, ['reviewer']);
  finance = await t.loginNewUser(district.id, ['finance']);
});
afterAll(() => t.close());

/** A household of 3 (per-capita 900 元 a month: deep hardship) with a child in senior high school. */
async function household(archive = true) {
  const res = await officer.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: unit.id,
      name: '张建国',
      idNumber: newId(),
      causes: ['illness'],
      members: [
        { relation: 'spouse', name: '李秀英', idNumber: newId('19820305'), healthStatus: 'serious_illness' },
        {
          relation: 'child',
          name: '张小明',
          idNumber: newId('20080910'),
          healthStatus: 'healthy',
          schoolLevel: 'senior_high',
        },
      ],
      incomes: [{ kind: 'wages', annualFen: 3 * 12 * 90_000 }],
      expenditures: [],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const h = res.json() as { id: string; members: { id: string; name: string }[] };
  if (archive) {
    for (const [s, action] of [
      [officer, 'submit'],
      [unitReviewer, 'approve'],
      [townReviewer, 'approve'],
    ] as const) {
      const r = await s.request({ method: 'POST', url: `/api/households/${h.id}/${action}`, payload: {} });
      expect(r.statusCode, r.body).toBe(200);
    }
  }
  return h;
}

async function program(over: Record<string, unknown> = {}) {
  const res = await admin.request({
    method: 'POST',
    url: '/api/programs',
    payload: {
      orgId: district.id,
      type: 'warmth',
      name: `${YEAR} 年春节送温暖`,
      year: YEAR,
      categories: ['deep', 'relative', 'sudden'],
      capPerHouseholdFen: 50_000,
      ...OPEN,
      reviewChain: ['grassroots', 'township'],
      publicityDays: 5,
      ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
}

async function fund(programId: string, amountFen: number, name = '区政府拨款') {
  const source = await finance.request({
    method: 'POST',
    url: '/api/funds',
    payload: { orgId: district.id, name, kind: 'government', year: YEAR, receivedFen: amountFen },
  });
  expect(source.statusCode, source.body).toBe(201);
  const res = await finance.request({
    method: 'POST',
    url: `/api/programs/${programId}/allocations`,
    payload: { sourceId: source.json().id, amountFen },
  });
  expect(res.statusCode, res.body).toBe(200);
  return source.json().id as string;
}

const apply = (s: Session, body: Record<string, unknown>, url = '/api/applications') =>
  s.request({ method: 'POST', url, payload: { reason: '妻子患尿毒症，长期透析', ...body } });
const act = (s: Session, id: string, action: string, payload: object = {}, headers = {}) =>
  s.request({ method: 'POST', url: `/api/applications/${id}/${action}`, payload, headers });

describe('programs', () => {
  it('validates the review chain against the owning unit and lists programs to the units below', async () => {
    const above = await admin.request({
      method: 'POST',
      url: '/api/programs',
      payload: {
        orgId: town.id,
        type: 'relief',
        name: '临时救助',
        year: YEAR,
        categories: ['sudden'],
        ...OPEN,
        reviewChain: ['township', 'district'],
      },
    });
    expect(above.statusCode).toBe(400);
    expect(above.json().error.code).toBe('PROGRAM_CHAIN_ABOVE_OWNER');
    const tuition = await admin.request({
      method: 'POST',
      url: '/api/programs',
      payload: {
        orgId: district.id,
        type: 'tuition',
        name: '金秋助学',
        year: YEAR,
        categories: ['deep'],
        ...OPEN,
        reviewChain: ['township'],
      },
    });
    expect(tuition.json().error.code).toBe('PROGRAM_TUITION_CAPS_REQUIRED');
    const p = await program();
    const seen = (await officer.request({ method: 'GET', url: `/api/programs?year=${YEAR}` })).json();
    expect(seen.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect((await westReviewer.request({ method: 'GET', url: `/api/programs/${p.id}` })).statusCode).toBe(
      404,
    );
  });
});

describe('eligibility at submission (explained in Chinese)', () => {
  it('requires an archived household (先建档后帮扶)', async () => {
    const p = await program();
    const draft = await household(false);
    const res = await apply(officer, { programId: p.id, householdId: draft.id, requestedFen: 10_000 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('APPLICATION_NOT_ELIGIBLE');
    expect(res.json().error.message).toContain('须先建档、后帮扶');
    expect(res.json().error.messageEn).toBe(
      'Not eligible: The household’s archive is “Draft”: aid is given only to archived households.',
    );
  });

  it('checks the category, the window and the documents', async () => {
    const h = await household();
    const sudden = await program({ categories: ['sudden'] });
    const r1 = await apply(officer, { programId: sudden.id, householdId: h.id, requestedFen: 100 });
    expect(r1.json().error.message).toContain('困难类别为深度困难，本项目只帮扶意外致困职工家庭');
    expect(r1.json().error.messageEn).toContain(
      'The category is deep hardship; this program aids only households in sudden hardship',
    );
    const closed = await program({ windowStart: `${YEAR - 1}-01-01`, windowEnd: `${YEAR - 1}-12-31` });
    const r2 = await apply(officer, { programId: closed.id, householdId: h.id, requestedFen: 100 });
    expect(r2.json().error.message).toMatch(/申报期为 \d{4}-01-01 至 \d{4}-12-31，今天（.+）不在申报期内/);
    const docs = await program({ requiredDocuments: ['申请表', '诊断证明'] });
    const r3 = await apply(officer, { programId: docs.id, householdId: h.id, requestedFen: 100 });
    expect(r3.json().error.message).toContain('缺少所需材料：申请表、诊断证明');
    expect(r3.json().error.messageEn).toContain('Required documents missing: 申请表, 诊断证明');
    const file = await uploadFile(t.deps, t.rootActor, {
      fileName: '申请表.pdf',
      data: Buffer.from('%PDF'),
      orgId: unit.id,
    });
    const r4 = await apply(officer, {
      programId: docs.id,
      householdId: h.id,
      requestedFen: 100,
      documents: [{ name: '申请表', fileId: file.id }],
    });
    expect(r4.json().error.message).toBe('不符合申请条件：缺少所需材料：诊断证明。');
    expect(r4.json().error.messageEn).toBe('Not eligible: Required documents missing: 诊断证明.');
    // Each check in both languages: the English beside the Chinese, in the reply's details.
    expect(r4.json().error.details.checks).toContainEqual({
      key: 'documents',
      ok: false,
      message: '缺少所需材料：诊断证明',
      messageEn: 'Required documents missing: 诊断证明',
    });
  });

  it("opens an application's documents to whoever reads the application, whichever unit uploaded them", async () => {
    const townOfficer = await t.loginNewUser(town.id, ['officer']);
    const docs = await program({ requiredDocuments: ['申请表'] });
    const h = await household();
    // The street's officer files the application of a union's household, with a form the street holds.
    const form = await uploadFile(t.deps, t.rootActor, {
      fileName: '街道代填申请表.pdf',
      data: Buffer.from('%PDF'),
      orgId: town.id,
    });
    const filed = await apply(townOfficer, {
      programId: docs.id,
      householdId: h.id,
      requestedFen: 100,
      documents: [{ name: '申请表', fileId: form.id }],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const content = (s: Session) => s.request({ method: 'GET', url: `/api/files/${form.id}/content` });
    expect((await content(unitReviewer)).statusCode).toBe(200);
    expect((await content(officer)).statusCode).toBe(200);
    expect((await content(westReviewer)).statusCode).toBe(404);

    // A certificate the district put in the household's archive serves as a document of the union's own.
    const certificate = await uploadFile(t.deps, t.rootActor, {
      fileName: '区总工会核查证明.pdf',
      data: Buffer.from('%PDF'),
      orgId: district.id,
    });
    const h2 = await household();
    await t.deps.db.insert(householdAttachments).values({
      householdId: h2.id,
      fileId: certificate.id,
      kind: 'certificate',
      addedBy: t.rootActor.principal.userId,
    });
    const own = await apply(officer, {
      programId: docs.id,
      householdId: h2.id,
      requestedFen: 100,
      documents: [{ name: '申请表', fileId: certificate.id }],
    });
    expect(own.statusCode, own.body).toBe(201);
  });

  it('caps per household per program, at the boundary', async () => {
    const p = await program({ capPerHouseholdFen: 50_000 });
    const h = await household();
    const over = await apply(
      officer,
      { programId: p.id, householdId: h.id, requestedFen: 50_001 },
      '/api/applications/check',
    );
    expect(over.statusCode).toBe(200);
    expect(over.json()).toMatchObject({ eligible: false, limitFen: 50_000 });
    expect(over.json().explanation).toBe(
      '本项目每户最高 500.00 元，该户在本项目已占用 0.00 元，尚可 500.00 元；申请金额 500.01 元，超过上限 500.00 元。',
    );
    const ok = await apply(
      officer,
      { programId: p.id, householdId: h.id, requestedFen: 50_000 },
      '/api/applications/check',
    );
    expect(ok.json()).toMatchObject({ eligible: true, limitFen: 50_000 });
    expect(ok.json().explanation).toContain(
      '本项目每户最高 500.00 元，该户在本项目已占用 0.00 元，尚可 500.00 元',
    );
    // The check saved nothing; the submission does, once.
    expect(
      (await officer.request({ method: 'GET', url: `/api/applications?programId=${p.id}` })).json().total,
    ).toBe(0);
    const first = await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 50_000 });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'pending',
      step: 0,
      currentOrgId: unit.id,
      chain: [
        { level: 'grassroots', orgId: unit.id },
        { level: 'township', orgId: town.id },
      ],
    });
    const again = await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 100 });
    expect(again.json().error.code).toBe('APPLICATION_NOT_ELIGIBLE');
    expect(again.json().error.message).toContain('该户在本项目已占用 500.00 元，尚可 0.00 元');
  });

  it('one live application per household and program, even when submitted twice at once', async () => {
    const p = await program({ capPerHouseholdFen: null });
    const h = await household();
    const results = await Promise.all(
      [1, 2, 3].map(() => apply(officer, { programId: p.id, householdId: h.id, requestedFen: 100 })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('APPLICATION_DUPLICATE');
  });

  it('caps at N months of 低保 × household size', async () => {
    const p = await program({ type: 'relief', capPerHouseholdFen: null, dibaoMonths: 1 });
    const h = await household();
    const body = { programId: p.id, householdId: h.id };
    const at = await apply(officer, { ...body, requestedFen: 300_000 }, '/api/applications/check');
    expect(at.json()).toMatchObject({ eligible: true, limitFen: 300_000 });
    expect(at.json().explanation).toContain('不超过 1 个月低保：1,000.00 元 × 1 个月 × 3 人 = 3,000.00 元');
    const over = await apply(officer, { ...body, requestedFen: 300_001 }, '/api/applications/check');
    expect(over.json().eligible).toBe(false);
  });

  it('caps tuition aid by the student’s school level', async () => {
    const p = await program({
      type: 'tuition',
      capPerHouseholdFen: null,
      tuitionCaps: { university: 500_000, senior_high: 300_000 },
    });
    const h = await household();
    const child = h.members.find((m) => m.name === '张小明')!;
    const none = await apply(
      officer,
      { programId: p.id, householdId: h.id, requestedFen: 100 },
      '/api/applications/check',
    );
    expect(none.json().explanation).toContain('金秋助学须选择本户家庭成员中的在读学生');
    const body = { programId: p.id, householdId: h.id, studentMemberId: child.id, school: '临江一中' };
    const at = await apply(officer, { ...body, requestedFen: 300_000 }, '/api/applications/check');
    expect(at.json()).toMatchObject({ eligible: true, limitFen: 300_000 });
    expect(at.json().explanation).toContain('学生“张小明”就读高中，资助标准 3,000.00 元');
    const over = await apply(officer, { ...body, requestedFen: 300_001 }, '/api/applications/check');
    expect(over.json().eligible).toBe(false);
    const res = await apply(officer, { ...body, requestedFen: 300_000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ studentName: '张小明', schoolLevel: 'senior_high' });
  });

  it('tuition aid is for a child in school, at the level the archive records or the next (升学), with the school named', async () => {
    const p = await program({
      type: 'tuition',
      capPerHouseholdFen: null,
      tuitionCaps: { university: 500_000, vocational: 300_000, junior_high: 100_000 },
    });
    const h = await household();
    const child = h.members.find((m) => m.name === '张小明')!;
    const spouse = h.members.find((m) => m.name === '李秀英')!;
    const check = async (fields: object) =>
      (
        await apply(
          officer,
          { programId: p.id, householdId: h.id, requestedFen: 100_000, ...fields },
          '/api/applications/check',
        )
      ).json() as { eligible: boolean; explanation: string; explanationEn: string; limitFen: number | null };

    // The spouse, not in school, declared a university student: refused, whatever the level says.
    const parent = await check({ studentMemberId: spouse.id, schoolLevel: 'university', school: '临江大学' });
    expect(parent.eligible).toBe(false);
    expect(parent.explanation).toContain('“李秀英”（配偶）不是本户在读子女');
    expect(parent.explanationEn).toContain('“李秀英” (spouse) is not a child of the household at school');
    // Recorded in senior high: university or vocational (the admission letter's level) pass …
    const promoted = await check({
      studentMemberId: child.id,
      schoolLevel: 'university',
      school: '临江大学',
    });
    expect(promoted).toMatchObject({ eligible: true, limitFen: 500_000 });
    expect(promoted.explanation).toContain(
      '学生“张小明”就读大学（档案登记为高中，按升学申报），资助标准 5,000.00 元',
    );
    expect(promoted.explanationEn).toContain(
      'The student “张小明” attends university (recorded in the archive at senior high school, applying after moving up); the aid for this level is 5,000.00 yuan',
    );
    // … a level below, or two stages away, does not.
    const down = await check({ studentMemberId: child.id, schoolLevel: 'junior_high', school: '临江二中' });
    expect(down.eligible).toBe(false);
    expect(down.explanation).toContain('档案登记为高中，申报初中与之不符');
    // The school is required.
    const noSchool = await check({ studentMemberId: child.id, schoolLevel: 'university' });
    expect(noSchool.eligible).toBe(false);
    expect(noSchool.explanation).toContain('金秋助学须填写就读（录取）学校');
    const created = await apply(officer, {
      programId: p.id,
      householdId: h.id,
      requestedFen: 500_000,
      studentMemberId: child.id,
      schoolLevel: 'university',
      school: '临江大学',
    });
    expect(created.statusCode, created.body).toBe(201);
    // The same rules again at approval: still eligible.
    await fund(p.id, 1_000_000);
    const approved = await act(unitReviewer, created.json().id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('caps per household per year across programs (approved amounts count)', async () => {
    const a = await program({ capPerHouseholdFen: null, capPerYearFen: 80_000, reviewChain: ['grassroots'] });
    const b = await program({ capPerHouseholdFen: null, capPerYearFen: 80_000, reviewChain: ['grassroots'] });
    await fund(a.id, 1_000_000);
    const h = await household();
    const first = (await apply(officer, { programId: a.id, householdId: h.id, requestedFen: 50_000 })).json();
    expect((await act(unitReviewer, first.id, 'approve')).statusCode).toBe(200);
    const over = await apply(
      officer,
      { programId: b.id, householdId: h.id, requestedFen: 30_001 },
      '/api/applications/check',
    );
    expect(over.json()).toMatchObject({ eligible: false, limitFen: 30_000 });
    expect(over.json().checks.find((c: { key: string }) => c.key === 'capPerYear')).toMatchObject({
      message: `每户每年各项目合计最高 800.00 元，该户 ${YEAR} 年已获批 500.00 元，尚可 300.00 元`,
      messageEn: `All programs together give at most 800.00 yuan per household a year; the household was approved 500.00 yuan in ${YEAR}, 300.00 yuan remains`,
    });
    expect(over.json().explanationEn).toBe(
      `All programs together give at most 800.00 yuan per household a year; the household was approved 500.00 yuan in ${YEAR}, 300.00 yuan remains. The amount requested, 300.01 yuan, is over the limit of 300.00 yuan.`,
    );
    const at = await apply(
      officer,
      { programId: b.id, householdId: h.id, requestedFen: 30_000 },
      '/api/applications/check',
    );
    expect(at.json().eligible).toBe(true);
  });

  /** One household applying to two funded programs that share a yearly cap of 800 元 (first asks 500 元). */
  async function twoProgramsOneYearlyCap(secondFen: number) {
    const a = await program({ capPerHouseholdFen: null, capPerYearFen: 80_000, reviewChain: ['grassroots'] });
    const b = await program({ capPerHouseholdFen: null, capPerYearFen: 80_000, reviewChain: ['grassroots'] });
    await fund(a.id, 1_000_000);
    await fund(b.id, 1_000_000);
    const h = await household();
    const first = (await apply(officer, { programId: a.id, householdId: h.id, requestedFen: 50_000 })).json();
    const second = (
      await apply(officer, { programId: b.id, householdId: h.id, requestedFen: secondFen })
    ).json();
    return { first, second };
  }

  it('final approvals of one household in two programs at once share the yearly cap: one passes', async () => {
    const { first, second } = await twoProgramsOneYearlyCap(50_000);
    const results = await Promise.all([
      act(unitReviewer, first.id, 'approve'),
      act(unitReviewer, second.id, 'approve'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.statusCode !== 200)!.json();
    expect(refused.error.code).toBe('APPLICATION_OVER_CAP');
    expect(refused.error.messageEn).toMatch(
      /^The amount 500\.00 yuan exceeds the limit of 300\.00 yuan this household may receive now: All programs together give at most 800\.00 yuan per household a year; .* is over the limit of 300\.00 yuan\.$/,
    );
  });

  it('the review sees the limit as it is now: an approval elsewhere since submission lowers it', async () => {
    const { first, second } = await twoProgramsOneYearlyCap(40_000);
    expect(second.eligibility).toMatchObject({ eligible: true, limitFen: 80_000 });
    expect((await act(unitReviewer, first.id, 'approve')).statusCode).toBe(200);
    const now = await unitReviewer.request({
      method: 'GET',
      url: `/api/applications/${second.id}/eligibility`,
    });
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json()).toMatchObject({ eligible: false, limitFen: 30_000 });
    // What was judged at submission stays as it was (it is the record of the submission).
    const stored = await unitReviewer.request({ method: 'GET', url: `/api/applications/${second.id}` });
    expect(stored.json().eligibility).toMatchObject({ eligible: true, limitFen: 80_000 });
    // The approval judges the same way: at most 300 元 now.
    expect((await act(unitReviewer, second.id, 'approve', { amountFen: 30_000 })).json()).toMatchObject({
      status: 'approved',
      approvedFen: 30_000,
    });
    const decided = await unitReviewer.request({
      method: 'GET',
      url: `/api/applications/${second.id}/eligibility`,
    });
    expect(decided.statusCode).toBe(409);
    expect(decided.json().error.code).toBe('APPLICATION_WRONG_STATE');
    const elsewhere = await westReviewer.request({
      method: 'GET',
      url: `/api/applications/${first.id}/eligibility`,
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('a household of another district is not found', async () => {
    const p = await program();
    const h = await household();
    const westOfficer = await t.loginNewUser(west.id, ['officer']);
    const res = await apply(westOfficer, { programId: p.id, householdId: h.id, requestedFen: 100 });
    expect(res.statusCode).toBe(404);
  });
});

describe('review along the chain', () => {
  it('each level decides in turn; the amount may be lowered, never raised; the snapshot keeps what was seen', async () => {
    const p = await program();
    await fund(p.id, 1_000_000);
    const h = await household();
    const app = (await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 50_000 })).json();

    const early = await act(townReviewer, app.id, 'approve');
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('APPLICATION_WRONG_LEVEL');
    expect(early.json().error.message).toContain('恒顺纺织有限公司工会');
    expect((await act(officer, app.id, 'approve')).statusCode).toBe(403);

    const first = await act(unitReviewer, app.id, 'approve', { amountFen: 40_000, comment: '核减' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'pending',
      step: 1,
      currentOrgId: town.id,
      proposedFen: 40_000,
    });
    const raised = await act(townReviewer, app.id, 'approve', { amountFen: 45_000 });
    expect(raised.json().error.code).toBe('APPLICATION_AMOUNT_RAISED');

    const final = await act(townReviewer, app.id, 'approve');
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json()).toMatchObject({ status: 'approved', approvedFen: 40_000, currentOrgId: null });
    expect(final.json().fundings).toMatchObject([{ amountFen: 40_000, sourceName: '区政府拨款' }]);
    const decisions = final.json().decisions;
    expect(decisions.map((d: { action: string; level: string | null }) => [d.action, d.level])).toEqual([
      ['submitted', null],
      ['approved', 'grassroots'],
      ['approved', 'township'],
    ]);
    expect(decisions[1].snapshot).toMatchObject({
      requestedFen: 50_000,
      amountFen: 40_000,
      household: { category: 'deep', householdSize: 3 },
      eligibility: { eligible: true, limitFen: 50_000 },
    });
    expect((await admin.request({ method: 'GET', url: `/api/programs/${p.id}` })).json()).toMatchObject({
      approvedFen: 40_000,
      remainingFen: 960_000,
    });
    const twice = await act(townReviewer, app.id, 'approve');
    expect(twice.json().error.code).toBe('APPLICATION_WRONG_STATE');
  });

  it('a township → district chain: the district decides last and takes the money', async () => {
    const p = await program({ reviewChain: ['township', 'district'] });
    await fund(p.id, 100_000);
    const h = await household();
    const app = (await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 20_000 })).json();
    expect(app.chain.map((c: { orgId: string }) => c.orgId)).toEqual([town.id, district.id]);
    expect((await act(unitReviewer, app.id, 'approve')).json().error.code).toBe('APPLICATION_WRONG_LEVEL');
    expect((await act(districtReviewer, app.id, 'approve')).json().error.code).toBe(
      'APPLICATION_WRONG_LEVEL',
    );
    expect((await act(townReviewer, app.id, 'approve')).statusCode).toBe(200);
    const queue = (
      await districtReviewer.request({ method: 'GET', url: '/api/applications?awaitingMe=true' })
    ).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(app.id);
    const final = await act(districtReviewer, app.id, 'approve');
    expect(final.json()).toMatchObject({ status: 'approved', approvedFen: 20_000 });
  });

  it('nobody reviews what they entered, nor decides at two levels of one round', async () => {
    const p = await program();
    const h = await household();
    const both = await t.makeUser(unit.id, ['officer', 'reviewer']);
    const bothSession = await t.login(both.username);
    const own = (await apply(bothSession, { programId: p.id, householdId: h.id, requestedFen: 100 })).json();
    const refused = await act(bothSession, own.id, 'approve');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('APPLICATION_OWN_ENTRY');

    const mover = await t.makeUser(unit.id, ['reviewer']);
    const moverSession = await t.login(mover.username);
    expect((await act(moverSession, own.id, 'approve')).statusCode).toBe(200);
    // The reviewer is transferred to the township union: still the same person in this round.
    const moved = await admin.request({
      method: 'PATCH',
      url: `/api/users/${mover.id}`,
      payload: { orgId: town.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const second = await act(moverSession, own.id, 'approve');
    expect(second.statusCode).toBe(403);
    expect(second.json().error.code).toBe('APPLICATION_ALREADY_DECIDED');
    expect(second.json().error.message).toContain('基层工会');
  });

  it('return, resubmit (a new round), reject; other districts see nothing', async () => {
    const p = await program();
    const h = await household();
    const app = (await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 30_000 })).json();
    expect(
      (await westReviewer.request({ method: 'GET', url: `/api/applications/${app.id}` })).statusCode,
    ).toBe(404);
    const foreign = await act(westReviewer, app.id, 'approve');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('APPLICATION_NOT_FOUND');

    const returned = await act(unitReviewer, app.id, 'return', { reason: '请补充诊断证明' });
    expect(returned.json()).toMatchObject({ status: 'returned', currentOrgId: null });
    // The window closes while the application is back with the officer: a new application is out of
    // time, the corrected one is not (it was received within the window).
    await t.deps.db.execute(
      sql`update programs set window_end = ${businessDate(new Date(Date.now() - 86_400_000))}::date where id = ${p.id}`,
    );
    const late = await apply(
      officer,
      { programId: p.id, householdId: (await household()).id, requestedFen: 10_000 },
      '/api/applications/check',
    );
    expect(late.json().explanation).toContain('不在申报期内');
    const again = await act(officer, app.id, 'resubmit', { requestedFen: 20_000 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'pending', round: 2, step: 0, requestedFen: 20_000 });
    // A new round: the reviewer who returned it may decide again.
    expect((await act(unitReviewer, app.id, 'approve')).statusCode).toBe(200);
    const rejected = await act(townReviewer, app.id, 'reject', { reason: '已享受其他救助' });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const queue = (
      await townReviewer.request({ method: 'GET', url: '/api/applications?awaitingMe=true' })
    ).json();
    expect(queue.items.map((i: { id: string }) => i.id)).not.toContain(app.id);
  });
});

describe('budget invariant', () => {
  it('50 concurrent final approvals against a budget that fits 27: exactly 27 pass, nothing over', async () => {
    const p = await program({ capPerHouseholdFen: null, reviewChain: ['grassroots'] });
    // 31,000 + 24,000 fen: 15 approvals from the first source, one split across both, 11 from the second.
    const s1 = await fund(p.id, 31_000, '区政府拨款');
    const s2 = await fund(p.id, 24_000, '局工会经费');
    const households = [];
    for (let i = 0; i < 50; i += 10)
      households.push(...(await Promise.all(Array.from({ length: 10 }, () => household()))));
    const apps = await Promise.all(
      households.map(
        async (h) =>
          (await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 2_000 })).json().id,
      ),
    );
    const reviewers = [unitReviewer, unitReviewer2];
    const results = await Promise.all(apps.map((id, i) => act(reviewers[i % 2]!, id, 'approve')));
    const other = results.filter((r) => r.statusCode !== 200 && r.statusCode !== 409);
    expect(other.map((r) => r.body)).toEqual([]);
    const approved = results.filter((r) => r.statusCode === 200);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(approved.length).toBe(27);
    expect(refused.length).toBe(23);
    expect(refused[0]!.json().error).toMatchObject({
      code: 'PROGRAM_BUDGET_EXCEEDED',
      details: { remainingFen: 1_000, requestedFen: 2_000 },
    });
    expect(refused[0]!.json().error.message).toContain('剩余 10.00 元');
    const detail = (await admin.request({ method: 'GET', url: `/api/programs/${p.id}` })).json();
    expect(detail).toMatchObject({ allocatedFen: 55_000, approvedFen: 54_000, remainingFen: 1_000 });
    const bySource: Record<string, number> = Object.fromEntries(
      detail.sources.map((s: { sourceId: string; approvedFen: number }) => [s.sourceId, s.approvedFen]),
    );
    expect(detail.sources.every((s: { remainingFen: number }) => s.remainingFen >= 0)).toBe(true);
    expect(bySource[s1]! + bySource[s2]!).toBe(54_000);
    const [fundings] = await t.deps.db
      .select({
        total: sql<number>`coalesce(sum(${aidApplicationFundings.amountFen}), 0)::int`,
        apps: sql<number>`count(distinct ${aidApplicationFundings.applicationId})::int`,
      })
      .from(aidApplicationFundings)
      .where(eq(aidApplicationFundings.programId, p.id));
    expect(fundings).toEqual({ total: 54_000, apps: 27 });
    // Still pending, not lost: they can be approved once more money is earmarked.
    const list = (
      await admin.request({ method: 'GET', url: `/api/applications?programId=${p.id}&status=pending` })
    ).json();
    expect(list.total).toBe(23);
  }, 180_000);

  it('approvals arriving together are written in groups: steps and final approvals mixed, each with its decision and audit entry, the chain intact', async () => {
    const twoStep = await program({ capPerHouseholdFen: null, reviewChain: ['grassroots', 'township'] });
    const oneStep = await program({ capPerHouseholdFen: null, reviewChain: ['grassroots'] });
    await fund(twoStep.id, 100_000);
    const s1 = await fund(oneStep.id, 5_000, '区政府拨款');
    const s2 = await fund(oneStep.id, 100_000, '局工会经费');
    const households = await Promise.all(Array.from({ length: 12 }, () => household()));
    const apps: string[] = await Promise.all(
      households.map(
        async (h, i) =>
          (
            await apply(officer, {
              programId: i % 2 ? twoStep.id : oneStep.id,
              householdId: h.id,
              requestedFen: 2_000,
            })
          ).json().id,
      ),
    );
    const results = await Promise.all(
      apps.map((id, i) => act(i % 4 < 2 ? unitReviewer : unitReviewer2, id, 'approve')),
    );
    expect(results.map((r) => r.statusCode)).toEqual(apps.map(() => 200));
    expect(results.map((r) => r.json().status)).toEqual(apps.map((_, i) => (i % 2 ? 'pending' : 'approved')));
    // Final approvals split over the sources in source order as they were written: 5,000 + 7,000 fen.
    const finals = results.filter((_, i) => i % 2 === 0).map((r) => r.json());
    const taken = (id: string) =>
      finals.reduce(
        (n, a) => n + (a.fundings.find((f: { sourceId: string }) => f.sourceId === id)?.amountFen ?? 0),
        0,
      );
    expect(
      finals.every(
        (a) => a.fundings.reduce((n: number, f: { amountFen: number }) => n + f.amountFen, 0) === 2_000,
      ),
    ).toBe(true);
    expect(taken(s1) + taken(s2)).toBe(12_000);
    const detail = (await admin.request({ method: 'GET', url: `/api/programs/${oneStep.id}` })).json();
    expect(detail.approvedFen).toBe(12_000);
    const [counts] = (
      (await t.deps.db.execute(sql`
        select (select count(*) from aid_application_decisions
                where application_id = any(${`{${apps.join(',')}}`}::uuid[]) and action = 'approved')::int as decisions,
               -- A decision is stamped with its transaction's start: a group shares one.
               (select count(distinct at) from aid_application_decisions
                where application_id = any(${`{${apps.join(',')}}`}::uuid[]) and action = 'approved')::int as commits,
               (select count(*) from audit_log
                where entity = 'application' and action = 'application.approved'
                  and entity_id = any(${`{${apps.join(',')}}`}::text[]))::int as audits`)) as unknown as {
        rows: { decisions: number; commits: number; audits: number }[];
      }
    ).rows;
    expect(counts).toMatchObject({ decisions: 12, audits: 12 });
    // On PostgreSQL the reviewers' approvals meet in the writer's queue; PGlite runs one statement at a time.
    if (process.env.TEST_DATABASE_URL) expect(counts!.commits).toBeLessThan(12);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    // The next level sees the step approvals with the amount proposed.
    const next = await act(townReviewer, apps[1]!, 'approve');
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json()).toMatchObject({ status: 'approved', approvedFen: 2_000 });
  }, 180_000);

  it('the database itself refuses approved above allocated', async () => {
    const p = await program({ reviewChain: ['grassroots'] });
    await fund(p.id, 1_000);
    await expect(
      t.deps.db.execute(sql`update program_sources set approved_fen = 1001 where program_id = ${p.id}`),
    ).rejects.toThrow();
  });

  it('a retried approval with the same Idempotency-Key has one effect', async () => {
    const p = await program({ reviewChain: ['grassroots'] });
    await fund(p.id, 100_000);
    const h = await household();
    const app = (await apply(officer, { programId: p.id, householdId: h.id, requestedFen: 30_000 })).json();
    const key = { 'idempotency-key': `approve-${app.id}` };
    const first = await act(unitReviewer, app.id, 'approve', { amountFen: 25_000 }, key);
    expect(first.statusCode, first.body).toBe(200);
    const retry = await act(unitReviewer, app.id, 'approve', { amountFen: 25_000 }, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const detail = (await admin.request({ method: 'GET', url: `/api/programs/${p.id}` })).json();
    expect(detail.approvedFen).toBe(25_000);
    const decisions = (await admin.request({ method: 'GET', url: `/api/applications/${app.id}` })).json()
      .decisions;
    expect(decisions.filter((d: { action: string }) => d.action === 'approved')).toHaveLength(1);
    // Without the key, a second approval is refused rather than counted twice.
    expect((await act(unitReviewer, app.id, 'approve', { amountFen: 25_000 })).statusCode).toBe(409);
  });
});
