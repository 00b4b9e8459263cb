import { type ProColumns, ProTable } from '@ant-design/pro-components';
import { Empty, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { SecondLine } from '../../components/SecondLine';
import { formatDateTime } from '../../lib/format';
import { paramChoice } from '../../lib/searchParams';
import { formatYuan } from '../households/money';
import { ApplicationStatusTag, ProgramTypeTag } from '../programs/AidTags';
import { usePrograms } from '../programs/programs.api';
import { APPLICATION_STATUSES, type Application, type ApplicationStatus } from './applications.api';

interface Search {
  current?: number;
  pageSize?: number;
  status?: ApplicationStatus;
  programId?: string;
  /** Part of the household's name. */
  q?: string;
}

/** Where an application stands: the unit that decides now, or its outcome. */
export function CurrentStep({ application }: { application: Application }) {
  const { t } = useTranslation('aid');
  const step = application.chain[application.step];
  if (application.status !== 'pending' || !step) return <ApplicationStatusTag status={application.status} />;
  return (
    <Typography.Text>
      <ApplicationStatusTag status="pending" />
      {t('applications.waitingAt', { unit: step.orgName })}
    </Typography.Text>
  );
}

/** Paged list of applications; fixed filters (a program's tab) hide their search field. */
export function ApplicationsTable({ programId, toolBar }: { programId?: string; toolBar?: ReactNode[] }) {
  const { t } = useTranslation('aid');
  const programs = usePrograms({});
  // A link may open the list on a status (the home page's to-dos: `/applications?status=returned`).
  const [searchParams] = useSearchParams();
  const [initialStatus] = useState(() => paramChoice(searchParams, 'status', APPLICATION_STATUSES));

  const columns: ProColumns<Application>[] = [
    {
      title: t('applications.search.name'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: {
        placeholder: t('applications.search.namePlaceholder'),
        maxLength: 50,
        'data-testid': 'applications-name-filter',
      },
    },
    {
      title: t('applications.field.household'),
      dataIndex: 'householdName',
      search: false,
      width: 150,
      render: (_, a) => (
        <>
          <Link to={`/applications/${a.id}`} data-testid={`application-link-${a.id}`}>
            {a.householdName}
          </Link>
          <SecondLine text={a.orgName} />
        </>
      ),
    },
    {
      title: t('applications.field.program'),
      dataIndex: 'programId',
      hideInSearch: Boolean(programId),
      hideInTable: Boolean(programId),
      width: 240,
      valueType: 'select',
      fieldProps: {
        showSearch: true,
        options: (programs.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.year} ${p.name}` })),
      },
      render: (_, a) => (
        <Typography.Text ellipsis={{ tooltip: a.programName }} style={{ display: 'block' }}>
          <ProgramTypeTag type={a.programType} />
          {a.programName}
        </Typography.Text>
      ),
    },
    {
      title: t('applications.field.student'),
      dataIndex: 'studentName',
      search: false,
      width: 90,
      hideInTable: !programId,
      render: (_, a) => a.studentName ?? '—',
    },
    {
      title: t('applications.field.requested'),
      dataIndex: 'requestedFen',
      search: false,
      align: 'right',
      width: 110,
      render: (_, a) => formatYuan(a.requestedFen),
    },
    {
      title: t('applications.field.approvedAmount'),
      dataIndex: 'approvedFen',
      search: false,
      align: 'right',
      width: 110,
      render: (_, a) => formatYuan(a.approvedFen ?? a.proposedFen),
    },
    {
      title: t('applications.field.status'),
      dataIndex: 'status',
      width: 200,
      valueType: 'select',
      valueEnum: Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, { text: t(`status.${s}`) }])),
      render: (_, a) => <CurrentStep application={a} />,
    },
    {
      title: t('applications.field.submittedAt'),
      dataIndex: 'submittedAt',
      search: false,
      width: 165,
      render: (_, a) => formatDateTime(a.submittedAt),
    },
  ];

  return (
    <ProTable<Application, Search>
      rowKey="id"
      // Fits 1440 px with the sidebar open (the unit is the grey line under the name); narrower
      // screens scroll.
      scroll={{ x: 980 }}
      columns={columns}
      params={{ programId }}
      form={{ initialValues: { status: initialStatus } }}
      request={async (params, _sort, _filter) => {
        const page = await api<Page<Application>>('/applications', {
          query: {
            page: params.current ?? 1,
            pageSize: params.pageSize ?? 20,
            status: params.status,
            programId: programId ?? params.programId,
            q: params.q?.trim() || undefined,
          },
        });
        return { data: page.items, total: page.total, success: true };
      }}
      search={{ labelWidth: 'auto' }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      options={{ density: false, setting: false }}
      locale={{ emptyText: <Empty description={t('applications.empty')} /> }}
      toolBarRender={toolBar ? () => toolBar : false}
      data-testid="applications-table"
    />
  );
}
