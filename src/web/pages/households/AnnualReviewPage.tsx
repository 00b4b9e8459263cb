import {
  type ActionType,
  PageContainer,
  type ProColumns,
  type ProFormInstance,
  ProTable,
} from '@ant-design/pro-components';
import { App, Button, Switch, Tabs, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import type { AnnualReviewDueItem } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { BUSINESS_TZ } from '../../lib/format';
import { paramChoice, paramDate } from '../../lib/searchParams';
import { useOrgTree } from '../orgs/orgs.api';
import { findNode } from '../orgs/orgTree';
import { type ActiveFilter, ActiveFilters } from './ActiveFilters';
import { AnnualReviewModal } from './AnnualReviewModal';
import { CategoryTag } from './HouseholdTags';
import { type DueQuery, listDueReviews } from './households.archive.api';
import { householdPageTotal } from './pageTotal';
import { ReviewSamplePanel } from './ReviewSamplePanel';

interface SearchParams {
  current?: number;
  pageSize?: number;
  orgId?: string;
  overdue?: boolean;
  before?: string;
}

/** Reviewed this (Beijing) year already: one annual review a year, the server refuses a second. */
const reviewedThisYear = (h: { lastReviewedOn?: string | null }) =>
  !!h.lastReviewedOn && h.lastReviewedOn.slice(0, 4) === dayjs().tz(BUSINESS_TZ).format('YYYY');

/** 年审: the due/overdue work list for officers and the upper level's spot-check (抽查). */
export default function AnnualReviewPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [searchParams] = useSearchParams();
  // `?tab=sample` (the home page's 待记录抽查结果) opens the spot check, for whoever may record findings.
  const [tab, setTab] = useState<'due' | 'sample'>(() =>
    paramChoice(searchParams, 'tab', ['sample'] as const) && can('household.review') ? 'sample' : 'due',
  );

  return (
    <PageContainer title={t('households.annual.title')} breadcrumbRender={false}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'due' | 'sample')}
        destroyOnHidden
        data-testid="annual-review-tabs"
        items={[
          { key: 'due', label: t('households.annual.tabDue'), children: <DueList /> },
          ...(can('household.review')
            ? [{ key: 'sample', label: t('households.sample.tab'), children: <ReviewSamplePanel /> }]
            : []),
        ]}
      />
    </PageContainer>
  );
}

/** At most two lines of a smaller type, broken anywhere (Chinese names have no spaces). */
const TWO_SMALL_LINES = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  fontSize: 12,
  lineHeight: 1.5,
  wordBreak: 'break-all',
} as const;

