import { ApartmentOutlined, CheckCircleOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Dashboard, ORG_LEVELS } from '../../../api/types';

export function orgTotal(data: Dashboard): number {
  return ORG_LEVELS.reduce((sum, level) => sum + (data.orgCounts[level] ?? 0), 0);
}

function StatCard({
  title,
  value,
  icon,
  color,
  testId,
}: {
  title: string;
  value: number;
  icon: ReactNode;
  color: string;
  testId: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Statistic
        title={title}
        value={value}
        valueStyle={{ color }}
        prefix={<span style={{ marginInlineEnd: 4 }}>{icon}</span>}
      />
    </Card>
  );
}

export function StatCards({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}>
        <StatCard
          testId="stat-orgs"
          title={t('dashboard.orgTotal')}
          value={orgTotal(data)}
          icon={<ApartmentOutlined />}
          color="#c62f2f"
        />
      </Col>
      <Col xs={12} lg={6}>
        <StatCard
          testId="stat-users"
          title={t('dashboard.userCount')}
          value={data.userCount}
          icon={<UserOutlined />}
          color="#1677ff"
        />
      </Col>
      <Col xs={12} lg={6}>
        <StatCard
          testId="stat-active-users"
          title={t('dashboard.activeUserCount')}
          value={data.activeUserCount}
          icon={<CheckCircleOutlined />}
          color="#389e0d"
        />
      </Col>
      <Col xs={12} lg={6}>
        <StatCard
          testId="stat-members"
          title={t('dashboard.memberTotal')}
          value={data.memberTotal}
          icon={<TeamOutlined />}
          color="#d48806"
        />
      </Col>
    </Row>
  );
}
