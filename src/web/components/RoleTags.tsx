import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';

export const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  officer: 'blue',
  reviewer: 'purple',
  finance: 'gold',
  auditor: 'cyan',
  supplier: 'green',
  member: 'default',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color={ROLE_COLORS[role] ?? 'default'}>
          {t(`role.${role}`)}
        </Tag>
      ))}
    </>
  );
}
