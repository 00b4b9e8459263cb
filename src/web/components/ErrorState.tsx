import { Button, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/errors';

/** A failed load, with the server's message, a retry button, and a way back when one is given. */
export function ErrorState({
  error,
  onRetry,
  back,
}: {
  error: unknown;
  onRetry?: () => void;
  back?: { to: string; label: string };
}) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={errorMessage(error)}
      extra={
        onRetry || back ? (
          <Space>
            {back && (
              <Link to={back.to}>
                <Button data-testid="error-back">{back.label}</Button>
              </Link>
            )}
            {onRetry && (
              <Button onClick={onRetry} data-testid="retry-button">
                {t('common.retry')}
              </Button>
            )}
          </Space>
        ) : undefined
      }
    />
  );
}
