import { and, desc, eq, getTableColumns, gt, gte, lte, type SQL, sql } from 'drizzle-orm';
import { settings } from '../../common/settings.table';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { auditLog } from './audit.table';

/** Serialises writers of the hash chain; held until the surrounding transaction ends. */
const AUDIT_CHAIN_LOCK = 727_274_001;

export async function lockChainAndReadLastHash(tx: Executor): Promise<string | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return last?.hash ?? null;
}

export async function insertEntry(tx: Executor, entry: typeof auditLog.$inferInsert) {
  const [row] = await tx.insert(auditLog).values(entry).returning({ id: auditLog.id });
  return row!.id;
}

/** Several entries in one statement; ids in the order of `entries`. */
export async function insertEntries(tx: Executor, entries: (typeof auditLog.$inferInsert)[]) {
  const rows = await tx.insert(auditLog).values(entries).returning({ id: auditLog.id });
  return rows.map((r) => r.id);
}

export interface AuditQuery {
  scope: SQL;
  entity?: string;
  entityId?: string;
  actorId?: string;
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
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
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

const HEAD_KEY = 'audit.head';

/** The newest entry's id and hash, kept beside the log so that removing the newest rows is noticed. */
export async function saveHead(tx: Executor, head: { id: number; hash: string }) {
  await tx
    .insert(settings)
    .values({ key: HEAD_KEY, value: head })
    .onConflictDoUpdate({ target: settings.key, set: { value: head, updatedAt: new Date() } });
}

export async function readHead(db: Executor): Promise<{ id: number; hash: string } | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, HEAD_KEY));
  return (row?.value as { id: number; hash: string } | undefined) ?? null;
}
