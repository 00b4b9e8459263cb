import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CAUSES } from '../../../shared/vocabulary';
import { apiGet, buildUrl } from '../../api/client';
import type { OrgLevel } from '../../api/types';

/** Households and the people in them (户、人). */
export interface HouseholdCount {
  households: number;
  persons: number;
}
export type Cause = (typeof CAUSES)[number];

export interface ArchiveFigures {
  archived: HouseholdCount;
  /** Adds up to `archived`; `none`: archived, but the last decision found it no longer eligible. */
  byCategory: {
    deep: HouseholdCount;
    relative: HouseholdCount;
    sudden: HouseholdCount;
    none: HouseholdCount;
  };
  byCause: Record<Cause, HouseholdCount>;
  inReview: HouseholdCount;
  exitProposed: HouseholdCount;
  period: {
    newlyArchived: HouseholdCount;
    reArchived: HouseholdCount;
    exited: {
      total: HouseholdCount;
      income: HouseholdCount;
      review: HouseholdCount;
      request: HouseholdCount;
    };
    relapsed: HouseholdCount;
    rejected: HouseholdCount;
    annualReviews: { total: number; continue: number; recompute: number; propose_exit: number };
  };
}

/** `GET /api/households/report`: the unit, each unit directly below it, and the total. */
export interface ArchiveReport {
  org: { id: string; name: string; level: OrgLevel };
  from: string;
  to: string;
  asOf: string;
  units: (ArchiveFigures & { orgId: string; orgName: string; level: OrgLevel; self: boolean })[];
  total: ArchiveFigures;
}

export interface ArchiveReportQuery {
  orgId?: string;
  from: string;
  to: string;
}

export function useArchiveReport(query: ArchiveReportQuery) {
  return useQuery({
    queryKey: ['households-report', query.orgId ?? null, query.from, query.to],
    queryFn: ({ signal }) => apiGet<ArchiveReport>('/households/report', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The same figures as .xlsx (按单位, 按致困原因). */
export const archiveReportXlsxUrl = (query: ArchiveReportQuery) =>
  buildUrl('/households/report.xlsx', { ...query });
