import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Select, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import type { AuditEntry, AuditVerifyResult } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { auditActionLabel, auditActorLabel, auditEntityLabel } from '../../components/labels';
import { zhCN } from '../../i18n/zh-CN';
import { BUSINESS_TZ, formatDateTime } from '../../lib/format';
import { AuditDiff } from './AuditDiff';
import { AuditVerifyButton, AuditVerifyResultAlert } from './AuditVerify';
import { type AuditQuery, auditKeys, listAudit, verifyAudit } from './audit.api';

type RangeValue = [Dayjs | string | null, Dayjs | string | null];

interface SearchParams {
  current?: number;
  pageSize?: number;
  action?: string;
  entity?: string;
  entityId?: string;
  range?: RangeValue;
  actorId?: string;
  actor?: string;
}

/** The picker shows Beijing wall-clock time (business time), whatever the browser's zone. */
function toIso(value: Dayjs | string | null | undefined): string | undefined {
  if (!value) return undefined;
  const wallClock = typeof value === 'string' ? value : value.format('YYYY-MM-DD HH:mm:ss');
  const instant = dayjs.tz(wallClock, BUSINESS_TZ);
  return instant.isValid() ? instant.toISOString() : undefined;
}

const KNOWN_ACTIONS = Object.keys(zhCN.audit.action);
const KNOWN_ENTITIES = Object.keys(zhCN.audit.entity);

export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const actorId = params.get('actorId') ?? undefined;
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const runVerify = async () => {
    setVerifying(true);
    setVerifyError(null);
    setVerifyResult(null);
    try {
      setVerifyResult(await verifyAudit());
    } catch (error) {
      setVerifyError(error);
    } finally {
      setVerifying(false);
    }
  };

  const codeOptions = (codes: string[], label: (code: string) => string) =>
    codes.map((code) => ({ value: code, label: `${label(code)}（${code}）` }));

  const columns: ProColumns<AuditEntry>[] = [
    {
      title: t('audit.field.at'),
      dataIndex: 'at',
      search: false,
      width: 170,
      render: (_, entry) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</span>,
    },
    {
      title: t('audit.field.dateRange'),
      dataIndex: 'range',
      valueType: 'dateTimeRange',
      hideInTable: true,
    },
    {
      title: t('audit.field.actor'),
      dataIndex: 'actor',
      fieldProps: { placeholder: t('audit.field.actorSearch') },
      render: (_, entry) => auditActorLabel(entry),
    },
    { title: t('audit.field.org'), dataIndex: 'orgName', search: false, render: (_, e) => e.orgName ?? '—' },
    {
      title: t('audit.field.action'),
      dataIndex: 'action',
      renderFormItem: () => (
        // The filter is an exact code: pick it by its label (searchable by label or code), shown as the label.
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('common.all')}
          options={codeOptions(KNOWN_ACTIONS, auditActionLabel)}
        />
      ),
      render: (_, entry) => (
        <Tooltip title={entry.action}>
          <span>{auditActionLabel(entry.action)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.field.entity'),
      dataIndex: 'entity',
      renderFormItem: () => (
        // The filter is an exact code: pick it by its label (searchable by label or code), shown as the label.
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('common.all')}
          options={codeOptions(KNOWN_ENTITIES, auditEntityLabel)}
        />
      ),
      render: (_, entry) => auditEntityLabel(entry.entity),
    },
    {
      title: t('audit.field.entityId'),
      dataIndex: 'entityId',
      ellipsis: true,
      render: (_, entry) =>
        entry.entityId ? (
          <Space size={4}>
            <Typography.Text
              copyable={{ text: entry.entityId }}
              style={{ fontFamily: 'monospace', fontSize: 12 }}
            >
              {entry.entityId.length > 12 ? `${entry.entityId.slice(0, 8)}…` : entry.entityId}
            </Typography.Text>
            {entry.entity === 'household' && (
              <Link to={`/households/${entry.entityId}`} data-testid="audit-open-household">
                {t('audit.openHousehold')}
              </Link>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('audit.field.ip'), dataIndex: 'ip', search: false, render: (_, e) => e.ip ?? '—' },
  ];

  return (
    <PageContainer title={t('audit.title')} breadcrumbRender={false}>
      {actorId && (
        <Alert
          type="info"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          message={`${t('audit.field.actorId')}：${actorId}`}
          onClose={() => {
            params.delete('actorId');
            setParams(params, { replace: true });
          }}
        />
      )}
      <AuditVerifyResultAlert
        result={verifyResult}
        error={verifyError}
        onClose={() => {
          setVerifyResult(null);
          setVerifyError(null);
        }}
      />
      <ProTable<AuditEntry, SearchParams>
        data-testid="audit-table"
        rowKey="id"
        columns={columns}
        dateFormatter="string"
        params={{ actorId }}
        form={{
          initialValues: {
            entity: params.get('entity') ?? undefined,
            entityId: params.get('entityId') ?? undefined,
            action: params.get('action') ?? undefined,
          },
        }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ reload: true, density: false, setting: false }}
        locale={{ emptyText: t('audit.empty') }}
        expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
        request={async (p) => {
          const query: AuditQuery = {
            page: p.current ?? 1,
            pageSize: p.pageSize ?? 20,
            action: p.action?.trim() || undefined,
            entity: p.entity?.trim() || undefined,
            entityId: p.entityId?.trim() || undefined,
            actorId,
            actor: p.actor?.trim() || undefined,
            from: toIso(p.range?.[0]),
            to: toIso(p.range?.[1]),
          };
          try {
            const page = await queryClient.fetchQuery({
              queryKey: auditKeys.list(query),
              queryFn: ({ signal }) => listAudit(query, signal),
              staleTime: 0,
            });
            return { data: page.items, total: page.total, success: true };
          } catch (error) {
            message.error(errorMessage(error));
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() =>
          can('audit.verify')
            ? [<AuditVerifyButton key="verify" loading={verifying} onClick={() => void runVerify()} />]
            : []
        }
      />
    </PageContainer>
  );
}
