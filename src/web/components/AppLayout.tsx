import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  GiftOutlined,
  HomeOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { type MenuDataItem, ProLayout } from '@ant-design/pro-components';
import { App, Button, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../api/types';
import { useAuth, useMe } from '../auth/AuthContext';
import { LanguageSwitch } from './LanguageSwitch';
import { PageLoading } from './PageLoading';

interface MenuEntry {
  path: string;
  labelKey:
    | 'menu.dashboard'
    | 'menu.households'
    | 'menu.policies'
    | 'menu.orgs'
    | 'menu.users'
    | 'menu.audit'
    | 'menu.account'
    | 'households.menu.list'
    | 'households.menu.annualReview'
    | 'households.menu.duplicates'
    | 'households.menu.report'
    | 'menu.aid'
    | 'menu.funds'
    | 'menu.programs'
    | 'menu.applications'
    | 'menu.review'
    | 'menu.aidStatistics'
    | 'menu.disbursements'
    | 'menu.publicity';
  icon?: ReactNode;
  /** Shown only to users holding it; the account page is for everyone. */
  permission?: Permission;
  /** Sub-menu entries (the parent then only opens and closes). */
  children?: MenuEntry[];
  /** Menu key when a child shares the parent's path. */
  key?: string;
}

/** The modules that exist. Later modules add their entry here. */
const MENU: MenuEntry[] = [
  { path: '/', labelKey: 'menu.dashboard', icon: <DashboardOutlined />, permission: 'dashboard.read' },
  {
    path: '/households',
    key: 'households-group',
    labelKey: 'menu.households',
    icon: <HomeOutlined />,
    permission: 'household.read',
    children: [
      { path: '/households', labelKey: 'households.menu.list', permission: 'household.read' },
      {
        path: '/households/annual-review',
        labelKey: 'households.menu.annualReview',
        permission: 'household.read',
      },
      {
        path: '/households/duplicates',
        labelKey: 'households.menu.duplicates',
        permission: 'household.review',
      },
      { path: '/households/report', labelKey: 'households.menu.report', permission: 'household.read' },
    ],
  },
  {
    path: '/programs',
    key: 'aid-group',
    labelKey: 'menu.aid',
    icon: <GiftOutlined />,
    permission: 'program.read',
    children: [
      { path: '/funds', labelKey: 'menu.funds', permission: 'fund.read' },
      { path: '/programs', labelKey: 'menu.programs', permission: 'program.read' },
      { path: '/applications', labelKey: 'menu.applications', permission: 'application.read' },
      { path: '/applications/review', labelKey: 'menu.review', permission: 'application.review' },
      { path: '/publicity', labelKey: 'menu.publicity', permission: 'program.read' },
      { path: '/aid-statistics', labelKey: 'menu.aidStatistics', permission: 'program.read' },
      { path: '/disbursements', labelKey: 'menu.disbursements', permission: 'disbursement.read' },
    ],
  },
  { path: '/policies', labelKey: 'menu.policies', icon: <FileProtectOutlined />, permission: 'policy.read' },
  { path: '/orgs', labelKey: 'menu.orgs', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/users', labelKey: 'menu.users', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/account', labelKey: 'menu.account', icon: <UserOutlined /> },
];

/** Sub-pages that are menu entries of their own: select only them, not their parent list too. */
const EXACT_MENU_PATHS = [
  '/households/annual-review',
  '/households/duplicates',
  '/households/report',
  '/applications/review',
];

/**
 * Below this width the side menu starts collapsed (icons only): at 1024 px, a common office laptop, the
 * 208 px menu left the tables too little room. Crossing the width collapses or opens it again; in
 * between, the user's own toggle holds.
 */
export const COLLAPSE_MENU_BELOW = 1200;
const NARROW_QUERY = `(max-width: ${COLLAPSE_MENU_BELOW - 0.02}px)`;

function useCollapsedMenu() {
  const narrow = () => typeof window !== 'undefined' && window.matchMedia(NARROW_QUERY).matches;
  const [collapsed, setCollapsed] = useState(narrow);
  useEffect(() => {
    const query = window.matchMedia(NARROW_QUERY);
    const follow = (e: MediaQueryListEvent) => setCollapsed(e.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return [collapsed, setCollapsed] as const;
}

function Logo() {
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: 28,
        height: 28,
        borderRadius: 6,
        background: '#c62f2f',
        color: '#fff',
        fontWeight: 700,
        fontSize: 16,
      }}
    >
      帮
    </span>
  );
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const { can, signOut } = useAuth();
  const me = useMe();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useCollapsedMenu();

  const routes = useMemo<MenuDataItem[]>(() => {
    const toItems = (entries: MenuEntry[]): MenuDataItem[] =>
      entries
        .filter((entry) => !entry.permission || can(entry.permission))
        .map((entry) => ({
          path: entry.path,
          key: entry.key ?? entry.path,
          name: t(entry.labelKey),
          icon: entry.icon,
          ...(entry.children ? { children: toItems(entry.children) } : {}),
        }));
    return toItems(MENU);
  }, [can, t]);

  const handleLogout = async () => {
    try {
      await signOut();
    } finally {
      message.success(t('header.loggedOut'));
      navigate('/login', { replace: true });
    }
  };

  return (
    <ProLayout
      layout="mix"
      fixSiderbar
      fixedHeader
      title={t('app.shortName')}
      logo={<Logo />}
      locale={i18n.language === 'en' ? 'en-US' : 'zh-CN'}
      route={{ path: '/', routes }}
      location={{ pathname: location.pathname }}
      selectedKeys={EXACT_MENU_PATHS.includes(location.pathname) ? [location.pathname] : undefined}
      menu={{ locale: false }}
      siderWidth={208}
      collapsed={collapsed}
      onCollapse={setCollapsed}
      // Our own width (useCollapsedMenu), not the layout's: its breakpoint would fight the user's toggle.
      breakpoint={false}
      onMenuHeaderClick={() => navigate('/')}
      menuItemRender={(item, dom) =>
        item.path ? (
          <Link
            to={item.path}
            data-testid={`menu-${item.path === '/' ? 'dashboard' : item.path.slice(1).replaceAll('/', '-')}`}
          >
            {dom}
          </Link>
        ) : (
          dom
        )
      }
      token={{
        header: { colorBgHeader: '#fff' },
        sider: { colorMenuBackground: '#fff' },
      }}
      actionsRender={() => [
        <div
          key="me"
          data-testid="current-user"
          style={{ display: 'flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap', paddingInline: 8 }}
        >
          <UserOutlined />
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <Typography.Text
            type="secondary"
            title={me.orgName}
            style={{ maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            {me.orgName}
          </Typography.Text>
        </div>,
        <LanguageSwitch key="lang" />,
        <Button
          key="logout"
          type="text"
          icon={<LogoutOutlined />}
          onClick={() => void handleLogout()}
          data-testid="logout-button"
        >
          {t('header.logout')}
        </Button>,
      ]}
    >
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </ProLayout>
  );
}
