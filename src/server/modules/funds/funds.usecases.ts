import type { Actor, Principal } from '../../common/context';
import { formatYuan } from '../../common/money';
import { inScope } from '../../common/scope';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { getOrgInScope } from '../orgs/orgs.usecases';
import { FundErrors } from './funds.errors';
import * as repo from './funds.repository';
import type { CreateFundInput, ListFundsQuery, UpdateFundInput } from './funds.schemas';
import type { FundSourceRow } from './funds.table';

export const FUND_KIND_LABELS = {
  government: '政府拨款',
  union_funds: '工会经费',
  upper_union: '上级工会下拨',
  donation: '社会捐赠',
  other: '其他',
} as const;

function toFundDto(found: repo.FundWithOrg) {
  const s = found.source;
  return {
    id: s.id,
    orgId: s.orgId,
    orgName: found.orgName,
    name: s.name,
    kind: s.kind,
    year: s.year,
    receivedFen: s.receivedFen,
    allocatedFen: s.receivedFen - s.unallocatedFen,
    unallocatedFen: s.unallocatedFen,
    spentFen: s.spentFen,
    receivedOn: s.receivedOn,
    note: s.note,
    createdAt: s.createdAt.toISOString(),
  };
}

export async function getFundInScope(db: Executor, principal: Principal, id: string) {
  const found = await repo.findById(db, id);
  if (!found || !inScope(principal, found.orgPath)) throw FundErrors.FUND_NOT_FOUND();
  return found;
}

export async function getFund(db: Db, principal: Principal, id: string) {
  return toFundDto(await getFundInScope(db, principal, id));
}

export async function listFunds(db: Db, principal: Principal, query: ListFundsQuery) {
  return { items: (await repo.list(db, principal, query)).map(toFundDto) };
}

export async function createFund(db: Db, actor: Actor, input: CreateFundInput) {
  return db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, actor.principal, input.orgId);
    const row = await repo.insert(tx, {
      orgId: org.id,
      name: input.name,
      kind: input.kind,
      year: input.year,
      receivedFen: input.receivedFen,
      unallocatedFen: input.receivedFen,
      receivedOn: input.receivedOn ?? null,
      note: input.note ?? null,
      createdBy: actor.principal.userId,
    });
    await recordAudit(tx, actor, {
      action: 'fund.created',
      entity: 'fund_source',
      entityId: row.id,
      orgId: org.id,
      after: snapshot(row),
    });
    return toFundDto({ source: row, orgName: org.name, orgPath: org.path });
  });
}

/** Corrects a source: name, note, date, or the amount received while what is earmarked still fits. */
export async function updateFund(db: Db, actor: Actor, id: string, input: UpdateFundInput) {
  return db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const found = await getFundInScope(tx, actor.principal, id);
    const before = found.source;
    const row = await repo.update(tx, id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.note === undefined ? {} : { note: input.note }),
      ...(input.receivedOn === undefined ? {} : { receivedOn: input.receivedOn }),
      ...(input.receivedFen === undefined ? {} : { receivedFen: input.receivedFen }),
    });
    if (!row) {
      const allocated = before.receivedFen - before.unallocatedFen;
      throw FundErrors.FUND_BELOW_ALLOCATED(
        { name: before.name, allocated: formatYuan(allocated), amount: formatYuan(input.receivedFen ?? 0) },
        { allocatedFen: allocated, requestedFen: input.receivedFen },
      );
    }
    await recordAudit(tx, actor, {
      action: 'fund.updated',
      entity: 'fund_source',
      entityId: id,
      orgId: row.orgId,
      before: snapshot(before),
      after: snapshot(row),
    });
    return toFundDto({ ...found, source: row });
  });
}

function snapshot(row: FundSourceRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

/**
 * For the programs module: earmarks `amountFen` of a source to a program, inside the caller's
 * transaction. The source must be in the caller's scope, of the program's year, and owned by the
 * program's unit or a unit above it. The conditional update is the guard: two concurrent earmarks
 * can never together exceed what was received. The caller writes the audit entry (`fundEarmarkAudit`)
 * as the last step of its transaction, after its own row locks, like every audit write.
 */
export async function earmarkFromSource(
  tx: Executor,
  actor: Actor,
  input: {
    sourceId: string;
    amountFen: number;
    program: { id: string; year: number; orgPath: string };
  },
) {
  const found = await getFundInScope(tx, actor.principal, input.sourceId);
  const s = found.source;
  if (s.year !== input.program.year)
    throw FundErrors.FUND_WRONG_YEAR({ name: s.name, sourceYear: s.year, programYear: input.program.year });
  if (!input.program.orgPath.startsWith(found.orgPath))
    throw FundErrors.FUND_NOT_ABOVE_PROGRAM({ unit: found.orgName });
  const after = await repo.takeUnallocated(tx, s.id, input.amountFen);
  if (!after) {
    const current = (await repo.findById(tx, s.id))!.source;
    throw FundErrors.FUND_INSUFFICIENT(
      { name: s.name, remaining: formatYuan(current.unallocatedFen), amount: formatYuan(input.amountFen) },
      { unallocatedFen: current.unallocatedFen, requestedFen: input.amountFen },
    );
  }
  return {
    id: s.id,
    name: s.name,
    orgId: s.orgId,
    unallocatedBefore: after.unallocatedFen + input.amountFen,
    unallocatedAfter: after.unallocatedFen,
  };
}

export function fundEarmarkAudit(
  tx: Executor,
  actor: Actor,
  earmark: Awaited<ReturnType<typeof earmarkFromSource>>,
  programId: string,
  amountFen: number,
) {
  return recordAudit(tx, actor, {
    action: 'fund.earmarked',
    entity: 'fund_source',
    entityId: earmark.id,
    orgId: earmark.orgId,
    before: { unallocatedFen: earmark.unallocatedBefore },
    after: { unallocatedFen: earmark.unallocatedAfter, programId, amountFen },
  });
}

/**
 * For the programs module, first step of reducing an allocation (结余退回): the source in the
 * caller's scope — only finance of the unit whose money it is, or of a unit above, gives money back
 * to it — with its row locked. Allocations and payments lock the source row before the program's
 * balance row too, so this keeps their one order.
 */
export async function lockSourceForReturn(tx: Executor, actor: Actor, sourceId: string) {
  await repo.lockById(tx, sourceId);
  return (await getFundInScope(tx, actor.principal, sourceId)).source;
}

/** Second step: `amountFen` taken off a program becomes unallocated on the source again. */
export async function returnToSource(tx: Executor, source: FundSourceRow, amountFen: number) {
  const after = await repo.giveBackUnallocated(tx, source.id, amountFen);
  if (!after) throw new Error(`fund source ${source.id} would hold more unallocated than it received`);
  return {
    id: source.id,
    name: source.name,
    orgId: source.orgId,
    unallocatedBefore: after.unallocatedFen - amountFen,
    unallocatedAfter: after.unallocatedFen,
  };
}

export function fundReturnAudit(
  tx: Executor,
  actor: Actor,
  returned: Awaited<ReturnType<typeof returnToSource>>,
  programId: string,
  amountFen: number,
  reason: string,
) {
  return recordAudit(tx, actor, {
    action: 'fund.returned',
    entity: 'fund_source',
    entityId: returned.id,
    orgId: returned.orgId,
    before: { unallocatedFen: returned.unallocatedBefore },
    after: { unallocatedFen: returned.unallocatedAfter, programId, amountFen, reason },
  });
}
