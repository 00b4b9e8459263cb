import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureInitialData } from '../../bootstrap';
import type { Executor } from '../../db/client';
import { createRuntime } from '../../deps';
import {
  ADMIN_PASSWORD,
  createTestContext,
  type Session,
  type TestContext,
  testConfig,
} from '../../testing/harness';
import { auditLog } from './audit.table';
import { auditEntriesCtes, recordAudit, recordAudits, verifyAuditChain } from './audit.usecases';

interface Entry {
  id: number;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  orgName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

const auditRows = async (db: Executor) => (await db.select({ n: count() }).from(auditLog))[0]!.n;

const districtBody = (parentId: string, over: Record<string, unknown> = {}) => ({
  name: '审计测试区总工会',
  level: 'district',
  parentId,
  regionCode: '330102',
  ...over,
});

/** Writes to the append-only table as its owner would, bypassing the triggers for one transaction. */
async function tamper(db: Executor, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}

/** The database's own message for a refused statement (drizzle wraps it). */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
  throw new Error('the statement was not refused');
}

describe('audit entries of org changes', () => {
  let t: TestContext;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin', ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  const entriesOf = async (entityId: string) => {
    const res = await admin.request({ method: 'GET', url: `/api/audit?entity=org&entityId=${entityId}` });
    expect(res.statusCode).toBe(200);
    return res.json().items as Entry[];
  };

  it('records create, update and move with actor, unit, before/after and IP', async () => {
    const ip = '198.51.100.7';
    const created = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: districtBody(t.rootOrgId),
      remoteAddress: ip,
    });
    expect(created.statusCode).toBe(201);
    const orgId = created.json().id as string;
    const town = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: districtBody(orgId, { name: '审计测试街道总工会', level: 'township' }),
    });
    const townId = town.json().id as string;
    const other = await t.makeOrg(t.rootOrgId, 'district');

    const renamed = await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${orgId}`,
      payload: { name: '审计测试区总工会（改）', contactPerson: '赵审计' },
      remoteAddress: ip,
    });
    expect(renamed.statusCode).toBe(200);
    const moved = await admin.request({
      method: 'POST',
      url: `/api/orgs/${townId}/move`,
      payload: { parentId: other.id },
      remoteAddress: ip,
    });
    expect(moved.statusCode).toBe(200);

    const [update, create] = await entriesOf(orgId);
    expect(create).toMatchObject({
      action: 'org.created',
      entity: 'org',
      entityId: orgId,
      orgId,
      orgName: '审计测试区总工会（改）',
      actorId: admin.userId,
      actorName: '系统管理员（admin）',
      before: null,
      ip,
    });
    expect(create!.after).toMatchObject({
      name: '审计测试区总工会',
      level: 'district',
      parentId: t.rootOrgId,
    });
    expect(update).toMatchObject({ action: 'org.updated', actorId: admin.userId, ip });
    expect(update!.before).toMatchObject({ name: '审计测试区总工会', contactPerson: null });
    expect(update!.after).toMatchObject({ name: '审计测试区总工会（改）', contactPerson: '赵审计' });

    const [move] = await entriesOf(townId);
    expect(move).toMatchObject({ action: 'org.moved', actorId: admin.userId, orgId: townId, ip });
    expect(move!.before).toEqual({ parentId: orgId, path: `${t.rootPath}${orgId}/${townId}/` });
    expect(move!.after).toEqual({ parentId: other.id, path: `${other.path}${townId}/` });
  });

  it('a refused change leaves neither an entry nor a change behind', async () => {
    const a = await t.makeOrg(t.rootOrgId, 'district');
    const town = await t.makeOrg(a.id, 'township');
    const unit = await t.makeOrg(town.id, 'grassroots');
    const before = await auditRows(t.deps.db);

    const cycle = await admin.request({
      method: 'POST',
      url: `/api/orgs/${a.id}/move`,
      payload: { parentId: unit.id },
    });
    expect(cycle.statusCode).toBe(409);
    const badRename = await admin.request({
      method: 'PATCH',
      url: `/api/orgs/${a.id}`,
      payload: { uscc: 'X' },
    });
    expect(badRename.statusCode).toBe(400);

    expect(await auditRows(t.deps.db)).toBe(before);
    const detail = (await admin.request({ method: 'GET', url: `/api/orgs/${a.id}` })).json();
    expect(detail).toMatchObject({ path: a.path, parentId: t.rootOrgId, uscc: null });
  });

  it('filters by entity, id and action, and pages newest first', async () => {
    const org = await t.makeOrg(t.rootOrgId, 'district');
    for (const name of ['第一次改名区总工会', '第二次改名区总工会', '第三次改名区总工会']) {
      const res = await admin.request({ method: 'PATCH', url: `/api/orgs/${org.id}`, payload: { name } });
      expect(res.statusCode).toBe(200);
    }
    const all = await entriesOf(org.id);
    expect(all.map((e) => e.action)).toEqual(['org.updated', 'org.updated', 'org.updated', 'org.created']);
    expect(all.every((e) => e.entityId === org.id)).toBe(true);

    const updates = (
      await admin.request({
        method: 'GET',
        url: `/api/audit?entityId=${org.id}&action=org.updated&pageSize=2&page=1`,
      })
    ).json();
    expect(updates).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(updates.items.map((e: Entry) => e.after?.name)).toEqual([
      '第三次改名区总工会',
      '第二次改名区总工会',
    ]);
    const second = (
      await admin.request({
        method: 'GET',
        url: `/api/audit?entityId=${org.id}&action=org.updated&pageSize=2&page=2`,
      })
    ).json();
    expect(second.items.map((e: Entry) => e.after?.name)).toEqual(['第一次改名区总工会']);

    const logins = (await admin.request({ method: 'GET', url: '/api/audit?action=auth.login' })).json();
    expect(logins.total).toBeGreaterThanOrEqual(1);
    expect(logins.items.every((e: Entry) => e.action === 'auth.login' && e.entity === 'user')).toBe(true);
    const users = (await admin.request({ method: 'GET', url: '/api/audit?entity=user&pageSize=200' })).json();
    expect(users.items.every((e: Entry) => e.entity === 'user')).toBe(true);
    expect(users.items.map((e: Entry) => e.action)).toContain('user.created');
  });

  it('finds a record also where an entry names it among several, and entries by part of the actor’s name', async () => {
    // An export that revealed full numbers lists its households; a single reveal names its one household.
    const [a, b] = ['0192a1b2-0000-7000-8000-00000000000a', '0192a1b2-0000-7000-8000-00000000000b'];
    await t.deps.db.transaction(async (tx) => {
      await recordAudit(tx, null, {
        action: 'household.revealed',
        entity: 'household',
        orgId: t.rootOrgId,
        after: { via: 'export', fields: ['idNumber'], rows: 2, householdIds: [a, b] },
      });
      await recordAudit(tx, null, {
        action: 'household.revealed',
        entity: 'household',
        entityId: a,
        orgId: t.rootOrgId,
        after: { field: 'idNumber' },
      });
    });
    const aboutA = (
      await admin.request({ method: 'GET', url: `/api/audit?entity=household&entityId=${a}` })
    ).json();
    expect(aboutA.total).toBe(2);
    const aboutB = (await admin.request({ method: 'GET', url: `/api/audit?entityId=${b}` })).json();
    expect(aboutB.items.map((e: Entry) => e.after?.via)).toEqual(['export']);

    // The admin's own sign-ins, found by part of the name recorded with them; a name nobody has: none.
    const mine = (
      await admin.request({ method: 'GET', url: '/api/audit?actor=admin&action=auth.login' })
    ).json();
    expect(mine.total).toBeGreaterThanOrEqual(1);
    expect(mine.items.every((e: Entry) => e.actorName?.includes('admin'))).toBe(true);
    const nobody = (
      await admin.request({ method: 'GET', url: `/api/audit?actor=${encodeURIComponent('无此人%')}` })
    ).json();
    expect(nobody.total).toBe(0);
  });

  it('a district auditor reads its own subtree only; an officer may not read the log', async () => {
    const east = await t.makeOrg(t.rootOrgId, 'district');
    const west = await t.makeOrg(t.rootOrgId, 'district');
    const eastTown = await t.makeOrg(east.id, 'township');
    await t.makeOrg(west.id, 'township');
    const auditor = await t.login((await t.makeUser(east.id, ['auditor'])).username);

    const res = await auditor.request({ method: 'GET', url: '/api/audit?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Entry[];
    const orgIds = new Set(items.map((e) => e.orgId));
    expect(orgIds).toContain(east.id);
    expect(orgIds).toContain(eastTown.id);
    expect([...orgIds].every((id) => id === east.id || id === eastTown.id)).toBe(true);

    const foreign = await auditor.request({ method: 'GET', url: `/api/audit?entityId=${west.id}` });
    expect(foreign.json()).toMatchObject({ items: [], total: 0 });
    const foreignAsAdmin = await admin.request({ method: 'GET', url: `/api/audit?entityId=${west.id}` });
    expect(foreignAsAdmin.json().total).toBe(1);

    const officer = await t.login((await t.makeUser(east.id, ['officer'])).username);
    const forbidden = await officer.request({ method: 'GET', url: '/api/audit' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    expect((await officer.request({ method: 'GET', url: '/api/audit/verify' })).statusCode).toBe(403);
  });

  it('the database refuses to update, delete or truncate audit rows', async () => {
    const before = await auditRows(t.deps.db);
    const [first] = await t.deps.db.select().from(auditLog).orderBy(auditLog.id).limit(1);
    expect(
      await refusal(() =>
        t.deps.db.update(auditLog).set({ action: 'forged' }).where(eq(auditLog.id, first!.id)),
      ),
    ).toContain('append-only');
    expect(await refusal(() => t.deps.db.delete(auditLog).where(eq(auditLog.id, first!.id)))).toContain(
      'append-only',
    );
    expect(await refusal(() => t.deps.db.execute(sql`truncate audit_log`))).toContain('append-only');

    expect(await auditRows(t.deps.db)).toBe(before);
    const [still] = await t.deps.db.select().from(auditLog).where(eq(auditLog.id, first!.id));
    expect(still!.action).toBe(first!.action);
  });

  it('verifies an intact chain', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      checked: await auditRows(t.deps.db),
      firstBadId: null,
      reason: null,
    });
  });
});

describe('writers of the chain', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('appends a batch in order in one transaction, and concurrent writers keep one chain', async () => {
    const db = t.deps.db;
    const entries = Array.from({ length: 300 }, (_, i) => ({
      action: 'test.bulk',
      entity: 'test',
      entityId: String(i),
      after: i % 2 ? { n: i, at: new Date(0), nested: { b: 1, a: [1, 'x'] }, gone: undefined } : undefined,
      ...(i % 3 === 0 ? { before: { name: '王"磊\\\n', list: [null, { z: 1, a: 2 }] }, orgId: null } : {}),
    }));
    const ids = await db.transaction((tx) => recordAudits(tx, null, entries));
    expect(ids).toHaveLength(300);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    const rows = await db
      .select({ entityId: auditLog.entityId, after: auditLog.after, actorName: auditLog.actorName })
      .from(auditLog)
      .where(eq(auditLog.action, 'test.bulk'))
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.entityId)).toEqual(entries.map((e) => e.entityId));
    expect(rows[0]).toEqual({ entityId: '0', after: null, actorName: '系统' });
    expect(rows[1]!.after).toEqual({ n: 1, at: '1970-01-01T00:00:00.000Z', nested: { b: 1, a: [1, 'x'] } });
    const [nulls] = await db
      .execute<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = 'test.bulk' and after is null`,
      )
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(nulls!.n).toBe(150);
    const [third] = await db.select().from(auditLog).where(eq(auditLog.id, ids[3]!));
    expect(third!.before).toEqual({ name: '王"磊\\\n', list: [null, { z: 1, a: 2 }] });
    // An anonymous source with an address and a request id, as a failed sign-in writes.
    await db.transaction((tx) =>
      recordAudits(tx, { ip: '203.0.113.9', requestId: 'req-1' }, [
        { action: 'test.source', entity: 'test' },
      ]),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    // Writers that wait for each other still chain to the newest entry (checked by the verifier).
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction(async (tx) => {
          if (i % 3 === 0)
            await recordAudits(tx, null, [
              { action: 'test.many', entity: 'test' },
              { action: 'test.many', entity: 'test' },
            ]);
          else if (i % 3 === 1)
            await recordAudit(tx, null, { action: 'test.one', entity: 'test', entityId: String(i) });
          else {
            // Entries of several actors inside a use case's own statement (approvals written as a group).
            const system = null;
            const request = { ip: '127.0.0.1', requestId: `req-${i}` };
            const [row] = (
              (await tx.execute(
                sql`with ${auditEntriesCtes([
                  { actor: system, entry: { action: 'test.group', entity: 'test', entityId: `${i}a` } },
                  {
                    actor: request,
                    entry: { action: 'test.group', entity: 'test', entityId: `${i}b`, after: { i } },
                  },
                  { actor: system, entry: { action: 'test.group', entity: 'test', entityId: `${i}c` } },
                ])} select count(*)::int as n from audit_entry`,
              )) as unknown as { rows: { n: number }[] }
            ).rows;
            expect(row!.n).toBe(3);
          }
        }),
      ),
    );
    const group = await db
      .select({ entityId: auditLog.entityId, ip: auditLog.ip })
      .from(auditLog)
      .where(eq(auditLog.action, 'test.group'))
      .orderBy(auditLog.id);
    expect(group).toHaveLength(12);
    // Each statement's entries are consecutive and in the order given.
    for (let k = 0; k < group.length; k += 3)
      expect(group.slice(k, k + 3).map((g) => g.entityId!.slice(-1))).toEqual(['a', 'b', 'c']);
    expect(group.filter((g) => g.ip === '127.0.0.1')).toHaveLength(4);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: true, firstBadId: null, checked: await auditRows(db) });
  });
});

