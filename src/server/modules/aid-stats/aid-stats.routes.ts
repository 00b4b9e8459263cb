import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import {
  aidLedgerSchema,
  aidStatisticsQuery,
  aidStatisticsSchema,
  idParams,
  programStatisticsQuery,
  programStatisticsSchema,
} from './aid-stats.schemas';
import * as usecases from './aid-stats.usecases';

export function registerAidStatsRoutes(app: App, { db }: Deps) {
  const tags = ['帮扶统计 aid statistics'];

  app.get(
    '/api/programs/:id/statistics',
    {
      config: { permission: 'program.read' },
      schema: {
        tags,
        summary:
          '项目统计：受理、批准、户数、人数、金额（按资金来源、下级单位、困难类别）；可另按确认发放日期统计某季度、半年或起止日期内的发放',
        params: idParams,
        querystring: programStatisticsQuery,
        response: { 200: programStatisticsSchema },
      },
    },
    async (request) =>
      usecases.programStatistics(db, actorOf(request).principal, request.params.id, request.query),
  );

  app.get(
    '/api/aid/statistics',
    {
      config: { permission: 'program.read' },
      schema: {
        tags,
        summary: '年度帮扶统计（本单位及下级：按项目类型、项目、资金来源类别）',
        querystring: aidStatisticsQuery,
        response: { 200: aidStatisticsSchema },
      },
    },
    async (request) => usecases.aidStatistics(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/households/:id/aid-ledger',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '困难职工家庭帮扶台账：历年各项目的申请、批准与发放',
        params: idParams,
        response: { 200: aidLedgerSchema },
      },
    },
    async (request) => usecases.householdAidLedger(db, actorOf(request).principal, request.params.id),
  );
}
