import { createHash, randomUUID } from 'node:crypto';
import type { Actor, Deps, Principal } from '../../common/context';
import { defineErrors } from '../../common/errors';
import { inScope } from '../../common/scope';
import type { Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { getOrgInScope } from '../orgs/orgs.usecases';
import type { FileGrantedBy, FileReadGrant } from './files.grants';
import * as repo from './files.repository';
import type { FileRow } from './files.table';
import { ALLOWED_TYPES, detectType } from './files.types';

export const FileErrors = defineErrors({
  FILE_NOT_FOUND: { status: 404, zh: '未找到该文件，或不在您的管辖范围内', en: 'No such file in your scope' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '不支持的文件类型，仅允许 {types}，且文件内容须与扩展名一致',
    en: 'File type not allowed; accepted: {types}',
  },
  FILE_CONTENT_MISMATCH: {
    status: 415,
    zh: '文件“{name}”的内容不是 {ext} 格式：文件可能已损坏，或是改了扩展名的其他文件，请用原软件重新保存后上传',
    en: 'The content of “{name}” is not {ext}: the file may be damaged, or another kind of file renamed',
  },
  FILE_NOT_ATTACHABLE: {
    status: 400,
    zh: '“{name}”是系统生成的文件或导入表，只供本人下载，不能作为附件；请上传证明材料或照片',
    en: '“{name}” is a generated file or an import workbook, readable by its requester only: it cannot be attached',
  },
  FILE_EMPTY: { status: 400, zh: '文件为空', en: 'The file is empty' },
  FILE_MISSING: { status: 400, zh: '请选择要上传的文件', en: 'No file in the upload' },
});

export function toFileDto(row: FileRow) {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    mimeType: row.mimeType,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
  };
}

function cleanName(name: string) {
  // Keep the user's name for display, without path parts or control characters.
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const printable = Array.from(base)
    .filter((ch) => ch.charCodeAt(0) >= 0x20)
    .join('');
  return printable.slice(0, 255) || 'file';
}

export async function uploadFile(
  deps: Pick<Deps, 'db' | 'storage'>,
  actor: Actor,
  input: { fileName: string; data: Buffer; orgId?: string; private?: boolean },
) {
  const name = cleanName(input.fileName);
  if (input.data.length === 0) throw FileErrors.FILE_EMPTY();
  const type = detectType(name, input.data.subarray(0, 8));
  if (!type) {
    // An accepted extension over other content is a damaged or renamed file, not an unknown type.
    const ext = name.toLowerCase().split('.').pop() ?? '';
    if (name.includes('.') && ALLOWED_TYPES[ext])
      throw FileErrors.FILE_CONTENT_MISMATCH({ name, ext: `.${ext}` });
    throw FileErrors.FILE_TYPE_NOT_ALLOWED({ types: Object.keys(ALLOWED_TYPES).join('、') });
  }
  return storeFile(deps, actor, 'file.uploaded', {
    name,
    ext: type.ext,
    mimeType: type.mime,
    data: input.data,
    orgId: input.orgId,
    privateTo: input.private ? actor.principal.userId : null,
  });
}

/**
 * Files the system produces (exports, registers, reports): stored and audited like uploads, and
 * readable by their requester only — a list of people is handed to the one who asked for it.
 */
export function saveGeneratedFile(
  deps: Pick<Deps, 'db' | 'storage'>,
  actor: Actor,
  input: {
    fileName: string;
    mimeType: string;
    data: Buffer;
    orgId?: string;
    /**
     * The caller's audit entries for what the file holds (an export, a reveal of full values), written in
     * the file's own transaction: a file with full ID numbers never exists without its reveal entry.
     */
    audits?: (tx: Executor, file: { id: string }) => Promise<void>;
  },
) {
  const name = cleanName(input.fileName);
  const ext = name.toLowerCase().split('.').pop() ?? 'bin';
  return storeFile(deps, actor, 'file.generated', {
    name,
    ext,
    mimeType: input.mimeType,
    data: input.data,
    orgId: input.orgId,
    privateTo: actor.principal.userId,
    audits: input.audits,
  });
}

