import { EditOutlined, FormOutlined, RollbackOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { businessToday, joinList } from '../../lib/format';
import { paramChoice } from '../../lib/searchParams';
import { ApplicationsTable } from '../applications/ApplicationsTable';
import { fundKeys } from '../funds/funds.api';
import { formatYuan } from '../households/money';
import { ProgramPublicityPanel } from '../publicity/ProgramPublicityPanel';
import { FundKindTag, ProgramTypeTag, WindowTag } from './AidTags';
import { ProgramStatsTab } from './ProgramStatsTab';
import {
  type ProgramBalance,
  type ProgramDetail,
  programKeys,
  useProgram,
  useProgramStatistics,
  windowState,
} from './programs.api';
import { ReturnAllocationModal } from './ReturnAllocationModal';

const PROGRAM_TABS = ['overview', 'applications', 'publicity', 'statistics'] as const;

export default function ProgramDetailPage() {
  const [searchParams] = useSearchParams();
  const { id = '' } = useParams();
  const { t } = useTranslation('aid');
  const { can } = useAuth();
  const navigate = useNavigate();
  const program = useProgram(id);
  if (program.isLoading) return <PageLoading />;
  if (program.isError || !program.data)
    return <ErrorState error={program.error} onRetry={() => void program.refetch()} />;
  const p = program.data;
  return (
    <PageContainer
      title={p.name}
      subTitle={
        <Space>
          <ProgramTypeTag type={p.type} />
          <WindowTag state={windowState(p, businessToday())} />
        </Space>
      }
      onBack={() => navigate('/programs')}
      breadcrumbRender={false}
      extra={[
        can('application.write') && (
          <Button
            key="apply"
            icon={<FormOutlined />}
            onClick={() => navigate(`/applications/new?programId=${p.id}`)}
          >
            {t('programs.apply')}
          </Button>
        ),
        can('program.write') && (
          <Button
            key="edit"
            icon={<EditOutlined />}
            onClick={() => navigate(`/programs/${p.id}/edit`)}
            data-testid="program-edit"
          >
            {t('common.edit')}
          </Button>
        ),
      ]}
    >
      <Tabs
        destroyOnHidden
        // `?tab=publicity`: 公示管理's empty state links straight to where a notice is published.
        defaultActiveKey={paramChoice(searchParams, 'tab', PROGRAM_TABS)}
        items={[
          { key: 'overview', label: t('programs.tab.overview'), children: <Overview p={p} /> },
          {
            key: 'applications',
            label: `${t('programs.tab.applications')} (${p.applicationCount})`,
            children: <ApplicationsTable programId={p.id} />,
          },
          {
            key: 'publicity',
            label: t('programs.tab.publicity'),
            children: <ProgramPublicityPanel programId={p.id} />,
          },
          {
            key: 'statistics',
            label: t('programs.tab.statistics'),
            children: <ProgramStatsTab programId={p.id} year={p.year} />,
          },
        ]}
      />
    </PageContainer>
  );
}

function Overview({ p }: { p: ProgramDetail }) {
  const { t } = useTranslation('aid');
  const caps = Object.entries(p.tuitionCaps ?? {})
    .map(([level, fen]) => `${t(`school.${level}` as 'school.university')} ${formatYuan(fen ?? 0)}`)
    .join('；');
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small">
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic
                title={t('programs.field.allocated')}
                value={formatYuan(p.allocatedFen)}
                suffix={t('yuanUnit')}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('programs.field.approved')}
                value={formatYuan(p.approvedFen)}
                suffix={t('yuanUnit')}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('programs.field.remaining')}
                value={formatYuan(p.remainingFen)}
                suffix={t('yuanUnit')}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('programs.field.applications')} value={p.applicationCount} />
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('programs.budgetTitle')}>
          <BudgetTable p={p} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('programs.rulesTitle')}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('programs.field.org')}>{p.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('programs.field.window')}>
              {p.windowStart} ~ {p.windowEnd}
            </Descriptions.Item>
            <Descriptions.Item label={t('programs.field.categories')}>
              {joinList(p.categories.map((c) => t(`category.${c}`)))}
            </Descriptions.Item>
            <Descriptions.Item label={t('programs.field.capPerHousehold')}>
              {p.capPerHouseholdFen ? formatYuan(p.capPerHouseholdFen) : t('programs.noCap')}
            </Descriptions.Item>
            <Descriptions.Item label={t('programs.field.capPerYear')}>
              {p.capPerYearFen ? formatYuan(p.capPerYearFen) : t('programs.noCap')}
            </Descriptions.Item>
            <Descriptions.Item label={t('programs.field.dibaoMonths')}>
              {p.dibaoMonths ?? t('programs.noCap')}
            </Descriptions.Item>
            {p.type === 'tuition' && (
              <Descriptions.Item label={t('programs.field.tuitionCaps')}>{caps}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('programs.field.documents')}>
              {p.requiredDocuments.length ? joinList(p.requiredDocuments) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('programs.field.reviewChain')}>
              {p.reviewChain.map((l) => t(`level.${l}`)).join(' → ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('programs.field.publicityDays')}>{p.publicityDays}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}

/**
 * Allocated / approved / paid per source; paid comes from the statistics (absent until payments exist).
 * Finance may give a source's unused money back to it (结余退回).
 */
function BudgetTable({ p }: { p: ProgramDetail }) {
  const { t } = useTranslation('aid');
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState<ProgramBalance | null>(null);
  const stats = useProgramStatistics(p.id);
  const paid = new Map((stats.data?.bySource ?? []).map((b) => [b.sourceId, b.paidFen]));
  if (!p.sources.length) return <Empty description={t('programs.noBudget')} />;
  const pct = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 10 : 0);
  return (
    <>
      <Table<ProgramBalance>
        rowKey="sourceId"
        size="small"
        pagination={false}
        dataSource={p.sources}
        columns={[
          {
            title: t('programs.field.source'),
            dataIndex: 'sourceName',
            render: (_, b) => (
              <Space direction="vertical" size={0}>
                <Typography.Text>{b.sourceName}</Typography.Text>
                <FundKindTag kind={b.sourceKind} />
              </Space>
            ),
          },
          {
            title: t('programs.field.allocated'),
            align: 'right',
            render: (_, b) => formatYuan(b.allocatedFen),
          },
          {
            title: `${t('programs.field.approved')} / ${t('stats.paidAmount')}`,
            width: 260,
            render: (_, b) => (
              <Space
                direction="vertical"
                size={0}
                style={{ width: '100%' }}
                data-testid={`budget-${b.sourceId}`}
              >
                <Progress
                  percent={pct(b.approvedFen, b.allocatedFen)}
                  size="small"
                  format={() => formatYuan(b.approvedFen)}
                />
                <Progress
                  percent={pct(paid.get(b.sourceId) ?? 0, b.allocatedFen)}
                  size="small"
                  strokeColor="#52c41a"
                  format={() => formatYuan(paid.get(b.sourceId) ?? 0)}
                />
              </Space>
            ),
          },
          {
            title: t('programs.field.remaining'),
            align: 'right',
            render: (_, b) => formatYuan(b.remainingFen),
          },
          ...(can('fund.write')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, b: ProgramBalance) => (
                    <Tooltip title={b.remainingFen > 0 ? undefined : t('programs.giveBack.nothing')}>
                      <Button
                        size="small"
                        type="link"
                        icon={<RollbackOutlined />}
                        disabled={b.remainingFen <= 0}
                        onClick={() => setReturning(b)}
                        data-testid={`return-${b.sourceId}`}
                      >
                        {t('programs.giveBack.action')}
                      </Button>
                    </Tooltip>
                  ),
                },
              ]
            : []),
        ]}
      />
      {returning && (
        <ReturnAllocationModal
          programId={p.id}
          balance={returning}
          onClose={() => setReturning(null)}
          onDone={() => {
            setReturning(null);
            void queryClient.invalidateQueries({ queryKey: programKeys.all });
            void queryClient.invalidateQueries({ queryKey: fundKeys.all });
          }}
        />
      )}
    </>
  );
}
