/**
 * Bench server (child of `scripts/bench/api.ts`; not for production use).
 *
 * Opens the runtime on PGlite (`BENCH_DATA_DIR`) or PostgreSQL (`BENCH_DATABASE_URL`), bootstraps,
 * seeds a tree of `BENCH_UNITS` org units, builds the real app and adds two bare routes that send
 * pre-serialised bytes identical to `/api/orgs` and `/api/auth/me`. Then it profiles the pieces of
 * the authenticated tree read in-process, listens on 127.0.0.1 (port 0) and prints one JSON line:
 * `{ port, token, orgsBytes, meBytes, profile }`. SIGTERM closes it.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/server/app';
import { ensureInitialData } from '../../src/server/bootstrap';
import type { Deps } from '../../src/server/common/context';
import { usccCheckChar } from '../../src/server/common/identifiers';
import { type Config, packageVersion } from '../../src/server/config';
import { createRuntime } from '../../src/server/deps';
import type { App } from '../../src/server/http/types';
import { hashToken, resolveSession } from '../../src/server/modules/auth/auth.usecases';
import * as orgRepo from '../../src/server/modules/orgs/orgs.repository';
import { listSubtree } from '../../src/server/modules/orgs/orgs.repository';
import { type OrgLevel, orgs } from '../../src/server/modules/orgs/orgs.table';
import { buildTree } from '../../src/server/modules/orgs/orgs.usecases';
import { CpuProfiler } from './cpu-profile';

const BENCH_ADMIN_PASSWORD = 'Bench@12345';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const unitCount = Number(process.env.BENCH_UNITS ?? 2000);
const profileBudgetMs = Number(process.env.BENCH_PROFILE_MS ?? 200);

const config: Config = {
  port: 0,
  host: '127.0.0.1',
  databaseUrl,
  dataDir,
  // Like `npm start`: the key file in dataDir (api.ts reuses the cold-start data dir).
  secret: undefined,
  adminPassword: BENCH_ADMIN_PASSWORD,
  logLevel: 'silent',
  sessionTtlHours: 12,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  maxUploadBytes: 1024 * 1024,
  importMaxRows: 200_000,
  webDir: `${dataDir}/no-web`,
  version: packageVersion(),
  demo: false,
};

const silentLog = { info: () => {}, error: () => {} };

type OrgInsert = typeof orgs.$inferInsert & { id: string };

/** Root (from bootstrap) + 10 districts + 10 townships each + grassroots spread over the townships. */
function planTree(root: { id: string; path: string }, total: number): OrgInsert[] {
  const rows: OrgInsert[] = [];
  const child = (
    parent: { id: string; path: string; depth: number },
    level: OrgLevel,
    name: string,
    n: number,
  ) => {
    const id = randomUUID();
    const row: OrgInsert = {
      id,
      name,
      level,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      regionCode: '330102',
    };
    if (level === 'grassroots') {
      const body = `91330100MA${String(n).padStart(7, '0')}`;
      row.employerName = `基准测试用人单位${n}有限公司`;
      row.uscc = body + usccCheckChar(body);
      row.memberCount = 50 + (n % 400);
    }
    rows.push(row);
    return { id, path: row.path, depth: row.depth };
  };
  const rootNode = { id: root.id, path: root.path, depth: 0 };
  const townships: { id: string; path: string; depth: number }[] = [];
  for (let d = 1; d <= 10; d++) {
    const district = child(rootNode, 'district', `第${d}区总工会`, d);
    for (let t = 1; t <= 10; t++) townships.push(child(district, 'township', `第${d}区第${t}街道总工会`, t));
  }
  const grassroots = total - 1 - rows.length;
  for (let g = 0; g < grassroots; g++) {
    child(townships[g % townships.length]!, 'grassroots', `基准测试基层工会${g + 1}`, g + 1);
  }
  return rows;
}

/**
 * The tree read as it was before the tree cache: rows → nested nodes → JSON on every request, behind
 * the same auth hooks, sending the same bytes. Measured next to the real (cached) route to show what
 * the cache saves; it is what every first read after a change of the tree costs.
 */
function registerUncachedTree(app: App, deps: Deps) {
  app.get('/api/bench/orgs-uncached', { config: { permission: 'org.read' } }, async (request, reply) => {
    const principal = request.principal!;
    const rows = await listSubtree(deps.db, principal.orgPath, true);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ items: buildTree(rows) }));
  });
}

/** Rows of `db.execute` on either driver (node-postgres returns a result object, PGlite too but typed apart). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/** Mean wall time of `fn`, repeated until the budget is spent (at least 3, at most 2,000 runs). */
async function timeIt(fn: () => unknown): Promise<{ meanMs: number; runs: number }> {
  for (let i = 0; i < 2; i++) await fn();
  let runs = 0;
  const start = performance.now();
  while (runs < 3 || (performance.now() - start < profileBudgetMs && runs < 2000)) {
    await fn();
    runs++;
  }
  return { meanMs: (performance.now() - start) / runs, runs };
}

