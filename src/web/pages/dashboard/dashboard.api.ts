import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { Category, Dashboard } from '../../api/types';

/** 困难职工档案 by category (archived households), present for users who read the archive. */
export interface ArchiveFigures {
  total: number;
  byCategory: Record<Category | 'unassessed', number>;
  countCap: number;
  capped: { total: boolean; byCategory: (Category | 'unassessed')[] };
}

export interface DashboardSummary extends Dashboard {
  archive: ArchiveFigures | null;
}

/** The server's queue keys (GET /api/dashboard/todos), in its order. */
export const TODO_KEYS = [
  'households.awaitingReview',
  'households.exitAwaitingConfirmation',
  'households.returned',
  'households.drafts',
  'households.annualReviewOverdue',
  'households.annualReviewDueSoon',
  'households.sampleFindingsPending',
  'applications.awaitingReview',
  'applications.returned',
  'publicity.objectionsPending',
  'disbursements.awaitingIssue',
  'disbursements.awaitingConfirmation',
] as const;
export type TodoKey = (typeof TODO_KEYS)[number];

export interface TodoItem {
  key: TodoKey;
  count: number;
  capped: boolean;
}

export const dashboardKeys = {
  summary: ['dashboard'] as const,
  todos: ['dashboard', 'todos'] as const,
};

export function useDashboard() {
  return useQuery({
    queryKey: dashboardKeys.summary,
    queryFn: () => apiGet<DashboardSummary>('/dashboard'),
  });
}

/** Fresh whenever the home page opens or the window comes back: the work moves while one is away. */
export function useTodos() {
  return useQuery({
    queryKey: dashboardKeys.todos,
    queryFn: () => apiGet<{ items: TodoItem[] }>('/dashboard/todos'),
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
}
