import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

const dialect = new PgDialect();
/** Statement text → name, one name per text for the whole process (a connection refuses a name reused). */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 100;

/** The node-postgres pool of the database, or the connection of an open transaction; null on PGlite. */
export function postgresClientOf(db: Executor): pg.Pool | pg.Client | null {
  const pool = (db as { $client?: unknown }).$client;
  if (pool instanceof pg.Pool) return pool;
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

/**
 * Runs a hot statement of constant text (every value a parameter) as a named prepared statement on
 * PostgreSQL: each connection parses it once and, once its plan is cached, plans it once — for the
 * large statements run many times a second (approvals, the audit chain). On PGlite, in-process, it
 * runs as usual. Rows come back as node-postgres parses them (json parsed, int8 as text).
 */
export async function runPrepared<T>(db: Executor, query: SQL): Promise<T[]> {
  const client = postgresClientOf(db);
  if (!client) return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `bangfu_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return (await client.query({ name, text, values: params as unknown[] })).rows as T[];
}

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

export const pgliteExtensions = { pg_trgm };

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `<dataDir>/pgdata`. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir?: string;
  pglite?: PGlite;
  poolSize?: number;
}): Promise<Database> {
  if (options.databaseUrl) {
    // Business days are Asia/Shanghai, but timestamps are stored as timestamptz and exchanged as ISO UTC.
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      options: '-c TimeZone=UTC',
    });
    // An idle connection the server drops (a restart, an administrator, a dropped database) is an
    // 'error' on the pool: without a listener Node would crash. The pool has already discarded that
    // connection and opens a new one on the next query; queries in flight fail on their own.
    pool.on('error', (error) => {
      console.warn(`PostgreSQL closed an idle connection: ${error.message}`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  let client = options.pglite;
  if (!client) {
    const dataDir = path.resolve(options.dataDir ?? './data');
    mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: pgliteExtensions });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const pglite = client;
  return { db, kind: 'pglite', close: () => pglite.close() };
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await migratePg(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
}
