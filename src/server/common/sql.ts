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
