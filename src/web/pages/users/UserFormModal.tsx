import { ProForm, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { RoleSelect } from '../../components/RoleSelect';
import { passwordRules } from '../../lib/password';
import { createUser, updateUser } from './users.api';

interface UserFormValues {
  username: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  password?: string;
  active?: boolean;
}

interface Props {
  /** Absent: create a user. */
  user?: User;
  defaultOrgId?: string;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export function UserFormModal({ user, defaultOrgId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isCreate = !user;

  const onFinish = async (values: UserFormValues) => {
    const saved = user
      ? await updateUser(user.id, {
          displayName: values.displayName.trim(),
          orgId: values.orgId,
          roles: values.roles,
          active: values.active ?? user.active,
        })
      : await createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          orgId: values.orgId,
          roles: values.roles,
          password: values.password ?? '',
        });
    message.success(isCreate ? t('users.created', { name: saved.displayName }) : t('users.updated'));
    onSaved(saved);
  };

  return (
    <FormModal<UserFormValues>
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      width={560}
      testId="user-form-submit"
      layout="horizontal"
      labelCol={{ span: 6 }}
      wrapperCol={{ span: 17 }}
      initialValues={
        user
          ? {
              username: user.username,
              displayName: user.displayName,
              orgId: user.orgId,
              roles: user.roles,
              active: user.active,
            }
          : { orgId: defaultOrgId, roles: ['officer'] }
      }
      onClose={onClose}
      onFinish={onFinish}
    >
      <ProFormText
        name="username"
        label={t('users.field.username')}
        disabled={!isCreate}
        fieldProps={{ maxLength: 50, autoComplete: 'off' }}
        rules={
          isCreate
            ? [
                { required: true, message: t('users.rule.usernameRequired') },
                { pattern: /^[A-Za-z0-9._-]{3,50}$/, message: t('users.rule.usernameFormat') },
              ]
            : []
        }
      />
      <ProFormText
        name="displayName"
        label={t('users.field.displayName')}
        fieldProps={{ maxLength: 50 }}
        rules={[{ required: true, whitespace: true, message: t('users.rule.displayNameRequired') }]}
      />
      <ProForm.Item
        name="orgId"
        label={t('users.field.org')}
        rules={[{ required: true, message: t('users.rule.orgRequired') }]}
      >
        <OrgTreeSelect data-testid="user-org-select" />
      </ProForm.Item>
      <ProForm.Item
        name="roles"
        label={t('users.field.roles')}
        rules={[{ required: true, type: 'array', min: 1, message: t('users.rule.rolesRequired') }]}
      >
        <RoleSelect data-testid="user-roles-select" />
      </ProForm.Item>
      {isCreate ? (
        <ProFormText.Password
          name="password"
          label={t('users.field.password')}
          extra={t('password.rule')}
          fieldProps={{ autoComplete: 'new-password' }}
          rules={passwordRules()}
        />
      ) : (
        <ProFormSwitch name="active" label={t('users.field.active')} />
      )}
    </FormModal>
  );
}
