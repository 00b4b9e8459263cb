import { api, apiPost } from '../../api/client';
import type { Page, Policy, PolicyCreate, PolicyListItem } from '../../api/types';

export interface PolicyListQuery {
  regionCode?: string;
  page: number;
  pageSize: number;
}

export const policyKeys = {
  all: ['policies'] as const,
  list: (query: PolicyListQuery) => ['policies', 'list', query] as const,
};

export const listPolicies = (query: PolicyListQuery, signal?: AbortSignal) =>
  api<Page<PolicyListItem>>('/policies', { query: { ...query }, signal });
export const createPolicy = (input: PolicyCreate) => apiPost<Policy>('/policies', input);
