import { z } from 'zod';
import type { Deps } from '../../common/context';
import { XLSX_MIME } from '../../common/xlsx';
import { actorOf } from '../../http/auth-hooks';
import { sendDownload } from '../../http/download';
import type { App } from '../../http/types';
import { JOB_STATUSES } from './jobs.table';
import * as usecases from './jobs.usecases';

/** A problem a job found (an import's bad row), or a note of it (a row skipped as imported before). */
export const jobErrorSchema = z.object({
  row: z.int().optional(),
  /** The worksheet of `row`, when the file has more than one; named as the workbook names it. */
  sheet: z.string().optional(),
  /** The column, named as the workbook's header row names it. */
  column: z.string().optional(),
  /** What is wrong, in Chinese (what users read). */
  message: z.string(),
  /** The same in English; absent from jobs that finished before the English variant was kept. */
  messageEn: z.string().optional(),
});

export const jobSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  status: z.enum(JOB_STATUSES),
  done: z.int(),
  total: z.int(),
  result: z.unknown(),
  errors: z.array(jobErrorSchema),
  /** Why the job failed, in Chinese (what users read). */
  message: z.string().nullable(),
  /** The same in English; null where there is no message, and for jobs that failed before it was kept. */
  messageEn: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});

export function registerJobRoutes(app: App, deps: Deps) {
  const tags = ['后台任务 jobs'];
  app.get(
    '/api/jobs',
    {
      config: { permission: 'job.read' },
      schema: {
        tags,
        summary: '我提交的后台任务',
        response: { 200: z.object({ items: z.array(jobSchema) }) },
      },
    },
    async (request) => ({ items: await usecases.listMyJobs(deps, actorOf(request).principal) }),
  );
  app.get(
    '/api/jobs/:id',
    {
      config: { permission: 'job.read' },
      schema: {
        tags,
        summary: '任务进度与结果',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: jobSchema },
      },
    },
    async (request) => usecases.getJob(deps, actorOf(request).principal, request.params.id),
  );
  app.get(
    '/api/jobs/:id/errors.xlsx',
    {
      config: { permission: 'job.read' },
      schema: {
        tags,
        summary: '下载任务的问题清单（Excel：工作表、行号、列、问题说明；记入审计日志）',
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({}),
      },
    },
    async (request, reply) => {
      const { data, fileName } = await usecases.jobErrorsWorkbook(deps, actorOf(request), request.params.id);
      return sendDownload(reply, { name: fileName, contentType: XLSX_MIME, data });
    },
  );
}
