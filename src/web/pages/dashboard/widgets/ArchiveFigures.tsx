import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format';
import { CATEGORY_COLORS } from '../../households/HouseholdTags';
import type { ArchiveFigures as Figures } from '../dashboard.api';

/** The categories an archive holds; 不符合 / 未测算 only show up when there are any. */
const ALWAYS = ['deep', 'relative', 'sudden'] as const;
const IF_ANY = ['none', 'unassessed'] as const;

/** 困难职工档案 by category: the archived households of the caller's subtree. */
export function ArchiveFigures({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  if (figures.total === 0) return <Empty description={t('dashboard.archive.empty')} />;
  const capped = (n: number, over: boolean) => (over ? `${formatNumber(n)}+` : formatNumber(n));
  const shown = [...ALWAYS, ...IF_ANY.filter((c) => figures.byCategory[c] > 0)];
  return (
    <div data-testid="archive-figures">
      <Typography.Paragraph type="secondary">
        {t('dashboard.archive.total', { n: capped(figures.total, figures.capped.total) })}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {shown.map((c) => (
          <Col key={c} xs={12} md={8} xl={shown.length > 3 ? 4 : 8}>
            <Card
              size="small"
              style={{ borderTop: `3px solid ${CATEGORY_COLORS[c]}` }}
              data-testid={`archive-category-${c}`}
            >
              <Statistic
                title={t(`households.category.${c}`)}
                value={capped(figures.byCategory[c], figures.capped.byCategory.includes(c))}
                valueStyle={{ color: CATEGORY_COLORS[c] }}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
