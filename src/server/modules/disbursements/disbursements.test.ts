import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AidWorld,
  approveAtGrassroots,
  createAidWorld,
  financeReviewer,
  fundProgramWith,
  issueBatchAsReviewer,
  makePayeeHousehold,
  makeProgram,
} from '../../testing/aid-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { auditLog } from '../audit/audit.table';
import { fundSources } from '../funds/funds.table';
import { programSources } from '../programs/programs.table';
import { disbursementBatches } from './disbursements.table';

let t: TestContext;
let w: AidWorld;
let westFinance: Session;

beforeAll(async () => {
  t = await createTestContext();
  w = await createAidWorld(t);
  westFinance = await t.login((await t.makeUser(w.west.id, ['finance'])).username);
});
afterAll(() => t.close());

/** A program paid straight after approval (no publicity), funded by 区政府 and 局工会. */
async function payableProgram(gov: number, union: number, over: Record<string, unknown> = {}) {
  const p = await makeProgram(w, {
    reviewChain: ['grassroots'],
    publicityDays: 0,
    capPerHouseholdFen: null,
    ...over,
  });
  const govId = await fundProgramWith(w, p.id, { amountFen: gov, name: '区政府拨款', kind: 'government' });
  const unionId = await fundProgramWith(w, p.id, {
    amountFen: union,
    name: '局工会经费',
    kind: 'union_funds',
  });
  return { ...p, govId, unionId };
}

async function approved(
  programId: string,
  requestedFen: number,
  name = '张建国',
  bankAccount?: string | null,
) {
  const h = await makePayeeHousehold(w, { name, bankAccount });
  const id = await approveAtGrassroots(w, { programId, householdId: h.id, requestedFen });
  return { applicationId: id, householdId: h.id };
}

const post = (s: Session, url: string, payload: object = {}) => s.request({ method: 'POST', url, payload });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });

async function balances(programId: string) {
  const rows = await t.deps.db
    .select({
      sourceId: programSources.sourceId,
      approvedFen: programSources.approvedFen,
      paidFen: programSources.paidFen,
      spentFen: fundSources.spentFen,
    })
    .from(programSources)
    .innerJoin(fundSources, eq(fundSources.id, programSources.sourceId))
    .where(eq(programSources.programId, programId));
  return new Map(rows.map((r) => [r.sourceId, r]));
}

async function createBatch(body: Record<string, unknown>, s: Session = w.finance) {
  return post(s, '/api/disbursements', { kind: 'cash', ...body });
}

