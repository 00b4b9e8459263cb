import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { ErrorState } from '../../components/ErrorState';
import { isRecordId } from '../../lib/searchParams';
import { householdListPath } from './listState';

/**
 * A household page that could not load its archive: "not found" for an id that names none (malformed,
 * or unknown / out of scope: 404), else the error with a retry; always a way back to the list.
 */
export function HouseholdLoadFailure({
  id,
  error,
  onRetry,
}: {
  id: string | undefined;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const back = { to: householdListPath(), label: t('households.action.back') };
  if (!isRecordId(id) || (error instanceof ApiError && error.status === 404))
    return (
      <Result
        status="404"
        title={t('households.notFound.title')}
        subTitle={t('households.notFound.hint')}
        data-testid="household-not-found"
        extra={
          <Link to={back.to}>
            <Button type="primary">{back.label}</Button>
          </Link>
        }
      />
    );
  return <ErrorState error={error} onRetry={onRetry} back={back} />;
}
