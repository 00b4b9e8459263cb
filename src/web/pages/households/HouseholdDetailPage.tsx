import { EditOutlined, EyeOutlined, InfoCircleOutlined, PaperClipOutlined } from '@ant-design/icons';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Modal,
  Row,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { explanationEn } from '../../../shared/category-explanation';
import { downloadFile } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import type {
  HouseholdDetailForCaller,
  HouseholdEvent,
  HouseholdMember,
  HouseholdStatus,
  PendingDecision,
  RevealField,
} from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime, joinList } from '../../lib/format';
import { buttonTestId } from '../../lib/testId';
import { AidLedgerCard } from '../applications/AidLedgerCard';
import { DuplicatesCard } from './DuplicatesCard';
import { HouseholdLoadFailure } from './HouseholdLoadFailure';
import { CategoryTag, StatusTag } from './HouseholdTags';
import { householdKeys, reveal, type Transition, transition, useHousehold } from './households.api';
import { IncomeRecords } from './IncomeRecords';
import { householdListPath } from './listState';
import { formatYuan, perCapitaText, yuanText } from './money';
import { policyWording } from './policyWording';
import { ReasonModal } from './ReasonModal';
import { timelineTexts } from './timelineText';

type ActionKind = Exclude<Transition, 'submit'>;

interface ActionSpec {
  title: string;
  required: boolean;
  field: 'reason' | 'comment';
  label: string;
  placeholder?: string;
  testId: string;
  danger?: boolean;
  notice?: string;
}

const isStatus = (value: string | null): value is HouseholdStatus => Boolean(value);

export default function HouseholdDetailPage() {
  const { id } = useParams<{ id: string }>();
  const detail = useHousehold(id);
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data)
    return <HouseholdLoadFailure id={id} error={detail.error} onRetry={() => void detail.refetch()} />;
  return <HouseholdView household={detail.data} />;
}

