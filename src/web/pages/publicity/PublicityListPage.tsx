import { PageContainer } from '@ant-design/pro-components';
import { Alert, Card, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { paramChoice } from '../../lib/searchParams';
import { formatYuan } from '../households/money';
import { usePrograms } from '../programs/programs.api';
import { type ManagedPublicity, useManagedPublicities } from './publicity.api';
import { noticePagination, usePublicityColumns } from './publicityColumns';

/**
 * 公示管理 (`/publicity`): the notices of the caller's unit and the units below it, across programs
 * (GET /api/publicity), those with objections awaiting the caller's verification first. `?objections=pending`
 * (the home page's to-do 待核实的公示异议) keeps only those. Each title opens the notice, where its
 * objections are verified one by one.
 */
export default function PublicityListPage() {
  const { t } = useTranslation('publicity');
  const [params, setParams] = useSearchParams();
  const objections = paramChoice(params, 'objections', ['pending'] as const);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useManagedPublicities({ objections, page, pageSize });
  const { title, period } = usePublicityColumns<ManagedPublicity>('pending-objections-link');
  const show = (value: 'all' | 'pending') => {
    setPage(1);
    setParams(value === 'pending' ? { objections: 'pending' } : {}, { replace: true });
  };

  return (
    <PageContainer title={t('list.title')} subTitle={t('list.subtitle')} breadcrumbRender={false}>
      <Card data-testid="publicity-list">
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Segmented<'all' | 'pending'>
            data-testid="publicity-list-filter"
            value={objections ?? 'all'}
            onChange={show}
            options={[
              { value: 'all', label: t('list.all') },
              { value: 'pending', label: t('pending.title') },
            ]}
          />
          {objections && <Alert type="info" showIcon message={t('pending.intro')} />}
          {list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table<ManagedPublicity>
              rowKey="id"
              size="small"
              loading={list.isLoading}
              dataSource={list.data?.items ?? []}
              locale={{
                emptyText: objections ? <Empty description={t('pending.empty')} /> : <NoNotices />,
              }}
              pagination={noticePagination(page, pageSize, list.data?.total, setPage)}
              columns={[
                title,
                { title: t('field.program'), dataIndex: 'programName', ellipsis: true },
                { title: t('field.org'), dataIndex: 'orgName', ellipsis: true },
                period,
                { title: t('field.entries'), dataIndex: 'entryCount', align: 'right' },
                { title: t('field.total'), align: 'right', render: (_, p) => formatYuan(p.totalFen) },
                {
                  title: t('field.objections'),
                  render: (_, p) =>
                    p.pendingObjections > 0 ? (
                      <Tag color="warning" data-testid={`pending-objections-count-${p.id}`}>
                        {t('pending.count', { count: p.pendingObjections })}
                      </Tag>
                    ) : p.openObjections > 0 ? (
                      // Open, but recorded by the viewer: another reviewer verifies them.
                      <Typography.Text type="secondary">
                        {t('pending.byOthers', { count: p.openObjections })}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">{t('list.noPending')}</Typography.Text>
                    ),
                },
              ]}
            />
          )}
        </Space>
      </Card>
    </PageContainer>
  );
}

/** Programs named in the empty state, at most. */
const SHOWN_PROGRAMS = 5;

/**
 * No notice yet: who publishes one and where — the program's owning unit, on the program's 公示 tab,
 * once applications are approved — with a link to that tab of each program that publicises.
 */
function NoNotices() {
  const { t } = useTranslation('publicity');
  const programs = usePrograms({});
  const publicised = (programs.data?.items ?? []).filter((p) => p.publicityDays > 0);
  return (
    <Empty
      data-testid="publicity-list-empty"
      description={
        <Space direction="vertical" size={4}>
          <span>{t('list.empty')}</span>
          <Typography.Text type="secondary">{t('list.whoPublishes')}</Typography.Text>
          {publicised.slice(0, SHOWN_PROGRAMS).map((p) => (
            <Link
              key={p.id}
              to={`/programs/${p.id}?tab=publicity`}
              data-testid={`publicity-program-link-${p.id}`}
            >
              {t('list.programPublicity', { name: p.name, org: p.orgName })}
            </Link>
          ))}
          {publicised.length > SHOWN_PROGRAMS && (
            <Link to="/programs">{t('list.allPrograms', { count: publicised.length })}</Link>
          )}
        </Space>
      }
    />
  );
}
