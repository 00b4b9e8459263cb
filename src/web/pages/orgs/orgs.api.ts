import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../api/client';
import type { Org, OrgCreate, OrgDetail, OrgNode, OrgUpdate } from '../../api/types';

export const orgKeys = {
  all: ['orgs'] as const,
  tree: (includeInactive: boolean) => ['orgs', 'tree', { includeInactive }] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
};

export async function fetchOrgTree(includeInactive: boolean): Promise<OrgNode[]> {
  const reply = await apiGet<{ items: OrgNode[] }>('/orgs', {
    includeInactive: includeInactive || undefined,
  });
  return reply.items;
}

/** The caller's part of the federation tree (roots = the caller's unit). */
export function useOrgTree(includeInactive = true, enabled = true) {
  return useQuery({
    queryKey: orgKeys.tree(includeInactive),
    queryFn: () => fetchOrgTree(includeInactive),
    enabled,
  });
}

export function useOrgDetail(id: string | null) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: () => apiGet<OrgDetail>(`/orgs/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export const createOrg = (input: OrgCreate) => apiPost<Org>('/orgs', input);
export const updateOrg = (id: string, input: OrgUpdate) =>
  apiPatch<Org>(`/orgs/${encodeURIComponent(id)}`, input);
export const moveOrg = (id: string, parentId: string) =>
  apiPost<Org>(`/orgs/${encodeURIComponent(id)}/move`, { parentId });
export const setOrgActive = (id: string, active: boolean) =>
  apiPost<Org>(`/orgs/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`);
