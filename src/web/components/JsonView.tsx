import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Pretty-printed JSON for audit snapshots; `null` shows as “无”. */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) {
    return <Typography.Text type="secondary">{t('audit.noData')}</Typography.Text>;
  }
  return (
    <pre
      data-testid={testId}
      style={{
        margin: 0,
        padding: 12,
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        fontSize: 12,
        maxHeight: 360,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
