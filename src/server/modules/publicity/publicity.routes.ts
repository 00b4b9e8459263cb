import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import {
  candidatesSchema,
  listManagedPublicityQuery,
  listPublicityQuery,
  managedPublicityListSchema,
  objectionParams,
  programIdParams,
  publicityDetailSchema,
  publicityIdParams,
  publicityListSchema,
  publicNoticeSchema,
  publicTokenParams,
  publishBody,
  recordObjectionBody,
  resolveObjectionBody,
  revealContactSchema,
  withdrawBody,
} from './publicity.schemas';
import * as usecases from './publicity.usecases';

export function registerPublicityRoutes(app: App, deps: Deps) {
  const { db } = deps;
  const tags = ['公示 publicity'];

  app.get(
    '/api/programs/:id/publicity',
    {
      config: { permission: 'program.read' },
      schema: {
        tags,
        summary: '项目的公示列表（含公示人数、金额和异议数）',
        params: programIdParams,
        querystring: listPublicityQuery,
        response: { 200: publicityListSchema },
      },
    },
    async (request) =>
      usecases.listProgramPublicities(db, actorOf(request).principal, request.params.id, request.query),
  );

  app.get(
    '/api/programs/:id/publicity/candidates',
    {
      config: { permission: 'publicity.write' },
      schema: {
        tags,
        summary: '可公示的申请：已批准且尚未列入有效公示的申请，及默认公示期',
        params: programIdParams,
        response: { 200: candidatesSchema },
      },
    },
    async (request) => usecases.listPublishCandidates(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/programs/:id/publicity',
    {
      config: { permission: 'publicity.write' },
      schema: {
        tags,
        summary: '发布公示：已批准名单（姓名脱敏、单位、金额、困难类别）的快照，公示期不少于项目公示天数',
        params: programIdParams,
        body: publishBody,
        response: { 201: publicityDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await usecases.publishPublicity(db, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/publicity',
    {
      config: { permission: 'program.read' },
      schema: {
        tags,
        summary:
          '本单位及下级单位发布的公示（跨项目）；objections=pending 只列有待本人核实处理异议的公示，这类公示排在前面',
        querystring: listManagedPublicityQuery,
        response: { 200: managedPublicityListSchema },
      },
    },
    async (request) => usecases.listManagedPublicities(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/publicity/:id',
    {
      config: { permission: 'program.read' },
      schema: {
        tags,
        summary: '公示详情：名单、异议及处理情况、公开链接',
        params: publicityIdParams,
        response: { 200: publicityDetailSchema },
      },
    },
    async (request) => usecases.getPublicity(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/publicity/:id/withdraw',
    {
      config: { permission: 'publicity.write' },
      schema: {
        tags,
        summary: '撤回公示（名单中尚无人进入发放时）',
        params: publicityIdParams,
        body: withdrawBody,
        response: { 200: publicityDetailSchema },
      },
    },
    async (request) =>
      usecases.withdrawPublicity(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/publicity/:id/objections',
    {
      config: { permission: 'publicity.write' },
      schema: {
        tags,
        summary: '登记异议（公示期内；来电、来信、来访等），针对某一对象或整个公示',
        params: publicityIdParams,
        body: recordObjectionBody,
        response: { 201: publicityDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await usecases.recordObjection(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/publicity/:id/objections/:objectionId/resolve',
    {
      config: { permission: 'publicity.resolve' },
      schema: {
        tags,
        summary: '核实处理异议：成立（退回或不予通过并释放预算；针对整个公示则撤回公示）或不成立',
        params: objectionParams,
        body: resolveObjectionBody,
        response: { 200: publicityDetailSchema },
      },
    },
    async (request) =>
      usecases.resolveObjection(
        db,
        actorOf(request),
        request.params.id,
        request.params.objectionId,
        request.body,
      ),
  );

  app.post(
    '/api/publicity/:id/objections/:objectionId/reveal-contact',
    {
      config: { permission: 'publicity.resolve', revealsPersonalData: true },
      schema: {
        tags,
        summary: '查看反映人完整联系方式（记录审计）',
        params: objectionParams,
        response: { 200: revealContactSchema },
      },
    },
    async (request) =>
      usecases.revealObjectionContact(deps, actorOf(request), request.params.id, request.params.objectionId),
  );

  app.get(
    '/api/public/publicity/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '公开的公示页面数据（无需登录）：只有脱敏名单、公示期和发布单位',
        params: publicTokenParams,
        response: { 200: publicNoticeSchema },
        security: [],
      },
    },
    async (request) => usecases.getPublicNotice(db, request.params.token),
  );
}
