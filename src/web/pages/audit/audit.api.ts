import { api, apiGet } from '../../api/client';
import type { AuditEntry, AuditVerifyResult, Page } from '../../api/types';

export interface AuditQuery {
  page: number;
  pageSize: number;
  entity?: string;
  entityId?: string;
  actorId?: string;
  /** Part of the actor's recorded name. */
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditQuery) => ['audit', 'list', query] as const,
};

export const listAudit = (query: AuditQuery, signal?: AbortSignal) =>
  api<Page<AuditEntry>>('/audit', { query: { ...query }, signal });

export const verifyAudit = () => apiGet<AuditVerifyResult>('/audit/verify');
