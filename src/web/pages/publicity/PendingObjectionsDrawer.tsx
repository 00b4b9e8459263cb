import { Alert, Drawer, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { PhaseTag } from './PublicityTags';
import { type ManagedPublicity, useManagedPublicities } from './publicity.api';

/**
 * 待核实的公示异议: the notices of the caller's unit and the units below it, across programs, that hold
 * objections awaiting its verification (GET /api/publicity?objections=pending) — the list behind the
 * home page's to-do. Each title opens the notice, where the objections are verified one by one.
 */
export function PendingObjectionsDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('publicity');
  const [page, setPage] = useState(1);
  const pageSize = 10;
  const list = useManagedPublicities({ objections: 'pending', page, pageSize });

  return (
    <Drawer open width={880} onClose={onClose} title={t('pending.title')} data-testid="pending-objections">
      <Alert type="info" showIcon message={t('pending.intro')} style={{ marginBottom: 12 }} />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ManagedPublicity>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('pending.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('field.title'),
              dataIndex: 'title',
              render: (title: string, p) => (
                <Link to={`/publicity/${p.id}`} data-testid={`pending-objections-link-${p.id}`}>
                  {title}
                </Link>
              ),
            },
            { title: t('field.program'), dataIndex: 'programName', ellipsis: true },
            { title: t('field.org'), dataIndex: 'orgName', ellipsis: true },
            {
              title: t('field.period'),
              render: (_, p) => (
                <Space size={4} wrap>
                  <Typography.Text>
                    {p.startDate} ~ {p.endDate}
                  </Typography.Text>
                  <PhaseTag phase={p.phase} />
                </Space>
              ),
            },
            {
              title: t('field.objections'),
              render: (_, p) => (
                <Tag color="warning" data-testid={`pending-objections-count-${p.id}`}>
                  {t('pending.count', { count: p.pendingObjections })}
                </Tag>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
