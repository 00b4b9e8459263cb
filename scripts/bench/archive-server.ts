/**
 * Child of `scripts/bench/archive.ts` (not for production use): the real app on a throw-away
 * PostgreSQL database (`BENCH_DATABASE_URL`) holding `BENCH_HOUSEHOLDS` households seeded SQL-side
 * (`insert … select … from generate_series`) over a 2,000-unit tree, plus `/bench/bare` (a list-page
 * sized body, no auth, no database). Listens on 127.0.0.1 and prints one JSON line:
 * `{ port, token, seedMs, samples }`. SIGTERM closes it.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { CAUSES } from '../../src/server/modules/households/households.table';
import { BENCH_ADMIN_PASSWORD, GIVEN, openAndSeed, SURNAMES } from './archive-seed';

const dataDir = process.env.BENCH_DATA_DIR;
const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!dataDir || !databaseUrl) throw new Error('BENCH_DATA_DIR and BENCH_DATABASE_URL are required');
const total = Number(process.env.BENCH_HOUSEHOLDS ?? 1_000_000);

const lit = (values: readonly string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]::text[]`;

/**
 * Plausible rows: names skewed towards common surnames like `personName`, statuses mostly archived,
 * categories spread, 1–2 causes, 20 % of phones shared by two households, updated over a year.
 * Ciphertext columns hold dummy strings: lists show the stored masked values only.
 */
function seedSql(adminId: string) {
  const surnames = lit(SURNAMES);
  const given = lit(GIVEN);
  const causes = lit(CAUSES);
  return `
    with u as (select array_agg(id order by path) as ids, count(*)::int as n from orgs where level = 'grassroots')
    insert into households (id, employer_org_id, name, id_cipher, id_blind, id_masked, sex, birth_date,
      phone_cipher, phone_blind, phone_masked, bank_account_cipher, bank_account_masked, bank_name, job,
      address, situation, causes, status, category, review_due_on, archived_on, created_by, created_at, updated_at)
    select gen_random_uuid(),
      u.ids[(1 + (g * 7919) % u.n)::int],
      (${surnames})[1 + floor(${SURNAMES.length} * power(((g * 2654435761) % 4294967296)::float8 / 4294967296, 2))::int]
        || (${given})[(1 + (g * 7919) % ${GIVEN.length})::int]
        || case when g % 3 = 0 then '' else (${given})[(1 + ((g * 104729 + 13) / 97) % ${GIVEN.length})::int] end,
      'bench-cipher', md5('id' || g), '330102' || '********' || lpad((g % 10000)::text, 4, '0'),
      case when g % 2 = 0 then 'male' else 'female' end,
      date '1960-01-01' + (g % 14000)::int,
      'bench-cipher', md5('phone' || (g % 800000)), '138****' || lpad((g % 10000)::text, 4, '0'),
      'bench-cipher', '6222********' || lpad((g % 10000)::text, 4, '0'), '工商银行望江支行', '挡车工',
      '江东区望江路 ' || (1 + g % 999) || ' 号', null,
      case when g % 4 = 0 then array[(${causes})[(1 + g % 7)::int], (${causes})[(1 + (g + 3) % 7)::int]]
           else array[(${causes})[(1 + g % 7)::int]] end,
      (array['archived','archived','archived','archived','archived','archived','draft','submitted','grassroots_approved','exited'])[(1 + (g * 31) % 10)::int],
      (array['deep','relative','relative','sudden','none', null])[(1 + (g * 17) % 6)::int],
      date '2026-01-01' + ((g * 13) % 365)::int,
      case when (g * 31) % 10 < 6 then date '2025-01-01' + ((g * 13) % 365)::int end,
      '${adminId}', now() - ((g * 37) % 31536000) * interval '1 second',
      now() - ((g * 7877) % 31536000) * interval '1 second'
    from generate_series(1::bigint, ${total}::bigint) as g, u`;
}

/**
 * Each household's timeline: its creation, and for a household past the draft the step that left it
 * in its status, a day later — what the archive report reads a past period's stock from.
 */
function stepsSql() {
  return `
    insert into household_events (household_id, employer_org_id, at, actor_name, action, from_status, to_status)
    select id, employer_org_id, created_at, '基准', 'created', null, 'draft' from households;
    insert into household_events (household_id, employer_org_id, at, actor_name, action, from_status, to_status, level)
    select id, employer_org_id, created_at + interval '1 day', '基准',
      case status when 'submitted' then 'submitted' when 'exited' then 'exited' else 'approved' end,
      case status when 'submitted' then 'draft' when 'grassroots_approved' then 'submitted' else 'grassroots_approved' end,
      status,
      case status when 'grassroots_approved' then 'grassroots' when 'submitted' then null else 'township' end
    from households where status <> 'draft'`;
}

async function main() {
  const started = performance.now();
  const seeded = await openAndSeed(dataDir!, databaseUrl);
  const { deps, runtime } = seeded;
  const setupMs = performance.now() - started;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const seedStarted = performance.now();
  await client.query(`set maintenance_work_mem = '256MB'`);
  // The real indexes (from the migrations) are dropped and re-created with their own DDL: faster
  // than maintaining them row by row, same result.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'households' and indexname <> 'households_pkey'`,
  );
  for (const i of indexes) await client.query(`drop index ${i.indexname}`);
  const { rows: admins } = await client.query<{ id: string }>(
    `select id from users where username = 'admin'`,
  );
  await client.query(seedSql(admins[0]!.id));
  await client.query(stepsSql());
  const insertMs = performance.now() - seedStarted;
  for (const i of indexes) await client.query(i.indexdef);
  // VACUUM as autovacuum would soon after a bulk insert: it sets the visibility map, so the capped
  // counts read households_employer_status_idx without visiting the table.
  await client.query('vacuum analyze');
  const seedMs = performance.now() - seedStarted;

  // Sample households for the duplicate search: the most and the least common names.
  const { rows: common } = await client.query<{ id: string; name: string; n: number }>(
    `select (array_agg(id))[1] as id, name, count(*)::int as n from households group by name order by n desc limit 5`,
  );
  const { rows: rare } = await client.query<{ id: string; name: string; n: number }>(
    `select (array_agg(id))[1] as id, name, count(*)::int as n from households group by name order by n, name limit 5`,
  );
  const { rows: deepPage } = await client.query<{ n: number }>(`select count(*)::int as n from households`);
  await client.end();

  const app = await buildApp(deps, { serveWeb: false });
  let bareBody = '';
  app.get('/bench/bare', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(bareBody),
  );
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: BENCH_ADMIN_PASSWORD, client: 'api' },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const { token } = login.json() as { token: string };
  const page = await app.inject({
    method: 'GET',
    url: '/api/households?pageSize=20',
    headers: { authorization: `Bearer ${token}` },
  });
  if (page.statusCode !== 200) throw new Error(`list failed: ${page.statusCode} ${page.body}`);
  bareBody = page.body;

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
  process.stdout.write(
    `${JSON.stringify({
      port: address.port,
      token,
      setupMs,
      insertMs,
      seedMs,
      households: deepPage[0]!.n,
      listBytes: Buffer.byteLength(bareBody),
      district: seeded.district,
      township: seeded.township,
      grassroots: seeded.grassroots[0]!.id,
      common,
      rare,
    })}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(
    `archive-server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
