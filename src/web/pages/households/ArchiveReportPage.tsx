import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { App, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type YearPart, yearPartDays } from '../../../shared/periods';
import { CAUSES } from '../../../shared/vocabulary';
import { downloadFile } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useMe } from '../../auth/AuthContext';
import { Chart } from '../../components/Chart';
import { horizontalBarsOption, ringOption, unitBarHeight } from '../../components/chartOptions';
import { DayRangePicker } from '../../components/DayRangePicker';
import { ErrorState } from '../../components/ErrorState';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageLoading } from '../../components/PageLoading';
import { businessToday, businessYear, formatNumber } from '../../lib/format';
import { SummaryCard } from '../statistics/SummaryCard';
import {
  type ArchiveFigures,
  type ArchiveReport,
  type ArchiveReportQuery,
  archiveReportXlsxUrl,
  type HouseholdCount,
  useArchiveReport,
} from './archiveReport.api';

type Choice = 'year' | 'lastYear' | YearPart | 'custom';
const CHOICES: Choice[] = ['year', 'lastYear', 'Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'custom'];
const CATEGORIES = ['deep', 'relative', 'sudden'] as const;
type ReportCategory = (typeof CATEGORIES)[number] | 'none';

/** The three categories, and 已不符合条件 when some archived household's last decision found it so. */
const categoriesOf = (total: ArchiveFigures): ReportCategory[] =>
  total.byCategory.none.households > 0 ? [...CATEGORIES, 'none'] : [...CATEGORIES];

/** This year's days so far, last year's, or a quarter or half of this year (up to today). */
function daysOf(choice: Exclude<Choice, 'custom'>, year: number, today: string) {
  if (choice === 'year') return { from: `${year}-01-01`, to: today };
  if (choice === 'lastYear') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  const days = yearPartDays(year, choice);
  return { from: days.from, to: days.to < today ? days.to : today };
}

/**
 * 档案统计: the figures a union reports upward about its archive — households and people in the archive
 * by category and cause, and the period's new archives, exits, relapses and annual reviews — for the
 * chosen unit and each unit below it, with a paragraph for the work summary and the .xlsx.
 */
export default function ArchiveReportPage() {
  const { t } = useTranslation('archiveReport');
  const { message } = App.useApp();
  const me = useMe();
  const year = businessYear();
  const today = businessToday();
  const [orgId, setOrgId] = useState<string>(me.orgId);
  const [choice, setChoice] = useState<Choice>('year');
  const [range, setRange] = useState(daysOf('year', year, today));
  const query: ArchiveReportQuery = { orgId, ...range };
  const report = useArchiveReport(query);
  const [downloading, setDownloading] = useState(false);

  const choose = (next: Choice) => {
    setChoice(next);
    if (next !== 'custom') setRange(daysOf(next, year, today));
  };
  const download = async () => {
    setDownloading(true);
    try {
      await downloadFile(archiveReportXlsxUrl(query), `${t('title')}.xlsx`);
    } catch (error) {
      message.error(t('downloadFailed', { reason: errorMessage(error) }));
    } finally {
      setDownloading(false);
    }
  };

  return (
    // The filters sit under the title, not beside it: at 1024 px they squeezed the title to 「档…」.
    <PageContainer
      title={t('title')}
      content={
        <Space wrap data-testid="report-filters">
          <span>{t('org')}</span>
          <OrgTreeSelect
            value={orgId}
            onChange={(v) => setOrgId(v || me.orgId)}
            style={{ width: 240 }}
            data-testid="report-org"
          />
          <span>{t('period.label')}</span>
          <Select<Choice>
            value={choice}
            style={{ width: 210 }}
            onChange={choose}
            data-testid="report-period"
            options={CHOICES.map((c) => ({
              value: c,
              label:
                c === 'year' || c === 'lastYear'
                  ? t(`period.${c}`, { year: c === 'year' ? year : year - 1 })
                  : c === 'custom'
                    ? t('period.custom')
                    : t('period.part', { year, part: t(`period.${c}`) }),
            }))}
          />
          <DayRangePicker
            value={range}
            onChange={(next) => {
              setChoice('custom');
              setRange(next);
            }}
            testId="report-range"
          />
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={() => void download()}
            data-testid="report-download"
          >
            {t('download')}
          </Button>
        </Space>
      }
    >
      {report.isLoading ? (
        <PageLoading />
      ) : report.isError || !report.data ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Report r={report.data} />
      )}
    </PageContainer>
  );
}

