import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { canonicalJson } from '../../common/canonical-json';
import type { Actor } from '../../common/context';
import { scopeFilter } from '../../common/scope';
import type { Db, Executor } from '../../db/client';
import * as repo from './audit.repository';
import { type AuditRow, auditLog } from './audit.table';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  action: string;
  entity: string;
  entityId?: string | null;
  /** The org unit the record belongs to, which decides who may read the entry. */
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
}

type HashedFields = Omit<AuditRow, 'id' | 'hash'>;

/** What the hash covers besides the previous hash: every field but the id, as canonical JSON. */
function hashPayload(fields: Omit<HashedFields, 'prevHash'>): string {
  return canonicalJson({ ...fields, at: fields.at.toISOString() });
}

function chainHash(prevHash: string, payload: string): string {
  return createHash('sha256').update(`${prevHash}\n${payload}`).digest('hex');
}

function computeHash(fields: HashedFields): string {
  const { prevHash, ...rest } = fields;
  return chainHash(prevHash, hashPayload(rest));
}

/** Who caused an entry: a signed-in actor, an anonymous request (e.g. a failed sign-in), or the system (null). */
export type AuditSource =
  | Actor
  | { principal?: undefined; ip: string | null; requestId: string | null }
  | null;

/**
 * Appends an entry to the hash-chained audit log. Call it inside the transaction that makes the
 * change, in one statement (ideally its last: the chain head stays locked until commit).
 */
export async function recordAudit(tx: Executor, actor: AuditSource, entry: AuditEntryInput): Promise<number> {
  const { row, payload } = entryRow(actor, entry);
  return repo.appendEntry(tx, row, payload);
}

/**
 * For a use case that writes its change in one statement: the CTEs that append these entries, in order,
 * each with its own actor (e.g. approvals written as a group). Put them after the change: the chain head
 * stays locked until the statement's transaction ends.
 */
export function auditEntriesCtes(entries: { actor: AuditSource; entry: AuditEntryInput }[]): SQL {
  return repo.appendEntriesCtes(entries.map(({ actor, entry }) => entryRow(actor, entry)));
}

function entryRow(actor: AuditSource, entry: AuditEntryInput) {
  const { prevHash: _, ...fields } = hashedFields(actor, entry, '');
  const row = {
    at: fields.at.toISOString(),
    actor_id: fields.actorId,
    actor_name: fields.actorName,
    org_id: fields.orgId,
    action: fields.action,
    entity: fields.entity,
    entity_id: fields.entityId,
    before: fields.before,
    after: fields.after,
    ip: fields.ip,
    request_id: fields.requestId,
  };
  return { row, payload: hashPayload(fields) };
}

/**
 * Appends several entries in order: one lock (the chain head), then one statement that inserts them
 * all and moves the head — the same chain as `recordAudit` called for each in turn (bulk writers such
 * as the household import).
 */
export async function recordAudits(
  tx: Executor,
  actor: AuditSource,
  entries: AuditEntryInput[],
): Promise<number[]> {
  if (!entries.length) return [];
  let prevHash = (await repo.lockChainAndReadLastHash(tx)) ?? GENESIS_HASH;
  // The entries of one call are written by one statement: one moment for all of them. Each entry's
  // payload and row are written as JSON text directly — the same text `hashPayload` gives (keys in
  // code-unit order), without a normalised copy of `before`/`after` per entry (an import writes an
  // entry per household). `before` and `after` must be plain JSON values (dates allowed).
  const at = JSON.stringify(new Date().toISOString());
  const { actorId, actorName, ip, requestId } = sourceFields(actor);
  const [actorIdText, actorNameText, ipText, requestIdText] = [actorId, actorName, ip, requestId].map((v) =>
    JSON.stringify(v),
  );
  const rows: string[] = new Array(entries.length);
  const hashes: string[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const action = JSON.stringify(entry.action);
    const entity = JSON.stringify(entry.entity);
    const entityId = JSON.stringify(entry.entityId ?? null);
    const orgId = JSON.stringify(entry.orgId ?? null);
    const before = entry.before == null ? 'null' : canonicalJson(entry.before);
    const after = entry.after == null ? 'null' : canonicalJson(entry.after);
    const payload = `{"action":${action},"actorId":${actorIdText},"actorName":${actorNameText},"after":${after},"at":${at},"before":${before},"entity":${entity},"entityId":${entityId},"ip":${ipText},"orgId":${orgId},"requestId":${requestIdText}}`;
    const hash = chainHash(prevHash, payload);
    rows[i] =
      `{"at":${at},"actor_id":${actorIdText},"actor_name":${actorNameText},"org_id":${orgId},"action":${action},"entity":${entity},"entity_id":${entityId},"before":${before},"after":${after},"ip":${ipText},"request_id":${requestIdText},"prev_hash":"${prevHash}","hash":"${hash}"}`;
    hashes[i] = hash;
    prevHash = hash;
  }
  const inserted = await repo.insertEntries(tx, `[${rows.join(',')}]`, prevHash);
  // The chain is verified in id order: the ids must follow the order the hashes were chained in.
  const idOf = new Map(inserted.map((r) => [r.hash, r.id]));
  const ids = hashes.map((h) => idOf.get(h) ?? Number.NaN);
  if (inserted.length !== hashes.length || ids.some((id, i) => !(id > (i > 0 ? ids[i - 1]! : 0))))
    throw new Error('audit entries were not numbered in order');
  return ids;
}

/** Who wrote an entry, as stored and hashed. */
function sourceFields(actor: AuditSource) {
  return {
    actorId: actor?.principal?.userId ?? null,
    actorName: actor?.principal ? `${actor.principal.displayName}（${actor.principal.username}）` : '系统',
    ip: actor?.ip ?? null,
    requestId: actor?.requestId ?? null,
  };
}

function hashedFields(actor: AuditSource, entry: AuditEntryInput, prevHash: string): HashedFields {
  const { actorId, actorName, ip, requestId } = sourceFields(actor);
  return {
    at: new Date(),
    actorId,
    actorName,
    orgId: entry.orgId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: normalise(entry.before),
    after: normalise(entry.after),
    ip,
    requestId,
    prevHash,
  };
}

/** What jsonb will give back: plain JSON, dates as ISO strings, undefined dropped. */
function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, actor: Actor, filter: AuditFilter) {
  const { items, total } = await repo.listEntries(db, {
    ...filter,
    scope: scopeFilter(actor.principal, auditLog.orgId),
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return { items, total, page: filter.page, pageSize: filter.pageSize };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  reason: string | null;
}

/** Walks the whole chain in id order and reports the first row whose hash or link does not match. */
export async function verifyAuditChain(db: Executor, batchSize = 2000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await repo.readBatchAfter(db, lastId, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prevHash !== prev) {
        return {
          ok: false,
          checked,
          firstBadId: row.id,
          reason: '与上一条记录的链接不符（可能有记录被删除或插入）',
        };
      }
      const { id: _id, hash, ...fields } = row;
      if (computeHash(fields) !== hash) {
        return { ok: false, checked, firstBadId: row.id, reason: '记录内容与其哈希不符（记录被篡改）' };
      }
      prev = hash;
      lastId = row.id;
      checked++;
    }
  }
  const head = await repo.readHead(db);
  if (head && (head.id !== lastId || head.hash !== prev)) {
    return {
      ok: false,
      checked,
      firstBadId: head.id,
      reason: `最新的审计记录（第 ${head.id} 号）缺失或与链尾不符（可能有最新记录被删除）`,
    };
  }
  return { ok: true, checked, firstBadId: null, reason: null };
}
