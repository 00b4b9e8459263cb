import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../lib/format';
import { paramChoice } from '../../lib/searchParams';
import { formatYuan } from '../households/money';
import { usePrograms } from '../programs/programs.api';
import { BatchKindTag, BatchStatusTag, ConfirmProgress, programLabel } from './BatchTags';
import { CreateBatchModal } from './CreateBatchModal';
import {
  BATCH_KINDS,
  BATCH_STATUSES,
  type Batch,
  type BatchFilter,
  type BatchKind,
  type BatchStatus,
  batchKeys,
  useBatches,
} from './disbursements.api';

/** The title column never gets narrower than this; the other columns have fixed widths. */
const TITLE_WIDTH = 220;
/**
 * batchNo (with the creation time under it) 170 + title + kind 130 + lines 70 + total 120 + paid 120
 * + progress 140 + status 90: fits 1440 px with the sidebar open; narrower screens scroll.
 */
const TABLE_WIDTH = TITLE_WIDTH + 840;

/** 发放管理: the payment batches of the caller's subtree, filtered by program, status and kind. */
export default function DisbursementsPage() {
  const { t } = useTranslation('disbursements');
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<BatchFilter>({
    programId: params.get('programId') ?? undefined,
    status: paramChoice(params, 'status', BATCH_STATUSES),
    page: 1,
    pageSize: 20,
  });
  const [creating, setCreating] = useState(false);
  const batches = useBatches(filter);
  const programs = usePrograms({});
  const set = (patch: Partial<BatchFilter>) => setFilter((f) => ({ ...f, ...patch, page: 1 }));

  return (
    <PageContainer
      title={t('title')}
      subTitle={t('subtitle')}
      extra={
        can('disbursement.write') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="batch-create"
          >
            {t('create.button')}
          </Button>
        )
      }
    >
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 300 }}
            placeholder={t('field.program')}
            value={filter.programId}
            onChange={(v?: string) => set({ programId: v })}
            options={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: programLabel(p) }))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('field.status')}
            value={filter.status}
            onChange={(v?: BatchStatus) => set({ status: v })}
            options={BATCH_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t('field.kind')}
            value={filter.kind}
            onChange={(v?: BatchKind) => set({ kind: v })}
            options={BATCH_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
        </Space>
        {batches.isError ? (
          <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />
        ) : (
          <Table<Batch>
            rowKey="id"
            // Fixed layout with a scroll width: every column keeps its width (the title at least
            // TITLE_WIDTH) and a narrow window scrolls instead of squeezing the title to one character.
            tableLayout="fixed"
            scroll={{ x: TABLE_WIDTH }}
            loading={batches.isFetching}
            dataSource={batches.data?.items}
            locale={{ emptyText: <Empty description={t('empty')} /> }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: batches.data?.total,
              showSizeChanger: true,
              onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
            }}
            columns={[
              {
                title: t('field.batchNo'),
                dataIndex: 'batchNo',
                width: 170,
                fixed: 'left',
                render: (v: string, b) => {
                  const at = formatDateTime(b.createdAt);
                  const created = t('list.createdAt', { at: at.slice(0, 16) });
                  return (
                    <>
                      <Link to={`/disbursements/${b.id}`} data-testid={`batch-link-${b.batchNo}`}>
                        {v}
                      </Link>
                      <Typography.Text
                        type="secondary"
                        ellipsis={{ tooltip: t('list.createdAt', { at }) }}
                        style={{ display: 'block', fontSize: 12 }}
                      >
                        {created}
                      </Typography.Text>
                    </>
                  );
                },
              },
              {
                title: t('field.title'),
                dataIndex: 'title',
                width: TITLE_WIDTH,
                render: (v: string, b) => {
                  const sub = `${programLabel({ name: b.programName, year: b.programYear })} · ${b.orgName}`;
                  return (
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text ellipsis={{ tooltip: v }} style={{ display: 'block' }}>
                        {v}
                      </Typography.Text>
                      <Typography.Text
                        type="secondary"
                        ellipsis={{ tooltip: sub }}
                        style={{ display: 'block' }}
                      >
                        {sub}
                      </Typography.Text>
                    </div>
                  );
                },
              },
              {
                title: t('field.kind'),
                dataIndex: 'kind',
                width: 130,
                render: (k: BatchKind) => <BatchKindTag kind={k} />,
              },
              { title: t('field.lines'), dataIndex: 'lineCount', width: 70, align: 'right' },
              {
                title: t('field.total'),
                dataIndex: 'totalFen',
                width: 120,
                align: 'right',
                render: (v: number) => formatYuan(v),
              },
              {
                title: t('field.paid'),
                key: 'paid',
                width: 120,
                align: 'right',
                render: (_, b) => formatYuan(b.counts.paidFen),
              },
              {
                title: t('field.progress'),
                key: 'progress',
                width: 140,
                render: (_, b) => <ConfirmProgress batch={b} />,
              },
              {
                title: t('field.status'),
                dataIndex: 'status',
                width: 90,
                render: (s: BatchStatus) => <BatchStatusTag status={s} />,
              },
            ]}
          />
        )}
      </Card>
      {creating && (
        <CreateBatchModal
          initialProgramId={filter.programId}
          onClose={() => setCreating(false)}
          onCreated={(batch) => {
            setCreating(false);
            message.success(t('create.created', { batchNo: batch.batchNo }));
            void queryClient.invalidateQueries({ queryKey: batchKeys.all });
            navigate(`/disbursements/${batch.id}`);
          }}
        />
      )}
    </PageContainer>
  );
}
