import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiGet, apiPost } from '../../api/client';

export type PublicityStatus = 'published' | 'withdrawn';
export type PublicityPhase = 'upcoming' | 'running' | 'ended' | 'withdrawn';
export type EntryStatus = 'listed' | 'withdrawn' | 'revoked';
export const OBJECTION_CHANNELS = ['phone', 'letter', 'visit', 'email', 'other'] as const;
export type ObjectionChannel = (typeof OBJECTION_CHANNELS)[number];
export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';
export type UpheldOutcome = 'returned' | 'rejected';
export type ProgramType = 'warmth' | 'tuition' | 'medical' | 'relief' | 'project';
export type ApplicationStatus = 'pending' | 'returned' | 'rejected' | 'approved' | 'withdrawn';

export interface PublicitySummary {
  id: string;
  programId: string;
  title: string;
  startDate: string;
  endDate: string;
  status: PublicityStatus;
  phase: PublicityPhase;
  entryCount: number;
  totalFen: number;
  objectionCount: number;
  openObjections: number;
  createdAt: string;
}

export interface PublicityList {
  program: { id: string; name: string; publicityDays: number; canPublish: boolean };
  items: PublicitySummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** A notice of the caller's unit or a unit below it (GET /api/publicity), with its program and publisher. */
export interface ManagedPublicity extends PublicitySummary {
  programName: string;
  orgId: string;
  orgName: string;
  /** Open objections the caller may verify (those it recorded itself are another reviewer's). */
  pendingObjections: number;
}

export interface ManagedPublicityList {
  items: ManagedPublicity[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PublicityEntry {
  id: string;
  seq: number;
  applicationId: string;
  applicationStatus: ApplicationStatus;
  maskedName: string;
  unitName: string;
  amountFen: number;
  category: string | null;
  schoolLevel: string | null;
  status: EntryStatus;
  openObjections: number;
}

export interface Objection {
  id: string;
  entryId: string | null;
  entrySeq: number | null;
  entryMaskedName: string | null;
  channel: ObjectionChannel;
  content: string;
  contactMasked: string | null;
  receivedOn: string;
  status: ObjectionStatus;
  outcome: UpheldOutcome | null;
  resolutionNote: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
  recordedByName: string;
  createdAt: string;
}

export interface PublicityDetail extends PublicitySummary {
  programName: string;
  programType: ProgramType;
  programYear: number;
  publicityDays: number;
  orgId: string;
  orgName: string;
  note: string | null;
  publicToken: string;
  publicPath: string;
  createdByName: string | null;
  withdrawnReason: string | null;
  withdrawnAt: string | null;
  today: string;
  acceptsObjections: boolean;
  canManage: boolean;
  entries: PublicityEntry[];
  objections: Objection[];
}

export interface Candidate {
  applicationId: string;
  householdName: string;
  maskedName: string;
  unitName: string;
  category: string | null;
  schoolLevel: string | null;
  approvedFen: number;
  decidedAt: string | null;
}

export interface Candidates {
  items: Candidate[];
  defaultStartDate: string;
  defaultEndDate: string;
}

export interface PublishInput {
  title?: string;
  startDate: string;
  endDate?: string;
  note?: string | null;
  applicationIds?: string[];
}

export interface PublicNotice {
  /** `open`: the list is shown; `upcoming` / `ended`: dates, count and total only. */
  phase: 'upcoming' | 'open' | 'ended';
  count: number;
  contactPerson: string | null;
  contactPhone: string | null;
  title: string;
  orgName: string;
  programName: string;
  programType: ProgramType;
  startDate: string;
  endDate: string;
  note: string | null;
  totalFen: number;
  entries: {
    seq: number;
    maskedName: string;
    unitName: string;
    amountFen: number;
    category: string | null;
    schoolLevel: string | null;
  }[];
}

const keys = {
  list: (programId: string, query: object) => ['publicity', 'program', programId, query] as const,
  managed: (query: object) => ['publicity', 'managed', query] as const,
  candidates: (programId: string) => ['publicity', 'candidates', programId] as const,
  detail: (id: string) => ['publicity', 'detail', id] as const,
};

export function useProgramPublicities(
  programId: string,
  query: { status?: PublicityStatus; page: number; pageSize: number },
) {
  return useQuery({
    queryKey: keys.list(programId, query),
    queryFn: ({ signal }) => apiGet<PublicityList>(`/programs/${programId}/publicity`, query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The notices the caller manages, across programs; `objections: 'pending'` → those awaiting its verification. */
export function useManagedPublicities(
  query: { objections?: 'pending'; page: number; pageSize: number },
  enabled = true,
) {
  return useQuery({
    queryKey: keys.managed(query),
    queryFn: ({ signal }) => apiGet<ManagedPublicityList>('/publicity', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCandidates(programId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.candidates(programId),
    queryFn: ({ signal }) =>
      apiGet<Candidates>(`/programs/${programId}/publicity/candidates`, undefined, signal),
    enabled,
  });
}

export function usePublicity(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => apiGet<PublicityDetail>(`/publicity/${id}`, undefined, signal),
  });
}

/** Every change answers the fresh detail: put it in the cache, refresh the lists around it. */
function useDetailMutation<T>(call: (input: T) => Promise<PublicityDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => {
      client.setQueryData(keys.detail(detail.id), detail);
      void client.invalidateQueries({ queryKey: ['publicity', 'program', detail.programId] });
      void client.invalidateQueries({ queryKey: ['publicity', 'managed'] });
      void client.invalidateQueries({ queryKey: keys.candidates(detail.programId) });
      // Budgets and application states change when an objection is upheld.
      void client.invalidateQueries({ queryKey: ['programs'] });
      void client.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}

export const usePublish = (programId: string) =>
  useDetailMutation((input: PublishInput) =>
    apiPost<PublicityDetail>(`/programs/${programId}/publicity`, input),
  );

export const useWithdraw = (id: string) =>
  useDetailMutation((reason: string) => apiPost<PublicityDetail>(`/publicity/${id}/withdraw`, { reason }));

export const useRecordObjection = (id: string) =>
  useDetailMutation(
    (input: {
      entryId?: string | null;
      channel: ObjectionChannel;
      content: string;
      contact?: string | null;
    }) => apiPost<PublicityDetail>(`/publicity/${id}/objections`, input),
  );

export const useResolveObjection = (id: string) =>
  useDetailMutation(
    ({
      objectionId,
      ...body
    }: {
      objectionId: string;
      decision: 'upheld' | 'dismissed';
      outcome?: UpheldOutcome;
      note: string;
    }) => apiPost<PublicityDetail>(`/publicity/${id}/objections/${objectionId}/resolve`, body),
  );

export const revealContact = (id: string, objectionId: string) =>
  apiPost<{ contact: string | null }>(`/publicity/${id}/objections/${objectionId}/reveal-contact`);

export function usePublicNotice(token: string) {
  return useQuery({
    queryKey: ['publicity', 'public', token],
    queryFn: ({ signal }) =>
      api<PublicNotice>(`/public/publicity/${token}`, { signal, skipAuthRedirect: true }),
    retry: false,
  });
}

/** The full public URL of a notice, as shown next to its QR code. */
export const publicUrl = (path: string) => `${window.location.origin}${path}`;
