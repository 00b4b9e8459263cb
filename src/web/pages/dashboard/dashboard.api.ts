import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { Dashboard } from '../../api/types';

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => apiGet<Dashboard>('/dashboard') });
}
