import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Batch, BatchKind, BatchStatus, LineStatus } from './disbursements.api';

const STATUS_COLORS: Record<BatchStatus, string> = {
  draft: 'default',
  issued: 'processing',
  closed: 'success',
  cancelled: 'error',
};
const LINE_COLORS: Record<LineStatus, string> = {
  pending: 'processing',
  paid: 'success',
  failed: 'error',
  cancelled: 'default',
};

export function BatchStatusTag({ status }: { status: BatchStatus }) {
  const { t } = useTranslation('disbursements');
  return <Tag color={STATUS_COLORS[status]}>{t(`status.${status}`)}</Tag>;
}

export function LineStatusTag({ status }: { status: LineStatus }) {
  const { t } = useTranslation('disbursements');
  return <Tag color={LINE_COLORS[status]}>{t(`lineStatus.${status}`)}</Tag>;
}

export function BatchKindTag({ kind }: { kind: BatchKind }) {
  const { t } = useTranslation('disbursements');
  return <Tag color={kind === 'cash' ? 'gold' : 'cyan'}>{t(`kind.${kind}`)}</Tag>;
}

/** How many lines were confirmed (paid or failed) out of the live ones. */
export function ConfirmProgress({ batch }: { batch: Batch }) {
  const c = batch.counts;
  const live = c.pending + c.paid + c.failed;
  if (!live) return null;
  return (
    <Progress
      size="small"
      percent={Math.round(((c.paid + c.failed) / live) * 100)}
      success={{ percent: Math.round((c.paid / live) * 100) }}
      format={() => `${c.paid + c.failed}/${live}`}
    />
  );
}

/** A program in pickers: its name, with the year in front unless the name already says it. */
export const programLabel = (p: { name: string; year: number }) =>
  p.name.includes(String(p.year)) ? p.name : `${p.year} ${p.name}`;