function Report({ r }: { r: ArchiveReport }) {
  const { t } = useTranslation('archiveReport');
  const f = r.total;
  const p = f.period;
  const categories = categoriesOf(f);
  const stock: [string, number, string?][] = [
    [t('archived'), f.archived.households, 'report-archived'],
    [t('archivedPersons'), f.archived.persons],
    ...categories.map((c): [string, number] => [t(`category.${c}`), f.byCategory[c].households]),
    [t('inReview'), f.inReview.households],
    [t('exitProposed'), f.exitProposed.households],
  ];
  const flows: [string, HouseholdCount | number, string?][] = [
    [t('newlyArchived'), p.newlyArchived],
    [t('exited'), p.exited.total, t('exitedBreakdown', countsOf(p.exited))],
    [t('relapsed'), p.relapsed],
    [t('reArchived'), p.reArchived],
    [t('rejected'), p.rejected],
    [t('annualReviews'), p.annualReviews.total, t('annualReviewsBreakdown', p.annualReviews)],
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small" title={t('stock', { asOf: r.asOf })}>
          <Row gutter={[16, 16]}>
            {stock.map(([title, value, testId]) => (
              <Col key={title} xs={12} md={6} xl={3}>
                <Statistic title={title} value={value} data-testid={testId} />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col span={24}>
        {/* The period in the title, the long hint under it: beside the title it cut the period short. */}
        <Card
          size="small"
          title={<span data-testid="report-flows-title">{t('flows', { from: r.from, to: r.to })}</span>}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }}>
            {t('flowsHint')}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {flows.map(([title, value, hint]) => (
              <Col key={title} xs={12} md={8} xl={4}>
                <Statistic
                  title={title}
                  value={typeof value === 'number' ? value : value.households}
                  suffix={
                    typeof value === 'number' ? undefined : (
                      <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                        {t('persons', { count: value.persons })}
                      </Typography.Text>
                    )
                  }
                />
                {hint && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {hint}
                  </Typography.Text>
                )}
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col span={24}>
        <SummaryCard text={summaryText(t, r)} testId="report-summary" />
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('byCategory')}>
          {f.archived.households ? (
            <Chart
              testId="report-chart-categories"
              option={ringOption(
                categories
                  .filter((c) => f.byCategory[c].households > 0)
                  .map((c) => ({
                    name: t(`category.${c}`),
                    value: f.byCategory[c].households,
                  })),
                (v) => `${formatNumber(v)} ${t('households')}`,
                '{b}\n{c} · {d}%',
              )}
            />
          ) : (
            <Empty description={t('empty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('byCause')}>
          {f.archived.households ? (
            <Chart
              testId="report-chart-causes"
              // Bars across: the English cause names (「Accident / disaster」) read whole at any card width.
              height={unitBarHeight(CAUSES.length)}
              option={horizontalBarsOption({
                categories: CAUSES.map((c) => t(`cause.${c}`)),
                integers: true,
                labelWidth: 110,
                series: [
                  { name: t('households'), data: CAUSES.map((c) => f.byCause[c].households) },
                  { name: t('people'), data: CAUSES.map((c) => f.byCause[c].persons) },
                ],
              })}
            />
          ) : (
            <Empty description={t('empty')} />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('byCauseHint')}
          </Typography.Text>
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('byUnit')}>
          <UnitTable r={r} />
        </Card>
      </Col>
    </Row>
  );
}

const countsOf = (e: ArchiveFigures['period']['exited']) => ({
  income: e.income.households,
  review: e.review.households,
  request: e.request.households,
});

type UnitRow = ArchiveReport['units'][number];

/** Households, and people in a second line. */
function HouseholdsAndPeople({ n }: { n: HouseholdCount }) {
  const { t } = useTranslation('archiveReport');
  return (
    <>
      {formatNumber(n.households)}
      <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t('persons', { count: n.persons })}</div>
    </>
  );
}

function UnitTable({ r }: { r: ArchiveReport }) {
  const { t } = useTranslation('archiveReport');
  const categories = categoriesOf(r.total);
  const count = (title: string, of: (f: ArchiveFigures) => HouseholdCount) => ({
    title,
    key: title,
    align: 'right' as const,
    width: 84,
    render: (_: unknown, row: UnitRow) => <HouseholdsAndPeople n={of(row)} />,
  });
  const columns: ColumnsType<UnitRow> = [
    {
      title: t('unit'),
      key: 'unit',
      fixed: 'left',
      width: 200,
      render: (_, row) => (row.self ? t('self', { name: row.orgName }) : row.orgName),
    },
    count(t('archived'), (f) => f.archived),
    ...categories.map((c) => count(t(`category.${c}`), (f) => f.byCategory[c])),
    count(t('inReview'), (f) => f.inReview),
    count(t('exitProposed'), (f) => f.exitProposed),
    {
      title: t('periodColumns'),
      children: [
        count(t('newlyArchived'), (f) => f.period.newlyArchived),
        count(t('exited'), (f) => f.period.exited.total),
        count(t('relapsed'), (f) => f.period.relapsed),
        count(t('reArchived'), (f) => f.period.reArchived),
        count(t('rejected'), (f) => f.period.rejected),
        {
          title: t('annualReviews'),
          key: 'reviews',
          align: 'right' as const,
          width: 84,
          render: (_: unknown, row: UnitRow) => formatNumber(row.period.annualReviews.total),
        },
      ],
    },
  ];
  const totalCells = [
    r.total.archived,
    ...categories.map((c) => r.total.byCategory[c]),
    r.total.inReview,
    r.total.exitProposed,
    r.total.period.newlyArchived,
    r.total.period.exited.total,
    r.total.period.relapsed,
    r.total.period.reArchived,
    r.total.period.rejected,
  ];
  return (
    <Table<UnitRow>
      rowKey="orgId"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={r.units}
      columns={columns}
      data-testid="report-units"
      summary={() =>
        r.units.length > 1 ? (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>{t('total')}</Table.Summary.Cell>
              {totalCells.map((n, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed
                <Table.Summary.Cell key={i} index={i + 1} align="right">
                  <HouseholdsAndPeople n={n} />
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={totalCells.length + 1} align="right">
                {formatNumber(r.total.period.annualReviews.total)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        ) : undefined
      }
    />
  );
}

/** The paragraph for the work summary (工作总结), from the report's total; lines that are zero are left out. */
export function summaryText(t: TFunction<'archiveReport'>, r: ArchiveReport): string {
  const f = r.total;
  const p = f.period;
  // 「3 人」 / 「(1 person)」: the people, in the plural form the language wants.
  const withPeople = (n: HouseholdCount) => ({ ...n, people: t('persons', { count: n.persons }) });
  const stock = f.archived.households
    ? t('summary.stock', {
        asOf: r.asOf,
        org: r.org.name,
        ...withPeople(f.archived),
        count: f.archived.households,
        parts: categoriesOf(f)
          .filter((c) => f.byCategory[c].households > 0)
          // Mid-sentence in English: 「21 in deep hardship」 (Chinese has no case).
          .map((c) =>
            c === 'none'
              ? t('summary.noLongerEligible', withPeople(f.byCategory.none))
              : t('summary.categoryPart', {
                  category: t(`category.${c}`).toLowerCase(),
                  ...withPeople(f.byCategory[c]),
                }),
          )
          .join(t('summary.listSeparator')),
      })
    : t('summary.none', { asOf: r.asOf, org: r.org.name });
  const clauses: string[] = [];
  if (p.newlyArchived.households)
    clauses.push(t('summary.newly', { ...withPeople(p.newlyArchived), count: p.newlyArchived.households }));
  if (p.exited.total.households)
    clauses.push(
      t('summary.exited', { ...withPeople(p.exited.total), count: p.exited.total.households }) +
        t('summary.exitedParts', countsOf(p.exited)),
    );
  if (p.relapsed.households)
    clauses.push(t('summary.relapsed', { ...withPeople(p.relapsed), count: p.relapsed.households }));
  if (p.annualReviews.total)
    clauses.push(t('summary.reviews', { reviews: p.annualReviews.total, count: p.annualReviews.total }));
  const flows = clauses.length ? clauses.join(t('summary.clauseSeparator')) : t('summary.noFlows');
  return `${stock}${t('summary.flowsIntro', { from: r.from, to: r.to })}${flows}${t('summary.end')}`;
}
