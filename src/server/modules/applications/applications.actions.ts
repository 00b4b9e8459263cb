import { z } from 'zod';
import { type Actor, actedBy } from '../../common/context';
import { AppError } from '../../common/errors';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { ApplicationErrors } from './applications.errors';
import * as repo from './applications.repository';
import { approveApplication } from './applications.review';
import { reasonBody } from './applications.schemas';
import { APPLICATION_STATUSES, type ApplicationStatus } from './applications.table';
import { APPLICATION_STATUS_LABELS, getInScope, loadDetail } from './applications.usecases';

/**
 * Actions on applications beyond submission and single review: the officer withdraws an application
 * before its final decision, and a reviewer approves many at once.
 */

export const withdrawBody = reasonBody;

export const BATCH_MAX = 100;

export const batchReviewBody = z.strictObject({
  action: z.literal('approve', '批量审核目前只支持批量通过'),
  items: z
    .array(
      z.strictObject({
        id: z.uuid(),
        amountFen: z
          .int('金额应为整数分')
          .min(1, '金额必须大于 0')
          .max(10_000_000_000, '金额过大')
          .optional()
          .describe('核定金额（分），不填则按申请金额或上一环节核定金额'),
      }),
    )
    .min(1, '请至少选择一件申请')
    .max(BATCH_MAX, `一次最多批量审核 ${BATCH_MAX} 件`)
    .refine((v) => new Set(v.map((i) => i.id)).size === v.length, '同一件申请不能重复选择'),
  comment: z.string().trim().max(500, '意见不能超过 500 个字').nullable().optional(),
});
export type BatchReviewInput = z.infer<typeof batchReviewBody>;

export const batchReviewResultSchema = z.object({
  succeeded: z.int(),
  failed: z.int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      ok: z.boolean(),
      status: z.enum(APPLICATION_STATUSES).nullable().describe('处理后的状态；失败时为 null'),
      amountFen: z.int().nullable().describe('本环节核定金额（分）；失败时为 null'),
      code: z.string().nullable().describe('失败原因代码，如 PROGRAM_BUDGET_EXCEEDED'),
      message: z.string().nullable().describe('失败原因（中文）'),
      messageEn: z.string().nullable(),
    }),
  ),
});
export type BatchReviewResult = z.infer<typeof batchReviewResultSchema>;

const UNEXPECTED = {
  code: 'INTERNAL_ERROR',
  message: '系统内部错误，该件未处理，请稍后重试',
  messageEn: 'Internal error: this one was not processed, please retry later',
};

/**
 * Approves each application in its own transaction, one after another, with exactly the rules of a
 * single approval (level, own entry, caps, budget). One failure — budget exceeded, wrong level, already
 * decided — leaves the others as they are; every item answers its own result.
 */
export async function batchReview(
  db: Db,
  actor: Actor,
  input: BatchReviewInput,
  onUnexpected: (error: unknown, id: string) => void = () => {},
): Promise<BatchReviewResult> {
  const items: BatchReviewResult['items'] = [];
  for (const item of input.items) {
    try {
      const done = await approveApplication(db, actor, item.id, {
        amountFen: item.amountFen,
        comment: input.comment ?? null,
      });
      items.push({
        id: item.id,
        ok: true,
        status: done.status,
        amountFen: done.proposedFen,
        code: null,
        message: null,
        messageEn: null,
      });
    } catch (error) {
      const known = error instanceof AppError ? error : null;
      if (!known) onUnexpected(error, item.id);
      items.push({
        id: item.id,
        ok: false,
        status: null,
        amountFen: null,
        code: known?.code ?? UNEXPECTED.code,
        message: known?.message ?? UNEXPECTED.message,
        messageEn: known?.messageEn ?? UNEXPECTED.messageEn,
      });
    }
  }
  const succeeded = items.filter((i) => i.ok).length;
  return { succeeded, failed: items.length - succeeded, items };
}

const WITHDRAWABLE: ApplicationStatus[] = ['pending', 'returned'];

/**
 * The officer takes an application back before its final decision (撤回). Nothing was promised from
 * the budget yet (only the final approval takes money), and the household may apply again.
 */
export async function withdrawApplication(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const view = await getInScope(tx, actor.principal, id);
    const a = view.application;
    if (!WITHDRAWABLE.includes(a.status))
      throw ApplicationErrors.APPLICATION_WRONG_STATE({
        status: APPLICATION_STATUS_LABELS[a.status],
        statusEn: a.status,
        action: '撤回',
        actionEn: 'withdraw',
      });
    await repo.update(tx, id, { status: 'withdrawn', currentOrgId: null, decidedAt: new Date() });
    await repo.insertDecision(tx, {
      applicationId: id,
      round: a.round,
      step: null,
      level: null,
      action: 'withdrawn',
      amountFen: null,
      comment: reason,
      snapshot: { status: a.status, step: a.step, requestedFen: a.requestedFen, proposedFen: a.proposedFen },
      ...actedBy(actor),
    });
    await recordAudit(tx, actor, {
      action: 'application.withdrawn',
      entity: 'application',
      entityId: id,
      orgId: a.orgId,
      before: { status: a.status, step: a.step },
      after: { status: 'withdrawn', reason },
    });
    return loadDetail(tx, id);
  });
}
