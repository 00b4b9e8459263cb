import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Dashboard, ROLES } from '../../../api/types';
import { Chart } from '../../../components/Chart';
import { ringOption } from '../../../components/chartOptions';

export function RoleChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const slices = ROLES.map((role) => ({
    name: t(`role.${role}`),
    value: data.roleCounts?.[role] ?? 0,
  })).filter((slice) => slice.value > 0);
  if (slices.length === 0) return <Empty description={t('dashboard.noChartData')} />;
  return (
    <Chart
      testId="chart-user-roles"
      // Names and head counts beside the ring, wrapped rather than cut short (「Admi…」 at 300 px).
      option={ringOption(slices, (n) => String(n), '{b} {c}')}
    />
  );
}