function DueList() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const formRef = useRef<ProFormInstance | undefined>(undefined);
  const [recording, setRecording] = useState<AnnualReviewDueItem | null>(null);
  const canWrite = can('household.write');
  // The home page's to-dos open the list on overdue reviews (`?overdue=1`) or those due by a date.
  const [searchParams] = useSearchParams();
  const [initialValues] = useState(() => ({
    overdue: searchParams.get('overdue') === '1' || undefined,
    before: paramDate(searchParams, 'before'),
  }));
  /** The filters of the last query: the heading and the tags say what narrows the list. */
  const [applied, setApplied] = useState<Pick<DueQuery, 'orgId' | 'before' | 'overdue'>>({});
  const orgTree = useOrgTree(false);
  const clearFilters = (fields: ('orgId' | 'before' | 'overdue')[]) => {
    formRef.current?.setFieldsValue(Object.fromEntries(fields.map((f) => [f, undefined])));
    formRef.current?.submit();
  };
  const activeFilters: ActiveFilter[] = [
    ...(applied.orgId
      ? [
          {
            key: 'orgId',
            label: t('households.filters.item', {
              name: t('households.field.employer'),
              value: (orgTree.data && findNode(orgTree.data, applied.orgId)?.name) ?? '…',
            }),
            onClose: () => clearFilters(['orgId']),
          },
        ]
      : []),
    ...(applied.before
      ? [
          {
            key: 'before',
            label: t('households.filters.item', {
              name: t('households.annual.dueBefore'),
              value: applied.before,
            }),
            onClose: () => clearFilters(['before']),
          },
        ]
      : []),
    ...(applied.overdue
      ? [
          {
            key: 'overdue',
            label: t('households.annual.overdueOnly'),
            onClose: () => clearFilters(['overdue']),
          },
        ]
      : []),
  ];

  // Widths that fit 1024 px with the menu folded: a unit name on one line (whole on hover), a due date and
  // its tag on one line, the actions never wrapped.
  const columns: ProColumns<AnnualReviewDueItem>[] = [
    {
      title: t('households.field.name'),
      dataIndex: 'name',
      search: false,
      width: 88,
      render: (_, h) => <Link to={`/households/${h.id}`}>{h.name}</Link>,
    },
    {
      title: t('households.field.idNumber'),
      dataIndex: 'idMasked',
      search: false,
      width: 156,
      render: (_, h) => <span style={{ whiteSpace: 'nowrap', fontFamily: 'monospace' }}>{h.idMasked}</span>,
    },
    {
      title: (_, type) =>
        type === 'table' ? t('households.field.employerShort') : t('households.field.employer'),
      dataIndex: 'orgId',
      width: 124,
      // Unit names share a long prefix (临江…): two small lines show them whole, the rest on hover.
      render: (_, h) => (
        <Tooltip placement="topLeft" title={h.employerName}>
          <span data-testid={`annual-review-employer-${h.id}`} style={TWO_SMALL_LINES}>
            {h.employerName}
          </span>
        </Tooltip>
      ),
      formItemProps: { label: t('households.filter.orgSubtree') },
      renderFormItem: () => <OrgTreeSelect data-testid="annual-review-org-filter" />,
    },
    {
      title: t('households.field.category'),
      dataIndex: 'category',
      search: false,
      width: 96,
      // Wrapped inside its cell (「Relative hardship」 ran over the due date).
      render: (_, h) => <CategoryTag category={h.category} wrap />,
    },
    {
      title: t('households.field.reviewDueOn'),
      dataIndex: 'reviewDueOn',
      search: false,
      width: 136,
      // The date never breaks (「2026-/10-22」); its tag follows it, or goes under it when narrow.
      render: (_, h) => (
        <span data-testid={`annual-review-due-${h.id}`}>
          <span style={{ whiteSpace: 'nowrap' }} data-testid={`annual-review-due-date-${h.id}`}>
            {h.reviewDueOn ?? '—'}
          </span>{' '}
          {reviewedThisYear(h) ? (
            <Tag color="green">{t('households.annual.doneTag')}</Tag>
          ) : h.overdue ? (
            <Tag color="red">{t('households.annual.overdueTag')}</Tag>
          ) : (
            <Tag color="orange">{t('households.annual.dueTag')}</Tag>
          )}
        </span>
      ),
    },
    {
      title: t('households.annual.lastReviewedOn'),
      dataIndex: 'lastReviewedOn',
      search: false,
      width: 84,
      render: (_, h) => h.lastReviewedOn ?? t('households.annual.neverReviewed'),
    },
    {
      title: t('households.annual.dueBefore'),
      dataIndex: 'before',
      valueType: 'date',
      hideInTable: true,
      tooltip: t('households.annual.dueBeforeHint'),
    },
    {
      title: t('households.annual.overdueOnly'),
      dataIndex: 'overdue',
      hideInTable: true,
      // Its own width: the search form stretches its fields to the column.
      renderFormItem: () => <Switch data-testid="annual-review-overdue-filter" style={{ width: 'auto' }} />,
      formItemProps: { valuePropName: 'checked' },
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 148,
      // 查看 and 登记年审 each whole (on one line in Chinese, two in English).
      render: (_, h) => [
        <Link key="view" to={`/households/${h.id}`}>
          {t('households.action.view')}
        </Link>,
        canWrite && !reviewedThisYear(h) && (
          <Button
            key="record"
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => setRecording(h)}
            data-testid="annual-review-record"
            data-household-id={h.id}
          >
            {t('households.annual.record')}
          </Button>
        ),
      ],
    },
  ];

  return (
    <>
      <ProTable<AnnualReviewDueItem, SearchParams>
        data-testid="annual-review-table"
        rowKey="id"
        actionRef={actionRef}
        formRef={formRef}
        columns={columns}
        // A filter from the address (the home page's to-dos) is shown, not applied out of sight.
        search={{
          labelWidth: 'auto',
          defaultCollapsed: !initialValues.overdue && !initialValues.before,
          // Two fields a row up to about 1200 px: three left the unit filter some 60 px at 1024 px.
          span: { xs: 24, sm: 24, md: 12, lg: 12, xl: 8, xxl: 8 },
        }}
        scroll={{ x: columns.reduce((acc, c) => acc + (c.hideInTable ? 0 : Number(c.width ?? 0)), 0) }}
        form={{ initialValues }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => householdPageTotal(n) }}
        options={{ reload: true, density: false, setting: false }}
        headerTitle={
          <span data-testid="annual-review-list-title">
            {t(applied.overdue ? 'households.annual.listTitleOverdue' : 'households.annual.listTitle')}
          </span>
        }
        tableExtraRender={() => (
          <ActiveFilters
            filters={activeFilters}
            onClearAll={() => clearFilters(['orgId', 'before', 'overdue'])}
            testId="annual-review-active-filters"
          />
        )}
        locale={{ emptyText: t('households.annual.empty') }}
        request={async (params) => {
          const query: DueQuery = {
            orgId: params.orgId || undefined,
            before: params.before || undefined,
            overdue: params.overdue ? true : undefined,
            page: params.current ?? 1,
            pageSize: params.pageSize ?? 20,
          };
          setApplied({ orgId: query.orgId, before: query.before, overdue: query.overdue });
          try {
            const page = await listDueReviews(query);
            return { data: page.items, total: page.total, success: true };
          } catch (error) {
            message.error(errorMessage(error));
            return { data: [], total: 0, success: false };
          }
        }}
      />
      {recording && (
        <AnnualReviewModal
          householdId={recording.id}
          householdName={recording.name}
          onClose={() => setRecording(null)}
          onDone={() => {
            setRecording(null);
            actionRef.current?.reload();
          }}
        />
      )}
    </>
  );
}
