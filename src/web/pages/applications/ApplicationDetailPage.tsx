import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Steps, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { downloadFile } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAuth, useMe } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { personName } from '../../lib/actorName';
import { formatDateTime } from '../../lib/format';
import { formatYuan } from '../households/money';
import { ApplicationStatusTag, ProgramTypeTag } from '../programs/AidTags';
import { AidLedgerCard } from './AidLedgerCard';
import { type ApplicationDetail, applicationKeys, decide, useApplication } from './applications.api';
import { ReviewEligibility } from './EligibilityPanel';
import { ResubmitModal } from './ResubmitModal';
import { ReasonDialog, ReviewActions } from './ReviewActions';

const ACTION_COLORS = {
  submitted: 'blue',
  resubmitted: 'blue',
  approved: 'green',
  returned: 'orange',
  rejected: 'red',
  withdrawn: 'gray',
} as const;

export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('aid');
  const { can } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [withdrawing, setWithdrawing] = useState(false);
  const [resubmitting, setResubmitting] = useState(false);
  const query = useApplication(id);
  if (query.isLoading) return <PageLoading />;
  if (query.isError || !query.data)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const a = query.data;
  const canDecide = can('application.review') && a.status === 'pending' && a.currentOrgId === me.orgId;
  const canWithdraw = can('application.write') && (a.status === 'pending' || a.status === 'returned');

  return (
    <PageContainer
      title={`${a.householdName} · ${a.programName}`}
      subTitle={<ApplicationStatusTag status={a.status} testId="application-status" />}
      breadcrumbRender={false}
      onBack={() => navigate(-1)}
      extra={[
        canDecide && <ReviewActions key="review" application={a} />,
        can('application.write') && a.status === 'returned' && (
          <Button
            key="resubmit"
            type="primary"
            onClick={() => setResubmitting(true)}
            data-testid="application-resubmit"
          >
            {t('applications.resubmit')}
          </Button>
        ),
        canWithdraw && (
          <Button key="withdraw" onClick={() => setWithdrawing(true)} data-testid="application-withdraw">
            {t('applications.withdraw')}
          </Button>
        ),
      ]}
    >
      {a.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('applications.returnedHint', {
            reason: a.decisions.filter((d) => d.action === 'returned').at(-1)?.comment ?? '',
          })}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Summary a={a} />
            <Card title={t('applications.chain')} size="small">
              <Steps
                size="small"
                current={a.status === 'approved' ? a.chain.length : a.step}
                status={a.status === 'rejected' ? 'error' : a.status === 'pending' ? 'process' : undefined}
                items={a.chain.map((s) => ({ title: t(`level.${s.level}`), description: s.orgName }))}
              />
            </Card>
            <History a={a} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <ReviewEligibility application={a} />
            <AidLedgerCard householdId={a.householdId} compact />
          </Space>
        </Col>
      </Row>
      {resubmitting && (
        <ResubmitModal
          application={a}
          onClose={() => setResubmitting(false)}
          onDone={() => {
            setResubmitting(false);
            void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
          }}
        />
      )}
      {withdrawing && (
        <ReasonDialog
          title={t('applications.withdrawTitle')}
          label={t('applications.withdrawReason')}
          testId="application-withdraw"
          onClose={() => setWithdrawing(false)}
          onSubmit={async (reason) => {
            await decide(a.id, 'withdraw', reason);
            setWithdrawing(false);
            void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
          }}
        />
      )}
    </PageContainer>
  );
}

function Summary({ a }: { a: ApplicationDetail }) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const decidedFen = a.approvedFen ?? a.proposedFen;
  return (
    <Card size="small" title={t('applications.detailTitle')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('applications.field.household')}>
          <Link to={`/households/${a.householdId}`}>{a.householdName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.field.org')}>{a.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('applications.field.program')}>
          <ProgramTypeTag type={a.programType} />
          <Link to={`/programs/${a.programId}`}>{a.programName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.field.year')}>{a.programYear}</Descriptions.Item>
        <Descriptions.Item label={t('applications.field.requested')}>
          {t('yuan', { amount: formatYuan(a.requestedFen) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.field.proposed')}>
          <span data-testid="application-amount">
            {decidedFen === null ? '—' : t('yuan', { amount: formatYuan(decidedFen) })}
          </span>
        </Descriptions.Item>
        {a.studentName && (
          <>
            <Descriptions.Item label={t('applications.field.student')}>{a.studentName}</Descriptions.Item>
            <Descriptions.Item label={t('applications.field.school')}>
              {a.school ?? '—'}
              {a.schoolLevel ? `（${t(`school.${a.schoolLevel}`)}）` : ''}
            </Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t('applications.field.submittedAt')}>
          {formatDateTime(a.submittedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.field.decidedAt')}>
          {formatDateTime(a.decidedAt)}
        </Descriptions.Item>
        {a.fundings.length > 0 && (
          <Descriptions.Item label={t('applications.field.fundings')} span={2}>
            {a.fundings
              .map((f) => `${f.sourceName} ${t('yuan', { amount: formatYuan(f.amountFen) })}`)
              .join('；')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('applications.field.reason')} span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {a.reason}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.field.documents')} span={2}>
          <Space wrap>
            {a.documents.length === 0 && '—'}
            {a.documents.map((d) => (
              <Button
                key={d.fileId}
                size="small"
                type="link"
                onClick={() =>
                  void downloadFile(`/files/${d.fileId}/content`, d.name).catch((error: unknown) =>
                    message.error(errorMessage(error)),
                  )
                }
              >
                {d.name}
              </Button>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function History({ a }: { a: ApplicationDetail }) {
  const { t, i18n } = useTranslation('aid');
  return (
    <Card size="small" title={t('applications.history')} data-testid="application-history">
      <Timeline
        items={a.decisions.map((d) => ({
          color: ACTION_COLORS[d.action],
          children: (
            <div>
              <Space wrap size={4}>
                <Typography.Text strong>{t(`action.${d.action}`)}</Typography.Text>
                {d.level && <Typography.Text type="secondary">（{t(`level.${d.level}`)}）</Typography.Text>}
                {d.amountFen !== null && (
                  <Typography.Text>{t('yuan', { amount: formatYuan(d.amountFen) })}</Typography.Text>
                )}
                {a.round > 1 && (
                  <Typography.Text type="secondary">
                    {t('applications.round', { round: d.round })}
                  </Typography.Text>
                )}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {personName(d.actorName, i18n.language === 'en')} · {formatDateTime(d.at)}
                </Typography.Text>
              </div>
              {d.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{d.comment}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
