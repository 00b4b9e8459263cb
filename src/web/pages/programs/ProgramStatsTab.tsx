import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type YearPart, yearPartDays } from '../../../shared/periods';
import { errorMessage } from '../../api/errors';
import type { SchoolLevel } from '../../api/types';
import { Chart } from '../../components/Chart';
import { categoryBarsOption, unitBarHeight, unitBarOption } from '../../components/chartOptions';
import { DayRangePicker } from '../../components/DayRangePicker';
import { PageLoading } from '../../components/PageLoading';
import { fenToYuan, formatYuan } from '../households/money';
import { AmountPieCard } from '../statistics/AmountPieCard';
import { SummaryCard } from '../statistics/SummaryCard';
import { periodSummary, programSummary } from '../statistics/summary';
import { type PaidRange, type ProgramStatistics, useProgramStatistics } from './programs.api';

/** A right-aligned column of an amount in fen, shown in yuan. */
const yuanColumn = (title: string, dataIndex: string) => ({
  title,
  dataIndex,
  align: 'right' as const,
  render: (v: number) => formatYuan(v),
});

/** The whole year, a quarter or half-year of the program's year (shared/periods.ts), or any range. */
type Choice = 'all' | YearPart | 'custom';

/** Contract 2 program statistics: counts, money by source (pie) and by unit (bar), and a period's payments. */
export function ProgramStatsTab({ programId, year }: { programId: string; year: number }) {
  const { t } = useTranslation('aid');
  const [choice, setChoice] = useState<Choice>('all');
  const [range, setRange] = useState<PaidRange | undefined>();
  const stats = useProgramStatistics(programId, range);
  const choose = (next: Choice) => {
    setChoice(next);
    if (next === 'all') setRange(undefined);
    else if (next !== 'custom') {
      const { from, to } = yearPartDays(year, next);
      setRange({ paidFrom: from, paidTo: to });
    }
  };
  const label =
    choice === 'all' || choice === 'custom'
      ? t('stats.period.range', { from: range?.paidFrom, to: range?.paidTo })
      : t('stats.period.yearPart', { year, part: t(`stats.period.${choice}`) });

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
              height={unitBarHeight(s.byOrg.length)}
              option={unitBarOption({
                units: s.byOrg.map((o) => o.orgName),
                valueAxisName: t('yuanUnit'),
                series: [
                  { name: t('stats.approvedAmount'), data: s.byOrg.map((o) => fenToYuan(o.approvedFen)) },
                  { name: t('stats.paidAmount'), data: s.byOrg.map((o) => fenToYuan(o.paidFen)) },
                ],
              })}
            />
          ) : (
            <Empty description={t('stats.empty')} />
          )}
        </Card>
      </Col>
      {s.bySchoolLevel.length > 0 && (
        <Col span={24}>
          <Students s={s} />
        </Col>
      )}
      <Col span={24}>
        <Card
          size="small"
          title={t('stats.period.label')}
          extra={
            <Space wrap>
              <Select<Choice>
                value={choice}
                style={{ width: 160 }}
                onChange={choose}
                data-testid="stats-period"
                options={(['all', 'Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'custom'] as const).map((c) => ({
                  value: c,
                  label:
                    c === 'all' || c === 'custom'
                      ? t(`stats.period.${c}`)
                      : t('stats.period.yearPart', { year, part: t(`stats.period.${c}`) }),
                }))}
              />
              <DayRangePicker
                value={range && { from: range.paidFrom, to: range.paidTo }}
                onChange={({ from, to }) => {
                  setChoice('custom');
                  setRange({ paidFrom: from, paidTo: to });
                }}
                testId="stats-period-range"
              />
            </Space>
          }
        >
          {s.period && range ? (
            <PaidPeriod s={s} label={label} />
          ) : (
            <Typography.Text type="secondary">{t('stats.period.hint')}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** What was paid in the chosen days: totals, a paragraph for the work summary, by source and by unit. */
function PaidPeriod({ s, label }: { s: ProgramStatistics; label: string }) {
  const { t } = useTranslation('aid');
  const p = s.period!;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="stats-period-result">
      <Typography.Text type="secondary">{t('stats.period.hint')}</Typography.Text>
      <Row gutter={[16, 16]}>
        {(
          [
            [t('stats.period.payments'), p.payments],
            [t('stats.period.households'), p.households],
            [t('stats.period.people'), p.people],
            [t('stats.period.paid'), formatYuan(p.paidFen)],
          ] as const
        ).map(([title, value]) => (
          <Col key={title} xs={12} md={6}>
            <Statistic title={title} value={value} />
          </Col>
        ))}
      </Row>
      <SummaryCard text={periodSummary(t, s, label)} testId="program-period-summary" />
      {p.payments > 0 ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Table
              size="small"
              rowKey="sourceId"
              pagination={false}
              dataSource={p.bySource}
              columns={[
                { title: t('programs.field.source'), dataIndex: 'name' },
                yuanColumn(t('stats.period.paid'), 'paidFen'),
              ]}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Table
              size="small"
              rowKey="orgId"
              pagination={false}
              dataSource={p.byOrg}
              columns={[
                { title: t('stats.unit'), dataIndex: 'orgName' },
                { title: t('stats.period.households'), dataIndex: 'households', align: 'right' },
                yuanColumn(t('stats.period.paid'), 'paidFen'),
              ]}
            />
          </Col>
        </Row>
      ) : (
        <Empty description={t('stats.period.empty')} />
      )}
    </Space>
  );
}

