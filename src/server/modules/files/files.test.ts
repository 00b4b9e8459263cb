import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../db/client';
import { ADMIN_PASSWORD, createTestContext, type Session, type TestContext } from '../../testing/harness';
import { auditLog } from '../audit/audit.table';
import { recordAudit } from '../audit/audit.usecases';
import { LocalDiskStorage } from './files.storage';
import { files } from './files.table';
import { saveGeneratedFile } from './files.usecases';

let t: TestContext;
let admin: Session;
let east: { id: string };
let eastTown: { id: string };
let west: { id: string };
let officer: Session;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', ADMIN_PASSWORD);
  east = await t.makeOrg(t.rootOrgId, 'district');
  eastTown = await t.makeOrg(east.id, 'township');
  west = await t.makeOrg(t.rootOrgId, 'district');
  officer = await t.login((await t.makeUser(east.id, ['officer'])).username);
});
afterAll(() => t.close());

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface Part {
  name: string;
  value: string | Buffer;
  fileName?: string;
  contentType?: string;
}

/** A multipart/form-data body built by hand, as a browser would send it. */
function multipart(parts: Part[]) {
  const boundary = `----BangfuBoundary${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.fileName
      ? `form-data; name="${part.name}"; filename="${part.fileName}"`
      : `form-data; name="${part.name}"`;
    const type = part.fileName ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(session: Session, fileName: string, data: Buffer, orgId?: string, contentType = 'image/png') {
  const parts: Part[] = orgId ? [{ name: 'orgId', value: orgId }] : [];
  parts.push({ name: 'file', value: data, fileName, contentType });
  return session.request({ method: 'POST', url: '/api/files', ...multipart(parts) });
}

const errorCode = (res: LightMyRequestResponse) => res.json().error.code as string;

/** Every stored file below `<dataDir>/files`, as relative paths. */
function storedFiles(): string[] {
  const root = path.join(t.deps.config.dataDir, 'files');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

const fileRows = async () => (await t.deps.db.select({ n: count() }).from(files))[0]!.n;

describe('attachments', () => {
  it('uploads a PNG, shows its metadata and downloads the same bytes, auditing the download', async () => {
    const res = await upload(officer, '困难证明.png', PNG);
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta).toMatchObject({
      orgId: east.id,
      name: '困难证明.png',
      mimeType: 'image/png',
      size: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });

    const read = await officer.request({ method: 'GET', url: `/api/files/${meta.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(meta);

    const download = await officer.request({ method: 'GET', url: `/api/files/${meta.id}/content` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('困难证明.png')}`,
    );

    const audit = await admin.request({
      method: 'GET',
      url: `/api/audit?entity=file&entityId=${meta.id}&action=file.downloaded`,
    });
    expect(audit.json().total).toBe(1);
    expect(audit.json().items[0]).toMatchObject({ actorId: officer.userId, orgId: east.id });
  });

  it('keeps the bytes encrypted on disk and still reads files stored before encryption', async () => {
    const meta = (await upload(officer, '残疾证.png', PNG)).json();
    const [row] = await t.deps.db.select().from(files).where(eq(files.id, meta.id));
    const onDisk = readFileSync(path.join(t.deps.config.dataDir, 'files', row!.storageKey));
    expect(onDisk.subarray(0, 4).toString('ascii')).toBe('BFE1');
    expect(onDisk.includes(PNG.subarray(0, 16))).toBe(false);
    // A file written in plain bytes (as before encryption) is served unchanged.
    const legacyKey = `legacy/${randomUUID()}.png`;
    await new LocalDiskStorage(path.join(t.deps.config.dataDir, 'files')).put(legacyKey, PNG);
    expect((await t.deps.storage.get(legacyKey)).equals(PNG)).toBe(true);
    // A flipped byte is detected, never served.
    const tampered = Buffer.from(onDisk);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => t.deps.vault.openBytes(tampered)).toThrow();
  });

  it('files an upload under a unit of the caller’s subtree, never outside it', async () => {
    const inside = await upload(officer, 'photo.png', PNG, eastTown.id);
    expect(inside.statusCode).toBe(201);
    expect(inside.json().orgId).toBe(eastTown.id);

    const before = await fileRows();
    const outside = await upload(officer, 'photo.png', PNG, west.id);
    expect(outside.statusCode).toBe(404);
    expect(await fileRows()).toBe(before);
  });

  it('refuses types outside the list and files whose bytes do not match the extension', async () => {
    const before = await fileRows();
    const storedBefore = storedFiles();
    const exe = await upload(
      officer,
      'setup.exe',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00'),
      undefined,
      'application/x-msdownload',
    );
    expect(exe.statusCode).toBe(415);
    expect(errorCode(exe)).toBe('FILE_TYPE_NOT_ALLOWED');
    const disguised = await upload(officer, 'photo.png', Buffer.from('MZ\x90\x00 this is not an image'));
    expect(disguised.statusCode).toBe(415);
    // An accepted extension over other bytes: said to be damaged or renamed, not an unknown type.
    expect(errorCode(disguised)).toBe('FILE_CONTENT_MISMATCH');
    expect(disguised.json().error.message).toBe(
      '文件“photo.png”的内容不是 .png 格式：文件可能已损坏，或是改了扩展名的其他文件，请用原软件重新保存后上传',
    );
    const pngAsPdf = await upload(officer, 'scan.pdf', PNG, undefined, 'application/pdf');
    expect(pngAsPdf.statusCode).toBe(415);
    expect(await fileRows()).toBe(before);
    expect(storedFiles()).toEqual(storedBefore);
  });

  it('refuses a file over the size limit and keeps nothing of it', async () => {
    const before = await fileRows();
    const storedBefore = storedFiles();
    const big = Buffer.concat([PNG, Buffer.alloc(t.deps.config.maxUploadBytes, 0x61)]);
    const res = await upload(officer, 'huge.png', big);
    expect(res.statusCode).toBe(413);
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await fileRows()).toBe(before);
    expect(storedFiles()).toEqual(storedBefore);

    // Exactly at the limit is still fine.
    const atLimit = Buffer.concat([PNG, Buffer.alloc(t.deps.config.maxUploadBytes - PNG.length, 0x61)]);
    const ok = await upload(officer, 'limit.png', atLimit);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().size).toBe(t.deps.config.maxUploadBytes);
    expect(storedFiles()).toHaveLength(storedBefore.length + 1);
  });

  it('refuses a body cut short or without a usable boundary with 400, keeping nothing', async () => {
    const before = await fileRows();
    const storedBefore = storedFiles();
    const whole = multipart([{ name: 'file', value: PNG, fileName: 'a.png', contentType: 'image/png' }]);
    const long = 'b'.repeat(300);
    for (const [why, headers, payload] of [
      ['cut short', whole.headers, whole.payload.subarray(0, whole.payload.length - 60)],
      ['cut inside the part headers', whole.headers, whole.payload.subarray(0, 60)],
      ['no boundary', { 'content-type': 'multipart/form-data' }, whole.payload],
      [
        'a boundary too long to search for',
        { 'content-type': `multipart/form-data; boundary=${long}` },
        Buffer.from(
          `--${long}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nx\r\n--${long}--\r\n`,
        ),
      ],
    ] as const) {
      const res = await officer.request({ method: 'POST', url: '/api/files', headers, payload });
      expect(res.statusCode, `${why}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'BAD_REQUEST',
        message: '请求格式不正确：上传的数据不完整或格式不正确，请重新上传',
      });
    }
    expect(await fileRows()).toBe(before);
    expect(storedFiles()).toEqual(storedBefore);
  });

  it('another district’s user sees neither the metadata nor the content', async () => {
    const meta = (await upload(officer, '身份证.png', PNG)).json();
    const outsider = await t.login((await t.makeUser(west.id, ['admin'])).username);
    const downloadsBefore = (
      await admin.request({ method: 'GET', url: `/api/audit?entityId=${meta.id}&action=file.downloaded` })
    ).json().total;

    const read = await outsider.request({ method: 'GET', url: `/api/files/${meta.id}` });
    expect(read.statusCode).toBe(404);
    expect(errorCode(read)).toBe('FILE_NOT_FOUND');
    const content = await outsider.request({ method: 'GET', url: `/api/files/${meta.id}/content` });
    expect(content.statusCode).toBe(404);
    expect(content.rawPayload.includes(PNG)).toBe(false);
    const unknown = await outsider.request({ method: 'GET', url: `/api/files/${randomUUID()}` });
    expect(unknown.json()).toEqual(read.json());

    const downloadsAfter = (
      await admin.request({ method: 'GET', url: `/api/audit?entityId=${meta.id}&action=file.downloaded` })
    ).json().total;
    expect(downloadsAfter).toBe(downloadsBefore);
    expect((await admin.request({ method: 'GET', url: `/api/files/${meta.id}` })).statusCode).toBe(200);
  });

  it('an officer may upload; a reviewer, without file.write, may not', async () => {
    const reviewer = await t.login((await t.makeUser(east.id, ['reviewer'])).username);
    const before = await fileRows();
    const res = await upload(reviewer, 'photo.png', PNG);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(await fileRows()).toBe(before);

    const own = (await upload(officer, 'photo.png', PNG)).json();
    expect((await reviewer.request({ method: 'GET', url: `/api/files/${own.id}` })).statusCode).toBe(200);
  });

  it('refuses an Idempotency-Key on an upload rather than replaying another file', async () => {
    const before = await fileRows();
    const form = multipart([{ name: 'file', value: PNG, fileName: 'photo.png', contentType: 'image/png' }]);
    const res = await officer.request({
      method: 'POST',
      url: '/api/files',
      payload: form.payload,
      headers: { ...form.headers, 'idempotency-key': 'upload-1' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Idempotency-Key');
    expect(await fileRows()).toBe(before);
  });
});

describe('generated files', () => {
  it('are written with their caller’s audit entries or not at all (no file of full numbers without its reveal)', async () => {
    const before = { rows: await fileRows(), stored: storedFiles() };
    const reveal = async (tx: Executor, file: { id: string }) => {
      await recordAudit(tx, t.rootActor, {
        action: 'household.revealed',
        entity: 'household',
        orgId: t.rootOrgId,
        after: { via: 'export', fields: ['idNumber'], fileId: file.id },
      });
      throw new Error('the reveal entry could not be written');
    };
    await expect(
      saveGeneratedFile(t.deps, t.rootActor, {
        fileName: '未脱敏.xlsx',
        mimeType: 'application/octet-stream',
        data: Buffer.from('full numbers'),
        audits: reveal,
      }),
    ).rejects.toThrow('the reveal entry could not be written');
    expect(await fileRows()).toBe(before.rows);
    expect(storedFiles()).toEqual(before.stored);

    const kept = await saveGeneratedFile(t.deps, t.rootActor, {
      fileName: '未脱敏.xlsx',
      mimeType: 'application/octet-stream',
      data: Buffer.from('full numbers'),
      audits: (tx, file) =>
        recordAudit(tx, t.rootActor, {
          action: 'household.revealed',
          entity: 'household',
          orgId: t.rootOrgId,
          after: { via: 'export', fields: ['idNumber'], fileId: file.id },
        }).then(() => undefined),
    });
    const entries = await t.deps.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.action, 'household.revealed'));
    expect(entries.map((e) => (e.after as { fileId: string }).fileId)).toContain(kept.id);
  });
});
