import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Col, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { useAuth, useMe } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { type DashboardSummary, useDashboard } from './dashboard.api';
import { DASHBOARD_WIDGETS } from './widgets/registry';
import { orgTotal } from './widgets/StatCards';
import { TodoCard } from './widgets/TodoCard';

function isEmpty(data: DashboardSummary): boolean {
  return (
    orgTotal(data) <= 1 && (data.userCount ?? 0) <= 1 && data.memberTotal === 0 && !data.recentAudit?.length
  );
}

export default function DashboardPage() {
  const { can } = useAuth();
  if (!can('dashboard.read')) return <Navigate to="/account" replace />;
  return <DashboardContent />;
}

function DashboardContent() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { data, isPending, error, refetch } = useDashboard();

  const widgets = DASHBOARD_WIDGETS.filter(
    (w) => (!w.permission || can(w.permission)) && (!data || !w.visible || w.visible(data)),
  );

  return (
    <PageContainer
      title={t('dashboard.greeting', { name: me.displayName })}
      subTitle={t('dashboard.scope', { org: me.orgName })}
      breadcrumbRender={false}
    >
      {/* What waits for the user comes first, and loads on its own: the figures below may take longer. */}
      <TodoCard />
      {isPending ? (
        <PageLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Row gutter={[16, 16]} data-testid="dashboard">
          {isEmpty(data) && (
            <Col span={24}>
              <Card>
                <Empty data-testid="dashboard-empty" description={t('dashboard.emptyDescription')}>
                  {can('org.read') && (
                    <Link to="/orgs">
                      <Button type="primary">{t('menu.orgs')}</Button>
                    </Link>
                  )}
                </Empty>
              </Card>
            </Col>
          )}
          {widgets.map((widget) => (
            <Col
              key={widget.key}
              xs={24}
              lg={typeof widget.span === 'function' ? widget.span(data) : widget.span}
              data-testid={`widget-${widget.key}`}
            >
              {widget.title ? (
                <Card title={widget.title()} extra={widget.extra?.()} style={{ height: '100%' }}>
                  {widget.render(data)}
                </Card>
              ) : (
                widget.render(data)
              )}
            </Col>
          ))}
        </Row>
      )}
    </PageContainer>
  );
}
