import { Progress, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../applications/applications.api';
import type { FundKind } from '../funds/funds.api';
import { formatYuan } from '../households/money';
import type { ProgramType, WindowState } from './programs.api';

const TYPE_COLORS: Record<ProgramType, string> = {
  warmth: 'volcano',
  tuition: 'gold',
  medical: 'cyan',
  relief: 'purple',
  project: 'blue',
};

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  pending: 'processing',
  returned: 'warning',
  rejected: 'error',
  approved: 'success',
  withdrawn: 'default',
};

const WINDOW_COLORS: Record<WindowState, string> = { upcoming: 'default', open: 'green', closed: 'red' };

export function ProgramTypeTag({ type }: { type: ProgramType }) {
  const { t } = useTranslation('aid');
  return <Tag color={TYPE_COLORS[type]}>{t(`programType.${type}`)}</Tag>;
}

export function FundKindTag({ kind }: { kind: FundKind }) {
  const { t } = useTranslation('aid');
  return <Tag>{t(`fundKind.${kind}`)}</Tag>;
}

export function ApplicationStatusTag({ status, testId }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useTranslation('aid');
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function WindowTag({ state }: { state: WindowState }) {
  const { t } = useTranslation('aid');
  return <Tag color={WINDOW_COLORS[state]}>{t(`window.${state}`)}</Tag>;
}

/** Used / total as a bar with both figures in 元 on hover. */
export function UsageBar({ used, total, testId }: { used: number; total: number; testId?: string }) {
  const percent = total > 0 ? Math.round((used / total) * 1000) / 10 : 0;
  return (
    <Tooltip title={`${formatYuan(used)} / ${formatYuan(total)}`}>
      <Progress percent={percent} size="small" data-testid={testId} />
    </Tooltip>
  );
}
