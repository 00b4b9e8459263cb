import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Dashboard, ROLES } from '../../../api/types';
import { Chart } from '../../../components/Chart';

export function RoleChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const slices = ROLES.map((role) => ({ name: t(`role.${role}`), value: data.roleCounts[role] ?? 0 })).filter(
    (slice) => slice.value > 0,
  );
  if (slices.length === 0) return <Empty description={t('dashboard.noChartData')} />;
  return (
    <Chart
      testId="chart-user-roles"
      option={{
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            center: ['50%', '45%'],
            avoidLabelOverlap: true,
            label: { formatter: '{b} {c}' },
            data: slices,
          },
        ],
      }}
    />
  );
}
