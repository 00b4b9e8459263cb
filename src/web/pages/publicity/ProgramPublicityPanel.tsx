import { NotificationOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../lib/format';
import { formatYuan } from '../households/money';
import { PublishModal } from './PublishModal';
import { type PublicityStatus, type PublicitySummary, useProgramPublicities } from './publicity.api';
import { noticePagination, usePublicityColumns } from './publicityColumns';

/** The publicity notices (公示) of one program, with 发布公示 for the owning unit's staff. */
export function ProgramPublicityPanel({ programId }: { programId: string }) {
  const { t } = useTranslation('publicity');
  const { can } = useAuth();
  const [status, setStatus] = useState<PublicityStatus | undefined>();
  const [page, setPage] = useState(1);
  const [publishing, setPublishing] = useState(false);
  const pageSize = 10;
  const list = useProgramPublicities(programId, { status, page, pageSize });
  const columns = usePublicityColumns<PublicitySummary>('publicity-link');
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const program = list.data?.program;
  const mayPublish = !!program?.canPublish && can('publicity.write');

  return (
    <Card
      size="small"
      title={t('panel.title')}
      extra={
        <Space>
          <Select<PublicityStatus | 'all'>
            size="small"
            style={{ width: 120 }}
            value={status ?? 'all'}
            onChange={(v) => {
              setStatus(v === 'all' ? undefined : v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('panel.all') },
              { value: 'published', label: `${t('phase.running')} / ${t('phase.ended')}` },
              { value: 'withdrawn', label: t('phase.withdrawn') },
            ]}
            aria-label={t('panel.filterStatus')}
          />
          {mayPublish && (
            <Button
              type="primary"
              size="small"
              icon={<NotificationOutlined />}
              onClick={() => setPublishing(true)}
              data-testid="publicity-publish"
            >
              {t('panel.publish')}
            </Button>
          )}
        </Space>
      }
    >
      {program && program.publicityDays === 0 && (
        <Alert type="info" showIcon message={t('panel.noDays')} style={{ marginBottom: 12 }} />
      )}
      {program && program.publicityDays > 0 && !program.canPublish && (
        <Alert type="info" showIcon message={t('panel.notOwner')} style={{ marginBottom: 12 }} />
      )}
      <Table<PublicitySummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('panel.empty')} /> }}
        pagination={noticePagination(page, pageSize, list.data?.total, setPage)}
        columns={[
          columns.title,
          columns.period,
          { title: t('field.entries'), dataIndex: 'entryCount', align: 'right' },
          { title: t('field.total'), align: 'right', render: (_, p) => formatYuan(p.totalFen) },
          {
            title: t('field.objections'),
            render: (_, p) =>
              p.openObjections > 0 ? (
                <Tag color="warning">{t('field.openObjections', { count: p.openObjections })}</Tag>
              ) : (
                p.objectionCount
              ),
          },
          { title: t('field.createdAt'), render: (_, p) => formatDateTime(p.createdAt) },
        ]}
      />
      {program && (
        <PublishModal
          programId={programId}
          publicityDays={program.publicityDays}
          open={publishing}
          onClose={() => setPublishing(false)}
        />
      )}
    </Card>
  );
}
