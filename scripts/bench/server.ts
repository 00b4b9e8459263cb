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
import { usccCheckChar } from '../../src/server/common/identifiers';
import { type Config, packageVersion } from '../../src/server/config';
import { createRuntime } from '../../src/server/deps';
import { hashToken, resolveSession } from '../../src/server/modules/auth/auth.usecases';
import * as orgRepo from '../../src/server/modules/orgs/orgs.repository';
import { type OrgLevel, orgs } from '../../src/server/modules/orgs/orgs.table';
import { buildTree } from '../../src/server/modules/orgs/orgs.usecases';

const BENCH_ADMIN_PASSWORD = 'Bench@12345';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const unitCount = Number(process.env.BENCH_UNITS ?? 2000);
const profileBudgetMs = Number(process.env.BENCH_PROFILE_MS ?? 600);

const config: Config = {
  port: 0,
  host: '127.0.0.1',
  databaseUrl,
  dataDir,
  secret: 'bench-secret-that-is-at-least-32-characters-long',
  adminPassword: BENCH_ADMIN_PASSWORD,
  logLevel: 'silent',
  sessionTtlHours: 12,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  maxUploadBytes: 1024 * 1024,
  webDir: `${dataDir}/no-web`,
  version: packageVersion(),
  demo: false,
};

const silentLog = { info: () => {}, error: () => {} };

type OrgInsert = typeof orgs.$inferInsert & { id: string };

/** Root (from bootstrap) + 10 districts + 10 townships each + grassroots spread over the townships. */
function planTree(root: { id: string; path: string }, total: number): OrgInsert[] {
  const rows: OrgInsert[] = [];
  const child = (parent: { id: string; path: string; depth: number }, level: OrgLevel, name: string, n: number) => {
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

/** Mean wall time of `fn`, repeated until the budget is spent (at least 5, at most 2,000 runs). */
async function timeIt(fn: () => unknown): Promise<{ meanMs: number; runs: number }> {
  for (let i = 0; i < 3; i++) await fn();
  let runs = 0;
  const start = performance.now();
  while (runs < 5 || (performance.now() - start < profileBudgetMs && runs < 2000)) {
    await fn();
    runs++;
  }
  return { meanMs: (performance.now() - start) / runs, runs };
}

async function main() {
  const runtime = await createRuntime(config, silentLog);
  const { deps } = runtime;
  const boot = await ensureInitialData(deps);
  if (!boot.rootOrgId) throw new Error('bench database is not empty');
  const rootPath = `/${boot.rootOrgId}/`;
  const planned = planTree({ id: boot.rootOrgId, path: rootPath }, unitCount);
  for (let i = 0; i < planned.length; i += 500) await deps.db.insert(orgs).values(planned.slice(i, i + 500));
  await deps.db.execute(sql`analyze`);

  const app = await buildApp(deps, { serveWeb: false });
  let orgsBody = '';
  let meBody = '';
  // Outside /api/: no session lookup, no permission check; same onSend hook and the same bytes.
  app.get('/bench/bare', async (_request, reply) => reply.type('application/json; charset=utf-8').send(orgsBody));
  app.get('/bench/bare-small', async (_request, reply) => reply.type('application/json; charset=utf-8').send(meBody));
  await app.ready();

  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: BENCH_ADMIN_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const { token } = login.json() as { token: string };
  const authorization = `Bearer ${token}`;
  const orgsRes = await app.inject({ method: 'GET', url: '/api/orgs', headers: { authorization } });
  const meRes = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } });
  if (orgsRes.statusCode !== 200 || meRes.statusCode !== 200) throw new Error('authenticated reads failed');
  orgsBody = orgsRes.body;
  meBody = meRes.body;
  const count = (nodes: { children: unknown[] }[]): number =>
    nodes.reduce((n, node) => n + 1 + count(node.children as { children: unknown[] }[]), 0);
  const unitsInTree = count((JSON.parse(orgsBody) as { items: { children: unknown[] }[] }).items);
  if (unitsInTree !== unitCount) throw new Error(`tree has ${unitsInTree} units, expected ${unitCount}`);

  // In-process profile of one authenticated tree read, piece by piece (sequential, no concurrency).
  const principal = await resolveSession(deps, token, 'bearer');
  if (!principal.ok) throw new Error('session not found');
  const rows = await orgRepo.listSubtree(deps.db, rootPath, true);
  const tree = buildTree(rows);
  const payload = { items: tree };
  const rawSubtreeSql = sql`select * from orgs where path like ${`${rootPath}%`} order by depth, name`;
  const explain = (await deps.db.execute(
    sql`explain (analyze, format json) select * from orgs where path like ${`${rootPath}%`} order by depth, name`,
  )) as unknown;
  const explainRows = (Array.isArray(explain) ? explain : (explain as { rows: unknown[] }).rows) as Record<
    string,
    unknown
  >[];
  const plan = (Object.values(explainRows[0]!)[0] as { 'Execution Time': number; Plan: { 'Node Type': string } }[])[0]!;
  const tokenHash = hashToken(token);
  const profile = {
    'session lookup (resolveSession: 1 join query)': await timeIt(() => resolveSession(deps, token, 'bearer')),
    'session lookup, raw SQL only': await timeIt(() =>
      deps.db.execute(
        sql`select s.id from sessions s join users u on u.id = s.user_id join orgs o on o.id = u.org_id where s.token_hash = ${tokenHash} limit 1`,
      ),
    ),
    'tree query (listSubtree via Drizzle, 2000 rows)': await timeIt(() => orgRepo.listSubtree(deps.db, rootPath, true)),
    'tree query, raw SQL (db.execute, no Drizzle mapping)': await timeIt(() => deps.db.execute(rawSubtreeSql)),
    'tree query, server-side execution (EXPLAIN ANALYZE)': { meanMs: plan['Execution Time'], runs: 1 },
    'tree building (buildTree incl. toOrgDto)': await timeIt(() => buildTree(rows)),
    'serialisation (JSON.stringify of the tree)': await timeIt(() => JSON.stringify(payload)),
    'whole request via app.inject GET /api/orgs': await timeIt(() =>
      app.inject({ method: 'GET', url: '/api/orgs', headers: { authorization } }),
    ),
    'bare request via app.inject GET /bench/bare': await timeIt(() => app.inject({ method: 'GET', url: '/bench/bare' })),
    'whole request via app.inject GET /api/auth/me': await timeIt(() =>
      app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } }),
    ),
    'bare request via app.inject GET /bench/bare-small': await timeIt(() =>
      app.inject({ method: 'GET', url: '/bench/bare-small' }),
    ),
  };

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
      profile,
    })}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`bench server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
