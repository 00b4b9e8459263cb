import { Tag } from 'antd';
import type { CSSProperties } from 'react';
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

/**
 * A tag in a narrow table cell: a long label ("Awaiting upper-level review") wraps between words inside
 * the tag instead of spilling into the next column.
 */
export const WRAPPING_TAG: CSSProperties = { whiteSpace: 'normal', marginInlineEnd: 0, maxWidth: '100%' };

interface TagProps {
  testId?: string;
  /** In a narrow column: the label may wrap between words. */
  wrap?: boolean;
}

export function StatusTag({ status, testId, wrap }: TagProps & { status: HouseholdStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLORS[status]}
      data-testid={testId}
      data-status={status}
      style={wrap ? WRAPPING_TAG : undefined}
    >
      {t(`households.status.${status}`)}
    </Tag>
  );
}

export function CategoryTag({ category, testId, wrap }: TagProps & { category: Category | null }) {
  const { t } = useTranslation();
  const key = category ?? 'unassessed';
  return (
    <Tag
      color={category && category !== 'none' ? CATEGORY_COLORS[key] : undefined}
      data-testid={testId}
      data-category={key}
      style={wrap ? WRAPPING_TAG : undefined}
    >
      {t(`households.category.${key}`)}
    </Tag>
  );
}
