import type { Actor, Principal } from '../../common/context';
import { businessDate } from '../../common/dates';
import { formatYuan } from '../../common/money';
import { inScope } from '../../common/scope';
import { isUniqueViolation } from '../../common/sql';
import type { Db, Executor } from '../../db/client';
import { type AuditEntryInput, recordAudit, recordAudits } from '../audit/audit.usecases';
import { getOrgInScope } from '../orgs/orgs.usecases';
import { getProgramVisible } from '../programs/programs.usecases';
import { findPaymentBlocks } from '../publicity/publicity.payability';
import { DisbursementErrors } from './disbursements.errors';
import * as repo from './disbursements.repository';
import type {
  CandidatesQuery,
  ConfirmInput,
  CreateBatchInput,
  ListBatchesQuery,
  ListLinesQuery,
} from './disbursements.schemas';
import type { BatchStatus, LineRow, LineStatus } from './disbursements.table';

/**
 * Payment batches (发放批次). A batch is created from payable applications (approved, publicity over
 * without an open objection), issued with its register, then each line is confirmed paid or failed.
 * The partial unique index on live lines is what keeps an application from being paid twice; paying
 * a line debits the sources of the application's funding split with conditional updates.
 */

export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = {
  draft: '草稿',
  issued: '发放中',
  closed: '已办结',
  cancelled: '已作废',
};
export const LINE_STATUS_LABELS: Record<LineStatus, string> = {
  pending: '待确认',
  paid: '已发放',
  failed: '发放失败',
  cancelled: '已作废',
};
export const BATCH_KIND_LABELS = { cash: '现金（银行转账）', goods: '实物' } as const;

/** "张三、李四、王五 等 12 份": error messages name the first few, details carry them all. */
function nameList(names: string[], max = 10) {
  const head = names.slice(0, max).join('、');
  return names.length > max ? `${head} 等 ${names.length} 份` : head;
}

const EMPTY_COUNTS: repo.LineCounts = {
  pending: 0,
  paid: 0,
  failed: 0,
  cancelled: 0,
  pendingFen: 0,
  paidFen: 0,
  failedFen: 0,
};

export function toBatchDto(view: repo.BatchView, counts: repo.LineCounts = EMPTY_COUNTS) {
  const b = view.batch;
  return {
    id: b.id,
    batchNo: b.batchNo,
    title: b.title,
    programId: b.programId,
    programName: view.programName,
    programYear: view.programYear,
    orgId: b.orgId,
    orgName: view.orgName,
    kind: b.kind,
    status: b.status,
    itemName: b.itemName,
    unitName: b.unitName,
    unitValueFen: b.unitValueFen,
    lineCount: b.lineCount,
    totalFen: b.totalFen,
    note: b.note,
    createdBy: b.createdBy,
    createdByName: b.createdByName,
    issuedBy: b.issuedBy,
    issuedByName: b.issuedByName,
    createdAt: b.createdAt.toISOString(),
    issuedAt: b.issuedAt?.toISOString() ?? null,
    closedAt: b.closedAt?.toISOString() ?? null,
    counts,
  };
}
export type BatchDto = ReturnType<typeof toBatchDto>;

export function toLineDto(l: LineRow) {
  return {
    id: l.id,
    position: l.position,
    applicationId: l.applicationId,
    householdId: l.householdId,
    payeeName: l.payeeName,
    idMasked: l.idMasked,
    workUnit: l.workUnit,
    bankAccountMasked: l.bankAccountMasked,
    bankName: l.bankName,
    amountFen: l.amountFen,
    quantity: l.quantity,
    status: l.status,
    failureReason: l.failureReason,
    confirmedByName: l.confirmedByName,
    confirmedAt: l.confirmedAt?.toISOString() ?? null,
  };
}

/** A batch of a paying unit in the caller's subtree, or 404 — a guessed id learns nothing. */
export async function getBatchInScope(db: Executor, principal: Principal, id: string) {
  const view = await repo.findById(db, id);
  if (!view || !inScope(principal, view.orgPath)) throw DisbursementErrors.DISBURSEMENT_NOT_FOUND();
  return view;
}

