import { api, setCsrfToken } from '../api/client';
import { ApiError } from '../api/errors';
import type { LoginReply, Me, MeReply } from '../api/types';

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no valid session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const reply = await api<MeReply>('/auth/me', { skipAuthRedirect: true });
    setCsrfToken(reply.csrfToken);
    return reply.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(username: string, password: string): Promise<Me> {
  const reply = await api<LoginReply>('/auth/login', {
    method: 'POST',
    body: { username, password },
    skipAuthRedirect: true,
  });
  setCsrfToken(reply.csrfToken);
  return reply.user;
}

export async function logout(): Promise<void> {
  try {
    await api<{ ok: true }>('/auth/logout', { method: 'POST', skipAuthRedirect: true });
  } finally {
    setCsrfToken(null);
  }
}

export function changePassword(currentPassword: string, newPassword: string): Promise<{ ok: true }> {
  return api('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}
