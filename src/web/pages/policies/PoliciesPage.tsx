import { PlusOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Tooltip, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../auth/AuthContext';
import { formatDateTime } from '../../lib/format';
import { formatYuan } from '../households/money';
import { formatMultiplierBp } from './figures';
import { PolicyFormModal } from './PolicyFormModal';
import { listPolicies, type PolicyListQuery, type PolicyRow, policyKeys } from './policies.api';

/** 「低保标准（元/人·月）」 as a heading: the unit on a line of its own, not broken mid-word. */
function withUnitBelow(label: string): ReactNode {
  const at = label.search(/\s?[（(]/);
  if (at <= 0) return label;
  return (
    <>
      {label.slice(0, at)}
      <br />
      {label.slice(at).trim()}
    </>
  );
}

export default function PoliciesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const [dialog, setDialog] = useState<{ defaults?: PolicyRow } | null>(null);
  const canWrite = can('policy.write');

  const columns: ProColumns<PolicyRow>[] = [
    {
      title: t('policies.field.regionPrefix'),
      dataIndex: 'regionCode',
      hideInTable: true,
      fieldProps: { maxLength: 6 },
    },
    {
      title: t('policies.field.region'),
      dataIndex: 'regionCode',
      search: false,
      width: 130,
      ellipsis: true,
      // 「330102 江东区」; a code only a unit below a county carries shows that unit in grey instead.
      render: (_, p) => (
        <span data-testid={`policy-region-${p.id}`}>
          {p.regionCode}{' '}
          {p.regionName ? (
            <span title={p.regionOrgName ?? undefined}>{p.regionName}</span>
          ) : (
            p.regionOrgName && <Typography.Text type="secondary">{p.regionOrgName}</Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('policies.field.effectiveFrom'), dataIndex: 'effectiveFrom', search: false, width: 100 },
    {
      title: withUnitBelow(t('policies.field.dibao')),
      dataIndex: 'dibaoFen',
      search: false,
      align: 'right',
      width: 100,
      render: (_, p) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {formatYuan(p.dibaoFen)}
        </Typography.Text>
      ),
    },
    {
      title: t('policies.field.multiplier'),
      dataIndex: 'relativeMultiplier',
      search: false,
      align: 'right',
      width: 100,
      render: (_, p) => `${formatMultiplierBp(p.relativeMultiplierBp)} ×`,
    },
    {
      title: withUnitBelow(t('policies.field.ratio')),
      dataIndex: 'suddenRatioBp',
      search: false,
      align: 'right',
      width: 100,
      render: (_, p) => `${p.suddenRatioBp / 100}%`,
    },
    {
      title: withUnitBelow(t('policies.field.reviewInterval')),
      dataIndex: 'reviewIntervalMonths',
      search: false,
      align: 'right',
      width: 80,
    },
    {
      title: withUnitBelow(t('policies.field.exitMonths')),
      dataIndex: 'exitMonths',
      search: false,
      align: 'right',
      width: 90,
    },
    // The rest of the width; long notes end in … (the whole note on hover).
    { title: t('policies.field.note'), dataIndex: 'note', search: false, ellipsis: true },
    {
      // Who and when on two lines of one column: two columns of their own did not fit at 1440 px.
      title: t('policies.field.createdByAndAt'),
      dataIndex: 'createdByName',
      search: false,
      width: 200,
      render: (_, p) => {
        const who = p.createdByName
          ? p.createdByOrgName
            ? t('policies.createdByOf', { name: p.createdByName, org: p.createdByOrgName })
            : p.createdByName
          : t('policies.system');
        return (
          <div style={{ lineHeight: 1.4 }}>
            <Typography.Text ellipsis={{ tooltip: who }} style={{ display: 'block' }}>
              {who}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
              {formatDateTime(p.createdAt)}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      hideInTable: !canWrite,
      width: 84,
      fixed: 'right',
      // Only for the regions the server lets this user set; others say why instead of failing on save.
      render: (_, p) =>
        p.settable ? (
          <Typography.Link
            data-testid={`policy-new-from-${p.id}`}
            style={{ whiteSpace: 'nowrap' }}
            onClick={() => setDialog({ defaults: p })}
          >
            {t('policies.create')}
          </Typography.Link>
        ) : (
          <Tooltip title={t('policies.notSettable')}>
            <Typography.Text
              type="secondary"
              data-testid={`policy-not-settable-${p.id}`}
              style={{ whiteSpace: 'nowrap', cursor: 'help' }}
            >
              —
            </Typography.Text>
          </Tooltip>
        ),
    },
  ];

  return (
    <PageContainer title={t('policies.title')} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('policies.immutable')} style={{ marginBottom: 16 }} />
      <ProTable<PolicyRow, { current?: number; pageSize?: number; regionCode?: string }>
        data-testid="policies-table"
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        // Fits the page at 1440 px; narrower, the table scrolls and 新增版本 stays at the right.
        scroll={{ x: 1100 }}
        size="middle"
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ reload: true, density: false, setting: false }}
        locale={{ emptyText: t('policies.empty') }}
        request={async (params) => {
          const query: PolicyListQuery = {
            regionCode: params.regionCode?.trim() || undefined,
            page: params.current ?? 1,
            pageSize: params.pageSize ?? 20,
          };
          try {
            const page = await queryClient.fetchQuery({
              queryKey: policyKeys.list(query),
              queryFn: ({ signal }) => listPolicies(query, signal),
              staleTime: 0,
            });
            return { data: page.items, total: page.total, success: true };
          } catch (error) {
            message.error(errorMessage(error));
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() =>
          canWrite
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  data-testid="policy-create-button"
                  onClick={() => setDialog({})}
                >
                  {t('policies.create')}
                </Button>,
              ]
            : []
        }
      />
      {dialog && (
        <PolicyFormModal
          defaults={dialog.defaults}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void queryClient.invalidateQueries({ queryKey: policyKeys.all });
            void actionRef.current?.reload();
          }}
        />
      )}
    </PageContainer>
  );
}
