import { useQuery } from '@tanstack/react-query';
import { api, apiGet, apiPost } from '../../api/client';
import type { Page, Policy, PolicyCreate, PolicyListItem } from '../../api/types';
import type { PolicyRegion } from './regions';

export interface PolicyListQuery {
  regionCode?: string;
  page: number;
  pageSize: number;
}

/** A listed version with its region's name, from the units the caller knows (docs/api.md). */
export interface PolicyRow extends PolicyListItem {
  /** 「江东区」 for 330102; null when no city or county federation the caller knows carries the code. */
  regionName: string | null;
  /** The unit the name comes from, or the only unit carrying the code; null when none does. */
  regionOrgName: string | null;
  /** The caller may add a version for this region (an admin of a city or county federation covering it). */
  settable: boolean;
}

export const policyKeys = {
  all: ['policies'] as const,
  list: (query: PolicyListQuery) => ['policies', 'list', query] as const,
  regions: ['policies', 'regions'] as const,
};

export const listPolicies = (query: PolicyListQuery, signal?: AbortSignal) =>
  api<Page<PolicyRow>>('/policies', { query: { ...query }, signal });
export const createPolicy = (input: PolicyCreate) => apiPost<Policy>('/policies', input);

/** The regions the caller may set policies for (403 `POLICY_LEVEL_NOT_ALLOWED` below a county). */
export function usePolicyRegions() {
  return useQuery({
    queryKey: policyKeys.regions,
    queryFn: ({ signal }) => apiGet<{ items: PolicyRegion[] }>('/policies/regions', undefined, signal),
    retry: false,
  });
}
