import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { Category, Dashboard, TodoKey } from '../../api/types';

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

export interface TodoItem {
  key: TodoKey;
  count: number;
  capped: boolean;
  /** Review queues: how many of `count` another reviewer of the unit must decide (null: not counted). */
  othersDecide?: number | null;
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
