import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client';
import type { FundKind } from '../funds/funds.api';
import type { ProgramType } from '../programs/programs.api';

/** Contract 2: `GET /api/aid/statistics`. */
export interface AidStatistics {
  year: number;
  orgId: string;
  orgName: string;
  totals: {
    programs: number;
    received: number;
    approved: number;
    households: number;
    people: number;
    approvedFen: number;
    paidFen: number;
  };
  byType: {
    type: ProgramType;
    programs: number;
    households: number;
    people: number;
    approvedFen: number;
    paidFen: number;
  }[];
  programs: {
    id: string;
    name: string;
    type: ProgramType;
    orgName: string;
    received: number;
    approved: number;
    households: number;
    approvedFen: number;
    paidFen: number;
  }[];
  bySourceKind: { kind: FundKind; approvedFen: number; paidFen: number }[];
}

export function useAidStatistics(year: number, orgId?: string) {
  return useQuery({
    queryKey: ['aid-statistics', year, orgId ?? null],
    queryFn: ({ signal }) => apiGet<AidStatistics>('/aid/statistics', { year, orgId }, signal),
    placeholderData: keepPreviousData,
  });
}
