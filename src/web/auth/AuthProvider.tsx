import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';
import type { Me, Permission } from '../api/types';
import { clearSessionMemory } from '../lib/sessionMemory';
import { AuthContext, type AuthState } from './AuthContext';
import { fetchMe, logout, meQueryKey } from './auth.api';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const { data, isPending } = useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const me = data ?? null;

  const pathname = location.pathname;
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (!queryClient.getQueryData(meQueryKey)) return;
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      message.warning(t('common.sessionExpired'));
      navigate('/login', { replace: true, state: { from: pathname } });
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, navigate, message, t, pathname]);

  const signIn = useCallback(
    (user: Me) => {
      queryClient.clear();
      clearSessionMemory();
      queryClient.setQueryData(meQueryKey, user);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      queryClient.clear();
      clearSessionMemory();
      queryClient.setQueryData(meQueryKey, null);
    }
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
  }, [queryClient]);

  const value = useMemo<AuthState>(() => {
    const permissions = new Set(me?.permissions ?? []);
    return {
      me,
      loading: isPending,
      can: (permission: Permission) => permissions.has(permission),
      signIn,
      signOut,
      refresh,
    };
  }, [me, isPending, signIn, signOut, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
