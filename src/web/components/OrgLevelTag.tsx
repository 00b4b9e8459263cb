import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgLevel } from '../api/types';

export const LEVEL_COLORS: Record<OrgLevel, string> = {
  city: 'red',
  district: 'volcano',
  township: 'geekblue',
  grassroots: 'green',
};

export function OrgLevelTag({ level }: { level: OrgLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLORS[level]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`level.${level}`)}
    </Tag>
  );
}
