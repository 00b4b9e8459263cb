import { randomBytes } from 'node:crypto';
import { type Actor, actorName, type Deps, type Principal } from '../../common/context';
import { businessDate, type IsoDate } from '../../common/dates';
import { maskName, maskPhone } from '../../common/masking';
import { formatYuan } from '../../common/money';
import { inScope } from '../../common/scope';
import { isUniqueViolation } from '../../common/sql';
import type { Db, Executor } from '../../db/client';
import { lockApplicationForRelease, releaseApprovedApplication } from '../applications/applications.release';
import { APPLICATION_STATUS_LABELS } from '../applications/applications.usecases';
import { recordAudit } from '../audit/audit.usecases';
import { getProgramVisible } from '../programs/programs.usecases';
import { PublicityErrors } from './publicity.errors';
import * as repo from './publicity.repository';
import type {
  ListManagedPublicityQuery,
  ListPublicityQuery,
  PublicityPhase,
  PublishInput,
  RecordObjectionInput,
  ResolveObjectionInput,
} from './publicity.schemas';
import type { ObjectionStatus, PublicityRow } from './publicity.table';

/**
 * Publicity (公示): a program's approved list is posted, names masked, for at least the program's
 * publicity days; objections (异议) received meanwhile are recorded by staff and resolved by a reviewer.
 * Payment waits until the period has ended without an open objection (publicity.payability.ts).
 *
 * Who: everyone who sees the program (its unit, the units below and above) reads its notices; staff of
 * the owning unit and above publish, withdraw and record objections (`publicity.write`); reviewers there
 * resolve them (`publicity.resolve`). Lock order: application → publicity → objection → balances.
 */

export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  open: '待核实',
  upheld: '异议成立',
  dismissed: '异议不成立',
};

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function phaseOf(
  p: Pick<PublicityRow, 'status' | 'startDate' | 'endDate'>,
  today: IsoDate,
): PublicityPhase {
  if (p.status === 'withdrawn') return 'withdrawn';
  if (today < p.startDate) return 'upcoming';
  if (today <= p.endDate) return 'running';
  return 'ended';
}

