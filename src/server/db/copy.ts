import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { type PgColumn, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Executor, postgresClientOf } from './client';

const dialect = new PgDialect();

/** How a column's values are written: json as JSON text, arrays as array literals, the rest as text. */
type Kind = 'json' | 'array' | 'plain';

function kindOf(column: PgColumn): Kind {
  const type = column.columnType as string;
  if (type === 'PgJson' || type === 'PgJsonb') return 'json';
  if (type === 'PgArray') return 'array';
  return 'plain';
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field of COPY's text format: the four characters that would end or alter it, backslash-escaped. */
function copyEscape(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** A value as PostgreSQL's text input reads it (what the driver would send as a parameter). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return JSON.stringify(value);
}

/** An array literal: every element quoted (so commas, braces and spaces stay inside it), NULL bare. */
function arrayLiteral(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (Array.isArray(v)) parts[i] = arrayLiteral(v);
    else parts[i] = `"${textOf(v).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

function field(value: unknown, kind: Kind): string {
  if (value === null || value === undefined) return '\\N';
  if (kind === 'json') return copyEscape(JSON.stringify(value));
  if (kind === 'array' && Array.isArray(value)) return copyEscape(arrayLiteral(value));
  return copyEscape(textOf(value));
}

/**
 * The columns a bulk insert lists: those any of the rows sets (a key whose value is undefined sets
 * nothing; the others take their defaults), as the rows' keys and as the table's columns.
 */
export function columnsSet<T extends PgTable>(table: T, rows: T['$inferInsert'][]) {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const used = new Set<string>();
  for (const row of rows as Record<string, unknown>[])
    for (const key in row) if (row[key] !== undefined) used.add(key);
  const keys = [...used];
  const columns = keys.map((key) => {
    const column = all[key];
    if (!column) throw new Error(`unknown column ${key}`);
    return column;
  });
  return { keys, columns };
}

/** The COPY statement and its data for these rows: the columns any row sets, undefined read as NULL. */
export function copyPayload<T extends PgTable>(
  table: T,
  rows: T['$inferInsert'][],
): { statement: string; data: string } {
  const { keys, columns: targets } = columnsSet(table, rows);
  if (!keys.length) throw new Error(`copy into ${getTableName(table)}: no row sets any column`);
  const kinds = targets.map(kindOf);
  const list = sql.join(
    targets.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const statement = dialect.sqlToQuery(sql`copy ${table} (${list}) from stdin`).sql;
  // Plain loops: this runs for every row of every table of an import.
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    let line = field(row[keys[0]!], kinds[0]!);
    for (let i = 1; i < keys.length; i++) line += `\t${field(row[keys[i]!], kinds[i]!)}`;
    lines[r] = line;
  }
  return { statement, data: lines.length ? `${lines.join('\n')}\n` : '' };
}

async function copyOn(client: pg.PoolClient | pg.Client, statement: string, data: string) {
  const stream = client.query(copyFrom(statement));
  // 'finish' comes once PostgreSQL has answered (the rows are in); 'error' carries its refusal. Not
  // `pipeline`: destroying the stream after the server's error would send a CopyFail it no longer wants.
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.once('finish', resolve);
    stream.end(data);
  });
}

/**
 * Inserts rows with `COPY … FROM STDIN` (text format) on PostgreSQL: the cheapest way in for the
 * server (no JSON to expand). Rows go in in array order (an identity column numbers them so);
 * columns no row sets take their defaults. Inside a transaction it runs on the transaction's
 * connection; given the pool, on a connection of its own. A failure rejects with PostgreSQL's error.
 * Returns false, having done nothing, on PGlite: the caller inserts another way.
 */
export async function copyRows<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T['$inferInsert'][],
): Promise<boolean> {
  const target = postgresClientOf(db);
  if (!target) return false;
  if (!rows.length) return true;
  const { statement, data } = copyPayload(table, rows);
  if (!(target instanceof pg.Pool)) {
    await copyOn(target, statement, data);
    return true;
  }
  const client = await target.connect();
  let broken: Error | undefined;
  try {
    await copyOn(client, statement, data);
  } catch (error) {
    // PostgreSQL refusing the rows leaves the connection usable; anything else (a dropped socket)
    // may not: the pool discards that one.
    if (!(error instanceof pg.DatabaseError))
      broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
  return true;
}
