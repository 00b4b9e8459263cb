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

/**
 * 工会组织 and 会员总数 for everyone; 系统用户 and 启用用户 only for those who may read the accounts
 * (the reply has them null otherwise): a grass-roots officer's home page is not an administrator's.
 */
export function StatCards({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const cards = [
    {
      testId: 'stat-orgs',
      title: t('dashboard.orgTotal'),
      value: orgTotal(data),
      icon: <ApartmentOutlined />,
      color: '#c62f2f',
    },
    ...(data.userCount === null
      ? []
      : [
          {
            testId: 'stat-users',
            title: t('dashboard.userCount'),
            value: data.userCount,
            icon: <UserOutlined />,
            color: '#1677ff',
          },
        ]),
    ...(data.activeUserCount === null
      ? []
      : [
          {
            testId: 'stat-active-users',
            title: t('dashboard.activeUserCount'),
            value: data.activeUserCount,
            icon: <CheckCircleOutlined />,
            color: '#389e0d',
          },
        ]),
    {
      testId: 'stat-members',
      title: t('dashboard.memberTotal'),
      value: data.memberTotal,
      icon: <TeamOutlined />,
      color: '#d48806',
    },
  ];
  const span = 24 / cards.length;
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.testId} xs={12} lg={span}>
          <StatCard {...card} />
        </Col>
      ))}
    </Row>
  );
}
