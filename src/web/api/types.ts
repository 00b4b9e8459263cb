/** Shapes of the HTTP API (docs/api.md). Dates arrive as ISO 8601 strings. */

export const ROLES = ['admin', 'officer', 'reviewer', 'finance', 'auditor', 'supplier', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_LEVELS = ['city', 'district', 'township', 'grassroots'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'user.read'
  | 'user.write'
  | 'audit.read'
  | 'audit.verify'
  | 'file.read'
  | 'file.write'
  | 'job.read'
  | 'dashboard.read';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  roles: Role[];
  permissions: string[];
  mustChangePassword: boolean;
}

export interface LoginReply {
  user: Me;
  token: string;
  csrfToken: string;
}

export interface MeReply {
  user: Me;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Org {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  path: string;
  depth: number;
  regionCode: string;
  contactPerson: string | null;
  contactPhone: string | null;
  employerName: string | null;
  uscc: string | null;
  memberCount: number | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OrgDetail extends Org {
  parentName: string | null;
  childCount: number;
  userCount: number;
}

export interface OrgNode extends Org {
  children: OrgNode[];
}

export interface OrgCreate {
  name: string;
  level: OrgLevel;
  parentId: string;
  regionCode: string;
  contactPerson?: string | null;
  contactPhone?: string | null;
  employerName?: string | null;
  uscc?: string | null;
  memberCount?: number | null;
}

export type OrgUpdate = Partial<Omit<OrgCreate, 'parentId' | 'level'>>;

export interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  roles: Role[];
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface UserCreate {
  username: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  password: string;
}

export interface UserUpdate {
  displayName?: string;
  orgId?: string;
  roles?: Role[];
  active?: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  orgName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  reason: string | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobError {
  row?: number;
  column?: string;
  message: string;
}

export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  done: number;
  total: number;
  result: unknown;
  errors: JobError[];
  message: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type OrgCounts = Record<OrgLevel, number>;

export interface Dashboard {
  orgCounts: OrgCounts;
  userCount: number;
  activeUserCount: number;
  roleCounts: Partial<Record<Role, number>>;
  recentAudit?: AuditEntry[];
  memberTotal: number;
}
