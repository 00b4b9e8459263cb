import { enUSIntl, ProConfigProvider, zhCNIntl } from '@ant-design/pro-components';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
// The ES-module builds: with the CommonJS `antd/locale/*` the production build silently showed antd's
// English defaults in the Chinese UI (「20 / page」, English date pickers); e2e checks for 「条/页」.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../api/queryClient';
import { appTheme } from './theme';

/** Query cache, antd and ProComponents locale (follows the i18next language) and theme. */
export function AppProviders({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={english ? enUS : zhCN} theme={appTheme}>
        {/* ProComponents keep their own texts (placeholders, table toolbars): switch them too. */}
        <ProConfigProvider intl={english ? enUSIntl : zhCNIntl}>
          <AntApp>{children}</AntApp>
        </ProConfigProvider>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
