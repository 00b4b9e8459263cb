import { AlertOutlined, PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  QRCode,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatYuan, yuanText } from '../households/money';
import { NOTICE_STYLES, NoticeSheet, STAFF_PRINT_STYLES } from './NoticeSheet';
import { RecordObjectionModal, ResolveObjectionModal, WithdrawModal } from './ObjectionModals';
import { ObjectionStatusTag, PhaseTag, useReasonLabel } from './PublicityTags';
import {
  type Objection,
  type PublicityDetail,
  type PublicityEntry,
  publicUrl,
  revealContact,
  usePublicity,
} from './publicity.api';

/** `/publicity/:id`: the notice, its public link and QR code, objections with record / resolve, print. */
export default function PublicityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('publicity');
  const { can } = useAuth();
  const navigate = useNavigate();
  const publicity = usePublicity(id);
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [resolving, setResolving] = useState<Objection | null>(null);
  if (publicity.isLoading) return <PageLoading />;
  if (publicity.isError || !publicity.data)
    return <ErrorState error={publicity.error} onRetry={() => void publicity.refetch()} />;
  const p = publicity.data;
  const manage = p.canManage && can('publicity.write');
  const listed = p.entries.filter((e) => e.status === 'listed');

  return (
    <PageContainer
      title={p.title}
      subTitle={<PhaseTag phase={p.phase} />}
      onBack={() => navigate(`/programs/${p.programId}`)}
      breadcrumbRender={false}
      extra={[
        <Button
          key="print"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="publicity-print"
        >
          {t('detail.print')}
        </Button>,
        manage && p.status === 'published' && (
          <Tooltip
            key="object"
            title={
              p.acceptsObjections
                ? undefined
                : t('detail.objectionsClosed', { start: p.startDate, end: p.endDate })
            }
          >
            <Button
              icon={<AlertOutlined />}
              disabled={!p.acceptsObjections}
              onClick={() => setRecording(true)}
              data-testid="objection-record"
            >
              {t('detail.recordObjection')}
            </Button>
          </Tooltip>
        ),
        manage && p.status === 'published' && (
          <Button key="withdraw" danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)}>
            {t('detail.withdraw')}
          </Button>
        ),
      ]}
    >
      <style>{NOTICE_STYLES + STAFF_PRINT_STYLES}</style>
      <Row gutter={[16, 16]}>
        {p.status === 'withdrawn' && (
          <Col span={24}>
            <Alert
              type="error"
              showIcon
              message={t('detail.withdrawnAt', {
                at: formatDate(p.withdrawnAt),
                reason: p.withdrawnReason ?? '',
              })}
            />
          </Col>
        )}
        <Col xs={24} lg={16}>
          <Card size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('field.org')}>{p.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('field.period')}>
                {p.startDate} ~ {p.endDate}（{t('panel.daysHint', { days: p.publicityDays })}）
              </Descriptions.Item>
              <Descriptions.Item label={t('field.program')}>
                <Link to={`/programs/${p.programId}`}>{p.programName}</Link>（
                {t(`programType.${p.programType}`)}）
              </Descriptions.Item>
              <Descriptions.Item label={t('field.entries')}>
                {p.entryCount} · {yuanText(p.totalFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.createdBy')}>{p.createdByName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.createdAt')}>
                {formatDateTime(p.createdAt)}
              </Descriptions.Item>
              {p.note && (
                <Descriptions.Item label={t('field.note')} span={2}>
                  {p.note}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('detail.payableHint')} {t('detail.today', { today: p.today })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <PublicLinkCard p={p} />
        </Col>
        <Col span={24}>
          <Card size="small" title={t('detail.entriesTitle')}>
            <EntriesTable p={p} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('detail.objectionsTitle')}>
            {p.canManage ? (
              <ObjectionsTable p={p} onResolve={setResolving} />
            ) : (
              <Alert
                type="info"
                showIcon
                data-testid="objections-publisher-only"
                message={
                  p.objectionCount
                    ? t('detail.objectionsPublisherOnly', {
                        count: p.objectionCount,
                        open: p.openObjections,
                        org: p.orgName,
                      })
                    : t('detail.noObjections')
                }
              />
            )}
          </Card>
        </Col>
      </Row>
      {createPortal(
        <div className="publicity-print-portal publicity-print-only">
          <NoticeSheet
            notice={{ ...p, phase: undefined, entries: listed.map((e, i) => ({ ...e, seq: i + 1 })) }}
          />
        </div>,
        document.body,
      )}
      {recording && <RecordObjectionModal publicity={p} onClose={() => setRecording(false)} />}
      {withdrawing && <WithdrawModal publicity={p} onClose={() => setWithdrawing(false)} />}
      {resolving && (
        <ResolveObjectionModal publicity={p} objection={resolving} onClose={() => setResolving(null)} />
      )}
    </PageContainer>
  );
}