describe('tamper detection', () => {
  let t: TestContext;
  let admin: Session;
  let ids: number[];

  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin', ADMIN_PASSWORD);
    for (let i = 0; i < 4; i++) await t.makeOrg(t.rootOrgId, 'district');
    ids = (await t.deps.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(() => t.close());

  it('reports the first row whose content was changed, and passes again once it is restored', async () => {
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    const target = ids[3]!;
    const [original] = await t.deps.db.select().from(auditLog).where(eq(auditLog.id, target));

    await tamper(t.deps.db, sql`update audit_log set after = '{"name":"x"}' where id = ${target}`);
    const direct = await verifyAuditChain(t.deps.db);
    expect(direct).toMatchObject({ ok: false, firstBadId: target, checked: 3 });
    expect(direct.reason).toContain('篡改');
    const viaApi = await admin.request({ method: 'GET', url: '/api/audit/verify' });
    expect(viaApi.json()).toMatchObject({ ok: false, firstBadId: target });
    // Small batches walk across batch boundaries the same way.
    expect(await verifyAuditChain(t.deps.db, 2)).toMatchObject({ ok: false, firstBadId: target });

    await tamper(
      t.deps.db,
      sql`update audit_log set after = ${JSON.stringify(original!.after)}::jsonb where id = ${target}`,
    );
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true, firstBadId: null });
  });

  it('reports the row after a deleted one', async () => {
    const gone = ids[2]!;
    await tamper(t.deps.db, sql`delete from audit_log where id = ${gone}`);
    const result = await verifyAuditChain(t.deps.db);
    expect(result).toMatchObject({ ok: false, firstBadId: ids[3], checked: 2 });
    expect(result.reason).toContain('删除');
    const viaApi = await admin.request({ method: 'GET', url: '/api/audit/verify' });
    expect(viaApi.json()).toMatchObject({ ok: false, firstBadId: ids[3] });
  });
});

