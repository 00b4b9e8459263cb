/**
 * The step of a stepped form in the address (`?step=2`, counted from 1 as the steps are shown), so that
 * Back and Forward move between steps. Only the step number goes there: the entries stay in memory.
 */
export const STEP_PARAM = 'step';

/** The step (from 0) that `search` names; the first when it names none or one out of range. */
export function stepFromSearch(search: string, count: number): number {
  const raw = new URLSearchParams(search).get(STEP_PARAM);
  if (raw === null || !/^\d+$/.test(raw)) return 0;
  const step = Number(raw) - 1;
  return step >= 0 && step < count ? step : 0;
}

/** `search` with `step` (from 0) in it; the first step is the plain address. */
export function searchWithStep(search: string, step: number): string {
  const params = new URLSearchParams(search);
  if (step > 0) params.set(STEP_PARAM, String(step + 1));
  else params.delete(STEP_PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * How many history entries of the same form lie before this one: kept in the entry's history state,
 * so that the form can step back over its own entries when it is done (after saving, Back then leads to
 * where the user came from, not to the emptied form).
 */
export function formEntryDepth(state: unknown): number {
  const depth = (state as { formEntry?: unknown } | null)?.formEntry;
  return typeof depth === 'number' && Number.isInteger(depth) && depth > 0 ? depth : 0;
}

/** Whether a navigation leaves the form (another page), rather than moving between its steps. */
export function leavesForm(current: { pathname: string }, next: { pathname: string }): boolean {
  return current.pathname !== next.pathname;
}
