/** Small SQL helpers shared by repositories and use cases. */

/** Escapes LIKE/ILIKE wildcards so that user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The SQLSTATE of a database error, whether raised by the driver directly or wrapped by Drizzle. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A unique-constraint violation (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * Text the database refuses: U+0000 in text (22021) or in jsonb (22P05) — nothing else a JavaScript
 * string can hold. Request schemas refuse it field by field (`text` in common/schemas); this catches it
 * in any field that does not use them yet.
 */
export function isNulInText(error: unknown): boolean {
  const state = sqlState(error);
  return state === '22021' || state === '22P05';
}

/**
 * A PostgreSQL message without the values it quotes (`value "13812341234" is out of range for type
 * integer`, `invalid input syntax for type uuid: "…"`); names of objects stay (`constraint "x_check"`).
 */
function withoutLiterals(message: string) {
  const NAMED =
    /\b(?:relation|table|column|constraint|index|schema|type|function|sequence|view|trigger|encoding)\s+$/;
  return message.replace(/"(?:[^"]|"")*"/g, (quoted, at: number) =>
    NAMED.test(message.slice(0, at)) ? quoted : '"…"',
  );
}

/** What a PostgreSQL error says about the failure without holding any value of the query. */
const SAFE_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'];

/**
 * An error as the log may keep it. A failed query carries its values: Drizzle's error lists the
 * parameters in its message (a phone number searched, a name), the driver's its `detail` (the key of a
 * violated constraint) and a message quoting what it could not read (`invalid input syntax for type
 * uuid: "…"`). Kept instead: the SQLSTATE, table, column and constraint, the SQL text (placeholders
 * only), the message without the quoted value, and where the query was issued. Other errors are
 * returned as they are.
 */
export function loggableError(error: unknown): unknown {
  let db: Record<string, unknown> | undefined;
  let query: unknown;
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const fields = e as Record<string, unknown>;
    query ??= fields.query;
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) {
      db = fields;
      break;
    }
  }
  if (!db) return error;
  const safe = new Error(withoutLiterals(String(db.message)));
  safe.name = 'DatabaseError';
  const kept: Record<string, unknown> = typeof query === 'string' ? { query } : {};
  for (const key of SAFE_FIELDS) if (db[key] !== undefined && db[key] !== null) kept[key] = db[key];
  const frames = (error instanceof Error ? (error.stack ?? '') : '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l));
  safe.stack = [`${safe.name}: ${safe.message}`, ...frames].join('\n');
  return Object.assign(safe, kept);
}
