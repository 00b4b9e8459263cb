import { useQuery } from '@tanstack/react-query';
import { api, apiGet, apiPatch, apiPost } from '../../api/client';
import type {
  Category,
  Cause,
  Decision,
  FileMeta,
  HouseholdDetail,
  HouseholdDetailForCaller,
  HouseholdInput,
  HouseholdListItem,
  HouseholdStats,
  HouseholdStatus,
  IncomeRecordList,
  Page,
  PolicyInForce,
  RevealField,
} from '../../api/types';
import { isRecordId } from '../../lib/searchParams';

export interface HouseholdFilter {
  orgId?: string;
  status?: HouseholdStatus;
  cause?: Cause;
  reviewDueBefore?: string;
  exitProposed?: boolean;
  awaitingMyReview?: boolean;
  q?: string;
}

import type { HouseholdSort } from './listState';

export interface HouseholdListQuery extends HouseholdFilter {
  category?: Category | 'unassessed';
  sort?: HouseholdSort;
  page: number;
  pageSize: number;
}

export const householdKeys = {
  all: ['households'] as const,
  list: (query: HouseholdListQuery) => ['households', 'list', query] as const,
  stats: (filter: HouseholdFilter) => ['households', 'stats', filter] as const,
  detail: (id: string) => ['households', 'detail', id] as const,
  incomeRecords: (id: string) => ['households', 'income-records', id] as const,
};

const path = (id: string, suffix = '') => `/households/${encodeURIComponent(id)}${suffix}`;

/** A list page: `total` stops at a cap on large archives, `totalCapped` then says "more than". */
export type HouseholdPage = Page<HouseholdListItem> & { totalCapped: boolean };

/** Counts stop at `countCap`; `capped` names those that have more. */
export type CappedHouseholdStats = HouseholdStats & {
  countCap: number;
  capped: { total: boolean; byCategory: string[]; byStatus: string[] };
};

export const listHouseholds = (query: HouseholdListQuery, signal?: AbortSignal) =>
  api<HouseholdPage>('/households', { query: { ...query }, signal });

export function useHouseholdStats(filter: HouseholdFilter) {
  return useQuery({
    queryKey: householdKeys.stats(filter),
    queryFn: ({ signal }) => apiGet<CappedHouseholdStats>('/households/stats', { ...filter }, signal),
  });
}

export function useHousehold(id: string | undefined) {
  return useQuery({
    queryKey: householdKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiGet<HouseholdDetailForCaller>(path(id ?? ''), undefined, signal),
    // An id of the wrong shape names no household: not asked for (the page says not found).
    enabled: isRecordId(id),
  });
}

export const getDecisions = (id: string) => apiGet<{ items: Decision[] }>(path(id, '/decisions'));
export const createHousehold = (input: HouseholdInput) => apiPost<HouseholdDetail>('/households', input);
export const updateHousehold = (id: string, input: Partial<HouseholdInput>) =>
  apiPatch<HouseholdDetail>(path(id), input);

export type Transition =
  | 'submit'
  | 'withdraw'
  | 'approve'
  | 'return'
  | 'reject'
  | 'propose-exit'
  | 'confirm-exit'
  | 'decline-exit'
  | 'relapse';

export const transition = (id: string, action: Transition, body?: Record<string, unknown>) =>
  apiPost<HouseholdDetail>(path(id, `/${action}`), body ?? {});

export const reveal = (id: string, field: RevealField, memberId?: string) =>
  apiPost<{ field: RevealField; value: string }>(path(id, '/reveal'), { field, memberId });

/**
 * Archived households: the months (YYYY-MM) that count towards an automatic exit, strictly after `after`
 * (the month of the latest archiving, re-archiving after 返困, or 不同意脱困) and before `before` (this month).
 */
export interface ExitWindow {
  after: string;
  before: string;
  basis: 'archived' | 'rearchived' | 'declined';
}
export type IncomeRecordReply = IncomeRecordList & { exitWindow: ExitWindow | null };

export function useIncomeRecords(id: string, enabled: boolean) {
  return useQuery({
    queryKey: householdKeys.incomeRecords(id),
    queryFn: ({ signal }) => apiGet<IncomeRecordReply>(path(id, '/income-records'), undefined, signal),
    enabled,
  });
}

export const addIncomeRecord = (
  id: string,
  input: {
    month: string;
    incomeFen: number;
    rigidExpenditureFen?: number;
    householdSize?: number;
    note?: string | null;
  },
) => apiPost<IncomeRecordReply>(path(id, '/income-records'), input);

export function usePolicyInForce(regionCode: string | undefined) {
  return useQuery({
    queryKey: ['policies', 'in-force', regionCode ?? ''],
    queryFn: ({ signal }) =>
      apiGet<PolicyInForce>('/policies/in-force', { regionCode: regionCode ?? '' }, signal),
    enabled: Boolean(regionCode),
    retry: false,
  });
}

export function uploadFile(file: File, orgId?: string): Promise<FileMeta> {
  const body = new FormData();
  body.append('file', file);
  if (orgId) body.append('orgId', orgId);
  return api<FileMeta>('/files', { method: 'POST', body });
}
