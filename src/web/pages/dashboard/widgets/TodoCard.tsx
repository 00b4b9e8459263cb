import { CheckSquareOutlined, ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TodoKey } from '../../../api/types';
import { ErrorState } from '../../../components/ErrorState';
import { SecondLine } from '../../../components/SecondLine';
import { formatNumber } from '../../../lib/format';
import { type TodoItem, useTodos } from '../dashboard.api';

/**
 * Where each queue is worked, with the page's own filter set from the address, so that the list
 * opens on what the count counted (the hint under the label names that filter).
 */
function todoLink(key: TodoKey): string {
  switch (key) {
    case 'households.awaitingReview':
      return '/households?tab=awaiting';
    case 'households.exitAwaitingConfirmation':
      // 待确认脱困 kept to the proposals the caller's unit decides (the tab alone lists the subtree's).
      return '/households?tab=exitProposed&mine=1';
    case 'households.returned':
      return '/households?status=returned';
    case 'households.drafts':
      return '/households?status=draft';
    case 'households.annualReviewOverdue':
      return '/households/annual-review?overdue=1';
    case 'households.annualReviewDueSoon':
      // The work list's own default: due within a month (the overdue ones listed first).
      return '/households/annual-review';
    case 'applications.awaitingReview':
      return '/applications/review';
    case 'applications.returned':
      return '/applications?status=returned';
    case 'households.sampleFindingsPending':
      return '/households/annual-review?tab=sample';
    case 'publicity.objectionsPending':
      // Notices of several programs: 公示管理, kept to those with objections to verify.
      return '/publicity?objections=pending';
    case 'disbursements.awaitingIssue':
      return '/disbursements?status=draft';
    case 'disbursements.awaitingConfirmation':
      return '/disbursements?status=issued';
  }
}

/** Late work stands out; the rest is the ordinary red of a to-do badge. */
const BADGE_COLORS: Partial<Record<TodoKey, string>> = {
  'households.annualReviewOverdue': '#a8071a',
  'households.annualReviewDueSoon': '#fa8c16',
};

function TodoTile({ item }: { item: TodoItem }) {
  const { t } = useTranslation();
  const label = t(`dashboard.todo.${item.key}.label`);
  const hint = t(`dashboard.todo.${item.key}.hint`);
  const count = item.capped ? t('dashboard.todo.capped', { n: formatNumber(item.count) }) : item.count;
  return (
    <Link to={todoLink(item.key)} data-testid={`todo-${item.key}`} data-count={item.count} aria-label={label}>
      <Card size="small" hoverable style={{ height: '100%' }}>
        <Flex justify="space-between" align="center" gap={12}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{label}</Typography.Text>
            <SecondLine text={hint} />
            {item.othersDecide ? (
              <Typography.Text
                type="warning"
                style={{ fontSize: 12 }}
                data-testid={`todo-others-${item.key}`}
              >
                {t('dashboard.todo.othersDecide', { n: item.othersDecide, count: item.othersDecide })}
              </Typography.Text>
            ) : null}
          </div>
          <Badge
            count={count}
            overflowCount={Number.MAX_SAFE_INTEGER}
            color={BADGE_COLORS[item.key]}
            data-testid={`todo-count-${item.key}`}
          />
        </Flex>
      </Card>
    </Link>
  );
}

/**
 * 待办事项: the work lists of the caller's role with something waiting, each a link to where it is
 * done. A role without such lists (e.g. 监督) gets no card at all.
 */
export function TodoCard() {
  const { t } = useTranslation();
  const todos = useTodos();
  if (todos.isSuccess && todos.data.items.length === 0) return null;
  const waiting = todos.data?.items.filter((item) => item.count > 0) ?? [];

  return (
    <Card
      data-testid="todo-card"
      style={{ marginBottom: 16 }}
      title={
        <Space>
          <CheckSquareOutlined style={{ color: '#c62f2f' }} />
          {t('dashboard.todo.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {t('dashboard.todo.subtitle')}
          </Typography.Text>
        </Space>
      }
      extra={
        <Button
          type="link"
          icon={<ReloadOutlined />}
          loading={todos.isFetching}
          onClick={() => void todos.refetch()}
          data-testid="todo-refresh"
        >
          {t('dashboard.todo.refresh')}
        </Button>
      }
    >
      {todos.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      ) : todos.isError ? (
        <ErrorState error={todos.error} onRetry={() => void todos.refetch()} />
      ) : waiting.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('dashboard.todo.empty')}
          data-testid="todo-empty"
        />
      ) : (
        <Row gutter={[12, 12]} data-testid="todo-list">
          {waiting.map((item) => (
            <Col key={item.key} xs={24} sm={12} xl={8}>
              <TodoTile item={item} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