function HouseholdView({ household: h }: { household: HouseholdDetailForCaller }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<ActionKind | null>(null);
  const [revealed, setRevealed] = useState<{ label: string; value: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const canWrite = can('household.write');
  const canReveal = can('household.reveal');
  const editable = h.status === 'draft' || h.status === 'returned';
  // The server says who decides the pending step and whether this user may (the rules of the review and
  // exit use cases): the decision buttons only for them, a note on who decides for everyone else.
  const pending = h.pendingDecision;
  const mayDecide = pending !== null && pending.blocked === null;

  const refresh = () => void queryClient.invalidateQueries({ queryKey: householdKeys.all });

  const run = async (action: Transition, body?: Record<string, unknown>) => {
    const next = await transition(h.id, action, body);
    refresh();
    const doneKey =
      action === 'approve' && next.status === 'archived'
        ? 'archived'
        : (
            {
              submit: 'submit',
              withdraw: 'withdraw',
              approve: 'approve',
              return: 'return',
              reject: 'reject',
              'propose-exit': 'proposeExit',
              'confirm-exit': 'confirmExit',
              'decline-exit': 'declineExit',
              relapse: 'relapse',
            } as const
          )[action];
    message.success(t(`households.done.${doneKey}`));
  };

  // The server refuses a submission without a cause of hardship: say so before asking to confirm, with
  // the way to the form's step where causes are chosen.
  const submit = () => {
    if (h.causes.length === 0) {
      modal.confirm({
        title: t('households.entry.submitBlockedTitle'),
        content: t('households.entry.submitNoCauses'),
        okText: t('households.entry.goToCauses'),
        cancelText: t('common.cancel'),
        okButtonProps: buttonTestId('household-submit-to-causes'),
        onOk: () => navigate(`/households/${h.id}/edit?step=4`),
      });
      return;
    }
    confirmSubmit();
  };
  // A draft may be saved before its incomes are entered; with none on file it is judged as having no
  // income at all. Said in the question, which still lets a household with no income be submitted.
  const confirmSubmit = () =>
    modal.confirm({
      title: t('households.action.submit'),
      content:
        h.incomes.length === 0 ? (
          <>
            <p>{t('households.confirm.submit')}</p>
            <Typography.Text type="warning" data-testid="household-submit-no-income">
              {t('households.entry.submitNoIncome')}
            </Typography.Text>
          </>
        ) : (
          t('households.confirm.submit')
        ),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: buttonTestId('household-submit-confirm'),
      onOk: async () => {
        setBusy(true);
        try {
          await run('submit');
        } catch (error) {
          message.error(errorMessage(error));
        } finally {
          setBusy(false);
        }
      },
    });

  // Withdrawing voids the archive: a draft never submitted, or one returned for more information.
  const withdrawLabel = t(
    h.status === 'returned' ? 'households.action.withdrawReturned' : 'households.action.withdraw',
  );
  const specs: Record<ActionKind, ActionSpec> = {
    withdraw: {
      title: t(
        h.status === 'returned'
          ? 'households.reason.withdrawReturnedTitle'
          : 'households.reason.withdrawTitle',
      ),
      required: false,
      field: 'reason',
      label: t('households.reason.withdrawReason'),
      placeholder: t('households.entry.reasonPlaceholder.withdraw'),
      testId: 'household-withdraw',
      danger: true,
      notice: t('households.confirm.withdraw'),
    },
    approve: {
      title: t('households.reason.approveTitle'),
      required: false,
      field: 'comment',
      label: t('households.entry.reasonLabel.approve'),
      placeholder: t('households.entry.reasonPlaceholder.approve'),
      testId: 'household-approve',
      notice: t('households.confirm.approve'),
    },
    return: {
      title: t('households.reason.returnTitle'),
      required: true,
      field: 'reason',
      label: t('households.entry.reasonLabel.return'),
      placeholder: t('households.entry.reasonPlaceholder.return'),
      testId: 'household-return',
    },
    reject: {
      title: t('households.reason.rejectTitle'),
      required: true,
      field: 'reason',
      label: t('households.entry.reasonLabel.reject'),
      placeholder: t('households.entry.reasonPlaceholder.reject'),
      testId: 'household-reject',
      danger: true,
    },
    'propose-exit': {
      title: t('households.reason.proposeExitTitle'),
      required: true,
      field: 'reason',
      label: t('households.entry.reasonLabel.proposeExit'),
      placeholder: t('households.entry.reasonPlaceholder.proposeExit'),
      testId: 'household-propose-exit',
    },
    'confirm-exit': {
      title: t('households.reason.confirmExitTitle'),
      required: false,
      field: 'comment',
      label: t('households.entry.reasonLabel.confirmExit'),
      testId: 'household-confirm-exit',
      notice: t('households.confirm.confirmExit'),
    },
    'decline-exit': {
      title: t('households.reason.declineExitTitle'),
      required: true,
      field: 'reason',
      label: t('households.entry.reasonLabel.declineExit'),
      placeholder: t('households.entry.reasonPlaceholder.declineExit'),
      testId: 'household-decline-exit',
      danger: true,
    },
    relapse: {
      title: t('households.reason.relapseTitle'),
      required: true,
      field: 'reason',
      label: t('households.entry.reasonLabel.relapse'),
      placeholder: t('households.entry.reasonPlaceholder.relapse'),
      testId: 'household-relapse',
    },
  };

  const showReveal = async (field: RevealField, label: string, memberId?: string) => {
    try {
      const reply = await reveal(h.id, field, memberId);
      setRevealed({ label, value: reply.value });
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  // After a space: where the line is too short, the link goes under the number instead of past the edge.
  const revealLink = (field: RevealField, label: string, testId: string, memberId?: string) =>
    canReveal ? (
      <>
        {' '}
        <Typography.Link
          style={{ marginLeft: 4, fontSize: 12, whiteSpace: 'nowrap' }}
          data-testid={testId}
          onClick={() => void showReveal(field, label, memberId)}
        >
          <EyeOutlined /> {t('households.reveal.link')}
        </Typography.Link>
      </>
    ) : null;

  const actionButton = (
    kind: ActionKind,
    label: string,
    props: { danger?: boolean; primary?: boolean } = {},
  ) => (
    <Button
      key={kind}
      danger={props.danger}
      type={props.primary ? 'primary' : 'default'}
      data-testid={specs[kind].testId}
      onClick={() => setDialog(kind)}
    >
      {label}
    </Button>
  );

  const actions: ReactNode[] = [];
  if (canWrite && editable) {
    actions.push(
      <Button
        key="edit"
        icon={<EditOutlined />}
        data-testid="household-edit"
        onClick={() => navigate(`/households/${h.id}/edit`)}
      >
        {t('households.action.edit')}
      </Button>,
      <Button key="submit" type="primary" loading={busy} data-testid="household-submit" onClick={submit}>
        {t('households.action.submit')}
      </Button>,
      actionButton('withdraw', withdrawLabel, { danger: true }),
    );
  }
  if (mayDecide && pending.step !== 'exit') {
    actions.push(
      actionButton('approve', t('households.action.approve'), { primary: true }),
      actionButton('return', t('households.action.return')),
      actionButton('reject', t('households.action.reject'), { danger: true }),
    );
  }
  if (h.status === 'archived' && canWrite && !h.exitProposedOn)
    actions.push(actionButton('propose-exit', t('households.action.proposeExit')));
  if (mayDecide && pending.step === 'exit') {
    actions.push(
      actionButton('confirm-exit', t('households.action.confirmExit'), { primary: true }),
      actionButton('decline-exit', t('households.action.declineExit'), { danger: true }),
    );
  }
  if (pending && !mayDecide)
    actions.push(
      <Typography.Text key="decider" type="secondary" data-testid="household-decider-note">
        <InfoCircleOutlined /> {deciderNote(t, pending)}
      </Typography.Text>,
    );
  if (h.status === 'exited' && canWrite)
    actions.push(actionButton('relapse', t('households.action.relapse')));

  const d = h.decision;
  const lastDecision = [...h.timeline]
    .reverse()
    .find((e) => e.action === 'returned' || e.action === 'rejected' || e.action === 'withdrawn');
  const levelLabel = (level: string | null) =>
    level === 'grassroots' || level === 'township' ? t(`households.level.${level}`) : level;
  const eventLabel = (e: HouseholdEvent) => {
    const labels: Record<string, string> = t('households.event', { returnObjects: true }) as Record<
      string,
      string
    >;
    // A 返困 re-opening discarded or rejected returns to 已脱困: the label says so.
    const key =
      (e.action === 'withdrawn' || e.action === 'rejected') && e.toStatus === 'exited'
        ? `${e.action}_to_exited`
        : e.action;
    return labels[key] ?? e.action;
  };
  const english = i18n.language === 'en';
  // The system's own words (exit proposals, imports, reviews…) rebuilt in English; officers' as written.
  const texts = timelineTexts(t, english);
  const eventColor = (e: HouseholdEvent) =>
    e.action === 'rejected' || e.action === 'withdrawn'
      ? 'red'
      : e.action === 'returned' || e.action === 'exit_declined' || e.action === 'exit_proposal_withdrawn'
        ? 'orange'
        : e.toStatus === 'archived' || e.action === 'approved' || e.action === 'exited'
          ? 'green'
          : 'gray';

  return (
    <PageContainer
      breadcrumbRender={false}
      onBack={() => navigate(householdListPath())}
      title={
        <Space wrap>
          <span data-testid="household-name">{h.name}</span>
          <StatusTag status={h.status} testId="household-status" />
          {/* A discarded archive is no longer assessed: its last category would read as current. */}
          {h.status !== 'withdrawn' && <CategoryTag category={h.category} testId="household-category" />}
        </Space>
      }
      subTitle={h.employerName}
      extra={<Space wrap>{actions}</Space>}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {h.status === 'withdrawn' && lastDecision?.action === 'withdrawn' && (
          <Alert
            type="info"
            showIcon
            data-testid="household-withdraw-reason"
            message={t('households.decidedBy', {
              status: t('households.status.withdrawn'),
              name: texts.actor(lastDecision.actorName),
            })}
            description={lastDecision.comment ?? t('households.withdrawnNoReason')}
          />
        )}
        {(h.status === 'returned' || h.status === 'rejected') && lastDecision?.comment && (
          <Alert
            type={h.status === 'returned' ? 'warning' : 'error'}
            showIcon
            data-testid="household-return-reason"
            message={t('households.decidedBy', {
              status: t(`households.status.${h.status}`),
              name: texts.actor(lastDecision.actorName),
            })}
            description={lastDecision.comment}
          />
        )}
        {h.status === 'archived' && h.exitProposedOn && (
          <Alert
            type="info"
            showIcon
            data-testid="household-exit-proposal"
            message={t('households.exitProposal.title', { date: h.exitProposedOn })}
            description={texts.exitProposal(h.exitProposalReason)}
          />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Card title={t('households.section.basic')}>
              <ProDescriptions column={2} dataSource={h} data-testid="household-basic">
                <ProDescriptions.Item label={t('households.field.name')}>{h.name}</ProDescriptions.Item>
                {/* One span: the item's content is a flex row, which would not wrap the link. */}
                <ProDescriptions.Item label={t('households.field.idNumber')}>
                  <span>
                    <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{h.idMasked}</span>
                    {revealLink('idNumber', t('households.field.idNumber'), 'household-reveal-id')}
                  </span>
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.sex')}>
                  {t(`households.sex.${h.sex}`)} · {h.age}
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.birthDate')}>
                  {h.birthDate}
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.phone')}>
                  <span>
                    {h.phoneMasked ?? '—'}
                    {h.phoneMasked &&
                      revealLink('phone', t('households.field.phone'), 'household-reveal-phone')}
                  </span>
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.employer')}>
                  {h.employerName}
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.job')}>{h.job ?? '—'}</ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.memberSince')}>
                  {h.memberSince ?? '—'}
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.address')} span={2}>
                  {h.address ?? '—'}
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.bankName')}>
                  {h.bankName ?? '—'}
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.bankAccount')}>
                  <span>
                    {h.bankAccountMasked ?? '—'}
                    {h.bankAccountMasked &&
                      revealLink('bankAccount', t('households.field.bankAccount'), 'household-reveal-bank')}
                  </span>
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.causes')} span={2}>
                  {joinList(h.causes.map((c) => t(`households.cause.${c}`))) || '—'}
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('households.field.situation')} span={2}>
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                    {h.situation ?? '—'}
                  </Typography.Paragraph>
                </ProDescriptions.Item>
                {h.archivedOn && (
                  <ProDescriptions.Item label={t('households.field.archivedOn')}>
                    {h.archivedOn}
                  </ProDescriptions.Item>
                )}
                {h.reviewDueOn && (
                  <ProDescriptions.Item label={t('households.field.reviewDueOn')}>
                    {h.reviewDueOn}
                  </ProDescriptions.Item>
                )}
                {/* After 返困 the last exit date stays on the row; the timeline keeps it as history. */}
                {h.status === 'exited' && h.exitedOn && (
                  <ProDescriptions.Item label={t('households.field.exitedOn')}>
                    {h.exitedOn}
                  </ProDescriptions.Item>
                )}
              </ProDescriptions>
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <Card
              title={t('households.section.decision')}
              data-testid="household-decision"
              extra={d && <CategoryTag category={d.category} testId="household-decision-category" />}
            >
              {d ? (
                <>
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label={t('households.decision.perCapita')}>
                      <Typography.Text strong>{perCapitaText(d.perCapitaMonthlyFen)}</Typography.Text>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('households.decision.dibao')}>
                      {yuanText(d.dibaoFen)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('households.decision.relativeLine')}>
                      {yuanText(d.relativeThresholdFen)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('households.decision.size')}>
                      {d.householdSize}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('households.decision.policy')}>
                      {policyWording(t, {
                        regionCode: d.policyRegionCode,
                        regionName: h.policyRegionName,
                        effectiveFrom: d.policyEffectiveFrom,
                      })}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('households.decision.computedAt')}>
                      {t('households.decision.computedAtValue', {
                        at: formatDateTime(d.computedAt),
                        trigger: t(`households.decision.trigger.${d.trigger}`),
                      })}
                    </Descriptions.Item>
                  </Descriptions>
                  {/* The stored Chinese sentence is the decision's snapshot; in English, the same from its figures. */}
                  <Alert
                    type="info"
                    message={english ? explanationEn(d) : d.explanation}
                    data-testid="household-decision-explanation"
                  />
                </>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.decision.none')} />
              )}
            </Card>
          </Col>
        </Row>

        <Card title={t('households.section.members')}>
          <Table<HouseholdMember>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={h.members}
            data-testid="household-members"
            locale={{ emptyText: '—' }}
            columns={[
              {
                title: t('households.member.relation'),
                render: (_, m) => t(`households.relation.${m.relation}`),
              },
              { title: t('households.member.name'), dataIndex: 'name' },
              {
                title: t('households.member.idNumber'),
                render: (_, m) => (
                  <>
                    <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{m.idMasked}</span>
                    {revealLink(
                      'memberIdNumber',
                      `${m.name} ${t('households.member.idNumber')}`,
                      `household-reveal-member-${m.id}`,
                      m.id,
                    )}
                  </>
                ),
              },
              {
                title: t('households.member.sexAge'),
                render: (_, m) => `${t(`households.sex.${m.sex}`)} · ${m.age}`,
              },
              {
                title: t('households.member.health'),
                render: (_, m) => (
                  <>
                    {t(`households.health.${m.healthStatus}`)}
                    {m.hasHealthNote &&
                      revealLink(
                        'memberHealthNote',
                        `${m.name} ${t('households.member.healthNote')}`,
                        `household-reveal-health-${m.id}`,
                        m.id,
                      )}
                  </>
                ),
              },
              {
                title: t('households.member.school'),
                render: (_, m) => (m.schoolLevel ? t(`households.school.${m.schoolLevel}`) : '—'),
              },
              { title: t('households.member.occupation'), render: (_, m) => m.occupation ?? '—' },
            ]}
          />
        </Card>

        <Card title={t('households.section.money')}>
          <Row gutter={24}>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>{t('households.money.incomes')}</Typography.Title>
              <MoneyTable
                rows={h.incomes.map((r) => ({ ...r, label: t(`households.incomeKind.${r.kind}`) }))}
                testId="household-incomes"
              />
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>{t('households.money.expenditures')}</Typography.Title>
              <MoneyTable
                rows={h.expenditures.map((r) => ({ ...r, label: t(`households.expenditureKind.${r.kind}`) }))}
                testId="household-expenditures"
              />
            </Col>
          </Row>
        </Card>

        {(h.status === 'archived' || h.status === 'exited') && (
          <IncomeRecords
            householdId={h.id}
            canWrite={canWrite && h.status === 'archived'}
            defaultSize={h.householdSize}
          />
        )}

        <DuplicatesCard householdId={h.id} householdName={h.name} />

        <AidLedgerCard householdId={h.id} />

        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card
              title={t('households.section.timeline')}
              data-testid="household-timeline"
              extra={
                // The timeline lists the archive's steps; the audit log also who viewed its full numbers.
                can('audit.read') && (
                  <Link to={`/audit?entity=household&entityId=${h.id}`} data-testid="household-audit-trail">
                    {t('households.auditTrail')}
                  </Link>
                )
              }
            >
              <Timeline
                items={h.timeline.map((e) => ({
                  color: eventColor(e),
                  children: (
                    <div>
                      <Space wrap size={4}>
                        <Typography.Text strong>{eventLabel(e)}</Typography.Text>
                        {e.level && (
                          <Typography.Text type="secondary">
                            {t('households.levelNote', { level: levelLabel(e.level) })}
                          </Typography.Text>
                        )}
                        {isStatus(e.toStatus) && e.toStatus !== e.fromStatus && (
                          <StatusTag status={e.toStatus as HouseholdStatus} />
                        )}
                      </Space>
                      <div>
                        <Typography.Text type="secondary">
                          {texts.actor(e.actorName)} · {formatDateTime(e.at)}
                        </Typography.Text>
                      </div>
                      {e.comment && (
                        <div style={{ whiteSpace: 'pre-wrap' }}>{texts.comment(e.action, e.comment)}</div>
                      )}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('households.section.attachments')}>
              {h.attachments.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <Space direction="vertical">
                  {h.attachments.map((a) => (
                    <Typography.Link
                      key={a.fileId}
                      onClick={() =>
                        void downloadFile(`/files/${a.fileId}/content`, a.name).catch((error: unknown) =>
                          message.error(errorMessage(error)),
                        )
                      }
                    >
                      <PaperClipOutlined />{' '}
                      {t(a.note ? 'households.attachmentWithNote' : 'households.attachment', {
                        name: a.name,
                        kind: t(`households.attachmentKind.${a.kind}`),
                        note: a.note,
                      })}
                    </Typography.Link>
                  ))}
                </Space>
              )}
            </Card>
          </Col>
        </Row>
      </Space>

      {dialog && (
        <ReasonModal
          {...specs[dialog]}
          onClose={() => setDialog(null)}
          onSubmit={async (text) => {
            try {
              await run(dialog, text === null ? {} : { [specs[dialog].field]: text });
              setDialog(null);
              return true;
            } catch (error) {
              // Domain refusals (wrong level, own entry, wrong state) are messages; the dialog closes
              // because retrying cannot help. A validation problem keeps it open for correction.
              message.error(errorMessage(error));
              if (error instanceof ApiError && error.status === 400) return false;
              setDialog(null);
              refresh();
              return true;
            }
          }}
        />
      )}
      <Modal
        open={Boolean(revealed)}
        title={revealed ? t('households.reveal.titleOf', { label: revealed.label }) : ''}
        onCancel={() => setRevealed(null)}
        footer={
          <Button type="primary" onClick={() => setRevealed(null)}>
            {t('common.ok')}
          </Button>
        }
        destroyOnHidden
      >
        <Typography.Paragraph
          copyable
          style={{ fontFamily: 'monospace', fontSize: 18 }}
          data-testid="household-reveal-value"
        >
          {revealed?.value}
        </Typography.Paragraph>
        <Alert type="warning" showIcon message={t('households.reveal.audit')} />
      </Modal>
    </PageContainer>
  );
}

/** Why the user sees no decision buttons: who decides instead. */
function deciderNote(t: TFunction, pending: PendingDecision): string {
  const exit = pending.step === 'exit';
  if (pending.blocked === 'own_entry')
    return t(exit ? 'households.decider.ownExit' : 'households.decider.ownEntry');
  if (pending.blocked === 'already_decided') return t('households.decider.alreadyDecided');
  if (!pending.unitName) return t('households.decider.noUnit');
  return t(exit ? 'households.decider.exitUnit' : 'households.decider.unit', { unit: pending.unitName });
}

function MoneyTable({
  rows,
  testId,
}: {
  rows: { label: string; description: string | null; annualFen: number }[];
  testId: string;
}) {
  const { t } = useTranslation();
  const total = rows.reduce((acc, r) => acc + r.annualFen, 0);
  return (
    <Table
      size="small"
      rowKey={(_, i) => String(i)}
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      locale={{ emptyText: '—' }}
      columns={[
        { title: t('households.money.kind'), dataIndex: 'label' },
        { title: t('households.money.description'), render: (_, r) => r.description ?? '—' },
        { title: t('households.money.annual'), align: 'right', render: (_, r) => formatYuan(r.annualFen) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            {t('households.money.total')}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <Typography.Text strong>{formatYuan(total)}</Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
