import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The auto-written paragraph, ready to paste into a work summary. */
export function SummaryCard({ text, testId }: { text: string; testId?: string }) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('stats.copied'));
    } catch {
      message.error(t('stats.copyFailed'));
    }
  };
  return (
    <Card
      size="small"
      title={t('stats.summary')}
      extra={
        <Button
          size="small"
          icon={<CopyOutlined />}
          onClick={() => void copy()}
          data-testid={`${testId}-copy`}
        >
          {t('stats.copy')}
        </Button>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 0, lineHeight: 1.9 }} data-testid={testId}>
        {text}
      </Typography.Paragraph>
    </Card>
  );
}
