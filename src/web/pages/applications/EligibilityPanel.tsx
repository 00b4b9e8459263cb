import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { Alert, Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { formatYuan } from '../households/money';
import { type Application, type Eligibility, useEligibilityNow } from './applications.api';

interface Props {
  result: Eligibility | null;
  checking: boolean;
  error: unknown;
  /** Checks to leave out (the amount before the officer typed one). */
  hide?: string[];
  title?: string;
}

/**
 * The eligibility checks, each saying why in the interface's language (the server words them in Chinese
 * and in English; applications assessed before it kept the English have the Chinese only), and the
 * limit this household may ask.
 */
export function EligibilityPanel({ result, checking, error, hide = [], title }: Props) {
  const { t, i18n } = useTranslation('aid');
  const english = i18n.language === 'en';
  const checks = (result?.checks ?? []).filter((c) => !hide.includes(c.key));
  const eligible = checks.every((c) => c.ok);
  return (
    <Card
      size="small"
      title={
        <Space>
          {title ?? t('applications.check.title')}
          {checking && <LoadingOutlined />}
        </Space>
      }
      data-testid="eligibility-panel"
    >
      {error ? (
        <Alert
          type="warning"
          showIcon
          message={t('applications.check.failed', { reason: errorMessage(error) })}
        />
      ) : !result ? (
        <Typography.Text type="secondary">{t('applications.check.idle')}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type={eligible ? 'success' : 'error'}
            showIcon
            data-testid="eligibility-verdict"
            data-eligible={eligible}
            message={eligible ? t('applications.check.eligible') : t('applications.check.notEligible')}
            description={
              <span data-testid="eligibility-limit">
                {result.limitFen !== null
                  ? t('applications.check.limit', { amount: formatYuan(result.limitFen) })
                  : t(eligible ? 'applications.check.noLimit' : 'applications.check.limitUnknown')}
              </span>
            }
          />
          <List
            size="small"
            dataSource={checks}
            renderItem={(c) => (
              <List.Item data-testid={`eligibility-check-${c.key}`} data-ok={c.ok}>
                <Space align="start">
                  {c.ok ? (
                    <CheckCircleFilled style={{ color: '#52c41a' }} />
                  ) : (
                    <CloseCircleFilled style={{ color: '#ff4d4f' }} />
                  )}
                  <Typography.Text>{english ? (c.messageEn ?? c.message) : c.message}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Card>
  );
}

/**
 * What was judged at submission, and for an application still under review the checks as its approval
 * judges them now (the caps after what the household was granted since, the archive as it is), with a
 * warning when the two differ.
 */
export function ReviewEligibility({ application: a }: { application: Application }) {
  const { t } = useTranslation('aid');
  const underReview = a.status === 'pending' || a.status === 'returned';
  const now = useEligibilityNow(a.id, underReview);
  const atSubmission = (
    <EligibilityPanel
      title={t('applications.eligibilityTitle')}
      result={a.eligibility}
      checking={false}
      error={null}
    />
  );
  if (!underReview) return atSubmission;
  const current = now.data;
  const limitChanged = current && current.limitFen !== a.eligibility.limitFen;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {/* Over the new limit alone is said by the limit warning: the reviewer may approve less. */}
      {current && a.eligibility.eligible && current.checks.some((c) => !c.ok && c.key !== 'amount') && (
        <Alert
          type="warning"
          showIcon
          message={t('review.becameIneligible')}
          data-testid="eligibility-changed"
        />
      )}
      {limitChanged && (
        <Alert
          type="warning"
          showIcon
          data-testid="eligibility-limit-changed"
          message={t('review.limitChanged', {
            submitted: formatYuan(a.eligibility.limitFen),
            now: formatYuan(current.limitFen),
          })}
        />
      )}
      <EligibilityPanel
        title={t('review.eligibilityNow')}
        result={current ?? null}
        checking={now.isFetching}
        error={now.error}
      />
      {(limitChanged || (current && current.eligible !== a.eligibility.eligible)) && atSubmission}
    </Space>
  );
}
