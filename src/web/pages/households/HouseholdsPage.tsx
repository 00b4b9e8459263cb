import { CopyOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ActionType,
  PageContainer,
  type ProColumns,
  type ProFormInstance,
  ProTable,
} from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Grid,
  Row,
  Segmented,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useNavigationType, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import {
  CAUSES,
  type Category,
  type Cause,
  HOUSEHOLD_STATUSES,
  type HouseholdListItem,
  type HouseholdStatus,
} from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { businessToday, formatDate } from '../../lib/format';
import { useOrgTree } from '../orgs/orgs.api';
import { findNode } from '../orgs/orgTree';
import { type ActiveFilter, ActiveFilters } from './ActiveFilters';
import { HouseholdExportButtons } from './HouseholdExportButtons';
import { CATEGORY_COLORS, CategoryTag, StatusTag, WRAPPING_TAG } from './HouseholdTags';
import {
  type HouseholdFilter,
  type HouseholdListQuery,
  householdKeys,
  listHouseholds,
  useHouseholdStats,
} from './households.api';
import {
  columnSortOrder,
  DEFAULT_PAGE_SIZE,
  type HouseholdListState,
  LIST_CATEGORIES,
  listStateParams,
  PAGE_SIZES,
  partialIdQuery,
  readListState,
  rememberListSearch,
  sortOfColumns,
  statsTitle,
  type HouseholdListTab as Tab,
} from './listState';
import { formatYuan, perCapitaText } from './money';
import { householdPageTotal } from './pageTotal';
import { reviewOverdue } from './reviewDue';

/** The search form's fields, in the order their tags are shown above the table. */
const FILTER_FIELDS = ['q', 'orgId', 'status', 'category', 'cause', 'reviewDueBefore'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

/** Columns shown from 1200 px only: at 1024 px (the menu folded) the key columns fit without them. */
const WIDE_ONLY: ('xl' | 'xxl')[] = ['xl'];

/** What ProTable hands the request: the list's state, its page as `current`. */
type SearchParams = Partial<Omit<HouseholdListState, 'page'>> & { current?: number };

const STAT_CATEGORIES = LIST_CATEGORIES;

/** The fields of the search form that may sit in its collapsed part (the search text is always shown). */
const FOLDABLE_FIELDS = ['orgId', 'status', 'category', 'cause', 'reviewDueBefore'] as const;

/** At most two lines of a smaller type, broken anywhere (Chinese names have no spaces). */
const EMPLOYER_CELL = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  fontSize: 12,
  lineHeight: 1.5,
  wordBreak: 'break-all',
} as const;

/** Marks the list's own writes to its address (`location.state`), apart from every other navigation. */
const LIST_WRITE = { householdList: true } as const;

/**
 * The list keeps its state in the address (listState.ts): the table reads it once, when it mounts, and
 * writes it back on every query, marking the history entry as its own. Any other navigation to the list
 * while it is open (the menu's 档案列表, a to-do's link) starts the table afresh from the address. (A
 * comparison of addresses raced: two queries in quick succession — a tab clicked there and back — wrote
 * two addresses, and the first to arrive looked foreign and remounted the table over the second.)
 */
export default function HouseholdsPage() {
  const location = useLocation();
  const navigation = useNavigationType();
  const mountedAt = useRef(location.key);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (location.key === mountedAt.current) return;
    mountedAt.current = location.key;
    // Back or Forward onto an entry the list once wrote is still a move the table did not make.
    const state = location.state as typeof LIST_WRITE | null;
    if (navigation === 'POP' || !state?.householdList) setGeneration((g) => g + 1);
  }, [location.key, location.state, navigation]);
  useEffect(() => rememberListSearch(location.search), [location.search]);
  return <HouseholdList key={generation} />;
}

