import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from '../../api/client';
import type { OrgLevel, SchoolLevel } from '../../api/types';
import type { FundKind } from '../funds/funds.api';

export const PROGRAM_TYPES = ['warmth', 'tuition', 'medical', 'relief', 'project'] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];
export const AID_CATEGORIES = ['deep', 'relative', 'sudden'] as const;
export type AidCategory = (typeof AID_CATEGORIES)[number];
/** Lowest first: the order a review chain must follow. */
export const CHAIN_LEVELS = ['grassroots', 'township', 'district', 'city'] as const satisfies OrgLevel[];
export const WINDOW_STATES = ['upcoming', 'open', 'closed'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

export interface Program {
  id: string;
  orgId: string;
  orgName: string;
  type: ProgramType;
  name: string;
  year: number;
  categories: AidCategory[];
  capPerHouseholdFen: number | null;
  capPerYearFen: number | null;
  dibaoMonths: number | null;
  tuitionCaps: Partial<Record<SchoolLevel, number>> | null;
  requiredDocuments: string[];
  windowStart: string;
  windowEnd: string;
  reviewChain: OrgLevel[];
  publicityDays: number;
  createdAt: string;
}

export interface ProgramBalance {
  sourceId: string;
  sourceName: string;
  sourceKind: FundKind;
  allocatedFen: number;
  approvedFen: number;
  remainingFen: number;
}

export interface ProgramDetail extends Program {
  sources: ProgramBalance[];
  applicationCount: number;
  allocatedFen: number;
  approvedFen: number;
  remainingFen: number;
}

export interface ProgramRules {
  name: string;
  categories: AidCategory[];
  capPerHouseholdFen: number | null;
  capPerYearFen: number | null;
  dibaoMonths: number | null;
  tuitionCaps: Partial<Record<SchoolLevel, number>> | null;
  requiredDocuments: string[];
  windowStart: string;
  windowEnd: string;
  reviewChain: OrgLevel[];
  publicityDays: number;
}

export interface ProgramCreate extends ProgramRules {
  orgId: string;
  type: ProgramType;
  year: number;
}

export interface ProgramFilter {
  year?: number;
  type?: ProgramType;
  orgId?: string;
}

/** Contract 2: `GET /api/programs/:id/statistics`. */
export interface ProgramStatistics {
  program: { id: string; name: string; type: ProgramType; year: number; orgId: string; orgName: string };
  /** received = approved + rejected + pending + returned + withdrawn */
  applications: {
    received: number;
    approved: number;
    rejected: number;
    pending: number;
    returned: number;
    withdrawn: number;
  };
  households: number;
  people: number;
  approvedFen: number;
  paidFen: number;
  pendingPaymentFen: number;
  failedFen: number;
  bySource: {
    sourceId: string;
    name: string;
    kind: FundKind;
    allocatedFen: number;
    approvedFen: number;
    paidFen: number;
  }[];
  byOrg: {
    orgId: string;
    orgName: string;
    level: OrgLevel;
    households: number;
    people: number;
    approvedFen: number;
    paidFen: number;
  }[];
  byCategory: { category: AidCategory; households: number; approvedFen: number }[];
  /** Tuition aid: approved students by school level, university first (one application, one student). */
  bySchoolLevel: {
    schoolLevel: SchoolLevel;
    students: number;
    households: number;
    approvedFen: number;
    paidFen: number;
  }[];
  /** Payments confirmed within the asked business days (Asia/Shanghai); null when none were asked. */
  period: PaidPeriod | null;
}

export interface PaidPeriod {
  from: string | null;
  to: string | null;
  payments: number;
  households: number;
  people: number;
  paidFen: number;
  bySource: { sourceId: string; name: string; kind: FundKind; paidFen: number }[];
  byOrg: {
    orgId: string;
    orgName: string;
    level: OrgLevel;
    households: number;
    people: number;
    paidFen: number;
  }[];
}

/** Business days, both inclusive (YYYY-MM-DD). */
export interface PaidRange {
  paidFrom: string;
  paidTo: string;
}

export const programKeys = {
  all: ['programs'] as const,
  list: (filter: ProgramFilter) => ['programs', 'list', filter] as const,
  detail: (id: string) => ['programs', 'detail', id] as const,
  statistics: (id: string, range?: PaidRange) => ['programs', 'statistics', id, range ?? null] as const,
};

const path = (id: string, suffix = '') => `/programs/${encodeURIComponent(id)}${suffix}`;

export function usePrograms(filter: ProgramFilter) {
  return useQuery({
    queryKey: programKeys.list(filter),
    queryFn: ({ signal }) => apiGet<{ items: Program[] }>('/programs', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProgram(id: string | undefined) {
  return useQuery({
    queryKey: programKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiGet<ProgramDetail>(path(id ?? ''), undefined, signal),
    enabled: Boolean(id),
  });
}

/** The program's figures; with a range, also what was paid within it (`period`). */
export function useProgramStatistics(id: string, range?: PaidRange) {
  return useQuery({
    queryKey: programKeys.statistics(id, range),
    queryFn: ({ signal }) =>
      apiGet<ProgramStatistics>(path(id, '/statistics'), range ? { ...range } : undefined, signal),
    placeholderData: keepPreviousData,
  });
}

export const createProgram = (input: ProgramCreate) => apiPost<ProgramDetail>('/programs', input);
export const updateProgram = (id: string, input: Partial<ProgramRules>) =>
  apiPatch<ProgramDetail>(path(id), input);
export const allocate = (id: string, input: { sourceId: string; amountFen: number; note?: string | null }) =>
  apiPost<ProgramDetail>(path(id, '/allocations'), input);

/** Gives unused money of one source back to it (结余退回), down to what is approved. */
export const returnAllocation = (
  id: string,
  input: { sourceId: string; amountFen: number; reason: string },
) => apiPost<ProgramDetail>(path(id, '/allocations/return'), input);

/** Where a program's application window stands on a given business day (YYYY-MM-DD). */
export function windowState(p: Pick<Program, 'windowStart' | 'windowEnd'>, today: string): WindowState {
  if (today < p.windowStart) return 'upcoming';
  if (today > p.windowEnd) return 'closed';
  return 'open';
}
