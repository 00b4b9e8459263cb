import { PageContainer } from '@ant-design/pro-components';
import { Card, Col, Empty, InputNumber, Row, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/AuthContext';
import { Chart } from '../../components/Chart';
import { categoryBarsOption } from '../../components/chartOptions';
import { ErrorState } from '../../components/ErrorState';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageLoading } from '../../components/PageLoading';
import { businessYear } from '../../lib/format';
import { fenToYuan, formatYuan } from '../households/money';
import { ProgramTypeTag } from '../programs/AidTags';
import { AmountPieCard } from './AmountPieCard';
import { SummaryCard } from './SummaryCard';
import { type AidStatistics, useAidStatistics } from './statistics.api';
import { yearSummary } from './summary';

type ProgramRow = AidStatistics['programs'][number];

/** The year's aid in figures, charts and a paragraph for the work summary (contract 2). */
export default function StatisticsPage() {
  const { t } = useTranslation('aid');
  const me = useMe();
  const [year, setYear] = useState(businessYear());
  const [orgId, setOrgId] = useState<string | undefined>(me.orgId);
  const stats = useAidStatistics(year, orgId);

  return (
    <PageContainer
      title={t('stats.title')}
      extra={
        <Space>
          <span>{t('stats.year')}</span>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => v && setYear(v)}
            data-testid="stats-year"
          />
          <span>{t('stats.org')}</span>
          <OrgTreeSelect value={orgId} onChange={(v) => setOrgId(v || me.orgId)} style={{ width: 260 }} />
        </Space>
      }
    >
      {stats.isLoading ? (
        <PageLoading />
      ) : stats.isError || !stats.data ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <Overview s={stats.data} />
      )}
    </PageContainer>
  );
}

function Overview({ s }: { s: AidStatistics }) {
  const { t } = useTranslation('aid');
  const cards: [string, number | string][] = [
    [t('stats.programs'), s.totals.programs],
    [t('stats.received'), s.totals.received],
    [t('stats.approved'), s.totals.approved],
    [t('stats.households'), s.totals.households],
    [t('stats.people'), s.totals.people],
    [t('stats.approvedAmount'), formatYuan(s.totals.approvedFen)],
    [t('stats.paidAmount'), formatYuan(s.totals.paidFen)],
  ];
  const types = s.byType.filter((b) => b.programs > 0);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small">
          <Row gutter={[16, 16]}>
            {cards.map(([title, value]) => (
              <Col key={title} xs={12} md={6} xl={3}>
                <Statistic title={title} value={value} />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col span={24}>
        <SummaryCard text={yearSummary(t, s)} testId="year-summary" />
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('stats.byType')}>
          {types.length ? (
            <Chart
              testId="stats-chart-types"
              option={categoryBarsOption(
                {
                  tooltip: { trigger: 'axis' },
                  legend: { bottom: 0 },
                  // The legend's 30 px at the bottom stay clear of the (possibly rotated) type names.
                  grid: { left: 60, right: 50, top: 30, bottom: 50, outerBounds: { bottom: 30 } },
                  xAxis: { type: 'category', data: types.map((b) => t(`programType.${b.type}`)) },
                  yAxis: [
                    { type: 'value', name: t('yuanUnit') },
                    { type: 'value', name: t('stats.households'), position: 'right' },
                  ],
                  series: [
                    {
                      name: t('stats.approvedAmount'),
                      type: 'bar',
                      data: types.map((b) => fenToYuan(b.approvedFen)),
                    },
                    {
                      name: t('stats.paidAmount'),
                      type: 'bar',
                      data: types.map((b) => fenToYuan(b.paidFen)),
                    },
                    {
                      name: t('stats.households'),
                      type: 'bar',
                      yAxisIndex: 1,
                      data: types.map((b) => b.households),
                    },
                  ],
                },
                types.length,
              )}
            />
          ) : (
            <Empty description={t('stats.empty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <AmountPieCard
          title={t('stats.bySourceKind')}
          testId="stats-chart-sources"
          slices={s.bySourceKind.map((k) => ({ name: t(`fundKind.${k.kind}`), fen: k.approvedFen }))}
        />
      </Col>
      <Col span={24}>
        <Card size="small" title={t('stats.programTable')}>
          <Table<ProgramRow>
            rowKey="id"
            size="small"
            dataSource={s.programs}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('stats.empty')} /> }}
            data-testid="stats-programs"
            columns={[
              {
                title: t('programs.field.name'),
                render: (_, p) => (
                  <span>
                    <ProgramTypeTag type={p.type} />
                    <Link to={`/programs/${p.id}`}>{p.name}</Link>
                  </span>
                ),
              },
              { title: t('programs.field.org'), dataIndex: 'orgName', ellipsis: true },
              { title: t('stats.received'), dataIndex: 'received', align: 'right' },
              { title: t('stats.approved'), dataIndex: 'approved', align: 'right' },
              { title: t('stats.households'), dataIndex: 'households', align: 'right' },
              {
                title: t('stats.approvedAmount'),
                align: 'right',
                render: (_, p) => formatYuan(p.approvedFen),
              },
              { title: t('stats.paidAmount'), align: 'right', render: (_, p) => formatYuan(p.paidFen) },
            ]}
            // The year's totals from the server: a household helped by two programs counts once (the
            // rows' sum would count it twice), and the sums cover every program, not the page shown.
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('stats.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {s.totals.received}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {s.totals.approved}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {s.totals.households}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {formatYuan(s.totals.approvedFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {formatYuan(s.totals.paidFen)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
