import { Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../api/types';
import { auditActionLabel, auditActorLabel, auditEntityLabel } from '../../../components/labels';
import { formatDateTime } from '../../../lib/format';

export function RecentAudit({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const entries = data.recentAudit ?? [];
  if (entries.length === 0) return <Empty description={t('dashboard.noRecentAudit')} />;
  return (
    <List
      size="small"
      data-testid="recent-audit"
      dataSource={entries}
      renderItem={(entry) => (
        <List.Item key={entry.id}>
          <List.Item.Meta
            title={
              <span>
                {auditActorLabel(entry)}
                <Typography.Text type="secondary"> · </Typography.Text>
                {auditActionLabel(entry.action)}
                <Typography.Text type="secondary">
                  {' '}
                  （{auditEntityLabel(entry.entity)}
                  {entry.orgName ? ` · ${entry.orgName}` : ''}）
                </Typography.Text>
              </span>
            }
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {formatDateTime(entry.at)}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
