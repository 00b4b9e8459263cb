import { ProDescriptions } from '@ant-design/pro-components';
import { Badge, Button, Card, Empty, List, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgDetail, OrgNode } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { OrgLevelTag } from '../../components/OrgLevelTag';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useOrgDetail } from './orgs.api';

export type OrgAction = 'create' | 'edit' | 'move' | 'toggle';

interface Props {
  id: string | null;
  /** The unit's node in the tree, for the list of sub-units. */
  node: OrgNode | null;
  /** Roots of the caller's tree cannot be moved by the caller. */
  isRoot: boolean;
  canWrite: boolean;
  toggling: boolean;
  onAction: (action: OrgAction, org: OrgDetail) => void;
  onSelect: (id: string) => void;
}

export function OrgDetailCard({ id, node, isRoot, canWrite, toggling, onAction, onSelect }: Props) {
  const { t } = useTranslation();
  const { data: org, isPending, error, refetch } = useOrgDetail(id);

  if (!id) {
    return (
      <Card style={{ height: '100%' }}>
        <Empty
          data-testid="org-select-hint"
          description={t('orgs.selectHint')}
          style={{ padding: '64px 0' }}
        />
      </Card>
    );
  }
  if (isPending)
    return (
      <Card>
        <PageLoading />
      </Card>
    );
  if (error || !org)
    return (
      <Card>
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Card>
    );

  const actions = canWrite ? (
    <Space wrap>
      <Button
        type="primary"
        data-testid="org-create-button"
        disabled={org.level === 'grassroots' || !org.active}
        title={org.level === 'grassroots' ? t('orgs.grassrootsNoChildren') : undefined}
        onClick={() => onAction('create', org)}
      >
        {t('orgs.createChild')}
      </Button>
      <Button data-testid="org-edit-button" onClick={() => onAction('edit', org)}>
        {t('common.edit')}
      </Button>
      {!isRoot && (
        <Button data-testid="org-move-button" onClick={() => onAction('move', org)}>
          {t('orgs.move')}
        </Button>
      )}
      {!isRoot && (
        <Popconfirm
          title={t(org.active ? 'orgs.deactivateConfirm' : 'orgs.activateConfirm', { name: org.name })}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => onAction('toggle', org)}
        >
          <Button danger={org.active} loading={toggling} data-testid="org-toggle-button">
            {org.active ? t('orgs.deactivate') : t('orgs.activate')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  ) : null;

  const children = node?.children ?? [];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        data-testid="org-detail"
        title={
          <Space wrap>
            <span style={org.active ? undefined : { color: 'rgba(0,0,0,0.45)' }}>{org.name}</span>
            <OrgLevelTag level={org.level} />
          </Space>
        }
        extra={actions}
      >
        <ProDescriptions<OrgDetail>
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          emptyText="—"
          dataSource={org}
          columns={[
            { title: t('orgs.field.name'), dataIndex: 'name' },
            {
              title: t('orgs.field.level'),
              dataIndex: 'level',
              render: () => <OrgLevelTag level={org.level} />,
            },
            { title: t('orgs.field.parent'), dataIndex: 'parentName', render: () => org.parentName ?? '—' },
            { title: t('orgs.field.regionCode'), dataIndex: 'regionCode', copyable: true },
            { title: t('orgs.field.contactPerson'), dataIndex: 'contactPerson' },
            { title: t('orgs.field.contactPhone'), dataIndex: 'contactPhone' },
            ...(org.level === 'grassroots' || org.employerName || org.uscc
              ? [
                  { title: t('orgs.field.employerName'), dataIndex: 'employerName' },
                  { title: t('orgs.field.uscc'), dataIndex: 'uscc', copyable: true },
                ]
              : []),
            {
              title: t('orgs.field.memberCount'),
              dataIndex: 'memberCount',
              render: () => formatNumber(org.memberCount),
            },
            {
              title: t('orgs.field.childCount'),
              dataIndex: 'childCount',
              render: () => formatNumber(org.childCount),
            },
            {
              title: t('orgs.field.userCount'),
              dataIndex: 'userCount',
              render: () => formatNumber(org.userCount),
            },
            {
              title: t('orgs.field.status'),
              dataIndex: 'active',
              render: () => (
                <Badge
                  data-testid="org-status"
                  status={org.active ? 'success' : 'default'}
                  text={org.active ? t('common.active') : t('orgs.inactiveTag')}
                />
              ),
            },
            {
              title: t('orgs.field.updatedAt'),
              dataIndex: 'updatedAt',
              render: () => formatDateTime(org.updatedAt),
            },
          ]}
        />
      </Card>
      <Card title={t('orgs.children', { count: children.length })} size="small">
        {children.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.noChildren')} />
        ) : (
          <List
            size="small"
            data-testid="org-children"
            dataSource={children}
            renderItem={(child) => (
              <List.Item key={child.id} extra={<OrgLevelTag level={child.level} />}>
                <Typography.Link
                  onClick={() => onSelect(child.id)}
                  type={child.active ? undefined : 'secondary'}
                >
                  {child.name}
                  {!child.active && `（${t('orgs.inactiveTag')}）`}
                </Typography.Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
