import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import * as annual from './households.annual-review';
import * as duplicates from './households.duplicates';
import {
  annualReviewBody,
  duePageSchema,
  dueQuery,
  duplicateCheckBody,
  duplicateListSchema,
  duplicatePairPageSchema,
  duplicatePairsQuery,
  findingBody,
  notDuplicateBody,
  notDuplicateSchema,
  sampleBody,
  sampleIdParams,
  sampleItemParams,
  sampleListQuery,
  samplePageSchema,
  sampleSchema,
} from './households.review-dedup.schemas';
import { householdDetailSchema, householdIdParams } from './households.schemas';

/** Duplicate suggestions (疑似重复) and annual review (年审, 抽查) of the household archive. */
export function registerHouseholdReviewDedupRoutes(app: App, deps: Deps) {
  const { db } = deps;
  const tags = ['困难职工档案 households'];

  app.get(
    '/api/households/duplicates',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary: '疑似重复档案（成对列出，姓名相似、同一手机号；已标记“非重复”的不再出现）',
        querystring: duplicatePairsQuery,
        response: { 200: duplicatePairPageSchema },
      },
    },
    async (request) => duplicates.listDuplicatePairs(db, actorOf(request).principal, request.query),
  );

  // A POST that changes nothing: the typed phone number travels in the body, out of URLs and access logs.
  app.post(
    '/api/households/duplicates/check',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary:
          '录入中的档案（尚未保存或正在修改）可能与哪些档案重复：按姓名、所在单位、手机号在管辖范围内查找，不保存任何内容',
        body: duplicateCheckBody,
        response: { 200: duplicateListSchema },
      },
    },
    async (request) => duplicates.checkEntryDuplicates(deps, actorOf(request).principal, request.body),
  );

  app.get(
    '/api/households/:id/duplicates',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '与该档案疑似重复的档案（管辖范围内，含相似度和原因）',
        params: householdIdParams,
        response: { 200: duplicateListSchema },
      },
    },
    async (request) => duplicates.listDuplicateCandidates(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/households/:id/not-duplicate',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary: '标记两份档案“不是重复”（不再提示，记入审计日志）',
        params: householdIdParams,
        body: notDuplicateBody,
        response: { 200: notDuplicateSchema },
      },
    },
    async (request) => duplicates.markNotDuplicate(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/households/annual-review/due',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '年审工作清单：到期和逾期未年审的档案',
        querystring: dueQuery,
        response: { 200: duePageSchema },
      },
    },
    async (request) => annual.listDueReviews(db, actorOf(request).principal, request.query),
  );

  app.post(
    '/api/households/:id/annual-review',
    {
      config: { permission: 'household.write' },
      schema: {
        tags,
        summary: '登记年审（按现行政策重新认定类别，顺延下次年审日期）',
        params: householdIdParams,
        body: annualReviewBody,
        response: { 200: householdDetailSchema },
      },
    },
    async (request) => annual.recordAnnualReview(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/households/annual-review/samples',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary:
          '上级抽查：按种子可复现地随机抽取当年已年审档案（不少于 30%）；每个单位每年一份样本，登记抽查结果前可重新抽取',
        body: sampleBody,
        response: { 201: sampleSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await annual.drawReviewSample(db, actorOf(request), request.body)),
  );

  app.get(
    '/api/households/annual-review/samples',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '某年度管辖范围内各单位的抽查样本及进度（已抽查户数 / 抽中户数；含被重新抽取替代的样本）',
        querystring: sampleListQuery,
        response: { 200: samplePageSchema },
      },
    },
    async (request) => annual.listReviewSamples(db, actorOf(request).principal, request.query),
  );

  app.get(
    '/api/households/annual-review/samples/:id',
    {
      config: { permission: 'household.read' },
      schema: {
        tags,
        summary: '抽查批次及抽中的档案、抽查结果',
        params: sampleIdParams,
        response: { 200: sampleSchema },
      },
    },
    async (request) => annual.getReviewSample(db, actorOf(request).principal, request.params.id),
  );

  app.post(
    '/api/households/annual-review/samples/:id/items/:householdId/finding',
    {
      config: { permission: 'household.review' },
      schema: {
        tags,
        summary: '登记抽查结果（属实 / 发现问题）',
        params: sampleItemParams,
        body: findingBody,
        response: { 200: sampleSchema },
      },
    },
    async (request) =>
      annual.recordFinding(db, actorOf(request), request.params.id, request.params.householdId, request.body),
  );
}
