import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';
import type { Job } from '../../api/types';

export const BATCH_KINDS = ['cash', 'goods'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];
export const BATCH_STATUSES = ['draft', 'issued', 'closed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const LINE_STATUSES = ['pending', 'paid', 'failed', 'cancelled'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export interface LineCounts {
  pending: number;
  paid: number;
  failed: number;
  cancelled: number;
  pendingFen: number;
  paidFen: number;
  failedFen: number;
}

export interface Batch {
  id: string;
  batchNo: string;
  title: string;
  programId: string;
  programName: string;
  programYear: number;
  orgId: string;
  orgName: string;
  kind: BatchKind;
  status: BatchStatus;
  itemName: string | null;
  unitName: string | null;
  unitValueFen: number | null;
  lineCount: number;
  totalFen: number;
  note: string | null;
  /** 制单人 */
  createdBy: string;
  createdByName: string;
  /** 复核人: who issued the batch, never its 制单人. */
  issuedBy: string | null;
  issuedByName: string | null;
  createdAt: string;
  issuedAt: string | null;
  closedAt: string | null;
  counts: LineCounts;
}

export interface Line {
  id: string;
  position: number;
  applicationId: string;
  householdId: string;
  payeeName: string;
  idMasked: string;
  workUnit: string;
  bankAccountMasked: string | null;
  bankName: string | null;
  amountFen: number;
  quantity: number | null;
  status: LineStatus;
  failureReason: string | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
}

export interface Candidate {
  applicationId: string;
  householdId: string;
  householdName: string;
  orgName: string;
  approvedFen: number;
  hasBankAccount: boolean;
  block: { code: string; message: string; messageEn: string } | null;
  previousFailures: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface BatchFilter {
  programId?: string;
  status?: BatchStatus;
  kind?: BatchKind;
  page: number;
  pageSize: number;
}

export interface LineFilter {
  status?: LineStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export interface CandidateFilter {
  programId: string;
  orgId?: string;
  payableOnly?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export interface BatchCreate {
  programId: string;
  orgId?: string;
  kind: BatchKind;
  title?: string;
  itemName?: string;
  unitName?: string;
  unitValueFen?: number;
  applicationIds: string[];
  note?: string | null;
}

export const batchKeys = {
  all: ['disbursements'] as const,
  list: (filter: BatchFilter) => ['disbursements', 'list', filter] as const,
  detail: (id: string) => ['disbursements', 'detail', id] as const,
  lines: (id: string, filter: LineFilter) => ['disbursements', 'lines', id, filter] as const,
  candidates: (filter: CandidateFilter) => ['disbursements', 'candidates', filter] as const,
};

const path = (id: string, suffix = '') => `/disbursements/${encodeURIComponent(id)}${suffix}`;

export function useBatches(filter: BatchFilter) {
  return useQuery({
    queryKey: batchKeys.list(filter),
    queryFn: ({ signal }) => apiGet<Page<Batch>>('/disbursements', { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBatch(id: string) {
  return useQuery({
    queryKey: batchKeys.detail(id),
    queryFn: ({ signal }) => apiGet<Batch>(path(id), undefined, signal),
  });
}

export function useLines(id: string, filter: LineFilter) {
  return useQuery({
    queryKey: batchKeys.lines(id, filter),
    queryFn: ({ signal }) => apiGet<Page<Line>>(path(id, '/lines'), { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCandidates(filter: CandidateFilter | null) {
  return useQuery({
    queryKey: batchKeys.candidates(filter ?? { programId: '', page: 1, pageSize: 1 }),
    queryFn: ({ signal }) => apiGet<Page<Candidate>>('/disbursements/candidates', { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled: !!filter,
  });
}

export const createBatch = (input: BatchCreate) => apiPost<Batch>('/disbursements', input);
export const issueBatch = (id: string) => apiPost<Batch>(path(id, '/issue'), {});
export const cancelBatch = (id: string, reason: string) => apiPost<Batch>(path(id, '/cancel'), { reason });
export const rebatch = (id: string) => apiPost<Batch>(path(id, '/rebatch'), {});
export const confirmLines = (
  id: string,
  input: { result: 'paid' | 'failed'; lineIds?: string[]; allPending?: true; reason?: string },
) => apiPost<{ batch: Batch; changed: number; unchanged: number }>(path(id, '/confirm'), input);
export const startRegister = (id: string, format: 'xlsx' | 'docx', unmasked: boolean) =>
  apiPost<Job>(path(id, '/register'), { format, unmasked });
