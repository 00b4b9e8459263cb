import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import {
  allocateBody,
  createProgramBody,
  listProgramsQuery,
  programDetailSchema,
  programIdParams,
  programListSchema,
  returnAllocationBody,
  updateProgramBody,
} from './programs.schemas';
import * as usecases from './programs.usecases';

export function registerProgramRoutes(app: App, { db }: Deps) {
  const tags = ['帮扶项目 programs'];

  app.get(
    '/api/programs',
    {
      config: { permission: 'program.read' },
      schema: {
        tags,
        summary: '帮扶项目列表（本单位及下级的项目，和覆盖本单位的上级项目）',
        querystring: listProgramsQuery,
        response: { 200: programListSchema },
      },
    },
    async (request) => usecases.listPrograms(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/programs/:id',
    {
      config: { permission: 'program.read' },
      schema: {
        tags,
        summary: '帮扶项目详情（含各资金来源的安排与已批金额）',
        params: programIdParams,
        response: { 200: programDetailSchema },
      },
    },
    async (request) => usecases.getProgram(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/programs',
    {
      config: { permission: 'program.write' },
      schema: {
        tags,
        summary: '新建帮扶项目',
        body: createProgramBody,
        response: { 201: programDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.createProgram(db, actorOf(request), request.body)),
  );

  app.patch(
    '/api/programs/:id',
    {
      config: { permission: 'program.write' },
      schema: {
        tags,
        summary: '修改帮扶项目（已有申请后只能改申报时间、所需材料和名称）',
        params: programIdParams,
        body: updateProgramBody,
        response: { 200: programDetailSchema },
      },
    },
    async (request) => usecases.updateProgram(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/programs/:id/allocations',
    {
      config: { permission: 'fund.write' },
      schema: {
        tags,
        summary: '从资金来源安排资金到项目（专款专用）',
        params: programIdParams,
        body: allocateBody,
        response: { 200: programDetailSchema },
      },
    },
    async (request) => usecases.allocateToProgram(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/programs/:id/allocations/return',
    {
      config: { permission: 'fund.write' },
      schema: {
        tags,
        summary: '减少项目从某资金来源的安排，退回资金来源（如年终结余退回）；不得少于已批给申请的金额',
        params: programIdParams,
        body: returnAllocationBody,
        response: { 200: programDetailSchema },
      },
    },
    async (request) => usecases.returnFromProgram(db, actorOf(request), request.params.id, request.body),
  );
}