/** 金秋助学: approved students by school level, as a chart and as the table a summary quotes. */
function Students({ s }: { s: ProgramStatistics }) {
  const { t } = useTranslation('aid');
  const rows = s.bySchoolLevel;
  return (
    <Card size="small" title={t('stats.bySchoolLevel')} data-testid="program-students">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Chart
            testId="program-chart-students"
            height={220}
            option={categoryBarsOption(
              {
                tooltip: { trigger: 'axis' },
                grid: { left: 50, right: 20, top: 20, bottom: 30 },
                xAxis: { type: 'category', data: rows.map((r) => t(`school.${r.schoolLevel}`)) },
                yAxis: { type: 'value', name: t('stats.studentsUnit'), minInterval: 1 },
                series: [{ name: t('stats.students'), type: 'bar', data: rows.map((r) => r.students) }],
              },
              rows.length,
            )}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Table
            size="small"
            rowKey="schoolLevel"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: t('applications.field.schoolLevel'),
                dataIndex: 'schoolLevel',
                render: (v: SchoolLevel) => t(`school.${v}`),
              },
              { title: t('stats.students'), dataIndex: 'students', align: 'right' },
              { title: t('stats.households'), dataIndex: 'households', align: 'right' },
              yuanColumn(t('stats.approvedAmount'), 'approvedFen'),
              yuanColumn(t('stats.paidAmount'), 'paidFen'),
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

/**
 * Where the approved money stands. An approved application has at most one live payment line
 * (pending or paid), so each approved yuan is in exactly one place: paid, in a batch awaiting
 * confirmation (draft or issued), failed and not yet in a batch again, or in no batch yet. The last
 * one is what is left of the approved amount; it is never below zero (a line's amount may differ).
 */
export function paymentBreakdown(
  s: Pick<ProgramStatistics, 'approvedFen' | 'paidFen' | 'pendingPaymentFen' | 'failedFen'>,
) {
  return {
    paidFen: s.paidFen,
    pendingFen: s.pendingPaymentFen,
    failedFen: s.failedFen,
    notInBatchFen: Math.max(0, s.approvedFen - s.paidFen - s.pendingPaymentFen - s.failedFen),
  };
}

function Counts({ s }: { s: ProgramStatistics }) {
  const { t } = useTranslation('aid');
  const money = paymentBreakdown(s);
  const items: [string, number | string, string?][] = [
    [t('stats.received'), s.applications.received],
    [t('stats.approved'), s.applications.approved],
    [t('stats.pending'), s.applications.pending],
    [t('stats.returned'), s.applications.returned],
    [t('stats.rejected'), s.applications.rejected],
    [t('stats.withdrawn'), s.applications.withdrawn],
    [t('stats.households'), s.households],
    [t('stats.people'), s.people],
  ];
  // 批准 = 已发放 + 批次中待确认 + 发放失败 + 未编入批次: the money row adds up on the card.
  const moneyItems: [string, string, string][] = [
    [t('stats.approvedAmount'), formatYuan(s.approvedFen), 'stats-approved'],
    [t('stats.paidAmount'), formatYuan(money.paidFen), 'stats-paid'],
    [t('stats.inBatchPending'), formatYuan(money.pendingFen), 'stats-in-batch'],
    [t('stats.failedPayment'), formatYuan(money.failedFen), 'stats-failed'],
    [t('stats.notInBatch'), formatYuan(money.notInBatchFen), 'stats-not-in-batch'],
  ];
  return (
    <Card size="small" title={t('stats.counts')}>
      <Row gutter={[16, 16]}>
        {items.map(([title, value]) => (
          <Col key={title} xs={12} md={6} lg={3}>
            <Statistic title={title} value={value} />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '16px 0 8px' }}>
        {t('stats.moneyAddsUp')}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        {moneyItems.map(([title, value, testId]) => (
          <Col key={testId} xs={12} md={8} lg={4} data-testid={testId}>
            <Statistic title={title} value={value} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
