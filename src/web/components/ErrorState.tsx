import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';

/** A failed load, with the server's message and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={errorMessage(error)}
      extra={
        onRetry ? (
          <Button onClick={onRetry} data-testid="retry-button">
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
