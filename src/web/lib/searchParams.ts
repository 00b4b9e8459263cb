/**
 * A filter a page takes from its address (`/households?status=returned`), e.g. from a to-do on the home
 * page: only a value the page knows, anything else is ignored as if absent.
 */
export function paramChoice<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = params.get(name);
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** An ISO date (YYYY-MM-DD) from the address, or undefined. */
export function paramDate(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a record id from the address (`/households/:id`) has the shape of one: anything else names
 * no record, so the page says "not found" instead of asking the server (which would refuse the input).
 */
export const isRecordId = (value: string | undefined): value is string => Boolean(value && UUID.test(value));
