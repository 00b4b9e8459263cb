import { PlusOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import type { Role, User } from '../../api/types';
import { useAuth, useMe } from '../../auth/AuthContext';
import { ExportJobButton } from '../../components/ExportJobButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { roleOptions } from '../../components/RoleSelect';
import { RoleTags } from '../../components/RoleTags';
import { formatDateTime } from '../../lib/format';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { UserStatus } from './UserStatus';
import { exportUsers, listUsers, type UserListQuery, unlockUser, userKeys } from './users.api';

interface SearchParams {
  current?: number;
  pageSize?: number;
  q?: string;
  orgId?: string;
  role?: Role;
  status?: 'active' | 'inactive';
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

export default function UsersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  // The filters of the last search, so that 导出 exports exactly what the table shows.
  const lastQuery = useRef<UserListQuery | null>(null);
  const canWrite = can('user.write');

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: userKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    void actionRef.current?.reload();
  };

  const unlock = async (user: User) => {
    try {
      await unlockUser(user.id);
      message.success(t('users.unlocked'));
      reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const columns: ProColumns<User>[] = [
    {
      title: t('users.field.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('users.field.keywordPlaceholder') },
    },
    {
      title: t('users.field.username'),
      dataIndex: 'username',
      search: false,
      render: (_, user) => (
        <Typography.Text copyable={{ text: user.username }}>{user.username}</Typography.Text>
      ),
    },
    { title: t('users.field.displayName'), dataIndex: 'displayName', search: false },
    {
      title: t('users.field.org'),
      dataIndex: 'orgId',
      render: (_, user) => user.orgName,
      renderFormItem: () => (
        <OrgTreeSelect placeholder={t('users.includeSubtree')} data-testid="users-org-filter" />
      ),
    },
    {
      title: t('users.field.roles'),
      dataIndex: 'role',
      valueType: 'select',
      fieldProps: { options: roleOptions(t) },
      render: (_, user) => <RoleTags roles={user.roles} />,
    },
    {
      title: t('users.field.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: {
        active: { text: t('common.active') },
        inactive: { text: t('common.inactive') },
      },
      render: (_, user) => <UserStatus user={user} />,
    },
    {
      title: t('users.field.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      search: false,
      render: (_, user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.neverLoggedIn')),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      hideInTable: !canWrite && !can('audit.read'),
      width: 240,
      render: (_, user) => (
        <Space size={4} wrap>
          {canWrite && (
            <Typography.Link
              data-testid={`user-edit-${user.username}`}
              onClick={() => setDialog({ kind: 'edit', user })}
            >
              {t('common.edit')}
            </Typography.Link>
          )}
          {canWrite &&
            (user.id === me.id ? (
              // One's own password is changed with the current one, not reset.
              <Link to="/account" data-testid={`user-reset-${user.username}`}>
                {t('account.changePassword')}
              </Link>
            ) : (
              <Typography.Link
                data-testid={`user-reset-${user.username}`}
                onClick={() => setDialog({ kind: 'reset', user })}
              >
                {t('users.resetPassword')}
              </Typography.Link>
            ))}
          {can('audit.read') && (
            <Link to={`/audit?actorId=${encodeURIComponent(user.id)}`}>{t('users.auditTrail')}</Link>
          )}
          {canWrite && user.locked && user.id !== me.id && (
            <Popconfirm
              title={t('users.unlockConfirm', { name: user.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => unlock(user)}
            >
              <Typography.Link data-testid={`user-unlock-${user.username}`}>
                {t('users.unlock')}
              </Typography.Link>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('users.title')} breadcrumbRender={false}>
      <ProTable<User, SearchParams>
        data-testid="users-table"
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ reload: true, density: false, setting: false }}
        locale={{ emptyText: t('users.empty') }}
        request={async (params) => {
          const query: UserListQuery = {
            page: params.current ?? 1,
            pageSize: params.pageSize ?? 20,
            q: params.q?.trim() || undefined,
            orgId: params.orgId || undefined,
            includeSubtree: params.orgId ? true : undefined,
            role: params.role || undefined,
            active: params.status === 'active' ? true : params.status === 'inactive' ? false : undefined,
          };
          lastQuery.current = query;
          try {
            const page = await queryClient.fetchQuery({
              queryKey: userKeys.list(query),
              queryFn: ({ signal }) => listUsers(query, signal),
              staleTime: 0,
            });
            return { data: page.items, total: page.total, success: true };
          } catch (error) {
            message.error(errorMessage(error));
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          <ExportJobButton
            key="export"
            testId="users-export-button"
            start={() => {
              const {
                page: _page,
                pageSize: _size,
                ...filter
              } = lastQuery.current ?? { page: 1, pageSize: 20 };
              return exportUsers(filter);
            }}
          />,
          ...(canWrite
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  data-testid="user-create-button"
                  onClick={() => setDialog({ kind: 'create' })}
                >
                  {t('users.create')}
                </Button>,
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'create' && (
        <UserFormModal
          defaultOrgId={me.orgId}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <UserFormModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
