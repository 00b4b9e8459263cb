import { z } from 'zod';
import type { Deps } from '../../common/context';
import { CommonErrors } from '../../common/errors';
import { XLSX_MIME } from '../../common/xlsx';
import { actorOf } from '../../http/auth-hooks';
import { sendDownload } from '../../http/download';
import type { App } from '../../http/types';
import { jobSchema } from '../jobs/jobs.routes';
import { toJobDto } from '../jobs/jobs.usecases';
import { exportHouseholdsBody, startHouseholdsExport } from './households.export';
import { IMPORT_MODES, type ImportMode, importTemplate, startHouseholdImport } from './households.import';

const TEMPLATE_NAME = '困难职工档案导入模板.xlsx';

export function registerHouseholdExcelRoutes(app: App, deps: Deps) {
  const tags = ['困难职工档案 households'];

  app.get(
    '/api/households/import/template',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: '下载 Excel 导入模板（填写说明、困难职工表、家庭成员表，含下拉选项和示例行）',
        querystring: z.strictObject({}),
      },
    },
    async (_request, reply) =>
      sendDownload(reply, { name: TEMPLATE_NAME, contentType: XLSX_MIME, data: await importTemplate() }),
  );

  app.post(
    '/api/households/import',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary:
          '从 Excel 批量导入档案（multipart：file 为 .xlsx，mode 为 all_or_nothing 或 valid_rows）；后台任务，逐行报告错误',
        consumes: ['multipart/form-data'],
        response: { 202: jobSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw CommonErrors.VALIDATION_FAILED({}, [
          {
            path: 'file',
            message: '请以 multipart/form-data 上传 .xlsx 文件（字段 file）',
            messageEn: 'Upload the .xlsx file as multipart/form-data (field file)',
          },
        ]);
      let file: { fileName: string; data: Buffer } | undefined;
      let mode: string | undefined;
      for await (const part of request.parts({
        limits: { fileSize: deps.config.maxUploadBytes, files: 1 },
      })) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          if (part.file.truncated) throw CommonErrors.PAYLOAD_TOO_LARGE();
          if (part.fieldname === 'file') file = { fileName: part.filename, data };
        } else if (part.fieldname === 'mode') mode = String(part.value);
      }
      const problems = [];
      if (!file)
        problems.push({
          path: 'file',
          message: '请选择要导入的 .xlsx 文件',
          messageEn: 'Choose the .xlsx file to import',
        });
      if (!IMPORT_MODES.includes(mode as ImportMode))
        problems.push({
          path: 'mode',
          message: '请选择导入方式：all_or_nothing（全部成功才导入）或 valid_rows（只导入正确的行）',
          messageEn:
            'Choose how to import: all_or_nothing (import only if every row is correct) or valid_rows (import the correct rows)',
        });
      if (problems.length || !file) throw CommonErrors.VALIDATION_FAILED({}, problems);
      const job = await startHouseholdImport(deps, actorOf(request), { ...file, mode: mode as ImportMode });
      return reply.status(202).send(toJobDto(job));
    },
  );

  app.post(
    '/api/households/export',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '导出档案列表为 .xlsx（后台任务；默认脱敏，unmasked 需“查看完整信息”权限并记入审计日志）',
        body: exportHouseholdsBody,
        response: { 202: jobSchema },
      },
    },
    async (request, reply) =>
      reply.status(202).send(toJobDto(await startHouseholdsExport(deps, actorOf(request), request.body))),
  );
}
