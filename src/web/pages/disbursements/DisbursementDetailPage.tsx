import { ArrowLeftOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { SecondLine } from '../../components/SecondLine';
import { formatDateTime } from '../../lib/format';
import { buttonTestId } from '../../lib/testId';
import { validated } from '../../lib/validated';
import { formatYuan } from '../households/money';
import { BatchKindTag, BatchStatusTag, ConfirmProgress, LineStatusTag, programLabel } from './BatchTags';
import {
  batchKeys,
  cancelBatch,
  confirmLines,
  issueBatch,
  LINE_STATUSES,
  type Line,
  type LineFilter,
  type LineStatus,
  rebatch,
  useBatch,
  useLines,
} from './disbursements.api';
import { RegisterButton } from './RegisterButton';

type Ask = { kind: 'failed'; lineIds: string[] } | { kind: 'cancel' } | null;

/** 批次详情: the lines with their results, confirmation one by one or in bulk, re-payment, registers. */
export default function DisbursementDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('disbursements');
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<LineFilter>({ page: 1, pageSize: 50 });
  const [selected, setSelected] = useState<string[]>([]);
  const [ask, setAsk] = useState<Ask>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const batch = useBatch(id);
  const lines = useLines(id, filter);

  if (batch.isLoading) return <PageLoading />;
  if (batch.isError || !batch.data)
    return <ErrorState error={batch.error} onRetry={() => void batch.refetch()} />;
  const b = batch.data;
  const canConfirm = can('disbursement.confirm') && (b.status === 'issued' || b.status === 'closed');
  const canWrite = can('disbursement.write');
  /** 制单人与复核人分离: who prepared the batch does not issue it (the server refuses too). */
  const ownBatch = b.createdBy === me?.id;

  const refresh = () => void queryClient.invalidateQueries({ queryKey: batchKeys.all });
  const run = async (action: () => Promise<unknown>, done?: (result: never) => void) => {
    setBusy(true);
    try {
      const result = await action();
      done?.(result as never);
      setSelected([]);
      refresh();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const confirm = (input: Parameters<typeof confirmLines>[1]) =>
    run(
      () => confirmLines(id, input),
      (r: { changed: number }) => message.success(t('detail.confirmed', { changed: r.changed })),
    );

  const submitAsk = async () => {
    const values = await validated(reasonForm);
    if (!values) return;
    const { reason } = values;
    if (ask?.kind === 'failed') await confirm({ result: 'failed', lineIds: ask.lineIds, reason });
    if (ask?.kind === 'cancel')
      await run(
        () => cancelBatch(id, reason),
        () => message.success(t('detail.cancelled')),
      );
    setAsk(null);
    reasonForm.resetFields();
  };

  return (
    <PageContainer
      title={`${b.batchNo} ${b.title}`}
      tags={<BatchStatusTag status={b.status} />}
      onBack={() => navigate('/disbursements')}
      backIcon={<ArrowLeftOutlined />}
      extra={
        <Space wrap>
          {b.status !== 'cancelled' && <RegisterButton batchId={id} format="xlsx" />}
          {b.status !== 'cancelled' && <RegisterButton batchId={id} format="docx" />}
          {canWrite && b.status === 'draft' && (
            <>
              <Button danger onClick={() => setAsk({ kind: 'cancel' })} data-testid="batch-cancel">
                {t('detail.cancel')}
              </Button>
              {ownBatch ? (
                <Tooltip title={t('detail.ownBatch')}>
                  <Button type="primary" disabled data-testid="batch-issue">
                    {t('detail.issue')}
                  </Button>
                </Tooltip>
              ) : (
                <Popconfirm
                  title={t('detail.issueConfirm')}
                  onConfirm={() =>
                    void run(
                      () => issueBatch(id),
                      () => message.success(t('detail.issued')),
                    )
                  }
                >
                  <Button type="primary" loading={busy} data-testid="batch-issue">
                    {t('detail.issue')}
                  </Button>
                </Popconfirm>
              )}
            </>
          )}
          {canConfirm && b.counts.pending > 0 && (
            <Button
              type="primary"
              loading={busy}
              data-testid="confirm-all-paid"
              onClick={() =>
                modal.confirm({
                  title: t('detail.confirmAllPaid'),
                  content: t('detail.confirmAllPaidConfirm', { count: b.counts.pending }),
                  onOk: () => confirm({ result: 'paid', allPending: true }),
                })
              }
            >
              {t('detail.confirmAllPaid')}
            </Button>
          )}
          {canWrite && b.counts.failed > 0 && (
            <Popconfirm
              title={t('detail.rebatchConfirm')}
              onConfirm={() =>
                void run(
                  () => rebatch(id),
                  (nb: { id: string; batchNo: string }) => {
                    message.success(t('detail.rebatched', { batchNo: nb.batchNo }));
                    navigate(`/disbursements/${nb.id}`);
                  },
                )
              }
            >
              <Button data-testid="batch-rebatch">{t('detail.rebatch')}</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      {canWrite && b.status === 'draft' && ownBatch && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('detail.ownBatch')}
          data-testid="batch-own"
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('field.program')}>
            <Link to={`/programs/${b.programId}`}>
              {programLabel({ name: b.programName, year: b.programYear })}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.org')}>{b.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('field.kind')}>
            <BatchKindTag kind={b.kind} />
            {b.itemName && `${b.itemName}，${formatYuan(b.unitValueFen)} 元/${b.unitName ?? '份'}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.createdBy')}>
            <span data-testid="batch-created-by">{b.createdByName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(b.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('field.issuedBy')}>
            <span data-testid="batch-issued-by">{b.issuedByName ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.issuedAt')}>
            {b.issuedAt ? formatDateTime(b.issuedAt) : '—'}
          </Descriptions.Item>
          {b.note && <Descriptions.Item label={t('field.note')}>{b.note}</Descriptions.Item>}
        </Descriptions>
        <Space size={48} wrap style={{ marginTop: 16 }}>
          <Statistic title={t('field.total')} value={formatYuan(b.totalFen)} suffix={`/ ${b.lineCount}`} />
          <Statistic
            title={t('lineStatus.paid')}
            value={formatYuan(b.counts.paidFen)}
            suffix={`/ ${b.counts.paid}`}
          />
          <Statistic
            title={t('lineStatus.pending')}
            value={formatYuan(b.counts.pendingFen)}
            suffix={`/ ${b.counts.pending}`}
          />
          <Statistic
            title={t('lineStatus.failed')}
            value={formatYuan(b.counts.failedFen)}
            suffix={`/ ${b.counts.failed}`}
          />
          <div style={{ width: 200 }}>
            <ConfirmProgress batch={b} />
          </div>
        </Space>
      </Card>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('filter.q')}
            style={{ width: 200 }}
            onSearch={(v) => setFilter((f) => ({ ...f, q: v.trim() || undefined, page: 1 }))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('field.lineStatus')}
            value={filter.status}
            onChange={(v?: LineStatus) => setFilter((f) => ({ ...f, status: v, page: 1 }))}
            options={LINE_STATUSES.map((s) => ({ value: s, label: t(`lineStatus.${s}`) }))}
          />
          {canConfirm && selected.length > 0 && (
            <>
              <span>{t('detail.selectedLines', { count: selected.length })}</span>
              <Button
                type="primary"
                loading={busy}
                onClick={() =>
                  modal.confirm({
                    title: t('detail.confirmPaid'),
                    content: t('detail.confirmSelectedPaidConfirm', { count: selected.length }),
                    okButtonProps: buttonTestId('confirm-selected-paid-ok'),
                    onOk: () => confirm({ result: 'paid', lineIds: selected }),
                  })
                }
                data-testid="confirm-selected-paid"
              >
                {t('detail.confirmPaid')}
              </Button>
              <Button
                danger
                onClick={() => setAsk({ kind: 'failed', lineIds: selected })}
                data-testid="confirm-selected-failed"
              >
                {t('detail.confirmFailed')}
              </Button>
            </>
          )}
        </Space>
        {lines.isError ? (
          <ErrorState error={lines.error} onRetry={() => void lines.refetch()} />
        ) : (
          <Table<Line>
            rowKey="id"
            size="small"
            // Fits the page at 1440 px with the sidebar open; narrower screens scroll.
            scroll={{ x: 1060 }}
            loading={lines.isFetching}
            dataSource={lines.data?.items}
            locale={{ emptyText: <Empty description={t('detail.linesEmpty')} /> }}
            rowSelection={
              canConfirm
                ? {
                    fixed: true,
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys as string[]),
                    getCheckboxProps: (l) => ({ disabled: l.status !== 'pending' }),
                  }
                : undefined
            }
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: lines.data?.total,
              showSizeChanger: true,
              pageSizeOptions: [50, 200, 500],
              onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
            }}
            columns={[
              // 序号 and 姓名 stay on the left and the confirm buttons on the right when the table
              // scrolls (narrow screens), so a line is never confirmed without seeing whose it is.
              { title: t('field.position'), dataIndex: 'position', width: 60, fixed: 'left' },
              {
                title: t('field.payee'),
                dataIndex: 'payeeName',
                width: 180,
                fixed: 'left',
                render: (v: string, l) => (
                  <>
                    <Link to={`/households/${l.householdId}`}>{v}</Link>
                    <SecondLine text={l.workUnit} />
                  </>
                ),
              },
              { title: t('field.idNumber'), dataIndex: 'idMasked', width: 170 },
              ...(b.kind === 'cash'
                ? [
                    {
                      title: t('field.bankAccount'),
                      dataIndex: 'bankAccountMasked',
                      width: 180,
                      render: (v: string | null, l: Line) => (
                        <>
                          {v ?? '—'}
                          {l.bankName && <SecondLine text={l.bankName} />}
                        </>
                      ),
                    },
                  ]
                : [
                    { title: t('field.quantity'), dataIndex: 'quantity', width: 80, align: 'right' as const },
                  ]),
              {
                title: t('field.amount'),
                dataIndex: 'amountFen',
                width: 110,
                align: 'right',
                render: (v: number) => formatYuan(v),
              },
              {
                title: t('field.lineStatus'),
                dataIndex: 'status',
                width: 180,
                render: (s: LineStatus, l) => (
                  <>
                    <LineStatusTag status={s} />
                    {(l.failureReason || l.confirmedAt) && (
                      <Typography.Text
                        type="secondary"
                        ellipsis={{ tooltip: true }}
                        style={{ display: 'block', fontSize: 12 }}
                      >
                        {l.failureReason ??
                          (l.confirmedAt ? `${l.confirmedByName} ${formatDateTime(l.confirmedAt)}` : '')}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
              ...(canConfirm
                ? [
                    {
                      title: t('detail.actions'),
                      key: 'actions',
                      width: 150,
                      fixed: 'right' as const,
                      render: (_: unknown, l: Line) =>
                        l.status === 'pending' && (
                          <Space size={0}>
                            <Button
                              size="small"
                              type="link"
                              onClick={() => void confirm({ result: 'paid', lineIds: [l.id] })}
                              data-testid={`line-paid-${l.position}`}
                            >
                              {t('lineStatus.paid')}
                            </Button>
                            <Button
                              size="small"
                              type="link"
                              danger
                              onClick={() => setAsk({ kind: 'failed', lineIds: [l.id] })}
                              data-testid={`line-failed-${l.position}`}
                            >
                              {t('lineStatus.failed')}
                            </Button>
                          </Space>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Modal
        open={ask !== null}
        title={ask?.kind === 'cancel' ? t('detail.cancel') : t('detail.confirmFailed')}
        confirmLoading={busy}
        onOk={() => void submitAsk()}
        onCancel={() => {
          setAsk(null);
          reasonForm.resetFields();
        }}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={ask?.kind === 'cancel' ? t('detail.cancelReason') : t('detail.failReason')}
            rules={[
              { required: true, whitespace: true, message: t('detail.failReason') },
              { min: 2, max: 200 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
