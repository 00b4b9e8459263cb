import { Badge, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { formatDateTime } from '../../lib/format';

export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {user.locked ? (
        <Tooltip
          title={
            user.lockedUntil ? t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) }) : undefined
          }
        >
          <Badge status="error" text={t('users.statusLocked')} />
        </Tooltip>
      ) : (
        <Badge
          status={user.active ? 'success' : 'default'}
          text={user.active ? t('common.active') : t('common.inactive')}
        />
      )}
      {user.locked && !user.active && <Tag>{t('common.inactive')}</Tag>}
      {user.mustChangePassword && (
        <Tag color="orange" bordered={false}>
          {t('users.mustChange')}
        </Tag>
      )}
    </Space>
  );
}
