import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';
import type { OrgLevel, Page, SchoolLevel } from '../../api/types';
import type { ProgramType } from '../programs/programs.api';

export const APPLICATION_STATUSES = ['pending', 'returned', 'rejected', 'approved', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type DecisionAction = 'submitted' | 'resubmitted' | 'approved' | 'returned' | 'rejected' | 'withdrawn';

export interface EligibilityCheck {
  key: string;
  ok: boolean;
  /** In Chinese. */
  message: string;
  /** In English; absent from applications assessed before it was kept. */
  messageEn?: string;
}

export interface Eligibility {
  eligible: boolean;
  limitFen: number | null;
  checks: EligibilityCheck[];
  explanation: string;
  explanationEn?: string;
  inputs: Record<string, unknown>;
}

export interface ChainStep {
  level: OrgLevel;
  orgId: string;
  orgName: string;
}

export interface DocumentRef {
  name: string;
  fileId: string;
}

export interface Application {
  id: string;
  programId: string;
  programName: string;
  programType: ProgramType;
  programYear: number;
  householdId: string;
  householdName: string;
  orgId: string;
  orgName: string;
  status: ApplicationStatus;
  round: number;
  step: number;
  chain: ChainStep[];
  currentOrgId: string | null;
  requestedFen: number;
  proposedFen: number | null;
  approvedFen: number | null;
  reason: string;
  documents: DocumentRef[];
  studentMemberId: string | null;
  studentName: string | null;
  school: string | null;
  schoolLevel: SchoolLevel | null;
  eligibility: Eligibility;
  createdBy: string;
  submittedAt: string;
  decidedAt: string | null;
}

export interface ApplicationDecision {
  id: string;
  round: number;
  step: number | null;
  level: OrgLevel | null;
  action: DecisionAction;
  amountFen: number | null;
  comment: string | null;
  snapshot: unknown;
  actorName: string;
  at: string;
}

export interface ApplicationDetail extends Application {
  fundings: { sourceId: string; sourceName: string; amountFen: number }[];
  decisions: ApplicationDecision[];
}

export interface ApplicationInput {
  programId: string;
  householdId: string;
  requestedFen: number;
  reason: string;
  documents: DocumentRef[];
  studentMemberId?: string | null;
  school?: string | null;
  schoolLevel?: SchoolLevel | null;
}

export interface ApplicationQuery {
  programId?: string;
  householdId?: string;
  status?: ApplicationStatus;
  awaitingMe?: boolean;
  page: number;
  pageSize: number;
}

export interface BatchItemResult {
  id: string;
  ok: boolean;
  status: ApplicationStatus | null;
  amountFen: number | null;
  code: string | null;
  message: string | null;
  messageEn: string | null;
}

export interface BatchResult {
  succeeded: number;
  failed: number;
  items: BatchItemResult[];
}

/** Contract 2: `GET /api/households/:id/aid-ledger`. */
export interface AidLedger {
  householdId: string;
  totalApprovedFen: number;
  totalPaidFen: number;
  byYear: { year: number; approvedFen: number; paidFen: number }[];
  items: {
    applicationId: string;
    programId: string;
    programName: string;
    programType: ProgramType;
    year: number;
    status: string;
    requestedFen: number;
    approvedFen: number | null;
    paidFen: number;
    paidAt: string | null;
    payment: 'none' | 'pending' | 'paid' | 'failed';
    kind: 'cash' | 'goods' | null;
    itemName: string | null;
    quantity: number | null;
  }[];
}

export const applicationKeys = {
  all: ['applications'] as const,
  list: (query: ApplicationQuery) => ['applications', 'list', query] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
  eligibilityNow: (id: string) => ['applications', 'eligibility-now', id] as const,
  ledger: (householdId: string) => ['applications', 'ledger', householdId] as const,
};

const path = (id: string, suffix = '') => `/applications/${encodeURIComponent(id)}${suffix}`;

export function useApplications(query: ApplicationQuery, enabled = true) {
  return useQuery({
    queryKey: applicationKeys.list(query),
    queryFn: ({ signal }) => apiGet<Page<Application>>('/applications', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: applicationKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiGet<ApplicationDetail>(path(id ?? ''), undefined, signal),
    enabled: Boolean(id),
  });
}

/** A pending application's eligibility as its approval would judge it now (the caps after later approvals). */
export function useEligibilityNow(id: string, enabled: boolean) {
  return useQuery({
    queryKey: applicationKeys.eligibilityNow(id),
    queryFn: ({ signal }) => apiGet<Eligibility>(path(id, '/eligibility'), undefined, signal),
    enabled,
    retry: false,
  });
}

export function useAidLedger(householdId: string) {
  return useQuery({
    queryKey: applicationKeys.ledger(householdId),
    queryFn: ({ signal }) =>
      apiGet<AidLedger>(`/households/${encodeURIComponent(householdId)}/aid-ledger`, undefined, signal),
    retry: false,
  });
}

export const checkApplication = (input: ApplicationInput) =>
  apiPost<Eligibility>('/applications/check', input);
export const submitApplication = (input: ApplicationInput) =>
  apiPost<ApplicationDetail>('/applications', input);
export const approve = (id: string, body: { amountFen?: number; comment?: string | null }) =>
  apiPost<ApplicationDetail>(path(id, '/approve'), body);
export const decide = (id: string, action: 'return' | 'reject' | 'withdraw', reason: string) =>
  apiPost<ApplicationDetail>(path(id, `/${action}`), { reason });
export const resubmit = (
  id: string,
  body: { requestedFen: number; reason: string; documents?: DocumentRef[] },
) => apiPost<ApplicationDetail>(path(id, '/resubmit'), body);
export const batchApprove = (items: { id: string; amountFen?: number }[], comment?: string | null) =>
  apiPost<BatchResult>('/applications/batch-review', { action: 'approve', items, comment });