describe('removal of the newest entries', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('is noticed through the chain head kept beside the log', async () => {
    await t.makeOrg(t.rootOrgId, 'district');
    await t.makeOrg(t.rootOrgId, 'district');
    const rows = await t.deps.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id);
    const newest = rows.at(-1)!.id;
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
    await tamper(t.deps.db, sql`delete from audit_log where id = ${newest}`);
    const result = await verifyAuditChain(t.deps.db);
    expect(result).toMatchObject({ ok: false, firstBadId: newest, checked: rows.length - 1 });
    expect(result.reason).toContain('删除');
  });
});

// Spawns the command twice on a file-based PGlite: slow on a loaded machine, hence the long limits.
describe('npm run audit:verify', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'bangfu-audit-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const runCli = () => {
    const env: NodeJS.ProcessEnv = { ...process.env, BANGFU_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
  };

  it('passes on an intact data directory and exits 1 naming the tampered row', async () => {
    const config = testConfig(dataDir, { databaseUrl: undefined });
    const runtime = await createRuntime(config, { info: () => {}, error: () => {} });
    await ensureInitialData(runtime.deps);
    const rows = (await runtime.deps.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).map(
      (r) => r.id,
    );
    await runtime.close();
    expect(rows.length).toBeGreaterThanOrEqual(2);

    const intact = runCli();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('通过');
    expect(intact.stdout).toContain(`共 ${rows.length} 条`);

    const again = await createRuntime(config, { info: () => {}, error: () => {} });
    const target = rows[1]!;
    await tamper(again.deps.db, sql`update audit_log set after = '{"name":"x"}' where id = ${target}`);
    await again.close();

    const tampered = runCli();
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain(`第 ${target} 号记录`);
    expect(tampered.stdout).not.toContain('通过');
  }, 420_000);
});