async function storeFile(
  deps: Pick<Deps, 'db' | 'storage'>,
  actor: Actor,
  action: 'file.uploaded' | 'file.generated',
  input: {
    name: string;
    ext: string;
    mimeType: string;
    data: Buffer;
    orgId?: string;
    privateTo: string | null;
    audits?: (tx: Executor, file: { id: string }) => Promise<void>;
  },
) {
  const org = await getOrgInScope(deps.db, actor.principal, input.orgId ?? actor.principal.orgId);
  const id = randomUUID();
  const now = new Date();
  const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}.${input.ext}`;
  await deps.storage.put(storageKey, input.data);
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await repo.insert(tx, {
        id,
        orgId: org.id,
        name: input.name,
        mimeType: input.mimeType,
        size: input.data.length,
        sha256: createHash('sha256').update(input.data).digest('hex'),
        storageKey,
        createdBy: actor.principal.userId,
        privateTo: input.privateTo,
      });
      await recordAudit(tx, actor, {
        action,
        entity: 'file',
        entityId: id,
        orgId: org.id,
        after: { name: input.name, size: row.size, sha256: row.sha256, private: input.privateTo !== null },
      });
      await input.audits?.(tx, { id });
      return toFileDto(row);
    });
  } catch (error) {
    // No metadata, no bytes: never leave an orphan behind.
    await deps.storage.delete(storageKey);
    throw error;
  }
}

/**
 * What reading a file needs: the database, and the other modules' grants. Without grants only the
 * file's own unit counts (its uploader's subtree).
 */
export type FileReadDeps = Pick<Deps, 'db'> & { fileReadGrants?: readonly FileReadGrant[] };

/**
 * A file of the caller's subtree, or one another module grants (an attachment of a household the
 * caller may read, though a higher unit uploaded it). Private files stay their requester's.
 */
async function readableFile(
  deps: FileReadDeps,
  principal: Principal,
  id: string,
): Promise<{ file: FileRow; grantedBy?: FileGrantedBy }> {
  const found = await repo.findWithOrgPath(deps.db, id);
  if (!found) throw FileErrors.FILE_NOT_FOUND();
  if (found.file.privateTo && found.file.privateTo !== principal.userId) throw FileErrors.FILE_NOT_FOUND();
  if (inScope(principal, found.orgPath)) return { file: found.file };
  for (const grant of deps.fileReadGrants ?? []) {
    const grantedBy = await grant(deps.db, principal, id);
    if (grantedBy) return { file: found.file, grantedBy };
  }
  throw FileErrors.FILE_NOT_FOUND();
}

export async function getFileMeta(deps: FileReadDeps, principal: Principal, id: string) {
  return toFileDto((await readableFile(deps, principal, id)).file);
}

/**
 * A file that may be attached to a record: readable by the caller, and not one of the files only their
 * requester may read (exports, registers, import workbooks) — others who read the record could not open it.
 */
export async function getAttachableFile(deps: FileReadDeps, principal: Principal, id: string) {
  const { file } = await readableFile(deps, principal, id);
  if (file.privateTo) throw FileErrors.FILE_NOT_ATTACHABLE({ name: file.name });
  return toFileDto(file);
}

/**
 * Attachments hold personal documents: every download is audited — under the unit of the record that
 * opened it when a grant did (a household's employer: its own auditors see who opened its archive's
 * certificate, whichever unit uploaded it), naming that record.
 */
export async function downloadFile(deps: FileReadDeps & Pick<Deps, 'storage'>, actor: Actor, id: string) {
  const { file, grantedBy } = await readableFile(deps, actor.principal, id);
  const data = await deps.storage.get(file.storageKey);
  await deps.db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'file.downloaded',
      entity: 'file',
      entityId: id,
      orgId: grantedBy?.orgId ?? file.orgId,
      ...(grantedBy ? { after: { via: { entity: grantedBy.entity, entityId: grantedBy.entityId } } } : {}),
    }),
  );
  return { file, data };
}
