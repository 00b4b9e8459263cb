import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import {
  createPolicyBody,
  listPoliciesQuery,
  policyIdParams,
  policyInForceQuery,
  policyInForceSchema,
  policyPageSchema,
  policyRegionsSchema,
  policySchema,
} from './policies.schemas';
import * as usecases from './policies.usecases';

export function registerPolicyRoutes(app: App, { db }: Deps) {
  const tags = ['帮扶政策 policies'];

  app.get(
    '/api/policies',
    {
      config: { permission: 'policy.read' },
      schema: {
        tags,
        summary: '政策版本列表（可按地区代码前缀筛选；附地区名称）',
        querystring: listPoliciesQuery,
        response: { 200: policyPageSchema },
      },
    },
    async (request) => usecases.listPolicies(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/policies/regions',
    {
      config: { permission: 'policy.write' },
      schema: {
        tags,
        summary: '可设置政策的地区：本单位及下级单位的行政区划代码（限本单位所辖地区），附名称',
        response: { 200: policyRegionsSchema },
      },
    },
    async (request) => usecases.listSettableRegions(db, actorOf(request)),
  );

  app.get(
    '/api/policies/in-force',
    {
      config: { permission: 'policy.read' },
      schema: {
        tags,
        summary: '某地区某日生效的政策（无本级版本时依次取市级、省级）',
        querystring: policyInForceQuery,
        response: { 200: policyInForceSchema },
      },
    },
    async (request) =>
      usecases.getPolicyInForce(db, actorOf(request).principal, request.query.regionCode, request.query.date),
  );

  app.get(
    '/api/policies/:id',
    {
      config: { permission: 'policy.read' },
      schema: { tags, summary: '政策版本详情', params: policyIdParams, response: { 200: policySchema } },
    },
    async (request) => usecases.getPolicy(db, request.params.id),
  );

  app.post(
    '/api/policies',
    {
      config: { permission: 'policy.write' },
      schema: {
        tags,
        summary: '新增政策版本（版本不可修改：调整即新增一个生效日期）',
        body: createPolicyBody,
        response: { 201: policySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.createPolicyVersion(db, actorOf(request), request.body)),
  );
}
