import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Dashboard, ORG_LEVELS } from '../../../api/types';
import { Chart } from '../../../components/Chart';
import { LEVEL_COLORS } from '../../../components/OrgLevelTag';

const BAR_COLORS: Record<string, string> = {
  red: '#cf1322',
  volcano: '#d4380d',
  geekblue: '#1d39c4',
  green: '#389e0d',
};

export function OrgLevelChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const values = ORG_LEVELS.map((level) => data.orgCounts[level] ?? 0);
  if (values.every((v) => v === 0)) return <Empty description={t('dashboard.noChartData')} />;
  return (
    <Chart
      testId="chart-org-levels"
      option={{
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 24, bottom: 48 },
        xAxis: {
          type: 'category',
          data: ORG_LEVELS.map((level) => t(`level.${level}`)),
          axisLabel: { interval: 0, width: 90, overflow: 'break' },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            barMaxWidth: 48,
            data: ORG_LEVELS.map((level, i) => ({
              value: values[i],
              itemStyle: { color: BAR_COLORS[LEVEL_COLORS[level]] },
            })),
            label: { show: true, position: 'top' },
          },
        ],
      }}
    />
  );
}
