import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Principal } from '../common/context';
import type { Action } from '../common/permissions';
import type { OrgLevel } from '../modules/orgs/orgs.table';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Name and level of the caller's unit, read with the session. */
    principalOrg: { name: string; level: OrgLevel } | null;
    sessionProblem: 'missing' | 'expired' | null;
    csrfToken: string | null;
    idempotency: { key: string } | null;
  }
  interface FastifyContextConfig {
    /** No sign-in needed (login, health, public pages). */
    public?: boolean;
    /** The action the caller's roles must allow; signed-in is always required unless `public`. */
    permission?: Action;
    /** Reachable while the user still has to replace a temporary password. */
    allowTemporaryPassword?: boolean;
    /**
     * The reply carries full personal data (a reveal). The idempotency store never keeps or replays it:
     * every call runs its use case, so the scope is checked and the reveal audited each time.
     */
    revealsPersonalData?: boolean;
  }
}
