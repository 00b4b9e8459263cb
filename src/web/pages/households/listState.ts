/**
 * The household list's state in its address (`/households?tab=awaiting&status=archived&page=2`): the
 * tab, the search form, the page and its size. Back from a household, a reload and a shared link all
 * open the list as it was left.
 */
import { CAUSES, type Category, type Cause, HOUSEHOLD_STATUSES, type HouseholdStatus } from '../../api/types';
import i18n from '../../i18n';
import { isRecordId, paramChoice, paramDate } from '../../lib/searchParams';
import { onSessionMemoryCleared, SESSION_MEMORY_PREFIX } from '../../lib/sessionMemory';

export type HouseholdListTab = 'all' | 'awaiting' | 'exitProposed';

export const LIST_CATEGORIES = ['deep', 'relative', 'sudden', 'none', 'unassessed'] as const;
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
/** The server's orders besides the default (newest change first). */
export const HOUSEHOLD_SORTS = ['reviewDueOn', 'perCapita', '-perCapita'] as const;
export type HouseholdSort = (typeof HOUSEHOLD_SORTS)[number];
/** The server's limit on the search text. */
const MAX_QUERY_LENGTH = 50;

export interface HouseholdListState {
  tab: HouseholdListTab;
  /** On 待确认脱困: only the exits the caller's unit decides. */
  mine: boolean;
  q?: string;
  orgId?: string;
  status?: HouseholdStatus;
  category?: Category | 'unassessed';
  cause?: Cause;
  reviewDueBefore?: string;
  /** A column's order (年审到期, 人均月收入); none: newest change first. */
  sort?: HouseholdSort;
  page: number;
  pageSize: number;
}

/** The list's state read from its address; anything unknown or malformed is ignored as if absent. */
export function readListState(params: URLSearchParams): HouseholdListState {
  const q = params.get('q')?.trim().slice(0, MAX_QUERY_LENGTH) || undefined;
  const orgId = params.get('orgId') ?? undefined;
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    tab: paramChoice(params, 'tab', ['awaiting', 'exitProposed'] as const) ?? 'all',
    mine: params.get('mine') === '1',
    q,
    orgId: isRecordId(orgId) ? orgId : undefined,
    status: paramChoice(params, 'status', HOUSEHOLD_STATUSES),
    category: paramChoice(params, 'category', LIST_CATEGORIES),
    cause: paramChoice(params, 'cause', CAUSES),
    reviewDueBefore: paramDate(params, 'reviewDueBefore'),
    sort: paramChoice(params, 'sort', HOUSEHOLD_SORTS),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The address of a state: only what differs from the defaults, in a fixed order (stable links). */
export function listStateParams(state: HouseholdListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.tab !== 'all') params.set('tab', state.tab);
  if (state.tab === 'exitProposed' && state.mine) params.set('mine', '1');
  for (const field of ['q', 'orgId', 'status', 'category', 'cause', 'reviewDueBefore'] as const) {
    const value = state[field];
    if (value && !(field === 'q' && isNumberSearch(value))) params.set(field, value);
  }
  if (state.sort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

/**
 * A search by ID number or phone (digits) stays out of the address: the browser's history and the
 * remembered list below would keep a resident's full number. A name may go there.
 */
export function isNumberSearch(q: string): boolean {
  return /^\d+[Xx]?$/.test(q.replace(/\s/g, ''));
}

// Cleared when a user signs in or out (lib/sessionMemory): the next user of the tab starts afresh.
const STORAGE_KEY = `${SESSION_MEMORY_PREFIX}households.list`;
let lastSearch = '';
onSessionMemoryCleared(() => {
  lastSearch = '';
});

/** Keeps the list's address for the way back from a household (its page's back arrow, the form's). */
export function rememberListSearch(search: string): void {
  lastSearch = search;
  try {
    sessionStorage.setItem(STORAGE_KEY, search);
  } catch {
    // Private mode or no storage: this tab's memory is enough.
  }
}

/** `/households` as the user left it in this browser tab: filters, search, tab and page. */
export function householdListPath(): string {
  let search = lastSearch;
  try {
    search = sessionStorage.getItem(STORAGE_KEY) ?? lastSearch;
  } catch {
    // As above.
  }
  return search && search !== '?'
    ? `/households${search.startsWith('?') ? '' : '?'}${search}`
    : '/households';
}

/**
 * What the search text is, when it finds nothing: digits (with a final X) of any length but 18 are
 * part of an ID number, which the search never matches — the number must be complete (it is found by a
 * keyed hash, not by its digits).
 */
export function partialIdQuery(q: string | undefined): boolean {
  const text = q?.replace(/\s/g, '') ?? '';
  return /^\d+[Xx]?$/.test(text) && text.length !== 18;
}

/**
 * The title of the first card above the list, saying what the cards count: the tab's records, narrowed
 * by the search fields (the cards follow both, but not the category, which they split the count by).
 */
export function statsTitle(state: Pick<HouseholdListState, 'tab' | 'mine'>, filtered: boolean): string {
  if (state.tab === 'all')
    return i18n.t(filtered ? 'households.stats.totalFiltered' : 'households.stats.total');
  const tab = i18n.t(
    state.tab === 'awaiting'
      ? 'households.stats.totalAwaiting'
      : state.mine
        ? 'households.stats.totalExitMine'
        : 'households.stats.totalExitProposed',
  );
  return filtered ? i18n.t('households.stats.tabFiltered', { tab }) : tab;
}

/** ProTable's column order (`{ perCapitaMonthlyFen: 'descend' }`) as the server's `sort`, and back. */
export function sortOfColumns(
  sorter: Record<string, 'ascend' | 'descend' | null | undefined>,
): HouseholdSort | undefined {
  if (sorter.perCapitaMonthlyFen === 'ascend') return 'perCapita';
  if (sorter.perCapitaMonthlyFen === 'descend') return '-perCapita';
  // 年审到期 sorts one way only: the earliest due first (the work's order).
  if (sorter.reviewDueOn) return 'reviewDueOn';
  return undefined;
}

export function columnSortOrder(
  sort: HouseholdSort | undefined,
  column: 'perCapitaMonthlyFen' | 'reviewDueOn',
): 'ascend' | 'descend' | null {
  if (column === 'reviewDueOn') return sort === 'reviewDueOn' ? 'ascend' : null;
  return sort === 'perCapita' ? 'ascend' : sort === '-perCapita' ? 'descend' : null;
}
