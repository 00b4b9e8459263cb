import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import { jobSchema } from '../jobs/jobs.routes';
import { toJobDto } from '../jobs/jobs.usecases';
import { startRegister } from './disbursements.register';
import {
  batchIdParams,
  batchListSchema,
  batchSchema,
  cancelBody,
  candidateListSchema,
  candidatesQuery,
  confirmBody,
  confirmResultSchema,
  createBatchBody,
  lineListSchema,
  listBatchesQuery,
  listLinesQuery,
  rebatchBody,
  registerBody,
} from './disbursements.schemas';
import * as usecases from './disbursements.usecases';

export function registerDisbursementRoutes(app: App, deps: Deps) {
  const { db } = deps;
  const tags = ['发放 disbursements'];

  app.get(
    '/api/disbursements',
    {
      config: { permission: 'disbursement.read' },
      schema: {
        tags,
        summary: '发放批次列表（按项目、状态、发放方式筛选）',
        querystring: listBatchesQuery,
        response: { 200: batchListSchema },
      },
    },
    async (request) => usecases.listBatches(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/disbursements/candidates',
    {
      config: { permission: 'disbursement.write' },
      schema: {
        tags,
        summary: '可编入批次的已批准申请（不能发放的附原因：公示未结束、有异议、已在批次中等）',
        querystring: candidatesQuery,
        response: { 200: candidateListSchema },
      },
    },
    async (request) => usecases.listCandidates(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/disbursements/:id',
    {
      config: { permission: 'disbursement.read' },
      schema: {
        tags,
        summary: '发放批次详情（含待确认、已发放、失败的笔数和金额）',
        params: batchIdParams,
        response: { 200: batchSchema },
      },
    },
    async (request) => usecases.getBatch(db, actorOf(request).principal, request.params.id),
  );

  app.get(
    '/api/disbursements/:id/lines',
    {
      config: { permission: 'disbursement.read' },
      schema: {
        tags,
        summary: '发放明细（银行账号脱敏显示）',
        params: batchIdParams,
        querystring: listLinesQuery,
        response: { 200: lineListSchema },
      },
    },
    async (request) => usecases.listLines(db, actorOf(request).principal, request.params.id, request.query),
  );

  app.post(
    '/api/disbursements',
    {
      config: { permission: 'disbursement.write' },
      schema: {
        tags,
        summary: '新建发放批次（现金或实物；只能编入已过公示期且无异议的已批准申请）',
        body: createBatchBody,
        response: { 201: batchSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.createBatch(db, actorOf(request), request.body)),
  );

  app.post(
    '/api/disbursements/:id/issue',
    {
      config: { permission: 'disbursement.write' },
      schema: {
        tags,
        summary: '开始发放（草稿 → 发放中，此后逐笔确认）',
        params: batchIdParams,
        response: { 200: batchSchema },
      },
    },
    async (request) => usecases.issueBatch(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/disbursements/:id/cancel',
    {
      config: { permission: 'disbursement.write' },
      schema: {
        tags,
        summary: '作废草稿批次（释放其中的申请）',
        params: batchIdParams,
        body: cancelBody,
        response: { 200: batchSchema },
      },
    },
    async (request) => usecases.cancelBatch(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/disbursements/:id/confirm',
    {
      config: { permission: 'disbursement.confirm' },
      schema: {
        tags,
        summary: '确认发放结果（逐笔或批量：已发放 / 发放失败并说明原因）',
        params: batchIdParams,
        body: confirmBody,
        response: { 200: confirmResultSchema },
      },
    },
    async (request) => usecases.confirmLines(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/disbursements/:id/rebatch',
    {
      config: { permission: 'disbursement.write' },
      schema: {
        tags,
        summary: '将发放失败的明细编入新批次（补发）',
        params: batchIdParams,
        body: rebatchBody,
        response: { 201: batchSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.rebatch(db, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/disbursements/:id/register',
    {
      config: { permission: 'disbursement.read' },
      schema: {
        tags,
        summary:
          '生成发放登记册 .xlsx / .docx（后台任务；银行账号默认脱敏，unmasked 需财务的“登记册完整账号”或“查看完整信息”权限，并记入审计）',
        params: batchIdParams,
        body: registerBody,
        response: { 202: jobSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(toJobDto(await startRegister(deps, actorOf(request), request.params.id, request.body))),
  );
}
