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
