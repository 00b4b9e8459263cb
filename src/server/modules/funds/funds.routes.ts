import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import {
  createFundBody,
  fundIdParams,
  fundListSchema,
  fundSchema,
  listFundsQuery,
  updateFundBody,
} from './funds.schemas';
import * as usecases from './funds.usecases';

export function registerFundRoutes(app: App, { db }: Deps) {
  const tags = ['资金来源 funds'];

  app.get(
    '/api/funds',
    {
      config: { permission: 'fund.read' },
      schema: {
        tags,
        summary: '资金来源列表（本单位及下级）',
        querystring: listFundsQuery,
        response: { 200: fundListSchema },
      },
    },
    async (request) => usecases.listFunds(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/funds/:id',
    {
      config: { permission: 'fund.read' },
      schema: { tags, summary: '资金来源详情', params: fundIdParams, response: { 200: fundSchema } },
    },
    async (request) => usecases.getFund(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/funds',
    {
      config: { permission: 'fund.write' },
      schema: {
        tags,
        summary: '登记资金来源（到账金额）',
        body: createFundBody,
        response: { 201: fundSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.createFund(db, actorOf(request), request.body)),
  );

  app.patch(
    '/api/funds/:id',
    {
      config: { permission: 'fund.write' },
      schema: {
        tags,
        summary: '修改资金来源（名称、备注、到账日期；到账金额不得少于已安排金额）',
        params: fundIdParams,
        body: updateFundBody,
        response: { 200: fundSchema },
      },
    },
    async (request) => usecases.updateFund(db, actorOf(request), request.params.id, request.body),
  );
}
