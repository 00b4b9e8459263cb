import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import type { AuditVerifyResult } from '../../api/types';

export function AuditVerifyButton({ loading, onClick }: { loading: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={loading}
      onClick={onClick}
      data-testid="audit-verify-button"
    >
      {loading ? t('audit.verifying') : t('audit.verify')}
    </Button>
  );
}

export function AuditVerifyResultAlert({
  result,
  error,
  onClose,
}: {
  result: AuditVerifyResult | null;
  error: unknown;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert
        data-testid="audit-verify-result"
        type="error"
        showIcon
        closable
        onClose={onClose}
        message={errorMessage(error)}
        style={{ marginBottom: 16 }}
      />
    );
  }
  if (!result) return null;
  return (
    <Alert
      data-testid="audit-verify-result"
      data-ok={String(result.ok)}
      type={result.ok ? 'success' : 'error'}
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 16 }}
      message={
        result.ok
          ? t('audit.verifyOk', { count: result.checked })
          : result.firstBadId !== null
            ? t('audit.verifyBad', { id: result.firstBadId })
            : t('audit.verifyBadNoId')
      }
      description={
        result.ok
          ? undefined
          : [
              result.reason ? t('audit.verifyReason', { reason: result.reason }) : null,
              t('audit.verifyChecked', { count: result.checked }),
            ]
              .filter(Boolean)
              .join('；')
      }
    />
  );
}
