import { and, desc, eq, getTableColumns, gt, gte, ilike, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { settings } from '../../common/settings.table';
import { escapeLike } from '../../common/sql';
import { type Executor, runPrepared } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { auditLog } from './audit.table';

const HEAD_KEY = 'audit.head';
const GENESIS = '0'.repeat(64);

/**
 * Serialises writers of the hash chain and returns the hash to chain to. The lock is the row lock on
 * the chain head kept in `settings` (held until the surrounding transaction ends): an upsert always
 * works on the newest committed version of that row, so the hash it returns is current even when the
 * writer had to wait for the previous one. Only a chain without a head (an empty log) reads the log.
 */
export async function lockChainAndReadLastHash(tx: Executor): Promise<string | null> {
  const [row] = await runPrepared<{ hash: string | null; last: string | null }>(
    tx,
    sql`
    insert into ${settings} as s (key, value, updated_at) values (${HEAD_KEY}, 'null'::jsonb, now())
    on conflict (key) do update set updated_at = now()
    returning s.value ->> 'hash' as hash,
      case when s.value ->> 'hash' is null
        then (select a.hash from ${auditLog} a order by a.id desc limit 1) end as last`,
  );
  return row?.hash ?? row?.last ?? null;
}

/**
 * CTEs that append entries, in order, to the chain inside a use case's own statement (`audit_rows`,
 * `audit_head`, `audit_entry`; put them after the change they record). The head row is locked by the
 * upsert, which works on its newest committed version (also after waiting for another writer): the ids
 * are drawn and the hashes chained in SQL from that version, so the statement reads no stale head
 * whatever its snapshot. `sha256(prev || "\n" || payload)` over UTF-8 is exactly what `verifyAuditChain`
 * recomputes; the ids follow the chain (drawn under the lock, checked consecutive). The head keeps the
 * first id and `prev` beside the last `id` and `hash`, so that the entries can be inserted from it.
 */
export function appendEntriesCtes(
  entries: { row: Omit<AuditJsonRow, 'prev_hash' | 'hash'>; payload: string }[],
) {
  const rows = JSON.stringify(entries.map((e, i) => ({ ...e.row, ord: i + 1, payload: e.payload })));
  const lastLogged = sql`(select l.hash from ${auditLog} l order by l.id desc limit 1)`;
  /** Every payload chained onto `prev`, in order: ord 0 is `prev`, ord n the n-th entry's hash. */
  const chain = (prev: SQL) => sql`with recursive c(ord, hash) as (
      select 0, ${prev}
      union all
      select c.ord + 1, encode(sha256(convert_to(c.hash || chr(10) || (select p from audit_payloads)[c.ord + 1],
        'UTF8')), 'hex')
      from c where c.ord < ${entries.length}::int)`;
  const headValue = (prev: SQL) => sql`(
      select jsonb_build_object(
        'firstId', ids.first,
        'id', case when ids.last - ids.first + 1 = ${entries.length}::int then ids.last
               else ('audit ids drawn under the chain lock are not consecutive: ' || ids.first)::bigint end,
        'prev', ${prev},
        'hash', (${chain(prev)} select hash from c order by ord desc limit 1))
      from (select min(n.v) as first, max(n.v) as last
            from (select nextval('audit_log_id_seq') as v from audit_rows) n) ids)`;
  const headPrev = sql`coalesce(s.value ->> 'hash', ${lastLogged}, ${GENESIS})`;
  return sql`audit_rows as materialized (
      select * from json_to_recordset(${rows}::json) as r(ord int, at timestamptz, actor_id uuid,
        actor_name text, org_id uuid, action text, entity text, entity_id text, before jsonb, after jsonb,
        ip text, request_id text, payload text)
    ), audit_payloads as materialized (
      select array_agg(payload order by ord) as p from audit_rows
    ), audit_head as (
      insert into ${settings} as s (key, value, updated_at)
      select ${HEAD_KEY}, case when exists (select from ${settings} where key = ${HEAD_KEY}) then 'null'::jsonb
                          else ${headValue(sql`p.prev`)} end, now()
      from (select coalesce(${lastLogged}, ${GENESIS}) as prev) p
      on conflict (key) do update set updated_at = now(), value = ${headValue(headPrev)}
      returning value
    ), audit_entry as (
      insert into ${auditLog} (id, at, actor_id, actor_name, org_id, action, entity, entity_id, before, after,
        ip, request_id, prev_hash, hash) overriding system value
      select (h.value ->> 'firstId')::bigint + r.ord - 1, r.at, r.actor_id, r.actor_name, r.org_id, r.action,
        r.entity, r.entity_id, r.before, r.after, r.ip, r.request_id, c.prev, c.hash
      from audit_head h
      cross join (${chain(sql`(select value ->> 'prev' from audit_head)`)}
        select ord, hash, lag(hash) over (order by ord) as prev from c) c
      join audit_rows r on r.ord = c.ord
      order by r.ord
      returning id
    )`;
}

/** One entry in one statement (see `appendEntriesCtes`); returns its id. */
export async function appendEntry(
  tx: Executor,
  row: Omit<AuditJsonRow, 'prev_hash' | 'hash'>,
  payload: string,
) {
  const [inserted] = await runPrepared<{ id: string }>(
    tx,
    sql`with ${appendEntriesCtes([{ row, payload }])} select id::text as id from audit_entry`,
  );
  return Number(inserted!.id);
}

/** A row of `audit_log` as JSON, columns by their SQL names. */
export interface AuditJsonRow {
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Inserts already-chained entries (a JSON array of `AuditJsonRow`s) in the order given (one statement, one JSON parameter) and moves the
 * chain head to the last of them. Call under `lockChainAndReadLastHash`. Returns each row's id with its
 * hash, so that the caller can check the ids follow the chain.
 */
export async function insertEntries(tx: Executor, rowsJson: string, last: string) {
  const inserted = await runPrepared<{ id: string; hash: string }>(
    tx,
    sql`
    with ins as (
      insert into ${auditLog} (at, actor_id, actor_name, org_id, action, entity, entity_id, before, after,
        ip, request_id, prev_hash, hash)
      select r.at, r.actor_id, r.actor_name, r.org_id, r.action, r.entity, r.entity_id, r.before, r.after,
        r.ip, r.request_id, r.prev_hash, r.hash
      from json_populate_recordset(null::audit_log, ${rowsJson}::json) with ordinality as r
      order by r.ordinality
      returning id, hash
    ), head as (
      update ${settings} set value = jsonb_build_object('id', (select id from ins where hash = ${last}), 'hash', ${last}::text),
        updated_at = now()
      where key = ${HEAD_KEY}
    )
    select id::text as id, hash from ins`,
  );
  return inserted.map((r) => ({
    id: Number(r.id),
    hash: r.hash,
  }));
}

export interface AuditQuery {
  scope: SQL;
  entity?: string;
  entityId?: string;
  actorId?: string;
  /** Part of the actor's name as recorded (e.g. 杨雪芳, or a user name). */
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function listEntries(db: Executor, q: AuditQuery) {
  const conditions = [
    q.scope,
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    // The record's own entries, and those naming it among several (an export revealing full numbers
    // lists its households in `after.householdIds`, with no single entity id).
    q.entityId
      ? or(
          eq(auditLog.entityId, q.entityId),
          and(isNull(auditLog.entityId), sql`${auditLog.after} -> 'householdIds' ? ${q.entityId}`),
        )
      : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.actor ? ilike(auditLog.actorName, `%${escapeLike(q.actor)}%`) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.from ? gte(auditLog.at, q.from) : undefined,
    q.to ? lte(auditLog.at, q.to) : undefined,
  ];
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
    db
      .select({ ...getTableColumns(auditLog), orgName: orgs.name })
      .from(auditLog)
      .leftJoin(orgs, eq(orgs.id, auditLog.orgId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

export function readBatchAfter(db: Executor, afterId: number, size: number) {
  return db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(auditLog.id).limit(size);
}

/** The newest entry's id and hash, kept beside the log so that removing the newest rows is noticed. */
export async function readHead(db: Executor): Promise<{ id: number; hash: string } | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, HEAD_KEY));
  return (row?.value as { id: number; hash: string } | undefined) ?? null;
}
