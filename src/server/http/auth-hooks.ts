import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../common/context';
import { CommonErrors, defineErrors } from '../common/errors';
import { can } from '../common/permissions';
import { resolveSession } from '../modules/auth/auth.usecases';
import type { App } from './types';

export const SESSION_COOKIE = 'bangfu_session';

const HookErrors = defineErrors({
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码后再继续操作',
    en: 'Please change your temporary password first',
  },
});

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller on every /api request, then enforces sign-in, CSRF (for cookie sessions),
 * temporary-password and role permission as declared in each route's `config`. Both run on request,
 * before the body is parsed and the input validated: an anonymous caller learns nothing of a route's
 * fields (401, not 400 listing them), one without the permission gets 403 whatever they sent, and
 * neither costs a body parse.
 */
/**
 * Whether the request was routed to an API route, read from the matched route's pattern: the raw URL
 * may spell the same path otherwise (`/%61pi/audit/verify` reaches `/api/audit/verify`, the router
 * decoding it), and a check on the raw URL let it through unchecked. An unknown path has no route (404).
 */
function isApiRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/api/') ?? false;
}

export function registerAuthHooks(app: App, deps: Deps) {
  app.decorateRequest('principal', null);
  app.decorateRequest('principalOrg', null);
  app.decorateRequest('sessionProblem', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request) => {
    if (!isApiRoute(request)) return;
    const bearer = bearerToken(request);
    const cookie = request.cookies[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) return;
    const found = await resolveSession(deps, token, bearer ? 'bearer' : 'cookie');
    if (found.ok) {
      request.principal = found.principal;
      request.csrfToken = found.csrfToken;
      request.principalOrg = found.org;
    } else {
      request.sessionProblem = found.reason;
    }
  });

  // A hook of its own after the one above: hooks run in the order they are added.
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const route = request.routeOptions.url;
    // The interactive API docs are public like the OpenAPI document they render.
    if (!isApiRoute(request) || route?.startsWith('/api/docs') || config.public) return;
    const principal = request.principal;
    if (!principal) {
      throw request.sessionProblem === 'expired'
        ? CommonErrors.SESSION_EXPIRED()
        : CommonErrors.UNAUTHENTICATED();
    }
    if (principal.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
        throw CommonErrors.CSRF_FAILED();
      }
    }
    if (principal.mustChangePassword && !config.allowTemporaryPassword)
      throw HookErrors.PASSWORD_CHANGE_REQUIRED();
    if (config.permission && !can(principal.roles, config.permission)) throw CommonErrors.FORBIDDEN();
  });
}

/** The signed-in caller of a route that is not public (the hooks above guarantee one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw CommonErrors.UNAUTHENTICATED();
  return { principal: request.principal, ip: request.ip ?? null, requestId: String(request.id) };
}
