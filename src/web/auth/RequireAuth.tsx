import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageLoading } from '../components/PageLoading';
import { useAuth } from './AuthContext';

/** Sends visitors without a session to /login, and users who must change their password to /account. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading fullscreen />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword && location.pathname !== '/account') {
    return <Navigate to="/account" replace state={{ mustChangePassword: true }} />;
  }
  return children;
}
