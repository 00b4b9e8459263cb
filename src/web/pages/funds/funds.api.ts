import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../api/client';

export const FUND_KINDS = ['government', 'union_funds', 'upper_union', 'donation', 'other'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

export interface Fund {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  kind: FundKind;
  year: number;
  receivedFen: number;
  allocatedFen: number;
  unallocatedFen: number;
  /** Paid out: payment lines confirmed paid, debited from this source. */
  spentFen: number;
  receivedOn: string | null;
  note: string | null;
  createdAt: string;
}

export interface FundFilter {
  year?: number;
  kind?: FundKind;
  orgId?: string;
}

export interface FundCreate {
  orgId: string;
  name: string;
  kind: FundKind;
  year: number;
  receivedFen: number;
  receivedOn?: string | null;
  note?: string | null;
}

export type FundUpdate = Partial<Pick<FundCreate, 'name' | 'receivedFen' | 'receivedOn' | 'note'>>;

export const fundKeys = {
  all: ['funds'] as const,
  list: (filter: FundFilter) => ['funds', 'list', filter] as const,
};

export function useFunds(filter: FundFilter, enabled = true) {
  return useQuery({
    queryKey: fundKeys.list(filter),
    queryFn: ({ signal }) => apiGet<{ items: Fund[] }>('/funds', { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const createFund = (input: FundCreate) => apiPost<Fund>('/funds', input);
export const updateFund = (id: string, input: FundUpdate) =>
  apiPatch<Fund>(`/funds/${encodeURIComponent(id)}`, input);