describe('cash batches: create, issue, confirm, re-batch', () => {
  it('pays each line once, debits the sources of the funding split exactly, and re-batches failures', async () => {
    const p = await payableProgram(30_000, 30_000);
    const a = await approved(p.id, 20_000, '王建华');
    const b = await approved(p.id, 25_000, '李红梅'); // split across both sources
    const c = await approved(p.id, 10_000, '赵德胜');

    const candidates = await get(
      w.finance,
      `/api/disbursements/candidates?programId=${p.id}&orgId=${w.district.id}`,
    );
    expect(candidates.statusCode, candidates.body).toBe(200);
    expect(candidates.json().items).toHaveLength(3);
    expect(candidates.json().items.every((i: { block: unknown }) => i.block === null)).toBe(true);

    const created = await createBatch({
      programId: p.id,
      orgId: w.district.id,
      applicationIds: [a.applicationId, b.applicationId, c.applicationId],
    });
    expect(created.statusCode, created.body).toBe(201);
    const batch = created.json();
    expect(batch).toMatchObject({
      status: 'draft',
      kind: 'cash',
      lineCount: 3,
      totalFen: 55_000,
      counts: { pending: 3, pendingFen: 55_000 },
    });
    expect(batch.batchNo).toMatch(/^FF\d{4}-\d{6}$/);

    const lines = (await get(w.finance, `/api/disbursements/${batch.id}/lines`)).json().items as {
      id: string;
      applicationId: string;
      bankAccountMasked: string;
      idMasked: string;
      payeeName: string;
    }[];
    expect(lines.map((l) => l.payeeName).sort()).toEqual(['李红梅', '王建华', '赵德胜'].sort());
    for (const l of lines) {
      expect(l.bankAccountMasked).toMatch(/^\*{15}\d{4}$/);
      expect(l.idMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const lineOf = (appId: string) => lines.find((l) => l.applicationId === appId)!.id;

    // Draft: nothing can be confirmed before the batch is issued.
    const early = await post(w.finance, `/api/disbursements/${batch.id}/confirm`, {
      result: 'paid',
      lineIds: [lineOf(a.applicationId)],
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('该批次当前为“草稿”状态，不能确认已发放');
    // Four eyes: who prepared the batch does not issue it (制单人与复核人分离).
    const own = await post(w.finance, `/api/disbursements/${batch.id}/issue`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error).toMatchObject({ code: 'DISBURSEMENT_SAME_PERSON' });
    expect(own.json().error.message).toMatch(/^制单人与复核人须分离：本批次由您（测试u[0-9a-f]+）制单/);
    expect((await get(w.finance, `/api/disbursements/${batch.id}`)).json()).toMatchObject({
      status: 'draft',
      issuedBy: null,
    });
    const reviewer = await financeReviewer(w);
    const issued = await post(reviewer, `/api/disbursements/${batch.id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({
      status: 'issued',
      createdBy: w.finance.userId,
      issuedBy: reviewer.userId,
    });
    expect(issued.json().issuedByName).not.toBe(issued.json().createdByName);
    const [issuedEntry] = await t.deps.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'disbursement.issued'), eq(auditLog.entityId, batch.id)));
    expect(issuedEntry?.after).toEqual({
      status: 'issued',
      preparedBy: w.finance.userId,
      reviewedBy: reviewer.userId,
    });
    // A retry by either answers the issued batch, with no second effect.
    expect((await post(w.finance, `/api/disbursements/${batch.id}/issue`)).statusCode).toBe(200);

    const before = await balances(p.id);
    const paidB = await post(w.finance, `/api/disbursements/${batch.id}/confirm`, {
      result: 'paid',
      lineIds: [lineOf(b.applicationId)],
    });
    expect(paidB.statusCode, paidB.body).toBe(200);
    expect(paidB.json()).toMatchObject({
      changed: 1,
      unchanged: 0,
      batch: { counts: { paid: 1, paidFen: 25_000 } },
    });
    const fundings = (await get(w.admin, `/api/applications/${b.applicationId}`)).json().fundings as {
      sourceId: string;
      amountFen: number;
    }[];
    expect(fundings.reduce((n, f) => n + f.amountFen, 0)).toBe(25_000);
    const after = await balances(p.id);
    for (const f of fundings) {
      expect(after.get(f.sourceId)!.paidFen - before.get(f.sourceId)!.paidFen).toBe(f.amountFen);
      expect(after.get(f.sourceId)!.spentFen - before.get(f.sourceId)!.spentFen).toBe(f.amountFen);
    }

    // A retried confirmation has one effect.
    const retry = await post(w.finance, `/api/disbursements/${batch.id}/confirm`, {
      result: 'paid',
      lineIds: [lineOf(b.applicationId)],
    });
    expect(retry.json()).toMatchObject({ changed: 0, unchanged: 1 });
    expect(await balances(p.id)).toEqual(after);

    // A paid line cannot turn failed; a failure needs a reason.
    const flip = await post(w.finance, `/api/disbursements/${batch.id}/confirm`, {
      result: 'failed',
      reason: '账号有误',
      lineIds: [lineOf(b.applicationId)],
    });
    expect(flip.statusCode).toBe(409);
    expect(flip.json().error.message).toMatch(/^第 \d 行（李红梅）当前为“已发放”，不能确认发放失败$/);
    const failed = await post(w.finance, `/api/disbursements/${batch.id}/confirm`, {
      result: 'failed',
      reason: '银行退回：账户已销户',
      lineIds: [lineOf(a.applicationId)],
    });
    expect(failed.json().batch.counts).toMatchObject({ failed: 1, failedFen: 20_000, pending: 1 });

    // The rest in bulk: the batch closes itself.
    const bulk = await post(w.finance, `/api/disbursements/${batch.id}/confirm`, {
      result: 'paid',
      allPending: true,
    });
    expect(bulk.json()).toMatchObject({
      changed: 1,
      batch: { status: 'closed', counts: { paid: 2, paidFen: 35_000 } },
    });

    // Never paid twice: the paid application cannot go into another batch.
    const twice = await createBatch({
      programId: p.id,
      orgId: w.district.id,
      applicationIds: [b.applicationId],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('DISBURSEMENT_ALREADY_IN_BATCH');
    expect(twice.json().error.message).toContain(`李红梅（批次 ${batch.batchNo}）`);

    // The failed one is re-batched into a new batch, once.
    const again = await post(w.finance, `/api/disbursements/${batch.id}/rebatch`, {});
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ lineCount: 1, totalFen: 20_000, status: 'draft' });
    expect(again.json().title).toContain(`补发 ${batch.batchNo}`);
    const none = await post(w.finance, `/api/disbursements/${batch.id}/rebatch`, {});
    expect(none.json().error.code).toBe('DISBURSEMENT_NOTHING_TO_REBATCH');
    await issueBatchAsReviewer(w, again.json().id);
    const paidA = await post(w.finance, `/api/disbursements/${again.json().id}/confirm`, {
      result: 'paid',
      allPending: true,
    });
    expect(paidA.json().batch.status).toBe('closed');

    const end = await balances(p.id);
    const total = (k: 'paidFen' | 'spentFen') => [...end.values()].reduce((n, r) => n + r[k], 0);
    expect(total('paidFen')).toBe(55_000);
    expect(total('spentFen')).toBe(55_000);
    for (const r of end.values()) expect(r.paidFen).toBeLessThanOrEqual(r.approvedFen);

    const audit = await t.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'disbursement.%'`);
    const actions = audit.map((r) => r.action);
    for (const action of [
      'disbursement.created',
      'disbursement.issued',
      'disbursement.line_paid',
      'disbursement.line_failed',
      'disbursement.closed',
    ])
      expect(actions).toContain(action);
    expect(actions.filter((x) => x === 'disbursement.line_paid')).toHaveLength(3);
  });

  it('lets exactly one of two batches racing for the same application through', async () => {
    const p = await payableProgram(50_000, 50_000);
    const a = await approved(p.id, 10_000, '钱立新');
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        createBatch({ programId: p.id, orgId: w.district.id, applicationIds: [a.applicationId] }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('DISBURSEMENT_ALREADY_IN_BATCH');
    // A cancelled draft releases the application.
    const won = results.find((r) => r.statusCode === 201)!.json();
    const cancelled = await post(w.finance, `/api/disbursements/${won.id}/cancel`, {
      reason: '名单有误，重新编制',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', counts: { cancelled: 1, pending: 0 } });
    const next = await createBatch({
      programId: p.id,
      orgId: w.district.id,
      applicationIds: [a.applicationId],
    });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('refuses the same application twice, whatever the case of its id', async () => {
    const p = await payableProgram(50_000, 50_000);
    const a = await approved(p.id, 10_000, '邹志远');
    const res = await createBatch({
      programId: p.id,
      orgId: w.district.id,
      applicationIds: [a.applicationId, a.applicationId.toUpperCase()],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ path: 'applicationIds', message: '申请不能重复选择' }),
    ]);
  });

  it('a retried creation with the same Idempotency-Key makes one batch', async () => {
    const p = await payableProgram(50_000, 50_000);
    const a = await approved(p.id, 10_000, '冯建军');
    const send = () =>
      w.finance.request({
        method: 'POST',
        url: '/api/disbursements',
        headers: { 'idempotency-key': `batch-${a.applicationId}` },
        payload: { programId: p.id, orgId: w.district.id, kind: 'cash', applicationIds: [a.applicationId] },
      });
    const first = await send();
    const retry = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect((await get(w.finance, `/api/disbursements?programId=${p.id}`)).json().total).toBe(1);
  });

  it('refuses applications that are not payable, naming each with the reason', async () => {
    const p = await makeProgram(w, {
      reviewChain: ['grassroots'],
      publicityDays: 5,
      capPerHouseholdFen: null,
    });
    await fundProgramWith(w, p.id, { amountFen: 100_000, name: '区政府拨款', kind: 'government' });
    const a = await approved(p.id, 10_000, '孙志强');
    const h = await makePayeeHousehold(w, { name: '周晓燕' });
    const pending = await post(w.officer, '/api/applications', {
      programId: p.id,
      householdId: h.id,
      requestedFen: 10_000,
      reason: '家庭困难',
    });
    expect(pending.statusCode).toBe(201);
    const res = await createBatch({
      programId: p.id,
      orgId: w.district.id,
      applicationIds: [a.applicationId, pending.json().id],
    });
    expect(res.statusCode).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('DISBURSEMENT_BLOCKED');
    expect(error.message).toMatch(/^有 2 份申请暂不能发放：/);
    expect(error.message).toContain('孙志强（');
    expect(error.message).toContain('周晓燕（');
    const codes = Object.fromEntries(
      error.details.blocked.map((b: { householdName: string; code: string }) => [b.householdName, b.code]),
    );
    expect(codes).toEqual({ 孙志强: 'NOT_PUBLICIZED', 周晓燕: 'NOT_APPROVED' });
    const candidates = (
      await get(w.finance, `/api/disbursements/candidates?programId=${p.id}&orgId=${w.district.id}`)
    ).json();
    expect(candidates.items).toHaveLength(1);
    expect(candidates.items[0].block).toMatchObject({ code: 'NOT_PUBLICIZED' });
    expect((await get(w.finance, `/api/disbursements?programId=${p.id}`)).json().total).toBe(0);
  });

  it('cash needs bank accounts; goods need a whole number of units', async () => {
    const p = await payableProgram(100_000, 100);
    const noBank = await approved(p.id, 10_000, '吴秀兰', null);
    const r1 = await createBatch({
      programId: p.id,
      orgId: w.district.id,
      applicationIds: [noBank.applicationId],
    });
    expect(r1.json().error.message).toBe('现金发放须有银行账号，以下职工档案中未填写银行账号：吴秀兰');
    const odd = await approved(p.id, 25_050, '郑国强');
    const goods = {
      programId: p.id,
      orgId: w.district.id,
      kind: 'goods',
      itemName: '大米（10 公斤装）',
      unitName: '袋',
      unitValueFen: 5_000,
    };
    const r2 = await createBatch({ ...goods, applicationIds: [noBank.applicationId, odd.applicationId] });
    expect(r2.json().error.message).toBe(
      '按单价 50.00 元折算，以下申请的核定金额不是整数件，无法按实物发放：郑国强（250.50 元）',
    );
    const r3 = await createBatch({ ...goods, applicationIds: [noBank.applicationId] });
    expect(r3.statusCode, r3.body).toBe(201);
    expect(r3.json()).toMatchObject({ kind: 'goods', itemName: '大米（10 公斤装）', unitValueFen: 5_000 });
    const lines = (await get(w.finance, `/api/disbursements/${r3.json().id}/lines`)).json().items;
    expect(lines[0]).toMatchObject({ quantity: 2, amountFen: 10_000 });
  });

  it('keeps paid ≤ approved and spent ≤ earmarked in the database itself', async () => {
    const p = await payableProgram(10_000, 10_000);
    await expect(
      t.deps.db
        .update(programSources)
        .set({ paidFen: sql`${programSources.approvedFen} + 1` })
        .where(and(eq(programSources.programId, p.id), eq(programSources.sourceId, p.govId))),
    ).rejects.toThrow();
    await expect(
      t.deps.db
        .update(fundSources)
        .set({ spentFen: sql`${fundSources.receivedFen} - ${fundSources.unallocatedFen} + 1` })
        .where(eq(fundSources.id, p.unionId)),
    ).rejects.toThrow();
  });
});

describe('registers (登记造册)', () => {
  let batchId: string;
  let batchNo: string;
  let accounts: string[];

  beforeAll(async () => {
    const p = await payableProgram(200_000, 200_000);
    accounts = ['6222021234567890123', '6222029876543210987', '6222020000111122223'];
    const names = ['=HYPERLINK("http://x")', '陈桂芳', '林国栋'];
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const h = await makePayeeHousehold(w, { name: names[i], bankAccount: accounts[i] });
      ids.push(
        await approveAtGrassroots(w, { programId: p.id, householdId: h.id, requestedFen: 12_345 * (i + 1) }),
      );
    }
    const res = await createBatch({
      programId: p.id,
      orgId: w.district.id,
      applicationIds: ids,
      title: '春节送温暖慰问金',
    });
    expect(res.statusCode, res.body).toBe(201);
    batchId = res.json().id;
    batchNo = res.json().batchNo;
    await issueBatchAsReviewer(w, batchId);
  });

  async function generate(s: Session, body: object) {
    const started = await post(s, `/api/disbursements/${batchId}/register`, body);
    expect(started.statusCode, started.body).toBe(202);
    await t.deps.jobs.idle();
    const job = (await get(s, `/api/jobs/${started.json().id}`)).json();
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    const file = await get(s, `/api/files/${job.result.fileId}/content`);
    expect(file.statusCode).toBe(200);
    return { job, data: file.rawPayload };
  }

  it('xlsx: title, columns, masked accounts beside their bank, signature column, totals equal to the batch, footer, A4 landscape', async () => {
    const { job, data } = await generate(w.finance, { format: 'xlsx' });
    expect(job.result).toMatchObject({ rowCount: 3, totalFen: 12_345 * 6 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe('春节送温暖慰问金登记册');
    expect(String(ws.getCell(2, 1).value)).toContain(`批次号：${batchNo}`);
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '姓名',
      '工作单位',
      '身份证号',
      '银行账号',
      '开户行',
      '金额（元）',
      '物品',
      '数量',
      '签领',
      '备注',
    ]);
    const rows = [4, 5, 6].map((r) => ws.getRow(r));
    expect(rows.map((r) => r.getCell(1).value)).toEqual([1, 2, 3]);
    for (const r of rows) {
      expect(String(r.getCell(5).value)).toMatch(/^\*{15}\d{4}$/);
      expect(r.getCell(6).value).toBe('中国工商银行临江支行');
      expect(r.getCell(10).value).toBeNull(); // 签领: left for the payee's signature
    }
    // Formula-safe: a name that looks like a formula stays text.
    const names = rows.map((r) => String(r.getCell(2).value));
    expect(names).toContain(`'=HYPERLINK("http://x")`);
    const amounts = rows.map((r) => Number(r.getCell(7).value));
    const totals = ws.getRow(7);
    expect(totals.getCell(1).value).toBe('合计');
    expect(totals.getCell(3).value).toBe('共 3 人');
    expect(Number(totals.getCell(7).value)).toBe(740.7);
    expect(totals.getCell(7).numFmt).toBe('#,##0.00');
    expect(amounts.reduce((a, b) => a + b, 0)).toBeCloseTo(740.7, 2);
    expect(String(ws.getRow(9).getCell(1).value)).toMatch(/^制单人：.+复核人：.+日期：\d{4}-\d{2}-\d{2}$/);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
  });

  it('docx: the same table with the bank, the signature column and the totals row', async () => {
    const { data } = await generate(w.finance, { format: 'docx' });
    const zip = await JSZip.loadAsync(data);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('春节送温暖慰问金登记册');
    expect(xml).toContain('签领');
    // 银行账号 then 开户行, side by side in the header; each payee's bank in the rows.
    expect(xml).toMatch(/银行账号<\/w:t>.*?<\/w:tc><w:tc>.*?开户行<\/w:t>/);
    expect((xml.match(/中国工商银行临江支行/g) ?? []).length).toBe(3);
    expect(xml).toContain('合计');
    expect(xml).toContain('740.70');
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('制单人：');
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(5); // header + 3 lines + totals
    for (const a of accounts) expect(xml).not.toContain(a);
  });

  it('full bank accounts for finance (the bank-transfer list) and whoever may reveal, each time audited', async () => {
    // 监督 reads batches but may not take full accounts out of the system.
    const auditor = await t.login((await t.makeUser(w.district.id, ['auditor'])).username);
    const refused = await post(auditor, `/api/disbursements/${batchId}/register`, {
      format: 'xlsx',
      unmasked: true,
    });
    expect(refused.statusCode).toBe(403);
    for (const who of [w.finance, w.admin]) {
      const { job, data } = await generate(who, { format: 'xlsx', unmasked: true });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
      const shown = [4, 5, 6].map((r) => String(wb.worksheets[0]!.getRow(r).getCell(5).value));
      expect(shown.sort()).toEqual([...accounts].sort());
      // The file is its requester's: the auditor, who may read batches and the audit trail naming the
      // file, gets neither its metadata nor its bytes.
      for (const url of [`/api/files/${job.result.fileId}`, `/api/files/${job.result.fileId}/content`]) {
        const res = await get(auditor, url);
        expect(res.statusCode).toBe(404);
        for (const a of accounts) expect(res.body).not.toContain(a);
      }
    }
    const reveals = await t.deps.db
      .select({ after: auditLog.after, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'household.revealed'), eq(auditLog.entityId, batchId)));
    expect(reveals).toHaveLength(2);
    expect(new Set(reveals.map((r) => r.actorId))).toEqual(new Set([w.finance.userId, w.admin.userId]));
    for (const r of reveals)
      expect(r.after).toMatchObject({ via: 'register', fields: ['bankAccount'], rows: 3 });
  });

  it('a failed payment stays listed with its reason but out of 合计, in both formats', async () => {
    const lines = (await get(w.finance, `/api/disbursements/${batchId}/lines`)).json().items;
    const second = lines.find((l: { amountFen: number }) => l.amountFen === 12_345 * 2);
    const failed = await post(w.finance, `/api/disbursements/${batchId}/confirm`, {
      result: 'failed',
      reason: '银行退回：账户已销户',
      lineIds: [second.id],
    });
    expect(failed.statusCode, failed.body).toBe(200);

    const { job, data } = await generate(w.finance, { format: 'xlsx' });
    expect(job.result).toMatchObject({
      rowCount: 3,
      totalCount: 2,
      totalFen: 12_345 * 4,
      failedCount: 1,
      failedFen: 12_345 * 2,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const notes = [4, 5, 6].map((r) => ws.getRow(r).getCell(11).value);
    expect(notes.filter(Boolean)).toEqual(['发放失败：银行退回：账户已销户']);
    const totals = ws.getRow(7);
    expect(totals.getCell(3).value).toBe('共 2 人');
    expect(Number(totals.getCell(7).value)).toBe(493.8);
    expect(totals.getCell(11).value).toBe('不含发放失败 1 人 246.90 元');

    const docx = await generate(w.finance, { format: 'docx' });
    const xml = await (await JSZip.loadAsync(docx.data)).file('word/document.xml')!.async('string');
    expect(xml).toContain('共 2 人');
    expect(xml).toContain('493.80');
    expect(xml).toContain('不含发放失败 1 人 246.90 元');
  });
});

describe('scope', () => {
  it('only finance of the program’s unit or above pays it: a grass-roots union cannot spend its street’s money', async () => {
    // 临时救助 of the street, funded by a source the grass-roots unit cannot see.
    const p = await makeProgram(w, {
      orgId: w.town.id,
      type: 'relief',
      name: `${w.town.name}临时救助`,
      reviewChain: ['grassroots'],
      publicityDays: 0,
      capPerHouseholdFen: null,
    });
    const sourceId = await fundProgramWith(w, p.id, {
      amountFen: 50_000,
      name: '街道救助金',
      kind: 'government',
    });
    const a = await approved(p.id, 10_000, '马秀珍');
    const unitFinance = await t.login((await t.makeUser(w.unit.id, ['finance'])).username);
    const townFinance = await t.login((await t.makeUser(w.town.id, ['finance'])).username);
    expect((await get(unitFinance, `/api/funds/${sourceId}`)).statusCode).toBe(404);

    const expectRefused = (res: {
      statusCode: number;
      json(): { error: { code: string; message: string } };
    }) => {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('DISBURSEMENT_PROGRAM_NOT_FOUND');
      expect(res.json().error.message).toMatch(/^未找到该项目/);
    };
    expectRefused(await get(unitFinance, `/api/disbursements/candidates?programId=${p.id}`));
    expectRefused(await createBatch({ programId: p.id, applicationIds: [a.applicationId] }, unitFinance));
    // Above the program, a paying unit below it is refused as well.
    expectRefused(
      await createBatch(
        { programId: p.id, orgId: w.unit.id, applicationIds: [a.applicationId] },
        townFinance,
      ),
    );
    expect((await get(w.finance, `/api/disbursements?programId=${p.id}`)).json().total).toBe(0);

    // A batch paid by a unit below the program (as made before this rule) is not issued or confirmed
    // from that unit; the street's finance still can.
    const made = await createBatch({ programId: p.id, applicationIds: [a.applicationId] }, townFinance);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().orgId).toBe(w.town.id);
    const id = made.json().id;
    const spent = async () => (await balances(p.id)).get(sourceId)!.spentFen;
    await t.deps.db
      .update(disbursementBatches)
      .set({ orgId: w.unit.id })
      .where(eq(disbursementBatches.id, id));
    expectRefused(await post(unitFinance, `/api/disbursements/${id}/issue`));
    const townReviewer = await t.login((await t.makeUser(w.town.id, ['finance'])).username);
    expect((await post(townReviewer, `/api/disbursements/${id}/issue`)).statusCode).toBe(200);
    expect((await get(townFinance, `/api/disbursements/${id}`)).json().status).toBe('issued');
    expectRefused(
      await post(unitFinance, `/api/disbursements/${id}/confirm`, { result: 'paid', allPending: true }),
    );
    expect(await spent()).toBe(0);
    const paid = await post(townFinance, `/api/disbursements/${id}/confirm`, {
      result: 'paid',
      allPending: true,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().batch.status).toBe('closed');
    expect(await spent()).toBe(10_000);
  });

  it('answers 404 to guessed ids from another district, and lists nothing of it', async () => {
    const p = await payableProgram(50_000, 50_000);
    const a = await approved(p.id, 10_000, '黄丽娟');
    const batch = (
      await createBatch({ programId: p.id, orgId: w.district.id, applicationIds: [a.applicationId] })
    ).json();
    const id = batch.id;
    for (const [method, url, payload] of [
      ['GET', `/api/disbursements/${id}`, undefined],
      ['GET', `/api/disbursements/${id}/lines`, undefined],
      ['POST', `/api/disbursements/${id}/issue`, {}],
      ['POST', `/api/disbursements/${id}/cancel`, { reason: '试探' }],
      ['POST', `/api/disbursements/${id}/confirm`, { result: 'paid', allPending: true }],
      ['POST', `/api/disbursements/${id}/rebatch`, {}],
      ['POST', `/api/disbursements/${id}/register`, { format: 'xlsx' }],
    ] as const) {
      const res = await westFinance.request({ method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('DISBURSEMENT_NOT_FOUND');
    }
    expect((await get(westFinance, '/api/disbursements')).json().total).toBe(0);
    const foreign = await createBatch({ programId: p.id, applicationIds: [a.applicationId] }, westFinance);
    expect(foreign.statusCode).toBe(404);
    expect((await get(westFinance, `/api/disbursements/candidates?programId=${p.id}`)).statusCode).toBe(404);
    // Reviewers read batches but do not make them; officers neither.
    expect((await get(w.townReviewer, `/api/disbursements/${id}`)).statusCode).toBe(404);
    expect((await get(w.districtReviewer, `/api/disbursements/${id}`)).statusCode).toBe(200);
    expect(
      (await createBatch({ programId: p.id, applicationIds: [a.applicationId] }, w.districtReviewer))
        .statusCode,
    ).toBe(403);
  });
});
