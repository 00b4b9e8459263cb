import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Permission } from '../../../api/types';
import i18n from '../../../i18n';
import type { DashboardSummary as Dashboard } from '../dashboard.api';
import { ArchiveFigures } from './ArchiveFigures';
import { OrgLevelChart } from './OrgLevelChart';
import { RecentAudit } from './RecentAudit';
import { RoleChart } from './RoleChart';
import { orgTotal, StatCards } from './StatCards';

/**
 * One block of the dashboard. Later modules (households, programs, consumption…) append their
 * widgets to `DASHBOARD_WIDGETS`; the page lays them out on a 24-column grid in this order.
 */
export interface DashboardWidget {
  key: string;
  /** Card title; none renders the widget without a card (e.g. a row of statistic cards). */
  title?: () => string;
  extra?: () => ReactNode;
  /** Columns out of 24 on wide screens (or by the reply); always full width on phones. */
  span: number | ((data: Dashboard) => number);
  permission?: Permission;
  /** Hide the widget when the reply has nothing for it. */
  visible?: (data: Dashboard) => boolean;
  render: (data: Dashboard) => ReactNode;
}

export const DASHBOARD_WIDGETS: DashboardWidget[] = [
  { key: 'stats', span: 24, render: (data) => <StatCards data={data} /> },
  {
    key: 'archive',
    title: () => i18n.t('dashboard.archive.title'),
    extra: () => <Link to="/households">{i18n.t('dashboard.archive.viewAll')}</Link>,
    span: 24,
    permission: 'household.read',
    visible: (data) => data.archive !== null,
    render: (data) => data.archive && <ArchiveFigures figures={data.archive} />,
  },
  {
    key: 'org-levels',
    title: () => i18n.t('dashboard.orgsByLevel'),
    // Beside 用户角色分布 when that is shown, else the row's whole width.
    span: (data) => (data.roleCounts === null ? 24 : 12),
    // A unit with none below it (a grass-roots union) would show 0 / 0 / 0 / 1: nothing to compare.
    visible: (data) => orgTotal(data) > 1,
    render: (data) => <OrgLevelChart data={data} />,
  },
  {
    key: 'user-roles',
    title: () => i18n.t('dashboard.usersByRole'),
    span: 12,
    permission: 'user.read',
    visible: (data) => data.roleCounts !== null,
    render: (data) => <RoleChart data={data} />,
  },
  {
    key: 'recent-audit',
    title: () => i18n.t('dashboard.recentAudit'),
    extra: () => <Link to="/audit">{i18n.t('dashboard.viewAllAudit')}</Link>,
    span: 24,
    permission: 'audit.read',
    visible: (data) => Array.isArray(data.recentAudit),
    render: (data) => <RecentAudit data={data} />,
  },
];
