import { z } from 'zod';
import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import {
  createOrgBody,
  listOrgsQuery,
  moveOrgBody,
  orgDetailSchema,
  orgIdParams,
  orgSchema,
  orgTreeSchema,
  updateOrgBody,
} from './orgs.schemas';
import * as usecases from './orgs.usecases';

export function registerOrgRoutes(app: App, { db }: Deps) {
  const tags = ['组织机构 orgs'];

  app.get(
    '/api/orgs',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '可见的组织树（本单位及下级）',
        querystring: listOrgsQuery,
        response: {
          200: z.union([orgTreeSchema, z.object({ items: z.array(orgSchema) })]),
          304: z.null().describe('未变化（If-None-Match 与 ETag 相同）'),
        },
      },
    },
    async (request, reply) => {
      const tree = await usecases.visibleTreeJson(db, actorOf(request).principal, {
        includeInactive: request.query.includeInactive ?? true,
        flat: request.query.flat ?? false,
      });
      reply.header('etag', tree.etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === tree.etag) return reply.status(304).send(null);
      // Pre-serialised JSON of the 200 schema below (see visibleTreeJson).
      return reply.type('application/json; charset=utf-8').send(tree.body as never);
    },
  );

  app.get(
    '/api/orgs/:id',
    {
      config: { permission: 'org.read' },
      schema: { tags, summary: '单位详情', params: orgIdParams, response: { 200: orgDetailSchema } },
    },
    async (request) => usecases.getOrgDetail(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/orgs',
    {
      config: { permission: 'org.write' },
      schema: { tags, summary: '新建下级单位', body: createOrgBody, response: { 201: orgSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.createOrg(db, actorOf(request), request.body)),
  );

  app.patch(
    '/api/orgs/:id',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '修改单位信息',
        params: orgIdParams,
        body: updateOrgBody,
        response: { 200: orgSchema },
      },
    },
    async (request) => usecases.updateOrg(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/orgs/:id/move',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '移动单位（连同下级）',
        params: orgIdParams,
        body: moveOrgBody,
        response: { 200: orgSchema },
      },
    },
    async (request) => usecases.moveOrg(db, actorOf(request), request.params.id, request.body.parentId),
  );

  for (const [suffix, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/orgs/:id/${suffix}`,
      {
        config: { permission: 'org.write' },
        schema: {
          tags,
          summary: active ? '启用单位' : '停用单位',
          params: orgIdParams,
          response: { 200: orgSchema },
        },
      },
      async (request) => usecases.setOrgActive(db, actorOf(request), request.params.id, active),
    );
  }
}