function PublicLinkCard({ p }: { p: PublicityDetail }) {
  const { t } = useTranslation('publicity');
  const url = publicUrl(p.publicPath);
  if (p.status === 'withdrawn')
    return (
      <Card size="small" title={t('detail.publicLink')}>
        <Empty description={t('public.notFound')} />
      </Card>
    );
  return (
    <Card size="small" title={t('detail.publicLink')}>
      <Space align="start">
        <QRCode value={url} size={128} bordered={false} />
        <Space direction="vertical" size={4}>
          <Typography.Paragraph copyable={{ text: url }} style={{ wordBreak: 'break-all', marginBottom: 0 }}>
            <a href={p.publicPath} target="_blank" rel="noreferrer" data-testid="publicity-public-link">
              {url}
            </a>
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('detail.publicLinkHint')}</Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}

function EntriesTable({ p }: { p: PublicityDetail }) {
  const { t } = useTranslation('publicity');
  const { can } = useAuth();
  const reason = useReasonLabel();
  return (
    <Table<PublicityEntry>
      rowKey="id"
      size="small"
      dataSource={p.entries}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty /> }}
      rowClassName={(e) => (e.status === 'listed' ? '' : 'ant-table-row-disabled')}
      columns={[
        { title: t('field.seq'), dataIndex: 'seq', width: 64 },
        {
          title: t('field.name'),
          dataIndex: 'maskedName',
          render: (name: string, e) =>
            can('application.read') ? <Link to={`/applications/${e.applicationId}`}>{name}</Link> : name,
        },
        { title: t('field.unit'), dataIndex: 'unitName', ellipsis: true },
        { title: t('field.reason'), render: (_, e) => reason(e.category, e.schoolLevel) },
        { title: t('field.amount'), align: 'right', render: (_, e) => formatYuan(e.amountFen) },
        {
          title: t('field.status'),
          render: (_, e) => (
            <Space size={4} wrap>
              <Tag color={e.status === 'listed' ? 'blue' : 'default'}>{t(`entryStatus.${e.status}`)}</Tag>
              {e.applicationStatus !== 'approved' && <Tag>{t(`appStatus.${e.applicationStatus}`)}</Tag>}
              {e.openObjections > 0 && (
                <Tag color="warning">{t('field.openObjections', { count: e.openObjections })}</Tag>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function ObjectionsTable({ p, onResolve }: { p: PublicityDetail; onResolve: (o: Objection) => void }) {
  const { t } = useTranslation('publicity');
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const resolver = p.canManage && can('publicity.resolve');
  const reveal = async (o: Objection) => {
    try {
      const { contact } = await revealContact(p.id, o.id);
      modal.info({ title: t('field.contact'), content: contact ?? t('detail.noContact') });
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Table<Objection>
      rowKey="id"
      size="small"
      dataSource={p.objections}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty description={t('detail.noObjections')} /> }}
      columns={[
        { title: t('field.receivedOn'), dataIndex: 'receivedOn', width: 110 },
        {
          title: t('field.target'),
          width: 110,
          render: (_, o) => (o.entryId ? `${o.entrySeq}. ${o.entryMaskedName}` : t('field.whole')),
        },
        { title: t('field.channel'), width: 80, render: (_, o) => t(`channel.${o.channel}`) },
        { title: t('field.content'), dataIndex: 'content' },
        {
          title: t('field.contact'),
          render: (_, o) =>
            o.contactMasked ? (
              <Space size={4}>
                {o.contactMasked}
                {resolver && (
                  <Button size="small" type="link" onClick={() => void reveal(o)}>
                    {t('detail.revealContact')}
                  </Button>
                )}
              </Space>
            ) : (
              '—'
            ),
        },
        { title: t('field.recordedBy'), dataIndex: 'recordedByName' },
        {
          title: t('field.resolution'),
          render: (_, o) => (
            <Space direction="vertical" size={0}>
              <Space size={4}>
                <ObjectionStatusTag status={o.status} />
                {o.outcome && <Tag>{t(`outcome.${o.outcome}`)}</Tag>}
              </Space>
              {o.resolutionNote && <Typography.Text>{o.resolutionNote}</Typography.Text>}
              {o.resolvedByName && (
                <Typography.Text type="secondary">
                  {o.resolvedByName} · {formatDateTime(o.resolvedAt)}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: '',
          width: 96,
          render: (_, o) =>
            resolver && o.status === 'open' ? (
              <Button
                size="small"
                type="primary"
                onClick={() => onResolve(o)}
                data-testid={`objection-resolve-${o.id}`}
              >
                {t('detail.resolve')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
