import { Card, Col, Empty, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { Chart } from '../../components/Chart';
import { PageLoading } from '../../components/PageLoading';
import { fenToYuan, formatYuan } from '../households/money';
import { AmountPieCard } from '../statistics/AmountPieCard';
import { SummaryCard } from '../statistics/SummaryCard';
import { programSummary } from '../statistics/summary';
import { type ProgramStatistics, useProgramStatistics } from './programs.api';

/** Contract 2 program statistics: counts, money by source (pie) and by unit (bar). */
export function ProgramStatsTab({ programId }: { programId: string }) {
  const { t } = useTranslation('aid');
  const stats = useProgramStatistics(programId);
  if (stats.isLoading) return <PageLoading />;
  if (stats.isError || !stats.data)
    return <Empty description={t('stats.notReady', { reason: errorMessage(stats.error) })} />;
  const s = stats.data;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Counts s={s} />
      </Col>
      <Col span={24}>
        <SummaryCard text={programSummary(t, s)} testId="program-summary" />
      </Col>
      <Col xs={24} lg={10}>
        <AmountPieCard
          title={t('stats.bySource')}
          testId="program-chart-sources"
          slices={s.bySource.map((b) => ({ name: b.name, fen: b.approvedFen }))}
        />
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('stats.byOrg')}>
          {s.byOrg.length ? (
            <Chart
              testId="program-chart-orgs"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 60, right: 20, top: 20, bottom: 60 },
                xAxis: {
                  type: 'category',
                  data: s.byOrg.map((o) => o.orgName),
                  axisLabel: { interval: 0, rotate: 20 },
                },
                yAxis: { type: 'value', name: t('yuanUnit') },
                series: [
                  {
                    name: t('stats.approvedAmount'),
                    type: 'bar',
                    data: s.byOrg.map((o) => fenToYuan(o.approvedFen)),
                  },
                  {
                    name: t('stats.paidAmount'),
                    type: 'bar',
                    data: s.byOrg.map((o) => fenToYuan(o.paidFen)),
                  },
                ],
              }}
            />
          ) : (
            <Empty description={t('stats.empty')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function Counts({ s }: { s: ProgramStatistics }) {
  const { t } = useTranslation('aid');
  const items: [string, number | string][] = [
    [t('stats.received'), s.applications.received],
    [t('stats.approved'), s.applications.approved],
    [t('stats.pending'), s.applications.pending],
    [t('stats.returned'), s.applications.returned],
    [t('stats.rejected'), s.applications.rejected],
    [t('stats.withdrawn'), s.applications.withdrawn],
    [t('stats.households'), s.households],
    [t('stats.people'), s.people],
    [t('stats.approvedAmount'), formatYuan(s.approvedFen)],
    [t('stats.paidAmount'), formatYuan(s.paidFen)],
    [t('stats.pendingPayment'), formatYuan(s.pendingPaymentFen)],
  ];
  return (
    <Card size="small" title={t('stats.counts')}>
      <Row gutter={[16, 16]}>
        {items.map(([title, value]) => (
          <Col key={title} xs={12} md={6} lg={4}>
            <Statistic title={title} value={value} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
