/**
 * Roles and what they may do: the one table of permissions in the code base.
 * Every permission is additionally limited by data scope (the caller's org subtree).
 */
import type { Role } from '../../shared/vocabulary';

export { ROLES, type Role } from '../../shared/vocabulary';

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'Administrator' },
  officer: { zh: '经办', en: 'Officer' },
  reviewer: { zh: '审核', en: 'Reviewer' },
  finance: { zh: '财务', en: 'Finance' },
  auditor: { zh: '监督', en: 'Auditor' },
  supplier: { zh: '供应商', en: 'Supplier' },
  member: { zh: '会员', en: 'Member' },
};

export const ACTIONS = [
  'org.read',
  'org.write',
  'user.read',
  'user.write',
  'audit.read',
  'audit.verify',
  'file.read',
  'file.write',
  'job.read',
  'dashboard.read',
  'policy.read',
  'policy.write',
  'household.read',
  'household.write',
  'household.review',
  'household.reveal',
  'fund.read',
  'fund.write',
  'program.read',
  'program.write',
  'application.read',
  'application.write',
  'application.review',
  // 公示: publish / withdraw notices and record objections; resolve objections (核实处理).
  'publicity.write',
  'publicity.resolve',
  'disbursement.read',
  'disbursement.write',
  'disbursement.confirm',
  // The register with full bank accounts: the bank-transfer list finance hands to the bank (audited).
  'disbursement.reveal',
] as const;
export type Action = (typeof ACTIONS)[number];

// The accounts of the scope (the user list, its export, the home page's user figures) are not staff
// reading: only those who manage them (admin) and supervision (auditor) see them.
const STAFF_READ: Action[] = [
  'org.read',
  'file.read',
  'job.read',
  'dashboard.read',
  'policy.read',
  'household.read',
  'program.read',
  'application.read',
];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  officer: [...STAFF_READ, 'file.write', 'household.write', 'application.write', 'publicity.write'],
  // Reviewers verify IDs against certificates, so they may reveal full values (always audited).
  reviewer: [
    ...STAFF_READ,
    'household.review',
    'household.reveal',
    'application.review',
    'publicity.resolve',
    'disbursement.read',
  ],
  // Finance keeps the fund sources and earmarks them to programs (专款专用).
  finance: [
    'org.read',
    'file.read',
    'job.read',
    'dashboard.read',
    'policy.read',
    'fund.read',
    'fund.write',
    'program.read',
    // Payment batches (发放): builds them, prints the register, confirms each line paid or failed.
    'disbursement.read',
    'disbursement.write',
    'disbursement.confirm',
    'disbursement.reveal',
  ],
  // 监督: reads everything in scope, changes nothing.
  auditor: [...STAFF_READ, 'user.read', 'audit.read', 'audit.verify', 'fund.read', 'disbursement.read'],
  supplier: [],
  member: [],
};

export function permissionsOf(roles: readonly Role[]): Set<Action> {
  const result = new Set<Action>();
  for (const role of roles) for (const action of PERMISSIONS[role]) result.add(action);
  return result;
}

/** May print a payment register with full bank accounts: finance for its transfers, or whoever may reveal. */
export const canRevealRegister = (roles: readonly Role[]) =>
  can(roles, 'disbursement.reveal') || can(roles, 'household.reveal');

export function can(roles: readonly Role[], action: Action): boolean {
  return roles.some((role) => PERMISSIONS[role].includes(action));
}
