import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { SecondLine } from '../../components/SecondLine';
import { businessYear } from '../../lib/format';
import { formatYuan } from '../households/money';
import { FundKindTag, UsageBar } from '../programs/AidTags';
import { programKeys } from '../programs/programs.api';
import { AllocateModal } from './AllocateModal';
import { FundFormModal } from './FundFormModal';
import { FUND_KINDS, type Fund, type FundFilter, fundKeys, useFunds } from './funds.api';

type Modal = { kind: 'create' } | { kind: 'edit'; fund: Fund } | { kind: 'allocate'; fund: Fund } | null;

export default function FundsPage() {
  const { t } = useTranslation('aid');
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<FundFilter>({ year: businessYear() });
  const [modal, setModal] = useState<Modal>(null);
  const funds = useFunds(filter);
  const canWrite = can('fund.write');

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: fundKeys.all });
    void queryClient.invalidateQueries({ queryKey: programKeys.all });
  };

  // Fits 1440 px with the sidebar open: year and unit are a grey line under the name (year stays a
  // filter); scroll.x below is only the fallback for narrower screens.
  const columns: ProColumns<Fund>[] = [
    {
      title: t('funds.field.year'),
      dataIndex: 'year',
      valueType: 'digit',
      hideInTable: true,
    },
    {
      title: t('funds.field.kind'),
      dataIndex: 'kind',
      width: 110,
      valueType: 'select',
      valueEnum: Object.fromEntries(FUND_KINDS.map((k) => [k, { text: t(`fundKind.${k}`) }])),
      render: (_, f) => <FundKindTag kind={f.kind} />,
    },
    {
      title: t('funds.field.org'),
      dataIndex: 'orgId',
      hideInTable: true,
      renderFormItem: () => <OrgTreeSelect />,
    },
    {
      title: t('funds.field.name'),
      dataIndex: 'name',
      search: false,
      width: 220,
      render: (_, f) => {
        const more = [`${f.year}`, f.orgName, f.note].filter(Boolean).join(' · ');
        return (
          <>
            <Typography.Text
              strong
              ellipsis={{ tooltip: f.name }}
              style={{ display: 'block' }}
              data-testid={`fund-name-${f.id}`}
            >
              {f.name}
            </Typography.Text>
            <SecondLine text={more} />
          </>
        );
      },
    },
    {
      title: t('funds.field.received'),
      dataIndex: 'receivedFen',
      search: false,
      align: 'right',
      width: 120,
      render: (_, f) => formatYuan(f.receivedFen),
    },
    {
      title: t('funds.field.allocated'),
      dataIndex: 'allocatedFen',
      search: false,
      align: 'right',
      width: 110,
      render: (_, f) => formatYuan(f.allocatedFen),
    },
    {
      title: t('funds.field.unallocated'),
      dataIndex: 'unallocatedFen',
      search: false,
      align: 'right',
      width: 110,
      render: (_, f) => <span data-testid={`fund-unallocated-${f.id}`}>{formatYuan(f.unallocatedFen)}</span>,
    },
    {
      title: t('funds.field.spent'),
      dataIndex: 'spentFen',
      search: false,
      align: 'right',
      width: 120,
      render: (_, f) => <span data-testid={`fund-spent-${f.id}`}>{formatYuan(f.spentFen)}</span>,
    },
    {
      title: t('funds.field.balance'),
      key: 'balance',
      search: false,
      width: 120,
      render: (_, f) => <UsageBar used={f.allocatedFen} total={f.receivedFen} />,
    },
    {
      title: t('common.actions'),
      fixed: 'right',
      key: 'actions',
      search: false,
      width: 140,
      hideInTable: !canWrite,
      render: (_, f) => (
        <Space>
          <Button size="small" type="link" onClick={() => setModal({ kind: 'edit', fund: f })}>
            {t('common.edit')}
          </Button>
          <Button
            size="small"
            type="link"
            disabled={f.unallocatedFen === 0}
            onClick={() => setModal({ kind: 'allocate', fund: f })}
            data-testid={`fund-allocate-${f.id}`}
          >
            {t('funds.allocate')}
          </Button>
        </Space>
      ),
    },
  ];

  const totals = (funds.data?.items ?? []).reduce(
    (n, f) => ({
      received: n.received + f.receivedFen,
      allocated: n.allocated + f.allocatedFen,
      spent: n.spent + f.spentFen,
    }),
    { received: 0, allocated: 0, spent: 0 },
  );

  return (
    <PageContainer title={t('funds.title')} subTitle={t('funds.subtitle')}>
      {funds.isError ? (
        <ErrorState error={funds.error} onRetry={() => void funds.refetch()} />
      ) : (
        <ProTable<Fund, FundFilter>
          rowKey="id"
          scroll={{ x: 1050 }}
          columns={columns}
          dataSource={funds.data?.items}
          loading={funds.isFetching}
          form={{ initialValues: filter }}
          onSubmit={(values) =>
            setFilter({
              year: values.year ? Number(values.year) : undefined,
              kind: values.kind || undefined,
              orgId: values.orgId || undefined,
            })
          }
          onReset={() => setFilter({})}
          search={{ labelWidth: 'auto' }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true }}
          options={{ reload: () => void funds.refetch(), density: false, setting: false }}
          locale={{ emptyText: <Empty description={t('funds.empty')} /> }}
          headerTitle={
            funds.data
              ? `${t('funds.field.received')} ${formatYuan(totals.received)} · ${t('funds.field.allocated')} ${formatYuan(totals.allocated)} · ${t('funds.field.spent')} ${formatYuan(totals.spent)}`
              : undefined
          }
          toolBarRender={() =>
            canWrite
              ? [
                  <Button
                    key="create"
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => setModal({ kind: 'create' })}
                    data-testid="fund-create"
                  >
                    {t('funds.create')}
                  </Button>,
                ]
              : []
          }
          data-testid="funds-table"
        />
      )}
      {(modal?.kind === 'create' || modal?.kind === 'edit') && (
        <FundFormModal
          fund={modal.kind === 'edit' ? modal.fund : undefined}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            refresh();
          }}
        />
      )}
      {modal?.kind === 'allocate' && (
        <AllocateModal
          fund={modal.fund}
          onClose={() => setModal(null)}
          onDone={() => {
            setModal(null);
            refresh();
          }}
        />
      )}
    </PageContainer>
  );
}
