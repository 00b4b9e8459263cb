import { Alert, App, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { buttonTestId } from '../../lib/testId';
import { formatYuan, yuanToFen } from '../households/money';
import { type Application, type BatchResult, batchApprove } from './applications.api';

interface Props {
  applications: Application[];
  onClose: () => void;
  /** Called after the server answered (whatever the per-item outcome). */
  onDone: () => void;
}

/** Approves the selected applications one by one on the server and shows each one's result. */
export function BatchApproveModal({ applications, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation('aid');
  const { message } = App.useApp();
  const [amounts, setAmounts] = useState<Record<string, number | null>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BatchResult | null>(null);
  const byId = new Map(result?.items.map((r) => [r.id, r]));
  const maxOf = (a: Application) => a.proposedFen ?? a.requestedFen;

  const run = async () => {
    setBusy(true);
    try {
      const items = applications.map((a) => {
        const yuan = amounts[a.id];
        const fen = yuan ? yuanToFen(yuan) : null;
        return fen && fen !== maxOf(a) ? { id: a.id, amountFen: fen } : { id: a.id };
      });
      const r = await batchApprove(items, comment.trim() || null);
      setResult(r);
      message.info(t('review.batchResult', { ok: r.succeeded, failed: r.failed }));
      onDone();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={820}
      title={t('review.batchTitle')}
      onCancel={onClose}
      maskClosable={false}
      okText={result ? t('common.ok') : t('review.batchApprove', { count: applications.length })}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => (result ? onClose() : void run())}
      okButtonProps={buttonTestId('batch-approve-confirm')}
    >
      {result ? (
        <Alert
          type={result.failed ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          message={t('review.batchResult', { ok: result.succeeded, failed: result.failed })}
          data-testid="batch-result"
        />
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('review.batchHint')} />
      )}
      <Table<Application>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={applications}
        scroll={{ y: 360 }}
        columns={[
          { title: t('review.household'), dataIndex: 'householdName', width: 100 },
          { title: t('applications.field.program'), dataIndex: 'programName', ellipsis: true },
          {
            title: t('applications.field.requested'),
            width: 110,
            align: 'right',
            render: (_, a) => formatYuan(maxOf(a)),
          },
          {
            title: t('review.amount'),
            width: 150,
            render: (_, a) => (
              <InputNumber
                size="small"
                min={0.01}
                max={maxOf(a) / 100}
                precision={2}
                disabled={Boolean(result)}
                placeholder={formatYuan(maxOf(a))}
                value={amounts[a.id] ?? null}
                onChange={(v) => setAmounts((m) => ({ ...m, [a.id]: v }))}
              />
            ),
          },
          {
            title: t('review.result'),
            width: 240,
            render: (_, a) => {
              const r = byId.get(a.id);
              if (!r) return '—';
              return r.ok ? (
                <Tag color="success" data-testid={`batch-item-${a.id}`} data-ok="true">
                  {t('review.ok')} {formatYuan(r.amountFen)}
                </Tag>
              ) : (
                <Typography.Text type="danger" data-testid={`batch-item-${a.id}`} data-ok="false">
                  {(i18n.language === 'en' ? r.messageEn : r.message) ?? r.code}
                </Typography.Text>
              );
            },
          },
        ]}
      />
      {!result && (
        <Input.TextArea
          style={{ marginTop: 12 }}
          rows={2}
          maxLength={500}
          placeholder={t('review.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      )}
    </Modal>
  );
}
