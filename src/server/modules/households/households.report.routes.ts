import type { Deps } from '../../common/context';
import { XLSX_MIME } from '../../common/xlsx';
import { actorOf } from '../../http/auth-hooks';
import { sendDownload } from '../../http/download';
import type { App } from '../../http/types';
import { archiveReport, archiveReportXlsx } from './households.report';
import { archiveReportQuery, archiveReportSchema } from './households.report.schemas';

export function registerHouseholdReportRoutes(app: App, { db }: Deps) {
  const tags = ['困难职工档案 households'];

  app.get(
    '/api/households/report',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary:
          '档案统计：本单位及直属下级单位的在档户数、人数（按困难类别、致困原因）、审核中、待确认脱困，以及统计期间的新建档、脱困（按原因）、返困、重新建档、未通过和年审',
        querystring: archiveReportQuery,
        response: { 200: archiveReportSchema },
      },
    },
    async (request) => archiveReport(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/households/report.xlsx',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '下载档案统计表（.xlsx：按单位、按致困原因两张表，含合计行）',
        querystring: archiveReportQuery,
      },
    },
    async (request, reply) => {
      const report = await archiveReport(db, actorOf(request).principal, request.query);
      return sendDownload(reply, {
        name: `${report.org.name}困难职工档案统计表（${report.from}至${report.to}）.xlsx`,
        contentType: XLSX_MIME,
        data: await archiveReportXlsx(report),
      });
    },
  );
}
