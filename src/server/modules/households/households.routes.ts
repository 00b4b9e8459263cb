import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import { getHouseholdForCaller } from './households.decider';
import { householdDetailForCallerSchema } from './households.decider.schemas';
import * as exit from './households.exit';
import { revealField } from './households.reveal';
import * as review from './households.review';
import {
  createHouseholdBody,
  decideBody,
  decisionListSchema,
  householdDetailSchema,
  householdIdParams,
  householdPageSchema,
  incomeRecordBody,
  incomeRecordListSchema,
  listHouseholdsQuery,
  proposeExitBody,
  reasonBody,
  revealBody,
  revealSchema,
  statsQuery,
  statsSchema,
  updateHouseholdBody,
  withdrawBody,
} from './households.schemas';
import * as usecases from './households.usecases';

export function registerHouseholdRoutes(app: App, deps: Deps) {
  const { db } = deps;
  const tags = ['困难职工档案 households'];
  const detail = { 200: householdDetailSchema };

  app.get(
    '/api/households',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '困难职工档案列表（管辖范围内，身份证号和电话已脱敏）',
        querystring: listHouseholdsQuery,
        response: { 200: householdPageSchema },
      },
    },
    async (request) => usecases.listHouseholds(deps, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/households/stats',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '按困难类别和状态统计户数',
        querystring: statsQuery,
        response: { 200: statsSchema },
      },
    },
    async (request) => usecases.householdStats(deps, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/households/:id',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '档案详情（含家庭成员、收支、类别认定、时间线，以及当前待办的审核由谁决定、本人能否决定）',
        params: householdIdParams,
        response: { 200: householdDetailForCallerSchema },
      },
    },
    async (request) => getHouseholdForCaller(db, actorOf(request).principal, request.params.id),
  );

  app.get(
    '/api/households/:id/decisions',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '历次困难类别认定（快照，不随政策调整而改变）',
        params: householdIdParams,
        response: { 200: decisionListSchema },
      },
    },
    async (request) => usecases.listDecisions(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/households',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: '新建档案（草稿）',
        body: createHouseholdBody,
        response: { 201: householdDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await usecases.createHousehold(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/api/households/:id',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: '修改档案（仅草稿或退回补充；列表字段整体替换）',
        params: householdIdParams,
        body: updateHouseholdBody,
        response: detail,
      },
    },
    async (request) => usecases.updateHousehold(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/households/:id/submit',
    {
      config: { permission: 'household.write' },
      schema: { tags, summary: '提交审核', params: householdIdParams, response: detail },
    },
    async (request) => review.submitHousehold(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/households/:id/withdraw',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: '作废草稿或退回的档案（释放身份证号）',
        params: householdIdParams,
        body: withdrawBody,
        response: detail,
      },
    },
    async (request) => review.withdrawHousehold(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/households/:id/approve',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary: '审核通过（基层工会 → 乡镇（街道）工会 → 建档）',
        params: householdIdParams,
        body: decideBody,
        response: detail,
      },
    },
    async (request) => review.approveHousehold(db, actorOf(request), request.params.id, request.body.comment),
  );

  app.post(
    '/api/households/:id/return',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary: '退回补充材料',
        params: householdIdParams,
        body: reasonBody,
        response: detail,
      },
    },
    async (request) => review.returnHousehold(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/households/:id/reject',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary: '不予通过（须说明原因）',
        params: householdIdParams,
        body: reasonBody,
        response: detail,
      },
    },
    async (request) => review.rejectHousehold(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/households/:id/reveal',
    {
      config: { permission: 'household.reveal', revealsPersonalData: true },
      schema: {
        tags,
        summary: '查看完整的身份证号、电话、银行账号等（记入审计日志）',
        params: householdIdParams,
        body: revealBody,
        response: { 200: revealSchema },
      },
    },
    async (request) => revealField(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/households/:id/income-records',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '月收入登记（新月份在前）',
        params: householdIdParams,
        response: { 200: incomeRecordListSchema },
      },
    },
    async (request) => exit.listIncomeRecords(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/households/:id/income-records',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: '登记（或更正）某月家庭收入；连续达到政策月数高于低保时自动提出脱困',
        params: householdIdParams,
        body: incomeRecordBody,
        response: { 200: incomeRecordListSchema },
      },
    },
    async (request) => exit.recordMonthlyIncome(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/households/:id/propose-exit',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: '申请脱困（本人申请或经办核实），待审核确认',
        params: householdIdParams,
        body: proposeExitBody,
        response: detail,
      },
    },
    async (request) => exit.proposeExit(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/households/:id/confirm-exit',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary: '确认脱困（释放身份证号，档案保留）',
        params: householdIdParams,
        body: decideBody,
        response: detail,
      },
    },
    async (request) => exit.confirmExit(db, actorOf(request), request.params.id, request.body.comment),
  );

  app.post(
    '/api/households/:id/decline-exit',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary: '不同意脱困，档案继续保留',
        params: householdIdParams,
        body: reasonBody,
        response: detail,
      },
    },
    async (request) => exit.declineExit(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/households/:id/relapse',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: '返困：重新打开同一档案（保留历史），再次提交审核',
        params: householdIdParams,
        body: reasonBody,
        response: detail,
      },
    },
    async (request) => exit.relapseHousehold(db, actorOf(request), request.params.id, request.body.reason),
  );
}