async function main() {
  const setup: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    setup[name] = Math.round(now - mark);
    mark = now;
  };
  const runtime = await createRuntime(config, silentLog);
  const { deps } = runtime;
  lap('open + migrate');
  // The database is empty, or holds only what `npm start` bootstraps (api.ts reuses its cold-start database).
  const boot = await ensureInitialData(deps);
  lap('bootstrap');
  const existing = await deps.db.select({ id: orgs.id, parentId: orgs.parentId }).from(orgs).limit(2);
  if (existing.length !== 1 || existing[0]!.parentId !== null) throw new Error('bench database must be new');
  const rootId = boot.rootOrgId ?? existing[0]!.id;
  const rootPath = `/${rootId}/`;
  const planned = planTree({ id: rootId, path: rootPath }, unitCount);
  for (let i = 0; i < planned.length; i += 500) await deps.db.insert(orgs).values(planned.slice(i, i + 500));
  await deps.db.execute(sql`analyze`);
  lap('seed');

  const app = await buildApp(deps, { serveWeb: false });
  let orgsBytes: Buffer | undefined;
  let orgsBody = '';
  let meBody = '';
  // Outside /api/: no session lookup, no permission check; same onSend hook and the same bytes.
  // The same bytes, pre-encoded once like the real route's cached body: the ratio then measures
  // auth, the version check and the cache look-up, not UTF-8 encoding.
  app.get('/bench/bare', async (_request, reply) => {
    orgsBytes ??= Buffer.from(orgsBody);
    return reply.type('application/json; charset=utf-8').send(orgsBytes);
  });
  let profiler: CpuProfiler | undefined;
  app.get('/bench/profile/start', async () => {
    profiler ??= new CpuProfiler();
    await profiler.start();
    return { ok: true };
  });
  app.get('/bench/profile/stop', async () => ({ cpuMsByCategory: await profiler!.stop() }));
  app.get('/bench/cpu', async () => {
    const { user, system } = process.cpuUsage();
    return { cpuMicros: user + system };
  });
  app.get('/bench/bare-small', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(meBody),
  );
  registerUncachedTree(app, deps);
  await app.ready();

  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: BENCH_ADMIN_PASSWORD, client: 'api' },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const { token } = login.json() as { token: string };
  const authorization = `Bearer ${token}`;
  const orgsRes = await app.inject({ method: 'GET', url: '/api/orgs', headers: { authorization } });
  const meRes = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } });
  const cachedRes = await app.inject({
    method: 'GET',
    url: '/api/bench/orgs-uncached',
    headers: { authorization },
  });
  if (orgsRes.statusCode !== 200 || meRes.statusCode !== 200) throw new Error('authenticated reads failed');
  if (cachedRes.body !== orgsRes.body) throw new Error('the uncached route does not send the same bytes');
  orgsBody = orgsRes.body;
  meBody = meRes.body;
  const count = (nodes: { children: unknown[] }[]): number =>
    nodes.reduce((n, node) => n + 1 + count(node.children as { children: unknown[] }[]), 0);
  const unitsInTree = count((JSON.parse(orgsBody) as { items: { children: unknown[] }[] }).items);
  if (unitsInTree !== unitCount) throw new Error(`tree has ${unitsInTree} units, expected ${unitCount}`);

  lap('build app + login');
  // In-process profile of one authenticated tree read, piece by piece (sequential, no concurrency).
  const principal = await resolveSession(deps, token, 'bearer');
  if (!principal.ok) throw new Error('session not found');
  const rows = await orgRepo.listSubtree(deps.db, rootPath, true);
  const tree = buildTree(rows);
  const payload = { items: tree };
  const rawSubtreeSql = sql`select * from orgs where path like ${`${rootPath}%`} order by depth, name`;
  const explainRows = rowsOf<Record<string, unknown>>(
    await deps.db.execute(
      sql`explain (analyze, format json) select * from orgs where path like ${`${rootPath}%`} order by depth, name`,
    ),
  );
  const plan = (
    Object.values(explainRows[0]!)[0] as { 'Execution Time': number; Plan: { 'Node Type': string } }[]
  )[0]!;
  const tokenHash = hashToken(token);
  const profile = {
    'session lookup (resolveSession: 1 join query)': await timeIt(() =>
      resolveSession(deps, token, 'bearer'),
    ),
    'session lookup, raw SQL only': await timeIt(() =>
      deps.db.execute(
        sql`select s.id from sessions s join users u on u.id = s.user_id join orgs o on o.id = u.org_id where s.token_hash = ${tokenHash} limit 1`,
      ),
    ),
    'tree query (listSubtree via Drizzle, 2000 rows)': await timeIt(() =>
      orgRepo.listSubtree(deps.db, rootPath, true),
    ),
    'tree query, raw SQL (db.execute, no Drizzle mapping)': await timeIt(() =>
      deps.db.execute(rawSubtreeSql),
    ),
    'tree query, server-side execution (EXPLAIN ANALYZE)': { meanMs: plan['Execution Time'], runs: 1 },
    'tree building (buildTree incl. toOrgDto)': await timeIt(() => buildTree(rows)),
    'serialisation (JSON.stringify of the tree)': await timeIt(() => JSON.stringify(payload)),
  };

  lap('profile');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await runtime.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.on('disconnect', () => void shutdown());

  process.stdout.write(
    `${JSON.stringify({
      port: address.port,
      token,
      units: unitsInTree,
      orgsBytes: Buffer.byteLength(orgsBody),
      meBytes: Buffer.byteLength(meBody),
      explainNode: plan.Plan['Node Type'],
      setup,
      profile,
    })}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(
    `bench server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
