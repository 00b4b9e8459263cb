import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCityPolicy, makeJiangdongOrgs, residentIds } from '../../testing/archive-fixtures';
import { createTestContext, type Session, type TestContext } from '../../testing/harness';
import { files } from '../files/files.table';

let t: TestContext;
let districtAdmin: Session;
let officer: Session;
let unitReviewer: Session;
let townReviewer: Session;
/** Another grass-roots union under the same township: it may not read the household. */
let siblingOfficer: Session;
/** Finance of the household's own unit: file.read, but no household.read. */
let unitFinance: Session;
let westOfficer: Session;
let unit: { id: string };

const newId = residentIds({ region: '330105' });

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  t = await createTestContext();
  await createCityPolicy(t);
  const orgs = await makeJiangdongOrgs(t);
  unit = orgs.unit;
  const sibling = await t.makeOrg(orgs.town.id, 'grassroots', '望江食品厂工会');
  districtAdmin = await t.loginNewUser(orgs.district.id, ['admin']);
  officer = await t.loginNewUser(unit.id, ['officer']);
  unitReviewer = await t.loginNewUser(unit.id, ['reviewer']);
  townReviewer = await t.loginNewUser(orgs.town.id, ['reviewer']);
  siblingOfficer = await t.loginNewUser(sibling.id, ['officer']);
  unitFinance = await t.loginNewUser(unit.id, ['finance']);
  westOfficer = await t.loginNewUser(orgs.west.id, ['officer']);
});
afterAll(() => t.close());

/** Uploads through POST /api/files as a browser would (multipart, the file's unit is the uploader's). */
async function upload(session: Session, fileName: string) {
  const boundary = `----BangfuBoundary${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await session.request({
    method: 'POST',
    url: '/api/files',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; orgId: string };
}

async function createHousehold() {
  const res = await officer.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: unit.id,
      name: '陈附件',
      idNumber: newId(),
      causes: ['illness'],
      members: [],
      incomes: [{ kind: 'wages', annualFen: 12 * 90_000 }],
      expenditures: [],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const content = (session: Session, fileId: string) =>
  session.request({ method: 'GET', url: `/api/files/${fileId}/content` });

describe('attachments added by a higher unit', () => {
  it('open for whoever reads the household, stay in its updates, and for nobody else', async () => {
    const h = await createHousehold();
    const certificate = await upload(districtAdmin, '区总工会核查证明.png');
    const unrelated = await upload(districtAdmin, '区总工会内部文件.png');
    const attached = await districtAdmin.request({
      method: 'PATCH',
      url: `/api/households/${h.id}`,
      payload: { attachments: [{ fileId: certificate.id, kind: 'certificate', note: '区级核查' }] },
    });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().attachments).toMatchObject([
      { fileId: certificate.id, name: '区总工会核查证明.png' },
    ]);

    // The household's own officer, its reviewers and the township open it as the household page links it.
    for (const reader of [officer, unitReviewer, townReviewer]) {
      const res = await content(reader, certificate.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.rawPayload.equals(PNG)).toBe(true);
      const meta = await reader.request({ method: 'GET', url: `/api/files/${certificate.id}` });
      expect(meta.statusCode).toBe(200);
    }
    // Downloads through the household are audited under the household's unit, naming it: the unit's
    // own auditor sees who opened its archive's certificate, and so does the district above.
    const downloads = `/api/audit?entity=file&entityId=${certificate.id}&action=file.downloaded`;
    const unitAuditor = await t.loginNewUser(unit.id, ['auditor']);
    for (const auditor of [unitAuditor, districtAdmin]) {
      const audit = await auditor.request({ method: 'GET', url: downloads });
      expect(audit.statusCode, audit.body).toBe(200);
      expect(audit.json().total).toBe(3);
      for (const entry of audit.json().items)
        expect(entry).toMatchObject({
          orgId: unit.id,
          after: { via: { entity: 'household', entityId: h.id } },
        });
    }

    // The officer keeps the file in an edit of the list.
    const kept = await officer.request({
      method: 'PATCH',
      url: `/api/households/${h.id}`,
      payload: { attachments: [{ fileId: certificate.id, kind: 'certificate', note: '区级核查（已核对）' }] },
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().attachments).toMatchObject([{ fileId: certificate.id, note: '区级核查（已核对）' }]);

    // Nobody else gains anything: another unit, a role without household.read, another district, and a
    // file of the district attached to nothing.
    for (const outsider of [siblingOfficer, unitFinance, westOfficer]) {
      const res = await content(outsider, certificate.id);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('FILE_NOT_FOUND');
    }
    expect((await content(officer, unrelated.id)).statusCode).toBe(404);
    const sneak = await officer.request({
      method: 'PATCH',
      url: `/api/households/${h.id}`,
      payload: { attachments: [{ fileId: unrelated.id, kind: 'other' }] },
    });
    expect(sneak.statusCode).toBe(404);
    expect(sneak.json().error.code).toBe('FILE_NOT_FOUND');

    // Dropped from the list, the file is the district's again.
    const dropped = await officer.request({
      method: 'PATCH',
      url: `/api/households/${h.id}`,
      payload: { attachments: [] },
    });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect((await content(officer, certificate.id)).statusCode).toBe(404);
    expect((await content(districtAdmin, certificate.id)).statusCode).toBe(200);
  });
});

describe('files only their requester may read', () => {
  it('cannot be attached: nobody else reading the household could open them', async () => {
    const h = await createHousehold();
    const workbook = await upload(officer, '导入表.png');
    // As an export, a register or an import workbook is stored: readable by its requester only.
    await t.deps.db.update(files).set({ privateTo: officer.userId }).where(eq(files.id, workbook.id));
    const res = await officer.request({
      method: 'PATCH',
      url: `/api/households/${h.id}`,
      payload: { attachments: [{ fileId: workbook.id, kind: 'other' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'FILE_NOT_ATTACHABLE',
      message: '“导入表.png”是系统生成的文件或导入表，只供本人下载，不能作为附件；请上传证明材料或照片',
    });
    // One attached before this rule stays through later saves (it is not checked again).
    const earlier = await upload(officer, '早先附件.png');
    const attach = (fileIds: string[]) =>
      officer.request({
        method: 'PATCH',
        url: `/api/households/${h.id}`,
        payload: { attachments: fileIds.map((fileId) => ({ fileId, kind: 'other' })) },
      });
    expect((await attach([earlier.id])).statusCode).toBe(200);
    await t.deps.db.update(files).set({ privateTo: officer.userId }).where(eq(files.id, earlier.id));
    const kept = await attach([earlier.id]);
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await attach([earlier.id, workbook.id])).json().error.code).toBe('FILE_NOT_ATTACHABLE');
  });
});
