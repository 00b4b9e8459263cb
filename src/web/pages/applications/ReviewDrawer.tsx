import { Card, Descriptions, Drawer, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { joinList } from '../../lib/format';
import { CategoryTag } from '../households/HouseholdTags';
import { useHousehold } from '../households/households.api';
import { formatYuan } from '../households/money';
import { ProgramTypeTag } from '../programs/AidTags';
import { AidLedgerCard } from './AidLedgerCard';
import type { Application } from './applications.api';
import { ReviewEligibility } from './EligibilityPanel';
import { ReviewActions } from './ReviewActions';

/** The application beside the household's archive and aid ledger, with this level's decision. */
export function ReviewDrawer({ application: a, onClose }: { application: Application; onClose: () => void }) {
  const { t } = useTranslation('aid');
  const household = useHousehold(a.householdId);
  const h = household.data;
  return (
    <Drawer
      open
      width={960}
      onClose={onClose}
      title={`${t('review.open')}：${a.householdName} · ${a.programName}`}
      extra={<ReviewActions application={a} onDone={onClose} />}
      data-testid="review-drawer"
    >
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Card size="small" title={t('review.application')}>
          <Descriptions column={2} size="small">
            <Descriptions.Item label={t('applications.field.program')}>
              <ProgramTypeTag type={a.programType} />
              {a.programName}
            </Descriptions.Item>
            <Descriptions.Item label={t('applications.field.org')}>{a.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('applications.field.requested')}>
              {t('yuan', { amount: formatYuan(a.requestedFen) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.lastProposed')}>
              {a.proposedFen === null ? '—' : t('yuan', { amount: formatYuan(a.proposedFen) })}
            </Descriptions.Item>
            {a.studentName && (
              <Descriptions.Item label={t('applications.field.student')} span={2}>
                {a.studentName} · {a.school ?? '—'}
                {a.schoolLevel ? `（${t(`school.${a.schoolLevel}`)}）` : ''}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('applications.field.reason')} span={2}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{a.reason}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('applications.field.documents')} span={2}>
              {joinList(a.documents.map((d) => d.name)) || '—'}
            </Descriptions.Item>
          </Descriptions>
          <Link to={`/applications/${a.id}`}>{t('applications.detailTitle')} →</Link>
        </Card>
        <Card size="small" title={t('review.archive')} loading={household.isLoading}>
          {h && (
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('review.household')}>
                <Link to={`/households/${h.id}`}>{h.name}</Link>（{h.idMasked}）
              </Descriptions.Item>
              <Descriptions.Item label={t('applications.field.org')}>{h.employerName}</Descriptions.Item>
              <Descriptions.Item label={t('programs.field.categories')}>
                <CategoryTag category={h.category} />
              </Descriptions.Item>
              <Descriptions.Item label={t('review.size')}>{h.householdSize ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('review.perCapita')}>
                {t('yuan', { amount: formatYuan(h.perCapitaMonthlyFen) })}
              </Descriptions.Item>
              <Descriptions.Item label={t('review.situation')} span={2}>
                {h.situation ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Card>
        <ReviewEligibility application={a} />
        <AidLedgerCard householdId={a.householdId} compact />
      </Space>
    </Drawer>
  );
}
