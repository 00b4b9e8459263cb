import { Alert, Card, Descriptions, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { explanation } from '../../../shared/category-explanation';
import { ApiError, errorMessage } from '../../api/errors';
import type { PolicyInForce } from '../../api/types';
import { computeCategory } from './category';
import { CategoryTag } from './HouseholdTags';
import { formatYuan, perCapitaText } from './money';
import { policyWording } from './policyWording';

interface Props {
  regionCode: string | undefined;
  policy: PolicyInForce | undefined;
  policyLoading: boolean;
  policyError: unknown;
  annualIncomeFen: number;
  rigidExpenditureFen: number;
  householdSize: number;
  accident: boolean;
  /** Nothing to compute yet: no income entered, or an amount that is wrong (its field says why). */
  waitingFor?: 'income' | 'validAmounts';
}

/** The category as the officer types, mirroring the server formula; the server decides after saving. */
export function LiveCategory(props: Props) {
  const { t, i18n } = useTranslation();
  const title = t('households.live.title');
  if (!props.regionCode)
    return (
      <Card size="small" title={title} data-testid="household-live-category">
        <Alert type="info" showIcon message={t('households.live.noEmployer')} />
      </Card>
    );
  if (props.policyLoading)
    return (
      <Card size="small" title={title} data-testid="household-live-category">
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  if (!props.policy) {
    const noPolicy = props.policyError instanceof ApiError && props.policyError.status === 404;
    return (
      <Card size="small" title={title} data-testid="household-live-category">
        <Alert
          type="warning"
          showIcon
          message={
            noPolicy || !props.policyError ? t('households.live.noPolicy') : errorMessage(props.policyError)
          }
        />
      </Card>
    );
  }
  if (props.waitingFor)
    return (
      <Card size="small" title={title} data-testid="household-live-category">
        <Alert
          type="info"
          showIcon
          data-testid="household-live-waiting"
          message={t(
            props.waitingFor === 'income' ? 'households.live.noIncome' : 'households.live.badAmount',
          )}
        />
      </Card>
    );
  const policy = props.policy;
  const live = computeCategory(
    {
      annualIncomeFen: props.annualIncomeFen,
      rigidExpenditureFen: props.rigidExpenditureFen,
      householdSize: props.householdSize,
      accident: props.accident,
    },
    policy,
  );
  return (
    <Card
      size="small"
      title={title}
      data-testid="household-live-category"
      extra={<CategoryTag category={live.category} testId="household-live-category-tag" />}
    >
      <Descriptions size="small" column={1} colon>
        <Descriptions.Item label={t('households.live.size')}>
          {t('households.live.persons', { count: props.householdSize })}
        </Descriptions.Item>
        <Descriptions.Item label={t('households.live.net')}>
          {t('households.live.yuan', { amount: formatYuan(live.netAnnualFen) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('households.live.perCapita')}>
          <Typography.Text strong data-testid="household-live-per-capita">
            {perCapitaText(live.perCapitaMonthlyFen)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('households.live.dibao')}>
          {t('households.live.yuan', { amount: formatYuan(live.dibaoFen) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('households.live.relativeLine')}>
          {t('households.live.yuan', { amount: formatYuan(live.relativeThresholdFen) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('households.live.result')}>
          <CategoryTag category={live.category} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {/* The sentence the server will store (in Chinese), or its English variant: shared/category-explanation. */}
        {explanation(
          {
            category: live.category,
            annualIncomeFen: props.annualIncomeFen,
            rigidExpenditureFen: props.rigidExpenditureFen,
            householdSize: props.householdSize,
            perCapitaMonthlyFen: live.perCapitaMonthlyFen,
            dibaoFen: live.dibaoFen,
            relativeThresholdFen: live.relativeThresholdFen,
            relativeMultiplierBp: policy.relativeMultiplierBp,
            suddenRatioBp: policy.suddenRatioBp,
            accidentOrDisaster: live.accident,
          },
          i18n.language === 'en' ? 'en' : 'zh',
        )}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('households.live.footer', {
          policy: t('households.entry.livePolicy', { policy: policyWording(t, policy) }),
          note: t('households.live.note'),
        })}
      </Typography.Text>
    </Card>
  );
}
