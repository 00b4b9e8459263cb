import { z } from 'zod';
import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import { jobSchema } from '../jobs/jobs.routes';
import { toJobDto } from '../jobs/jobs.usecases';
import { startUsersExport } from './users.export';
import {
  createUserBody,
  exportUsersBody,
  listUsersQuery,
  resetPasswordBody,
  updateUserBody,
  userIdParams,
  userPageSchema,
  userSchema,
} from './users.schemas';
import * as usecases from './users.usecases';

export function registerUserRoutes(app: App, deps: Deps) {
  const { db } = deps;
  const tags = ['用户 users'];

  app.get(
    '/api/users',
    {
      config: { permission: 'user.read' },
      schema: {
        tags,
        summary: '用户列表（管辖范围内）',
        querystring: listUsersQuery,
        response: { 200: userPageSchema },
      },
    },
    async (request) => usecases.listUsers(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/users/:id',
    {
      config: { permission: 'user.read' },
      schema: { tags, summary: '用户详情', params: userIdParams, response: { 200: userSchema } },
    },
    async (request) => usecases.getUser(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'user.write' },
      schema: { tags, summary: '新建用户', body: createUserBody, response: { 201: userSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.createUser(db, actorOf(request), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'user.write' },
      schema: {
        tags,
        summary: '修改用户',
        params: userIdParams,
        body: updateUserBody,
        response: { 200: userSchema },
      },
    },
    async (request) => usecases.updateUser(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'user.write' },
      schema: {
        tags,
        summary: '重置密码（用户下次登录须修改）',
        params: userIdParams,
        body: resetPasswordBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await usecases.resetPassword(db, actorOf(request), request.params.id, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { permission: 'user.write' },
      schema: { tags, summary: '解除登录锁定', params: userIdParams, response: { 200: userSchema } },
    },
    async (request) => usecases.unlockUser(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/users/export',
    {
      config: { permission: 'user.read' },
      schema: {
        tags,
        summary: '导出用户名单（后台任务，完成后结果中给出 .xlsx 文件编号）',
        body: exportUsersBody,
        response: { 202: jobSchema },
      },
    },
    async (request, reply) =>
      reply.status(202).send(toJobDto(await startUsersExport(deps, actorOf(request), request.body))),
  );
}
