import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../api/types';

export function roleOptions(t: (key: `role.${Role}`) => string) {
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
}

export function RoleSelect(props: SelectProps<Role[]>) {
  const { t } = useTranslation();
  return <Select<Role[]> mode="multiple" allowClear options={roleOptions(t)} {...props} />;
}
