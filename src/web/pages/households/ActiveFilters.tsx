import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ActiveFilter {
  key: string;
  /** "档案状态：已建档" */
  label: string;
  onClose: () => void;
}

/**
 * The filters a list is narrowed by, as closable tags above the table: a filter set from a link or a
 * statistic card may sit in the collapsed part of the search form, and must not narrow the list unseen.
 */
export function ActiveFilters({
  filters,
  onClearAll,
  testId,
}: {
  filters: ActiveFilter[];
  onClearAll: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  if (filters.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap data-testid={testId} style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{t('households.filters.active')}</Typography.Text>
      {filters.map((f) => (
        <Tag
          key={f.key}
          color="blue"
          closable
          onClose={(e) => {
            e.preventDefault();
            f.onClose();
          }}
          data-testid={`${testId}-${f.key}`}
        >
          {f.label}
        </Tag>
      ))}
      {filters.length > 1 && (
        <Typography.Link onClick={onClearAll} data-testid={`${testId}-clear`}>
          {t('households.filters.clearAll')}
        </Typography.Link>
      )}
    </Space>
  );
}
