import { createContext, useContext } from 'react';
import type { Me, Permission } from '../api/types';

export interface AuthState {
  me: Me | null;
  /** True until the first `/auth/me` answered. */
  loading: boolean;
  can: (permission: Permission) => boolean;
  signIn: (me: Me) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

/** The signed-in user; only call below <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe called without a signed-in user');
  return me;
}

export function useCan(): (permission: Permission) => boolean {
  return useAuth().can;
}
