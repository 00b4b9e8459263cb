import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Button, Empty, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { SecondLine } from '../../components/SecondLine';
import { businessToday, businessYear } from '../../lib/format';
import { formatYuan } from '../households/money';
import { ProgramTypeTag, WindowTag } from './AidTags';
import {
  PROGRAM_TYPES,
  type Program,
  type ProgramFilter,
  type ProgramType,
  usePrograms,
  WINDOW_STATES,
  type WindowState,
  windowState,
} from './programs.api';

interface Search {
  year?: number | string;
  type?: ProgramType;
  orgId?: string;
  state?: WindowState;
}

export default function ProgramsPage() {
  const { t } = useTranslation('aid');
  const { can } = useAuth();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<ProgramFilter>({ year: businessYear() });
  const [state, setState] = useState<WindowState | undefined>();
  const programs = usePrograms(filter);
  const today = businessToday();
  const rows = useMemo(
    () => (programs.data?.items ?? []).filter((p) => !state || windowState(p, today) === state),
    [programs.data, state, today],
  );

  const columns: ProColumns<Program>[] = [
    {
      title: t('programs.field.year'),
      dataIndex: 'year',
      valueType: 'digit',
      // A filter only: the year is the grey line under the name.
      hideInTable: true,
    },
    {
      title: t('programs.field.type'),
      dataIndex: 'type',
      width: 110,
      valueType: 'select',
      valueEnum: Object.fromEntries(PROGRAM_TYPES.map((k) => [k, { text: t(`programType.${k}`) }])),
      render: (_, p) => <ProgramTypeTag type={p.type} />,
    },
    {
      title: t('programs.field.windowState'),
      dataIndex: 'state',
      hideInTable: true,
      valueType: 'select',
      valueEnum: Object.fromEntries(WINDOW_STATES.map((k) => [k, { text: t(`window.${k}`) }])),
    },
    {
      title: t('programs.field.org'),
      dataIndex: 'orgId',
      hideInTable: true,
      renderFormItem: () => <OrgTreeSelect />,
    },
    {
      title: t('programs.field.name'),
      dataIndex: 'name',
      search: false,
      width: 240,
      render: (_, p) => {
        const more = `${p.year} · ${p.orgName}`;
        return (
          <>
            <Typography.Text ellipsis={{ tooltip: p.name }} style={{ display: 'block' }}>
              <Link to={`/programs/${p.id}`} data-testid={`program-link-${p.id}`}>
                {p.name}
              </Link>
            </Typography.Text>
            <SecondLine text={more} />
          </>
        );
      },
    },
    {
      title: t('programs.field.window'),
      key: 'window',
      search: false,
      width: 200,
      render: (_, p) => (
        <>
          <div>
            {p.windowStart} ~ {p.windowEnd}
          </div>
          <WindowTag state={windowState(p, today)} />
        </>
      ),
    },
    {
      title: t('programs.field.capPerHousehold'),
      dataIndex: 'capPerHouseholdFen',
      search: false,
      align: 'right',
      width: 120,
      render: (_, p) => (p.capPerHouseholdFen ? formatYuan(p.capPerHouseholdFen) : t('programs.noCap')),
    },
    {
      title: t('programs.field.reviewChain'),
      dataIndex: 'reviewChain',
      search: false,
      width: 220,
      render: (_, p) => p.reviewChain.map((l) => t(`level.${l}`)).join(' → '),
    },
    {
      title: t('common.actions'),
      fixed: 'right',
      key: 'actions',
      search: false,
      width: 80,
      hideInTable: !can('program.write'),
      render: (_, p) => (
        <Link to={`/programs/${p.id}/edit`} data-testid={`program-edit-${p.id}`}>
          {t('common.edit')}
        </Link>
      ),
    },
  ];

  return (
    <PageContainer title={t('programs.title')}>
      {programs.isError ? (
        <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />
      ) : (
        <ProTable<Program, Search>
          rowKey="id"
          // Fits 1440 px with the sidebar open; narrower screens scroll.
          scroll={{ x: 980 }}
          columns={columns}
          dataSource={rows}
          loading={programs.isFetching}
          form={{ initialValues: { year: filter.year } }}
          onSubmit={(values) => {
            setFilter({
              year: values.year ? Number(values.year) : undefined,
              type: values.type || undefined,
              orgId: values.orgId || undefined,
            });
            setState(values.state || undefined);
          }}
          onReset={() => {
            setFilter({});
            setState(undefined);
          }}
          search={{ labelWidth: 'auto' }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true }}
          options={{ reload: () => void programs.refetch(), density: false, setting: false }}
          locale={{ emptyText: <Empty description={t('programs.empty')} /> }}
          toolBarRender={() =>
            can('program.write')
              ? [
                  <Button
                    key="create"
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => navigate('/programs/new')}
                    data-testid="program-create"
                  >
                    {t('programs.create')}
                  </Button>,
                ]
              : []
          }
        />
      )}
    </PageContainer>
  );
}
