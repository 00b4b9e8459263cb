import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectionStatus, PublicityPhase } from './publicity.api';

const PHASE_COLORS: Record<PublicityPhase, string> = {
  upcoming: 'default',
  running: 'processing',
  ended: 'success',
  withdrawn: 'error',
};

export function PhaseTag({ phase }: { phase: PublicityPhase }) {
  const { t } = useTranslation('publicity');
  return <Tag color={PHASE_COLORS[phase]}>{t(`phase.${phase}`)}</Tag>;
}

const OBJECTION_COLORS: Record<ObjectionStatus, string> = {
  open: 'warning',
  upheld: 'error',
  dismissed: 'default',
};

export function ObjectionStatusTag({ status }: { status: ObjectionStatus }) {
  const { t } = useTranslation('publicity');
  return <Tag color={OBJECTION_COLORS[status]}>{t(`objectionStatus.${status}`)}</Tag>;
}

/** 深度困难 · 大学: the reason a notice shows for one person. */
export function useReasonLabel() {
  const { t } = useTranslation('publicity');
  return (category: string | null, schoolLevel: string | null) =>
    [
      category ? t(`category.${category}` as 'category.deep', { defaultValue: category }) : null,
      schoolLevel ? t(`school.${schoolLevel}` as 'school.university', { defaultValue: schoolLevel }) : null,
    ]
      .filter(Boolean)
      .join(' · ') || '—';
}