function HouseholdList() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const formRef = useRef<ProFormInstance | undefined>(undefined);
  // Tab, search form, page: from the address (Back from a household, a shared link, the home page's to-dos:
  // `?tab=awaiting`, `?status=draft`, `?tab=exitProposed&mine=1`).
  const [searchParams, setSearchParams] = useSearchParams();
  const [initial] = useState(() => readListState(searchParams));
  const [tab, setTab] = useState<Tab>(initial.tab);
  // 待确认脱困 › 只看由本单位确认的: the proposals awaiting the caller's decision (the home page's to-do).
  const [exitMine, setExitMine] = useState(initial.mine);
  const today = useMemo(() => businessToday(), []);
  const [filter, setFilter] = useState<HouseholdFilter>({});
  const [category, setCategory] = useState<Category | 'unassessed' | undefined>();
  const [totalCapped, setTotalCapped] = useState(false);
  /** The filters of the last query, shown as tags: some sit in the collapsed part of the search form. */
  const [applied, setApplied] = useState<SearchParams>({});
  const stats = useHouseholdStats(filter);
  const orgTree = useOrgTree(false);
  const screens = Grid.useBreakpoint();

  const tabOptions = useMemo(
    () => [
      { value: 'all' as const, label: t('households.tab.all') },
      ...(can('household.review')
        ? [{ value: 'awaiting' as const, label: t('households.tab.awaiting') }]
        : []),
      { value: 'exitProposed' as const, label: t('households.tab.exitProposed') },
    ],
    [can, t],
  );

  const pickCategory = (category: (typeof STAT_CATEGORIES)[number]) => {
    formRef.current?.setFieldsValue({ category });
    formRef.current?.submit();
  };
  /** 全部记录: neither a status nor a category (the cards' own filters); the search fields stay. */
  const pickAll = () => {
    formRef.current?.setFieldsValue({ status: undefined, category: undefined });
    formRef.current?.submit();
  };
  /** 已建档 only: the figure work summaries report (drafts, reviews in progress and exits aside). */
  const pickArchived = () => {
    formRef.current?.setFieldsValue({ status: 'archived', category: undefined });
    formRef.current?.submit();
  };

  const clearFilters = (fields: readonly FilterField[]) => {
    formRef.current?.setFieldsValue(Object.fromEntries(fields.map((f) => [f, undefined])));
    formRef.current?.submit();
  };
  const filterValue = (field: FilterField, value: string): string => {
    switch (field) {
      case 'orgId':
        return (orgTree.data && findNode(orgTree.data, value)?.name) ?? '…';
      case 'status':
        return t(`households.status.${value as HouseholdStatus}`);
      case 'category':
        return t(`households.category.${value as Category | 'unassessed'}`);
      case 'cause':
        return t(`households.cause.${value as Cause}`);
      default:
        return value;
    }
  };
  const filterName: Record<FilterField, string> = {
    q: t('households.field.keyword'),
    orgId: t('households.field.employer'),
    status: t('households.field.status'),
    category: t('households.field.category'),
    cause: t('households.field.cause'),
    reviewDueBefore: t('households.field.reviewDueBefore'),
  };
  const activeFilters: ActiveFilter[] = FILTER_FIELDS.flatMap((field) => {
    const value = applied[field];
    if (!value) return [];
    return [
      {
        key: field,
        label: t('households.filters.item', { name: filterName[field], value: filterValue(field, value) }),
        onClose: () => clearFilters([field]),
      },
    ];
  });

  // Nothing on file, or nothing the tab and filters let through: the latter must not read as an empty archive.
  // A part of an ID number finds nothing (the server matches whole numbers only): say so, not just "none".
  const emptyText = partialIdQuery(applied.q)
    ? t('households.emptyPartialId', { n: applied.q?.replace(/\s/g, '').length })
    : t(
        activeFilters.length > 0
          ? 'households.emptyFiltered'
          : tab === 'awaiting'
            ? 'households.emptyAwaiting'
            : tab === 'exitProposed'
              ? 'households.emptyExitProposed'
              : 'households.empty',
      );
  // The cards count what the tab and the search fields let through (all but the category they split by).
  const statsFiltered = (['q', 'orgId', 'status', 'cause', 'reviewDueBefore'] as const).some(
    (f) => applied[f],
  );

  // As joinList writes a list: 患病、残疾 / Illness, Disability.
  const english = i18n.language === 'en';
  const causeMark = english ? ',' : '、';
  const columns: ProColumns<HouseholdListItem>[] = [
    {
      title: t('households.field.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      // The rule (a whole ID number, how names match) is too long for a placeholder.
      tooltip: t('households.field.keywordHint'),
      fieldProps: {
        placeholder: t('households.field.keywordPlaceholder'),
        'data-testid': 'households-keyword',
      },
    },
    {
      title: t('households.field.name'),
      dataIndex: 'name',
      search: false,
      fixed: 'left',
      width: 88,
      // Sex and age under the name: a column of their own would push the figures off the screen.
      render: (_, h) => (
        <>
          <Link to={`/households/${h.id}`} data-testid={`household-link-${h.id}`}>
            {h.name}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t(`households.sex.${h.sex}`)} · {h.age}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('households.field.idNumber'),
      dataIndex: 'idMasked',
      search: false,
      width: 156,
      render: (_, h) => (
        <Typography.Text style={{ fontFamily: 'monospace', fontSize: 13, whiteSpace: 'nowrap' }}>
          {h.idMasked}
        </Typography.Text>
      ),
    },
    {
      title: t('households.field.phone'),
      dataIndex: 'phoneMasked',
      search: false,
      width: 96,
      responsive: WIDE_ONLY,
    },
    {
      // The short heading in the table; the search form keeps 所在单位（基层工会）.
      title: (_, type) =>
        type === 'table' ? t('households.field.employerShort') : t('households.field.employer'),
      dataIndex: 'orgId',
      width: 132,
      // Unit names share a long prefix (临江…): two small lines show them whole, the rest on hover.
      render: (_, h) => (
        <Tooltip placement="topLeft" title={h.employerName}>
          <span data-testid={`household-row-employer-${h.id}`} style={EMPLOYER_CELL}>
            {h.employerName}
          </span>
        </Tooltip>
      ),
      // The filter takes a unit and everything below it (a street's households, or one union's): any unit
      // may be picked, and its label says so — the column itself is the grass-roots employer.
      formItemProps: { label: t('households.filter.orgSubtree') },
      renderFormItem: () => <OrgTreeSelect data-testid="households-org-filter" />,
    },
    {
      // In 待我审核 the column says what each row awaits: an archive review at either level, or an
      // exit to confirm (an archived household, which its status alone does not tell).
      title: (_, type) =>
        type === 'table' && tab === 'awaiting'
          ? t('households.awaiting.column')
          : t('households.field.status'),
      dataIndex: 'status',
      valueType: 'select',
      width: tab === 'awaiting' ? 120 : 92,
      fieldProps: {
        options: HOUSEHOLD_STATUSES.map((s) => ({ value: s, label: t(`households.status.${s}`) })),
      },
      render: (_, h) => (
        <Space size={4} wrap>
          {h.awaiting && (tab === 'awaiting' || h.awaiting === 'exit_confirmation') && (
            <Tag
              color={h.awaiting === 'exit_confirmation' ? 'orange' : 'blue'}
              style={WRAPPING_TAG}
              data-testid={`household-row-awaiting-${h.id}`}
            >
              {t(`households.awaiting.${h.awaiting}`)}
            </Tag>
          )}
          {(tab !== 'awaiting' || !h.awaiting || h.awaiting === 'exit_confirmation') && (
            <StatusTag status={h.status} testId={`household-row-status-${h.id}`} wrap />
          )}
          {h.reviewBlocked && (
            <Tooltip title={t(`households.reviewBlocked.${h.reviewBlocked}.hint`)}>
              <Tag data-testid={`household-row-blocked-${h.id}`} style={WRAPPING_TAG}>
                {t(`households.reviewBlocked.${h.reviewBlocked}.label`)}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('households.field.category'),
      dataIndex: 'category',
      valueType: 'select',
      width: 88,
      fieldProps: {
        options: STAT_CATEGORIES.map((c) => ({ value: c, label: t(`households.category.${c}`) })),
      },
      render: (_, h) => <CategoryTag category={h.category} wrap />,
    },
    {
      title: t('households.field.cause'),
      dataIndex: 'cause',
      valueType: 'select',
      width: 88,
      responsive: WIDE_ONLY,
      fieldProps: { options: CAUSES.map((c) => ({ value: c, label: t(`households.cause.${c}`) })) },
      // A line breaks between causes, never inside one ("子女就/学"), and the separator stays with the
      // cause before it (never a lone "," at the start of a line).
      render: (_, h) =>
        h.causes.length === 0
          ? '—'
          : h.causes.map((c, i) => {
              const last = i === h.causes.length - 1;
              return (
                <span key={c}>
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {t(`households.cause.${c}`)}
                    {!last && causeMark}
                  </span>
                  {!last && english && ' '}
                </span>
              );
            }),
    },
    {
      title: t('households.field.householdSizeShort'),
      dataIndex: 'householdSize',
      search: false,
      align: 'right',
      width: 68,
      responsive: WIDE_ONLY,
      render: (_, h) => h.householdSize ?? '—',
    },
    {
      title: t('households.field.perCapita'),
      dataIndex: 'perCapitaMonthlyFen',
      search: false,
      align: 'right',
      width: 100,
      // Sorted by the server (an index each way); the table's own sort would order one page only.
      sorter: true,
      defaultSortOrder: columnSortOrder(initial.sort, 'perCapitaMonthlyFen'),
      // Negative when rigid expenditure exceeds the income: the reason on hover.
      render: (_, h) =>
        h.perCapitaMonthlyFen !== null && h.perCapitaMonthlyFen < 0 ? (
          <Tooltip title={perCapitaText(h.perCapitaMonthlyFen)}>
            <span>{formatYuan(h.perCapitaMonthlyFen)}</span>
          </Tooltip>
        ) : (
          formatYuan(h.perCapitaMonthlyFen)
        ),
    },
    {
      title: t('households.field.reviewDueOn'),
      dataIndex: 'reviewDueOn',
      search: false,
      width: 104,
      // Earliest due first, the order the work is done in (one way only: the server's index).
      sorter: true,
      sortDirections: ['ascend'],
      defaultSortOrder: columnSortOrder(initial.sort, 'reviewDueOn'),
      // Overdue as on the 年审 page: a date before today (Beijing) of an archive still to review.
      render: (_, h) =>
        h.reviewDueOn ? (
          <>
            <span style={reviewOverdue(h, today) ? { color: '#cf1322' } : undefined}>{h.reviewDueOn}</span>
            {reviewOverdue(h, today) && (
              <Tag color="red" style={WRAPPING_TAG} data-testid={`household-row-overdue-${h.id}`}>
                {t('households.annual.overdueTag')}
              </Tag>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('households.field.reviewDueBefore'),
      dataIndex: 'reviewDueBefore',
      valueType: 'date',
      hideInTable: true,
    },
    {
      title: t('households.field.updatedAt'),
      dataIndex: 'updatedAt',
      search: false,
      width: 92,
      responsive: WIDE_ONLY,
      render: (_, h) => formatDate(h.updatedAt),
    },
  ];
  /**
   * The sum of the widths of the columns shown: the table scrolls sideways only when the window is
   * narrower (1440 fits all, 1024 with the menu folded the key ones).
   */
  const tableWidth = columns.reduce(
    (acc, c) =>
      acc +
      (c.hideInTable || (c.responsive && !c.responsive.some((b) => screens[b])) ? 0 : Number(c.width ?? 0)),
    0,
  );

  const total = stats.data?.total;
  /** A capped count reads "10,000+". */
  const countText = (n: number | undefined, capped: boolean) =>
    n === undefined ? '—' : `${n.toLocaleString('zh-CN')}${capped ? '+' : ''}`;

  return (
    <PageContainer title={t('households.title')} breadcrumbRender={false}>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="households-stats">
        <Col xs={12} sm={8} lg={4}>
          <Card size="small" hoverable onClick={pickAll} data-testid="households-stat-total">
            <Statistic
              title={
                <span data-testid="households-stat-title">
                  {statsTitle({ tab, mine: exitMine }, statsFiltered)}
                </span>
              }
              value={countText(total, stats.data?.capped.total ?? false)}
              loading={stats.isLoading}
            />
            {stats.data && (
              <Typography.Link
                data-testid="households-stat-archived"
                onClick={(e) => {
                  e.stopPropagation();
                  pickArchived();
                }}
              >
                {t('households.stats.archived', {
                  n: countText(stats.data.byStatus.archived, stats.data.capped.byStatus.includes('archived')),
                })}
              </Typography.Link>
            )}
          </Card>
        </Col>
        {STAT_CATEGORIES.map((c) => (
          <Col xs={12} sm={8} lg={4} key={c}>
            <Card
              size="small"
              hoverable
              onClick={() => pickCategory(c)}
              data-testid={`households-stat-${c}`}
              style={{ borderTop: `3px solid ${CATEGORY_COLORS[c]}` }}
            >
              <Statistic
                title={t(`households.category.${c}`)}
                value={countText(
                  stats.data?.byCategory[c] ?? 0,
                  stats.data?.capped.byCategory.includes(c) ?? false,
                )}
                loading={stats.isLoading}
                valueStyle={{ color: c === 'none' || c === 'unassessed' ? undefined : CATEGORY_COLORS[c] }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <ProTable<HouseholdListItem, SearchParams>
        data-testid="households-table"
        rowKey="id"
        actionRef={actionRef}
        formRef={formRef}
        columns={columns}
        params={{ tab, mine: tab === 'exitProposed' && exitMine && can('household.review') }}
        form={{
          initialValues: {
            q: initial.q,
            orgId: initial.orgId,
            status: initial.status,
            category: initial.category,
            cause: initial.cause,
            reviewDueBefore: initial.reviewDueBefore,
          },
        }}
        scroll={{ x: tableWidth }}
        search={{
          labelWidth: 'auto',
          // A filter from the address is shown, not applied out of sight in the collapsed part.
          defaultCollapsed: !FOLDABLE_FIELDS.some((f) => initial[f]),
          // By the form's width: two fields a row on 1024 px, three from about 1200 px, so that an English
          // label leaves its field room ("Emp…" at three on 1024 px, the placeholder cut at four on 1440 px).
          span: { xs: 24, sm: 24, md: 12, lg: 12, xl: 8, xxl: 8 },
        }}
        pagination={{
          defaultCurrent: initial.page,
          defaultPageSize: initial.pageSize,
          pageSizeOptions: PAGE_SIZES.map(String),
          showSizeChanger: true,
          showTotal: (n) => householdPageTotal(n, totalCapped),
        }}
        tableExtraRender={() => (
          <ActiveFilters
            filters={activeFilters}
            onClearAll={() => clearFilters(FILTER_FIELDS)}
            testId="households-active-filters"
          />
        )}
        options={{ reload: true, density: false, setting: false }}
        locale={{ emptyText: <span data-testid="households-empty">{emptyText}</span> }}
        headerTitle={
          <Space>
            <Segmented<Tab>
              data-testid="households-tabs"
              value={tab}
              onChange={(value) => setTab(value)}
              options={tabOptions}
            />
            {tab === 'exitProposed' && can('household.review') && (
              <Checkbox
                data-testid="households-exit-mine"
                checked={exitMine}
                onChange={(e) => setExitMine(e.target.checked)}
              >
                {t('households.tab.exitMine')}
              </Checkbox>
            )}
          </Space>
        }
        request={async (params, sorter) => {
          const base: HouseholdFilter = {
            q: params.q?.trim() || undefined,
            orgId: params.orgId || undefined,
            status: params.status || undefined,
            cause: params.cause || undefined,
            reviewDueBefore: params.reviewDueBefore || undefined,
            awaitingMyReview: params.tab === 'awaiting' || params.mine ? true : undefined,
            exitProposed: params.tab === 'exitProposed' ? true : undefined,
          };
          setFilter(base);
          setCategory(params.category || undefined);
          setApplied({ ...params, q: base.q });
          // The state goes to the address (replacing it: Back leaves the list, not the last filter).
          const state: HouseholdListState = {
            tab: params.tab ?? 'all',
            mine: params.tab === 'exitProposed' && exitMine,
            q: base.q,
            orgId: base.orgId,
            status: base.status,
            category: params.category || undefined,
            cause: base.cause,
            reviewDueBefore: base.reviewDueBefore,
            sort: sortOfColumns(sorter),
            page: params.current ?? 1,
            pageSize: params.pageSize ?? DEFAULT_PAGE_SIZE,
          };
          const next = listStateParams(state);
          const search = next.size > 0 ? `?${next.toString()}` : '';
          if (search !== window.location.search) setSearchParams(next, { replace: true, state: LIST_WRITE });
          const query: HouseholdListQuery = {
            ...base,
            category: params.category || undefined,
            sort: state.sort,
            page: params.current ?? 1,
            pageSize: params.pageSize ?? DEFAULT_PAGE_SIZE,
          };
          try {
            const page = await queryClient.fetchQuery({
              queryKey: householdKeys.list(query),
              queryFn: ({ signal }) => listHouseholds(query, signal),
              staleTime: 0,
            });
            setTotalCapped(page.totalCapped);
            // A page beyond the last (an old link, `?page=9` of 2): go to the last page, not an empty table.
            const last = Math.ceil(page.total / query.pageSize);
            if (page.items.length === 0 && query.page > last && last >= 1 && !page.totalCapped)
              setTimeout(() => actionRef.current?.setPageInfo?.({ current: last }));
            return { data: page.items, total: page.total, success: true };
          } catch (error) {
            message.error(errorMessage(error));
            return { data: [], total: 0, success: false };
          }
        }}
        // One wrapping group: at 1024 px in English the buttons take two lines instead of leaving the card.
        toolBarRender={() => [
          <Space key="actions" wrap size={8} style={{ justifyContent: 'flex-end' }}>
            {[
              ...(can('household.review')
                ? [
                    <Button
                      key="duplicates"
                      icon={<CopyOutlined />}
                      data-testid="households-duplicates-link"
                      onClick={() => navigate('/households/duplicates')}
                    >
                      {t('households.dup.pageTitle')}
                    </Button>,
                  ]
                : []),
              <HouseholdExportButtons key="export" filter={{ ...filter, category }} />,
              ...(can('household.write')
                ? [
                    <Button
                      key="import"
                      icon={<ImportOutlined />}
                      data-testid="household-import-button"
                      onClick={() => navigate('/households/import')}
                    >
                      {t('households.import.button')}
                    </Button>,
                    <Button
                      key="create"
                      type="primary"
                      icon={<PlusOutlined />}
                      data-testid="household-create-button"
                      onClick={() => navigate('/households/new')}
                    >
                      {t('households.create')}
                    </Button>,
                  ]
                : []),
            ]}
          </Space>,
        ]}
      />
    </PageContainer>
  );
}
