import { z } from 'zod';
import type { Deps } from '../../common/context';
import { ROLES } from '../../common/permissions';
import { actorOf, SESSION_COOKIE } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import { ORG_LEVELS } from '../orgs/orgs.table';
import * as usecases from './auth.usecases';

const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  orgLevel: z.enum(ORG_LEVELS),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
  /** The server's upload limit (BANGFU_MAX_UPLOAD_MB), for the forms' hints. */
  maxUploadMb: z.number(),
});

const loginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(50),
  password: z.string().min(1, '请输入密码').max(128),
  /**
   * browser (the default): the session goes into an httpOnly cookie and the reply carries no token, so
   * no script on the page can read it. api: no cookie; the reply carries a token for
   * `Authorization: Bearer`.
   */
  client: z.enum(['browser', 'api'], { error: 'client 只能是 browser 或 api' }).default('browser'),
});

const ok = z.object({ ok: z.literal(true) });

export function registerAuthRoutes(app: App, deps: Deps) {
  const tags = ['登录 auth'];

  app.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        // Per-IP throttle in front of the per-account lock-out.
        rateLimit: { max: 20, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary:
          '登录：浏览器（默认）设置 httpOnly 会话 Cookie 并返回 CSRF 令牌；client=api 时不设 Cookie，返回 Bearer 令牌',
        body: loginBody,
        response: {
          200: z.object({ user: meSchema, csrfToken: z.string().optional(), token: z.string().optional() }),
        },
      },
    },
    async (request, reply) => {
      const { username, password, client } = request.body;
      const result = await usecases.login(deps, {
        username,
        password,
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: String(request.id),
      });
      const via = client === 'api' ? 'bearer' : 'cookie';
      const resolved = await usecases.resolveSession(deps, result.token, via);
      if (!resolved.ok) throw new Error('session vanished right after login');
      const user = await usecases.describeMe(deps, resolved.principal);
      if (client === 'api') return { user, token: result.token };
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: deps.config.sessionTtlHours * 3600,
      });
      return { user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { allowTemporaryPassword: true },
      schema: { tags, summary: '退出登录（使当前会话失效）', response: { 200: ok } },
    },
    async (request, reply) => {
      await usecases.logout(deps, actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { allowTemporaryPassword: true },
      schema: {
        tags,
        summary: '当前用户',
        response: { 200: z.object({ user: meSchema, csrfToken: z.string() }) },
      },
    },
    async (request) => ({
      user: await usecases.describeMe(deps, actorOf(request).principal, request.principalOrg ?? undefined),
      csrfToken: request.csrfToken ?? '',
    }),
  );

  app.post(
    '/api/auth/password',
    {
      config: { allowTemporaryPassword: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '修改本人密码（其他设备上的会话将失效）',
        body: z.strictObject({
          currentPassword: z.string().min(1).max(128),
          newPassword: z.string().min(1).max(128),
        }),
        response: { 200: ok },
      },
    },
    async (request) => {
      await usecases.changePassword(deps, actorOf(request), request.body);
      return { ok: true as const };
    },
  );
}