/** A contact as lists show it: phone numbers 138****1234, anything else its first and last character. */
export function maskContact(contact: string): string {
  if (/^[\d\s+-]{7,}$/.test(contact)) return maskPhone(contact);
  const chars = Array.from(contact);
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 6))}${chars[chars.length - 1]}`;
}

const publicPath = (token: string) => `/public/publicity/${token}`;

/** Readable by whoever sees the program; a notice of another branch of the tree is 404, like a missing one. */
async function getVisible(db: Executor, principal: Principal, id: string) {
  const view = await repo.findById(db, id);
  if (!view || !(inScope(principal, view.orgPath) || principal.orgPath.startsWith(view.orgPath)))
    throw PublicityErrors.PUBLICITY_NOT_FOUND();
  return view;
}

/** Publishing, withdrawing and handling objections belong to the publishing unit and the units above it. */
async function getManaged(db: Executor, principal: Principal, id: string) {
  const view = await getVisible(db, principal, id);
  if (!inScope(principal, view.orgPath))
    throw PublicityErrors.PUBLICITY_NOT_OWNER({ org: view.publicity.orgName });
  return view;
}

function withdrawnError(p: PublicityRow, action: string, actionEn: string) {
  return PublicityErrors.PUBLICITY_WITHDRAWN({
    at: p.withdrawnAt ? businessDate(p.withdrawnAt) : '',
    action,
    actionEn,
  });
}

function toSummary(
  row: {
    publicity: PublicityRow;
    entryCount: number;
    totalFen: number;
    objectionCount: number;
    openObjections: number;
  },
  today: IsoDate,
) {
  const p = row.publicity;
  return {
    id: p.id,
    programId: p.programId,
    title: p.title,
    startDate: p.startDate,
    endDate: p.endDate,
    status: p.status,
    phase: phaseOf(p, today),
    entryCount: Number(row.entryCount),
    totalFen: Number(row.totalFen),
    objectionCount: Number(row.objectionCount),
    openObjections: Number(row.openObjections),
    createdAt: p.createdAt.toISOString(),
  };
}

async function loadDetail(db: Executor, principal: Principal, view: repo.PublicityView) {
  const today = businessDate();
  const p = view.publicity;
  // Objections are what people told the publishing unit, about anyone on the list, with their contact:
  // the units below (who read the notice) see how many there are, not what was said.
  const canManage = inScope(principal, view.orgPath);
  const [entries, objections] = await Promise.all([
    repo.listEntries(db, p.id),
    canManage ? repo.listObjections(db, p.id) : [],
  ]);
  const phase = phaseOf(p, today);
  return {
    ...toSummary(view, today),
    programName: view.programName,
    programType: view.programType,
    programYear: view.programYear,
    publicityDays: view.publicityDays,
    orgId: p.orgId,
    orgName: p.orgName,
    note: p.note,
    publicToken: p.publicToken,
    publicPath: publicPath(p.publicToken),
    createdByName: view.createdByName,
    withdrawnReason: p.withdrawnReason,
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    today,
    acceptsObjections: phase === 'running',
    canManage,
    entries: entries.map(({ entry: e, applicationStatus, openObjections }) => ({
      id: e.id,
      seq: e.seq,
      applicationId: e.applicationId,
      applicationStatus,
      maskedName: e.maskedName,
      unitName: e.unitName,
      amountFen: e.amountFen,
      category: e.category,
      schoolLevel: e.schoolLevel,
      status: e.status,
      openObjections: Number(openObjections),
    })),
    objections: objections.map(({ objection: o, entrySeq, entryMaskedName }) => ({
      id: o.id,
      entryId: o.entryId,
      entrySeq,
      entryMaskedName,
      channel: o.channel,
      content: o.content,
      contactMasked: o.contactMasked,
      receivedOn: o.receivedOn,
      status: o.status,
      outcome: o.outcome,
      resolutionNote: o.resolutionNote,
      resolvedByName: o.resolvedByName,
      resolvedAt: o.resolvedAt?.toISOString() ?? null,
      recordedByName: o.recordedByName,
      createdAt: o.createdAt.toISOString(),
    })),
  };
}

async function detailById(db: Executor, principal: Principal, id: string) {
  return loadDetail(db, principal, (await repo.findById(db, id))!);
}

export async function getPublicity(db: Db, principal: Principal, id: string) {
  return loadDetail(db, principal, await getVisible(db, principal, id));
}

export async function listProgramPublicities(
  db: Db,
  principal: Principal,
  programId: string,
  query: ListPublicityQuery,
) {
  const program = await getProgramVisible(db, principal, programId);
  const today = businessDate();
  const { items, total } = await repo.listByProgram(db, programId, query);
  return {
    program: {
      id: program.program.id,
      name: program.program.name,
      publicityDays: program.program.publicityDays,
      canPublish: inScope(principal, program.orgPath) && program.program.publicityDays > 0,
    },
    items: items.map((row) => toSummary(row, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * The notices the caller manages — published by its unit or a unit below it (`getManaged`) — across
 * programs. `objections: 'pending'`: only those with an objection awaiting the caller's verification
 * (open, and not recorded by the caller, who may not resolve it: `resolveObjection`).
 */
export async function listManagedPublicities(db: Db, principal: Principal, query: ListManagedPublicityQuery) {
  const today = businessDate();
  const { items, total } = await repo.listManaged(db, {
    pathPrefix: principal.orgPath,
    userId: principal.userId,
    pendingOnly: query.objections === 'pending',
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: items.map((row) => ({
      ...toSummary(row, today),
      programName: row.programName,
      orgId: row.publicity.orgId,
      orgName: row.publicity.orgName,
      pendingObjections: Number(row.pendingObjections),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * 待核实的公示异议: how many objections the caller may verify now — open, on notices it manages, recorded
 * by someone else; the sum of `pendingObjections` of `listManagedPublicities({ objections: 'pending' })`.
 * Resolving needs `publicity.resolve`, which the caller checks.
 */
export async function countObjectionsAwaitingVerification(db: Db, principal: Principal): Promise<number> {
  return repo.countAwaitingVerification(db, { pathPrefix: principal.orgPath, userId: principal.userId });
}

async function getOwnedProgram(db: Executor, principal: Principal, programId: string) {
  const program = await getProgramVisible(db, principal, programId);
  if (!inScope(principal, program.orgPath))
    throw PublicityErrors.PUBLICITY_NOT_OWNER({ org: program.orgName });
  return program;
}

/** The approved applications not yet on a live notice: what the publish dialog offers. */
export async function listPublishCandidates(db: Db, principal: Principal, programId: string) {
  const program = await getOwnedProgram(db, principal, programId);
  const today = businessDate();
  const items = await repo.listCandidates(db, programId);
  return {
    items: items.map((c) => ({
      applicationId: c.applicationId,
      householdName: c.householdName,
      maskedName: maskName(c.householdName),
      unitName: c.unitName,
      category: c.category,
      schoolLevel: c.schoolLevel,
      approvedFen: c.approvedFen ?? 0,
      decidedAt: c.decidedAt?.toISOString() ?? null,
    })),
    defaultStartDate: today,
    defaultEndDate: addDays(today, Math.max(program.program.publicityDays, 1) - 1),
  };
}

/**
 * Publishes a notice: the entries are a snapshot of what a notice shows (masked name, employer unit,
 * amount, hardship category) taken now; later corrections of the archive never change a posted notice.
 */
export async function publishPublicity(db: Db, actor: Actor, programId: string, input: PublishInput) {
  try {
    return await db.transaction(async (tx) => {
      const program = await getOwnedProgram(tx, actor.principal, programId);
      const p = program.program;
      if (p.publicityDays === 0) throw PublicityErrors.PUBLICITY_NOT_REQUIRED({ name: p.name });
      const today = businessDate();
      if (input.startDate < today)
        throw PublicityErrors.PUBLICITY_START_IN_PAST({ start: input.startDate, today });
      const minEnd = addDays(input.startDate, p.publicityDays - 1);
      const endDate = input.endDate ?? minEnd;
      if (endDate < minEnd)
        throw PublicityErrors.PUBLICITY_TOO_SHORT({ days: p.publicityDays, start: input.startDate, minEnd });

      const candidates = await repo.listCandidates(tx, programId, {
        applicationIds: input.applicationIds,
        lock: true,
      });
      if (input.applicationIds && candidates.length !== input.applicationIds.length) {
        const found = new Set(candidates.map((c) => c.applicationId));
        const refused = input.applicationIds.filter((id) => !found.has(id));
        throw PublicityErrors.PUBLICITY_NOT_PUBLISHABLE(
          { count: refused.length },
          { applicationIds: refused },
        );
      }
      if (!candidates.length) throw PublicityErrors.PUBLICITY_NOTHING_TO_PUBLISH();

      const title = input.title ?? `关于${p.name}拟帮扶对象名单的公示`;
      const id = await repo.insertPublicity(tx, {
        programId,
        orgId: p.orgId,
        orgName: program.orgName,
        title,
        note: input.note ?? null,
        startDate: input.startDate,
        endDate,
        publicToken: randomBytes(16).toString('base64url'),
        createdBy: actor.principal.userId,
      });
      await repo.insertEntries(
        tx,
        candidates.map((c, i) => ({
          publicityId: id,
          applicationId: c.applicationId,
          seq: i + 1,
          maskedName: maskName(c.householdName),
          unitName: c.unitName,
          amountFen: c.approvedFen!,
          category: c.category === 'none' ? null : c.category,
          schoolLevel: c.schoolLevel,
        })),
      );
      const totalFen = candidates.reduce((n, c) => n + c.approvedFen!, 0);
      await recordAudit(tx, actor, {
        action: 'publicity.published',
        entity: 'publicity',
        entityId: id,
        orgId: p.orgId,
        after: {
          programId,
          title,
          startDate: input.startDate,
          endDate,
          entryCount: candidates.length,
          totalFen,
          total: `${formatYuan(totalFen)} 元`,
          applicationIds: candidates.map((c) => c.applicationId),
        },
      });
      return detailById(tx, actor.principal, id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw PublicityErrors.PUBLICITY_ALREADY_LISTED();
    throw error;
  }
}

async function withdrawLocked(tx: Executor, actor: Actor, view: repo.PublicityView, reason: string) {
  const p = view.publicity;
  const inPayment = await repo.countInPayment(tx, p.id);
  if (inPayment > 0) throw PublicityErrors.PUBLICITY_PAID({ count: inPayment });
  await repo.markWithdrawn(tx, p.id, { reason, by: actor.principal.userId });
}

/** Withdraws a notice (before anyone on it is paid): its people may be published again on a new one. */
export async function withdrawPublicity(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const view = await getManaged(tx, actor.principal, id);
    const p = view.publicity;
    if (p.status === 'withdrawn') throw withdrawnError(p, '撤回', 'withdraw');
    await withdrawLocked(tx, actor, view, reason);
    await recordAudit(tx, actor, {
      action: 'publicity.withdrawn',
      entity: 'publicity',
      entityId: p.id,
      orgId: p.orgId,
      before: { status: p.status },
      after: { status: 'withdrawn', reason, entryCount: Number(view.entryCount) },
    });
    return detailById(tx, actor.principal, id);
  });
}

/**
 * Records an objection received by phone, letter or visit — only during the period. The notice row is
 * locked FOR NO KEY UPDATE first: a payment check (FOR SHARE) either sees the objection or runs before it exists.
 */
export async function recordObjection(
  deps: Pick<Deps, 'db' | 'vault'>,
  actor: Actor,
  id: string,
  input: RecordObjectionInput,
) {
  return deps.db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const view = await getManaged(tx, actor.principal, id);
    const p = view.publicity;
    if (p.status === 'withdrawn') throw withdrawnError(p, '登记异议', 'record objections');
    const today = businessDate();
    if (today < p.startDate || today > p.endDate)
      throw PublicityErrors.OBJECTION_OUTSIDE_PERIOD({ start: p.startDate, end: p.endDate, today });
    if (input.entryId) {
      const entry = await repo.findEntry(tx, id, input.entryId);
      if (entry?.status !== 'listed') throw PublicityErrors.OBJECTION_ENTRY_NOT_LISTED();
    }
    const contact = input.contact ?? null;
    const objectionId = await repo.insertObjection(tx, {
      publicityId: id,
      entryId: input.entryId ?? null,
      channel: input.channel,
      content: input.content,
      contactCipher: contact ? deps.vault.encrypt(contact) : null,
      contactMasked: contact ? maskContact(contact) : null,
      receivedOn: today,
      recordedBy: actor.principal.userId,
      recordedByName: actorName(actor),
    });
    await recordAudit(tx, actor, {
      action: 'publicity.objection_recorded',
      entity: 'publicity',
      entityId: id,
      orgId: p.orgId,
      after: {
        objectionId,
        entryId: input.entryId ?? null,
        channel: input.channel,
        hasContact: contact !== null,
      },
    });
    return detailById(tx, actor.principal, id);
  });
}

/**
 * Resolves an objection after verification (核实). Dismissed: a note. Upheld against a person: the
 * application goes back to the officer or is rejected, and its budget is released (applications.release.ts);
 * the person leaves the notice. Upheld against the whole notice: the notice is withdrawn, to be published
 * again once corrected. The reviewer is never the person who recorded it.
 */
export async function resolveObjection(
  db: Db,
  actor: Actor,
  publicityId: string,
  objectionId: string,
  input: ResolveObjectionInput,
) {
  return db.transaction(async (tx) => {
    await getManaged(tx, actor.principal, publicityId);
    const peek = await repo.findObjection(tx, publicityId, objectionId);
    if (!peek) throw PublicityErrors.OBJECTION_NOT_FOUND();
    const entry = peek.entryId ? await repo.findEntry(tx, publicityId, peek.entryId) : undefined;
    // Lock order: application, publicity, objection.
    if (entry && input.decision === 'upheld') await lockApplicationForRelease(tx, entry.applicationId);
    await repo.lockById(tx, publicityId);
    const view = (await repo.findById(tx, publicityId))!;
    const p = view.publicity;
    const objection = (await repo.findObjection(tx, publicityId, objectionId, true))!;
    if (objection.status !== 'open')
      throw PublicityErrors.OBJECTION_ALREADY_RESOLVED({
        status: OBJECTION_STATUS_LABELS[objection.status],
        statusEn: objection.status,
      });
    if (objection.recordedBy === actor.principal.userId) throw PublicityErrors.OBJECTION_OWN_RECORD();

    let outcome: 'returned' | 'rejected' | null = null;
    let released: { releasedFen: number; applicationId: string } | null = null;
    if (input.decision === 'upheld') {
      if (entry) {
        if (!input.outcome) throw PublicityErrors.OBJECTION_OUTCOME_REQUIRED();
        outcome = input.outcome;
        const current = await repo
          .listEntries(tx, publicityId)
          .then((rows) => rows.find((r) => r.entry.id === entry.id));
        const status = current!.applicationStatus;
        if (status !== 'approved')
          throw PublicityErrors.OBJECTION_APPLICATION_CHANGED({
            status: APPLICATION_STATUS_LABELS[status],
            statusEn: status,
          });
        if (await repo.applicationInPayment(tx, entry.applicationId))
          throw PublicityErrors.OBJECTION_APPLICATION_IN_PAYMENT();
        released = await releaseApprovedApplication(tx, actor, {
          applicationId: entry.applicationId,
          outcome,
          reason: `公示异议成立：${input.note}`,
          cause: 'objection',
          causeId: objection.id,
          snapshot: {
            publicityId,
            entryId: entry.id,
            objection: { channel: objection.channel, content: objection.content },
          },
        });
        if (current!.entry.status === 'listed') await repo.setEntryStatus(tx, entry.id, 'revoked');
      } else {
        if (input.outcome) throw PublicityErrors.OBJECTION_OUTCOME_NOT_APPLICABLE();
        if (p.status === 'published') await withdrawLocked(tx, actor, view, `异议成立：${input.note}`);
      }
    }

    await repo.updateObjection(tx, objection.id, {
      status: input.decision,
      outcome,
      resolutionNote: input.note,
      resolvedBy: actor.principal.userId,
      resolvedByName: actorName(actor),
      resolvedAt: new Date(),
    });
    await recordAudit(tx, actor, {
      action: 'publicity.objection_resolved',
      entity: 'publicity',
      entityId: publicityId,
      orgId: p.orgId,
      before: { objectionId: objection.id, status: 'open' },
      after: {
        objectionId: objection.id,
        entryId: objection.entryId,
        status: input.decision,
        outcome,
        note: input.note,
        releasedFen: released?.releasedFen ?? null,
        applicationId: released?.applicationId ?? null,
        publicityWithdrawn: input.decision === 'upheld' && !entry && p.status === 'published',
      },
    });
    return detailById(tx, actor.principal, publicityId);
  });
}

/** The objector's full contact, for the reviewer who calls back: every reveal is audited. */
export async function revealObjectionContact(
  deps: Pick<Deps, 'db' | 'vault'>,
  actor: Actor,
  publicityId: string,
  objectionId: string,
) {
  return deps.db.transaction(async (tx) => {
    const view = await getManaged(tx, actor.principal, publicityId);
    const objection = await repo.findObjection(tx, publicityId, objectionId);
    if (!objection) throw PublicityErrors.OBJECTION_NOT_FOUND();
    const contact = objection.contactCipher ? deps.vault.decrypt(objection.contactCipher) : null;
    await recordAudit(tx, actor, {
      action: 'publicity.objection_contact_revealed',
      entity: 'publicity',
      entityId: publicityId,
      orgId: view.publicity.orgId,
      after: { objectionId },
    });
    return { contact };
  });
}

/**
 * The public notice: the masked snapshot, the dates, the publishing unit and where to object — nothing
 * else. The list of people is public only during the period: before it starts and once it has ended the
 * page keeps the title, dates and totals (personal data is shown no longer than its purpose needs).
 */
export async function getPublicNotice(db: Db, token: string) {
  const found = await repo.findByToken(db, token);
  if (!found) throw PublicityErrors.PUBLIC_NOTICE_NOT_FOUND();
  const p = found.publicity;
  const all = await repo.listEntries(db, p.id, true);
  const today = businessDate();
  const phase: 'upcoming' | 'open' | 'ended' =
    today < p.startDate ? 'upcoming' : today > p.endDate ? 'ended' : 'open';
  const entries = phase === 'open' ? all : [];
  return {
    phase,
    count: all.length,
    contactPerson: found.contactPerson,
    contactPhone: found.contactPhone,
    title: p.title,
    orgName: p.orgName,
    programName: found.programName,
    programType: found.programType,
    startDate: p.startDate,
    endDate: p.endDate,
    note: p.note,
    totalFen: all.reduce((n, { entry }) => n + entry.amountFen, 0),
    // Numbered afresh: a person taken off after an upheld objection leaves no gap on the public page.
    entries: entries.map(({ entry: e }, i) => ({
      seq: i + 1,
      maskedName: e.maskedName,
      unitName: e.unitName,
      amountFen: e.amountFen,
      category: e.category,
      schoolLevel: e.schoolLevel,
    })),
  };
}
