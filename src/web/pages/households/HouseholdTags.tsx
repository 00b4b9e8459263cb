import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category, HouseholdStatus } from '../../api/types';

const STATUS_COLORS: Record<HouseholdStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  grassroots_approved: 'blue',
  archived: 'success',
  returned: 'warning',
  rejected: 'error',
  withdrawn: 'default',
  exited: 'purple',
};

export const CATEGORY_COLORS: Record<Category | 'unassessed', string> = {
  deep: '#cf1322',
  relative: '#fa8c16',
  sudden: '#722ed1',
  none: '#8c8c8c',
  unassessed: '#bfbfbf',
};

export function StatusTag({ status, testId }: { status: HouseholdStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`households.status.${status}`)}
    </Tag>
  );
}

export function CategoryTag({ category, testId }: { category: Category | null; testId?: string }) {
  const { t } = useTranslation();
  const key = category ?? 'unassessed';
  return (
    <Tag
      color={category && category !== 'none' ? CATEGORY_COLORS[key] : undefined}
      data-testid={testId}
      data-category={key}
    >
      {t(`households.category.${key}`)}
    </Tag>
  );
}
