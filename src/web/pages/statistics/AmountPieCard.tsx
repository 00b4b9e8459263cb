import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/Chart';
import { ringOption } from '../../components/chartOptions';
import { fenToYuan } from '../households/money';

/** A card with a ring chart of amounts (fen) by name, or an empty state when nothing was approved yet. */
export function AmountPieCard({
  title,
  testId,
  slices,
}: {
  title: string;
  testId: string;
  slices: { name: string; fen: number }[];
}) {
  const { t } = useTranslation('aid');
  const shown = slices.filter((s) => s.fen > 0);
  return (
    <Card size="small" title={title}>
      {shown.length ? (
        <Chart
          testId={testId}
          option={ringOption(
            shown.map((s) => ({ name: s.name, value: fenToYuan(s.fen) })),
            (v) => t('yuan', { amount: v.toLocaleString('zh-CN') }),
          )}
        />
      ) : (
        <Empty description={t('stats.empty')} />
      )}
    </Card>
  );
}
