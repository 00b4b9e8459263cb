import { api, apiPatch, apiPost } from '../../api/client';
import type { Job, Page, Role, User, UserCreate, UserUpdate } from '../../api/types';

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  orgId?: string;
  includeSubtree?: boolean;
  role?: Role;
  active?: boolean;
}

export const userKeys = {
  all: ['users'] as const,
  list: (query: UserListQuery) => ['users', 'list', query] as const,
};

export const listUsers = (query: UserListQuery, signal?: AbortSignal) =>
  api<Page<User>>('/users', { query: { ...query }, signal });
export const createUser = (input: UserCreate) => apiPost<User>('/users', input);
export const updateUser = (id: string, input: UserUpdate) =>
  apiPatch<User>(`/users/${encodeURIComponent(id)}`, input);
export const resetPassword = (id: string, newPassword: string) =>
  apiPost<{ ok: true }>(`/users/${encodeURIComponent(id)}/reset-password`, { newPassword });
export const unlockUser = (id: string) => apiPost<User>(`/users/${encodeURIComponent(id)}/unlock`);
export const exportUsers = (filter: Omit<UserListQuery, 'page' | 'pageSize'>) =>
  apiPost<Job>('/users/export', filter);