async function detail(db: Executor, id: string) {
  const view = (await repo.findById(db, id))!;
  const counts = await repo.countsByBatch(db, [id]);
  return toBatchDto(view, counts.get(id));
}

export async function getBatch(db: Db, principal: Principal, id: string) {
  await getBatchInScope(db, principal, id);
  return detail(db, id);
}

export async function listBatches(db: Db, principal: Principal, query: ListBatchesQuery) {
  const { items, total } = await repo.list(db, principal, query);
  const counts = await repo.countsByBatch(
    db,
    items.map((i) => i.batch.id),
  );
  return {
    items: items.map((v) => toBatchDto(v, counts.get(v.batch.id))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listLines(db: Db, principal: Principal, id: string, query: ListLinesQuery) {
  await getBatchInScope(db, principal, id);
  const { items, total } = await repo.listLines(db, id, query);
  return { items: items.map(toLineDto), total, page: query.page, pageSize: query.pageSize };
}

async function payingUnit(db: Executor, principal: Principal, orgId: string | undefined) {
  return getOrgInScope(db, principal, orgId ?? principal.orgId);
}

/**
 * A batch pays out of the program's fund sources, which belong to the program's unit or units above
 * it: only finance whose scope holds the program's unit creates, issues or confirms its batches. A
 * grass-roots union applies under its street's program but neither sees nor spends the street's
 * money. Anything else answers 404, like every record out of scope.
 */
function assertMayPay(principal: Principal, programOrgPath: string) {
  if (!inScope(principal, programOrgPath)) throw DisbursementErrors.DISBURSEMENT_PROGRAM_NOT_FOUND();
}

/** A new batch: besides, its paying unit is the program's unit or one above it, never one below. */
function assertPayingUnit(principal: Principal, programOrgPath: string, payingOrgPath: string) {
  assertMayPay(principal, programOrgPath);
  if (!programOrgPath.startsWith(payingOrgPath)) throw DisbursementErrors.DISBURSEMENT_PROGRAM_NOT_FOUND();
}

/** Approved applications of a program below the paying unit, each with why it cannot be paid yet. */
export async function listCandidates(db: Db, principal: Principal, query: CandidatesQuery) {
  const program = await getProgramVisible(db, principal, query.programId);
  const org = await payingUnit(db, principal, query.orgId);
  assertPayingUnit(principal, program.orgPath, org.path);
  const { items, total } = await repo.candidates(db, {
    programId: query.programId,
    orgPath: org.path,
    q: query.q,
    payableOnly: query.payableOnly,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const blocks = await findPaymentBlocks(
    db,
    items.map((i) => i.applicationId),
    businessDate(),
  );
  return {
    items: items.map((i) => {
      const inBatch = i.liveBatchNo
        ? {
            code: 'IN_BATCH',
            message: `已编入批次 ${i.liveBatchNo}（${LINE_STATUS_LABELS[i.liveStatus as LineStatus] ?? ''}）`,
            messageEn: `Already in batch ${i.liveBatchNo}`,
          }
        : null;
      return {
        applicationId: i.applicationId,
        householdId: i.householdId,
        householdName: i.householdName,
        orgName: i.orgName,
        approvedFen: i.approvedFen ?? 0,
        hasBankAccount: i.hasBankAccount,
        block: inBatch ?? blocks.get(i.applicationId) ?? null,
        previousFailures: i.previousFailures,
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Creates a draft batch from payable applications. Everything is checked inside one transaction,
 * after row locks on the applications (id order) and share locks on their publicity (taken by
 * findPaymentBlocks): refused as a whole, with each offending application named, or created whole.
 */
export async function createBatch(db: Db, actor: Actor, input: CreateBatchInput, titleSuffix = '') {
  try {
    return await db.transaction(async (tx) => {
      const program = await getProgramVisible(tx, actor.principal, input.programId);
      const org = await payingUnit(tx, actor.principal, input.orgId);
      assertPayingUnit(actor.principal, program.orgPath, org.path);
      await repo.lockApplications(tx, input.applicationIds);
      const apps = await repo.applicationsForLines(tx, input.applicationIds);
      const found = apps.filter((a) => a.programId === program.program.id && a.orgPath.startsWith(org.path));
      if (found.length !== input.applicationIds.length) {
        const ok = new Set(found.map((a) => a.id));
        const missing = input.applicationIds.filter((id) => !ok.has(id));
        throw DisbursementErrors.DISBURSEMENT_APPLICATION_NOT_FOUND(
          { count: missing.length },
          { applicationIds: missing },
        );
      }
      const nameOf = new Map(found.map((a) => [a.id, a.payeeName]));
      const blocks = await findPaymentBlocks(tx, input.applicationIds, businessDate());
      if (blocks.size) {
        const blocked = [...blocks].map(([id, b]) => ({
          applicationId: id,
          householdName: nameOf.get(id) ?? '',
          ...b,
        }));
        throw DisbursementErrors.DISBURSEMENT_BLOCKED(
          {
            count: blocked.length,
            list: nameList(blocked.map((b) => `${b.householdName}（${b.message}）`)),
          },
          { blocked },
        );
      }
      const live = await repo.liveLinesOf(tx, input.applicationIds);
      if (live.length)
        throw DisbursementErrors.DISBURSEMENT_ALREADY_IN_BATCH(
          { list: nameList(live.map((l) => `${l.payeeName}（批次 ${l.batchNo}）`)) },
          { lines: live },
        );
      if (input.kind === 'cash') {
        const noAccount = found.filter((a) => !a.bankAccountCipher);
        if (noAccount.length)
          throw DisbursementErrors.DISBURSEMENT_NO_BANK_ACCOUNT(
            { list: nameList(noAccount.map((a) => a.payeeName)) },
            { applicationIds: noAccount.map((a) => a.id) },
          );
      }
      const unitValue = input.kind === 'goods' ? input.unitValueFen! : null;
      if (unitValue) {
        const odd = found.filter((a) => (a.approvedFen ?? 0) % unitValue !== 0);
        if (odd.length)
          throw DisbursementErrors.DISBURSEMENT_GOODS_QUANTITY(
            {
              unitValue: formatYuan(unitValue),
              list: nameList(odd.map((a) => `${a.payeeName}（${formatYuan(a.approvedFen ?? 0)} 元）`)),
            },
            { applicationIds: odd.map((a) => a.id) },
          );
      }
      // Register order: by work unit, then payee name (how the units hand out and sign).
      const collator = new Intl.Collator('zh-CN');
      found.sort(
        (a, b) =>
          collator.compare(a.workUnit, b.workUnit) ||
          collator.compare(a.payeeName, b.payeeName) ||
          a.id.localeCompare(b.id),
      );
      const totalFen = found.reduce((n, a) => n + (a.approvedFen ?? 0), 0);
      const seq = await repo.nextSeq(tx);
      const p = program.program;
      const batchNo = `FF${p.year}-${String(seq).padStart(6, '0')}`;
      const batch = await repo.insertBatch(tx, {
        seq,
        batchNo,
        programId: p.id,
        orgId: org.id,
        kind: input.kind,
        title: input.title ?? `${p.name}${input.kind === 'goods' ? '实物' : '资金'}发放${titleSuffix}`,
        itemName: input.kind === 'goods' ? input.itemName! : null,
        unitName: input.kind === 'goods' ? (input.unitName ?? '份') : null,
        unitValueFen: unitValue,
        lineCount: found.length,
        totalFen,
        note: input.note ?? null,
        createdBy: actor.principal.userId,
        createdByName: actor.principal.displayName,
      });
      await repo.insertLines(
        tx,
        found.map((a, i) => ({
          batchId: batch.id,
          position: i + 1,
          applicationId: a.id,
          programId: p.id,
          householdId: a.householdId,
          orgId: a.orgId,
          payeeName: a.payeeName,
          idMasked: a.idMasked,
          workUnit: a.workUnit,
          bankAccountCipher: a.bankAccountCipher,
          bankAccountMasked: a.bankAccountMasked,
          bankName: a.bankName,
          amountFen: a.approvedFen ?? 0,
          quantity: unitValue ? (a.approvedFen ?? 0) / unitValue : null,
        })),
      );
      await recordAudit(tx, actor, {
        action: 'disbursement.created',
        entity: 'disbursement_batch',
        entityId: batch.id,
        orgId: org.id,
        after: {
          batchNo,
          programId: p.id,
          kind: input.kind,
          itemName: batch.itemName,
          unitValueFen: unitValue,
          lineCount: found.length,
          totalFen,
          applicationIds: found.map((a) => a.id),
        },
      });
      return detail(tx, batch.id);
    });
  } catch (error) {
    // Two batches racing for one application: the live-line index lets exactly one through.
    if (isUniqueViolation(error))
      throw DisbursementErrors.DISBURSEMENT_ALREADY_IN_BATCH({
        list: '其他批次刚刚编入了所选申请，请刷新后重试',
      });
    throw error;
  }
}

function wrongState(status: BatchStatus, action: string, actionEn: string) {
  return DisbursementErrors.DISBURSEMENT_WRONG_STATE({
    status: BATCH_STATUS_LABELS[status],
    statusEn: status,
    action,
    actionEn,
  });
}

/**
 * The register goes out: from now on lines are confirmed, no longer withdrawn with the batch. Issuing
 * is the review of the batch (复核): never by the person who prepared it (制单人与复核人分离), so one
 * finance user alone cannot both choose the payees and send the money out.
 */
export async function issueBatch(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const view = await getBatchInScope(tx, actor.principal, id);
    assertMayPay(actor.principal, view.programOrgPath);
    const b = view.batch;
    if (b.status === 'issued') return detail(tx, id); // a retry: same outcome, no second effect
    if (b.status !== 'draft') throw wrongState(b.status, '开始发放', 'issue');
    if (b.createdBy === actor.principal.userId)
      throw DisbursementErrors.DISBURSEMENT_SAME_PERSON({ name: b.createdByName });
    await repo.updateBatch(tx, id, {
      status: 'issued',
      issuedBy: actor.principal.userId,
      issuedByName: actor.principal.displayName,
      issuedAt: new Date(),
    });
    await recordAudit(tx, actor, {
      action: 'disbursement.issued',
      entity: 'disbursement_batch',
      entityId: id,
      orgId: b.orgId,
      before: { status: b.status },
      after: { status: 'issued', preparedBy: b.createdBy, reviewedBy: actor.principal.userId },
    });
    return detail(tx, id);
  });
}

/** A draft withdrawn: its lines are released, so the applications may go into another batch. */
export async function cancelBatch(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const view = await getBatchInScope(tx, actor.principal, id);
    const b = view.batch;
    if (b.status === 'cancelled') return detail(tx, id);
    if (b.status !== 'draft') throw wrongState(b.status, '作废', 'cancel');
    await repo.cancelPendingLines(tx, id);
    await repo.updateBatch(tx, id, { status: 'cancelled', closedAt: new Date() });
    await recordAudit(tx, actor, {
      action: 'disbursement.cancelled',
      entity: 'disbursement_batch',
      entityId: id,
      orgId: b.orgId,
      before: { status: b.status },
      after: { status: 'cancelled', reason },
    });
    return detail(tx, id);
  });
}

/**
 * Confirms lines paid or failed, one or many at once. Lines already in the requested state are left
 * as they are (a retried confirmation has one effect); any other non-pending line refuses the whole
 * request. Paying debits the sources of each application's funding split: fund sources first, then
 * the program's balances, each in source-id order with a conditional update — the same order as an
 * allocation (source, then program balance), and approvals only take program balances, so no cycle.
 */
export async function confirmLines(db: Db, actor: Actor, id: string, input: ConfirmInput) {
  return db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const view = await getBatchInScope(tx, actor.principal, id);
    assertMayPay(actor.principal, view.programOrgPath);
    const b = view.batch;
    const target: LineStatus = input.result;
    const action = target === 'paid' ? '确认已发放' : '确认发放失败';
    const actionEn = target === 'paid' ? 'confirm paid' : 'confirm failed';
    if (b.status !== 'issued' && b.status !== 'closed') throw wrongState(b.status, action, actionEn);
    const lines = await repo.lockLines(tx, id, input.lineIds ?? null);
    if (input.lineIds && lines.length !== input.lineIds.length)
      throw DisbursementErrors.DISBURSEMENT_LINE_NOT_FOUND({ count: input.lineIds.length - lines.length });
    const change: LineRow[] = [];
    for (const l of lines) {
      if (l.status === target) continue;
      if (l.status !== 'pending')
        throw DisbursementErrors.DISBURSEMENT_LINE_WRONG_STATE({
          position: l.position,
          name: l.payeeName,
          status: LINE_STATUS_LABELS[l.status],
          statusEn: l.status,
          action,
          actionEn,
        });
      change.push(l);
    }
    if (target === 'paid' && change.length) await debit(tx, b.programId, change);
    const now = new Date();
    await repo.setLineStatus(
      tx,
      change.map((l) => l.id),
      {
        status: target,
        failureReason: target === 'failed' ? input.reason! : null,
        confirmedBy: actor.principal.userId,
        confirmedByName: actor.principal.displayName,
        confirmedAt: now,
      },
    );
    const closing = b.status === 'issued' && (await repo.countPending(tx, id)) === 0;
    if (closing) await repo.updateBatch(tx, id, { status: 'closed', closedAt: now });
    else if (change.length) await repo.updateBatch(tx, id, {});
    const entries: AuditEntryInput[] = change.map((l) => ({
      action: target === 'paid' ? 'disbursement.line_paid' : 'disbursement.line_failed',
      entity: 'disbursement_line',
      entityId: l.id,
      orgId: b.orgId,
      before: { status: l.status },
      after: {
        status: target,
        batchId: id,
        applicationId: l.applicationId,
        amountFen: l.amountFen,
        reason: target === 'failed' ? input.reason : null,
      },
    }));
    if (closing)
      entries.push({
        action: 'disbursement.closed',
        entity: 'disbursement_batch',
        entityId: id,
        orgId: b.orgId,
        before: { status: 'issued' },
        after: { status: 'closed', totalFen: b.totalFen },
      });
    await recordAudits(tx, actor, entries);
    return { batch: await detail(tx, id), changed: change.length, unchanged: lines.length - change.length };
  });
}

async function debit(tx: Executor, programId: string, lines: LineRow[]) {
  const approved = await repo.approvedAmongst(
    tx,
    lines.map((l) => l.applicationId),
  );
  const gone = lines.find((l) => !approved.has(l.applicationId));
  if (gone)
    throw DisbursementErrors.DISBURSEMENT_APPLICATION_NOT_APPROVED({
      position: gone.position,
      name: gone.payeeName,
    });
  const { perSource, perApplication } = await repo.fundingsOf(
    tx,
    lines.map((l) => l.applicationId),
  );
  for (const l of lines)
    if (perApplication.get(l.applicationId) !== l.amountFen)
      throw new Error(`funding split of application ${l.applicationId} does not add up to its line`);
  const sources = [...perSource.keys()].sort();
  const refuse = async (sourceId: string) => {
    const [s] = await repo.sourceNames(tx, [sourceId]);
    return DisbursementErrors.DISBURSEMENT_OVER_APPROVED({ name: s?.name ?? sourceId });
  };
  for (const s of sources) if (!(await repo.debitSource(tx, s, perSource.get(s)!))) throw await refuse(s);
  for (const s of sources)
    if (!(await repo.debitProgramSource(tx, programId, s, perSource.get(s)!))) throw await refuse(s);
}

/** The failed lines of a batch, not yet paid elsewhere, into a new draft batch of the same kind. */
export async function rebatch(
  db: Db,
  actor: Actor,
  id: string,
  input: { title?: string; note?: string | null },
) {
  const view = await getBatchInScope(db, actor.principal, id);
  const failed = await repo.failedNotRebatched(db, id);
  if (!failed.length) throw DisbursementErrors.DISBURSEMENT_NOTHING_TO_REBATCH();
  const b = view.batch;
  return createBatch(
    db,
    actor,
    {
      programId: b.programId,
      orgId: b.orgId,
      kind: b.kind,
      title: input.title,
      itemName: b.itemName ?? undefined,
      unitName: b.unitName ?? undefined,
      unitValueFen: b.unitValueFen ?? undefined,
      applicationIds: failed.map((f) => f.applicationId),
      note: input.note ?? `重新发放批次 ${b.batchNo} 中发放失败的 ${failed.length} 户`,
    },
    `（补发 ${b.batchNo}）`,
  );
}
