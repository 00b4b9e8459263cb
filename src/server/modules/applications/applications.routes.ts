import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import * as actions from './applications.actions';
import * as review from './applications.review';
import {
  applicationDetailSchema,
  applicationIdParams,
  applicationListSchema,
  approveBody,
  createApplicationBody,
  eligibilityResultSchema,
  listApplicationsQuery,
  reasonBody,
  resubmitBody,
} from './applications.schemas';
import * as usecases from './applications.usecases';

export function registerApplicationRoutes(app: App, { db }: Deps) {
  const tags = ['帮扶申请 applications'];

  app.get(
    '/api/applications',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '帮扶申请列表（awaitingMe=true：待本单位审核）',
        querystring: listApplicationsQuery,
        response: { 200: applicationListSchema },
      },
    },
    async (request) => usecases.listApplications(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/applications/:id',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '帮扶申请详情（含各环节决定快照和资金来源）',
        params: applicationIdParams,
        response: { 200: applicationDetailSchema },
      },
    },
    async (request) => usecases.getApplication(db, actorOf(request).principal, request.params.id),
  );

  app.get(
    '/api/applications/:id/eligibility',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '待审申请按当前档案和已批金额实时核定的资格与可批上限',
        params: applicationIdParams,
        response: { 200: eligibilityResultSchema },
      },
    },
    async (request) => usecases.currentEligibility(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/applications/check',
    {
      config: { permission: 'application.write' },
      schema: {
        tags,
        summary: '预审：检查是否符合申请条件及可申请上限（不保存）',
        body: createApplicationBody,
        response: { 200: eligibilityResultSchema },
      },
    },
    async (request) => usecases.checkApplication(db, actorOf(request), request.body),
  );

  app.post(
    '/api/applications',
    {
      config: { permission: 'application.write' },
      schema: {
        tags,
        summary: '提交帮扶申请（须已建档；不符合条件时说明原因）',
        body: createApplicationBody,
        response: { 201: applicationDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.createApplication(db, actorOf(request), request.body)),
  );

  app.post(
    '/api/applications/:id/resubmit',
    {
      config: { permission: 'application.write' },
      schema: {
        tags,
        summary: '补充后重新提交退回的申请',
        params: applicationIdParams,
        body: resubmitBody,
        response: { 200: applicationDetailSchema },
      },
    },
    async (request) => usecases.resubmitApplication(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/applications/:id/approve',
    {
      config: { permission: 'application.review' },
      schema: {
        tags,
        summary: '本环节审核通过（可核减金额；最后环节占用项目资金）',
        params: applicationIdParams,
        body: approveBody,
        response: { 200: applicationDetailSchema },
      },
    },
    async (request) => review.approveApplication(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/applications/:id/return',
    {
      config: { permission: 'application.review' },
      schema: {
        tags,
        summary: '退回补充材料',
        params: applicationIdParams,
        body: reasonBody,
        response: { 200: applicationDetailSchema },
      },
    },
    async (request) => review.returnApplication(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/applications/:id/reject',
    {
      config: { permission: 'application.review' },
      schema: {
        tags,
        summary: '不予通过（须说明原因）',
        params: applicationIdParams,
        body: reasonBody,
        response: { 200: applicationDetailSchema },
      },
    },
    async (request) => review.rejectApplication(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/applications/batch-review',
    {
      config: { permission: 'application.review' },
      schema: {
        tags,
        summary: '批量审核通过（逐件办理，各自成败，返回每件的结果）',
        body: actions.batchReviewBody,
        response: { 200: actions.batchReviewResultSchema },
      },
    },
    async (request) =>
      actions.batchReview(db, actorOf(request), request.body, (error, id) =>
        request.log.error({ err: error, applicationId: id }, 'batch review item failed'),
      ),
  );

  app.post(
    '/api/applications/:id/withdraw',
    {
      config: { permission: 'application.write' },
      schema: {
        tags,
        summary: '撤回申请（终审决定之前，须说明原因）',
        params: applicationIdParams,
        body: actions.withdrawBody,
        response: { 200: applicationDetailSchema },
      },
    },
    async (request) =>
      actions.withdrawApplication(db, actorOf(request), request.params.id, request.body.reason),
  );
}
