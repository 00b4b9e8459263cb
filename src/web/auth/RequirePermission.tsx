import type { ReactNode } from 'react';
import type { Permission } from '../api/types';
import { NoPermission } from '../components/NoPermission';
import { useAuth } from './AuthContext';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <NoPermission />;
}
