import { useQuery } from '@tanstack/react-query';
import { api, apiGet, apiPost } from '../../api/client';
import type {
  AnnualReviewDueItem,
  AnnualReviewInput,
  DuplicateCandidate,
  DuplicatePairPage,
  HouseholdDetail,
  ImportMode,
  Job,
  NotDuplicateReply,
  Page,
  ReviewSample,
  ReviewSampleSummary,
  SampleFinding,
} from '../../api/types';
import type { HouseholdFilter } from './households.api';

/** Excel import/export, duplicate suggestions and annual review (年审、抽查) of the archive. */

const path = (id: string, suffix = '') => `/households/${encodeURIComponent(id)}${suffix}`;

export const archiveKeys = {
  duplicates: (id: string) => ['households', 'duplicates', id] as const,
  duplicatePairs: (orgId: string | undefined, page: number, pageSize: number) =>
    ['households', 'duplicate-pairs', orgId ?? '', page, pageSize] as const,
  due: (query: DueQuery) => ['households', 'annual-review-due', query] as const,
  samples: (query: SampleListQuery) => ['households', 'review-samples', query] as const,
  sample: (id: string) => ['households', 'review-sample', id] as const,
};

export const IMPORT_TEMPLATE_URL = '/households/import/template';
export const IMPORT_TEMPLATE_NAME = '困难职工档案导入模板.xlsx';

export function startImport(file: File, mode: ImportMode): Promise<Job> {
  const body = new FormData();
  body.append('mode', mode);
  body.append('file', file);
  return api<Job>('/households/import', { method: 'POST', body });
}

export const startExport = (filter: HouseholdFilter, unmasked = false) =>
  apiPost<Job>('/households/export', { ...filter, ...(unmasked ? { unmasked: true } : {}) });

export function useDuplicateCandidates(id: string) {
  return useQuery({
    queryKey: archiveKeys.duplicates(id),
    queryFn: ({ signal }) =>
      apiGet<{ items: DuplicateCandidate[] }>(path(id, '/duplicates'), undefined, signal),
  });
}

/** A household as it is being entered: what the duplicate check compares (POST: the phone stays out of URLs). */
export interface DuplicateCheck {
  employerOrgId: string;
  name: string;
  phone?: string;
  /** The household being edited, left out of its own candidates. */
  excludeId?: string;
}

export const checkEntryDuplicates = (entry: DuplicateCheck, signal?: AbortSignal) =>
  api<{ items: DuplicateCandidate[] }>('/households/duplicates/check', {
    method: 'POST',
    body: entry,
    signal,
  });

export const listDuplicatePairs = (
  query: { orgId?: string; page: number; pageSize: number },
  signal?: AbortSignal,
) => apiGet<DuplicatePairPage>('/households/duplicates', { ...query }, signal);

export const markNotDuplicate = (id: string, otherId: string, note?: string | null) =>
  apiPost<NotDuplicateReply>(path(id, '/not-duplicate'), { otherId, note: note || null });

export interface DueQuery {
  orgId?: string;
  before?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export const listDueReviews = (query: DueQuery, signal?: AbortSignal) =>
  apiGet<Page<AnnualReviewDueItem>>('/households/annual-review/due', { ...query }, signal);

export const recordAnnualReview = (id: string, input: AnnualReviewInput) =>
  apiPost<HouseholdDetail>(path(id, '/annual-review'), input);

export const drawSample = (input: {
  year: number;
  orgId: string;
  ratio: number;
  seed?: string;
  redrawReason?: string;
}) => apiPost<ReviewSample>('/households/annual-review/samples', input);

export const recordFinding = (sampleId: string, householdId: string, result: SampleFinding, note: string) =>
  apiPost<ReviewSample>(
    `/households/annual-review/samples/${encodeURIComponent(sampleId)}/items/${encodeURIComponent(householdId)}/finding`,
    { result, note },
  );

export interface SampleListQuery {
  year: number;
  orgId?: string;
  current?: boolean;
  page: number;
  pageSize: number;
}

export const listSamples = (query: SampleListQuery, signal?: AbortSignal) =>
  apiGet<Page<ReviewSampleSummary>>('/households/annual-review/samples', { ...query }, signal);

export const getSample = (id: string, signal?: AbortSignal) =>
  apiGet<ReviewSample>(`/households/annual-review/samples/${encodeURIComponent(id)}`, undefined, signal);
