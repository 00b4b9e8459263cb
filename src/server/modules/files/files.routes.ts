import { z } from 'zod';
import type { Deps } from '../../common/context';
import { CommonErrors } from '../../common/errors';
import { actorOf } from '../../http/auth-hooks';
import { sendDownload } from '../../http/download';
import type { App } from '../../http/types';
import * as usecases from './files.usecases';

const fileSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  mimeType: z.string(),
  size: z.int(),
  sha256: z.string(),
  createdAt: z.iso.datetime(),
});
const params = z.strictObject({ id: z.uuid() });

export function registerFileRoutes(app: App, deps: Deps) {
  const tags = ['附件 files'];

  app.post(
    '/api/files',
    {
      config: { permission: 'file.write' },
      schema: {
        tags,
        summary:
          '上传附件（multipart 字段 file，可选字段 orgId）；PDF、图片、Word、Excel，单个文件有大小上限',
        consumes: ['multipart/form-data'],
        response: { 201: fileSchema },
      },
    },
    async (request, reply) => {
      const part = await request.file({ limits: { fileSize: deps.config.maxUploadBytes, files: 1 } });
      if (!part) throw usecases.FileErrors.FILE_MISSING();
      const data = await part.toBuffer();
      if (part.file.truncated) throw CommonErrors.PAYLOAD_TOO_LARGE();
      const orgField = part.fields.orgId;
      const orgId = orgField && 'value' in orgField ? String(orgField.value) : undefined;
      if (orgId !== undefined && !z.uuid().safeParse(orgId).success) {
        throw CommonErrors.VALIDATION_FAILED({}, [
          { path: 'orgId', message: '单位编号格式不正确', messageEn: 'The unit id is not valid' },
        ]);
      }
      const file = await usecases.uploadFile(deps, actorOf(request), {
        fileName: part.filename,
        data,
        orgId,
      });
      return reply.status(201).send(file);
    },
  );

  app.get(
    '/api/files/:id',
    {
      config: { permission: 'file.read' },
      schema: { tags, summary: '附件信息', params, response: { 200: fileSchema } },
    },
    async (request) => usecases.getFileMeta(deps, actorOf(request).principal, request.params.id),
  );

  app.get(
    '/api/files/:id/content',
    { config: { permission: 'file.read' }, schema: { tags, summary: '下载附件（记入审计日志）', params } },
    async (request, reply) => {
      const { file, data } = await usecases.downloadFile(deps, actorOf(request), request.params.id);
      return sendDownload(reply, { name: file.name, contentType: file.mimeType, data });
    },
  );
}
