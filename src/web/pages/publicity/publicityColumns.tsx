import { Space, type TableColumnType, type TablePaginationConfig, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PhaseTag } from './PublicityTags';
import type { PublicitySummary } from './publicity.api';

/**
 * The columns every list of notices starts with: the title, leading to the notice (where objections
 * are recorded and verified), and the period with its phase.
 */
export function usePublicityColumns<T extends PublicitySummary>(
  linkTestId: string,
): { title: TableColumnType<T>; period: TableColumnType<T> } {
  const { t } = useTranslation('publicity');
  return {
    title: {
      title: t('field.title'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <Link to={`/publicity/${p.id}`} data-testid={`${linkTestId}-${p.id}`}>
          {title}
        </Link>
      ),
    },
    period: {
      title: t('field.period'),
      render: (_, p) => (
        <Space size={4} wrap>
          <Typography.Text>
            {p.startDate} ~ {p.endDate}
          </Typography.Text>
          <PhaseTag phase={p.phase} />
        </Space>
      ),
    },
  };
}

/** Server-side pages of notices: no size changer, hidden while one page holds them all. */
export function noticePagination(
  page: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number) => void,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    onChange,
    hideOnSinglePage: true,
    showSizeChanger: false,
  };
}
