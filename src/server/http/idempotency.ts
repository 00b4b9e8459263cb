import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { canonicalJson } from '../common/canonical-json';
import type { Deps } from '../common/context';
import { CommonErrors } from '../common/errors';
import { idempotencyKeys } from '../common/idempotency.table';
import type { App } from './types';

const KEY_PATTERN = /^[\w.:-]{1,200}$/;
const RETENTION_HOURS = 24;
const IDEMPOTENCY_PURPOSE = 'idempotency-request';

/**
 * `Idempotency-Key` on POST: the first request with a key runs; a retry with the same key and body
 * gets the stored first response and no second effect; the same key with another body is refused.
 * A request whose first attempt failed with a 5xx releases its key so that it can be retried; one that
 * the server's stop cut off is answered `IDEMPOTENCY_ABANDONED` (its effect may or may not be in).
 * Keys are kept 24 hours.
 * Multipart uploads refuse the header: their body is streamed later and cannot be fingerprinted here.
 * Routes marked `revealsPersonalData` ignore the header: a stored reply would keep the full value in
 * plain text and a replay would hand it out without the scope check and the audit entry of the use case.
 * A reveal has no other effect, so running it again is the safe retry.
 */
export function registerIdempotency(app: App, deps: Deps) {
  app.decorateRequest('idempotency', null);

  const revealPaths: string[] = [];
  app.addHook('onRoute', (route) => {
    if (route.config?.revealsPersonalData) revealPaths.push(route.url);
  });
  // Replies of reveals stored before they were excluded would otherwise stay readable until purged.
  app.addHook('onReady', async () => {
    if (revealPaths.length > 0)
      await deps.db.delete(idempotencyKeys).where(inArray(idempotencyKeys.path, revealPaths));
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.principal) return;
    if (request.routeOptions.config.revealsPersonalData) return;
    if (!KEY_PATTERN.test(key)) {
      throw CommonErrors.BAD_REQUEST({
        reason: 'Idempotency-Key 只能包含字母、数字和 . : - _，最长 200 位',
        reasonEn: 'an Idempotency-Key may hold only letters, digits and . : - _, at most 200 characters',
      });
    }
    if (request.isMultipart()) {
      // The file is streamed after this hook, so a retry with another file could not be told apart.
      throw CommonErrors.BAD_REQUEST({
        reason: '文件上传不支持 Idempotency-Key，请去掉该请求头后重试',
        reasonEn: 'file uploads do not take an Idempotency-Key; remove the header and retry',
      });
    }
    const userId = request.principal.userId;
    const path = request.routeOptions.url ?? request.url;
    const body = request.body ?? null;
    // Keyed (the vault's index key), not a bare SHA-256: a body may hold an ID number (an export's search),
    // and ID numbers are few enough to be recovered from a plain hash by trying them all.
    const requestHash = deps.vault.blindIndex(
      `${request.method} ${request.url}\n${canonicalJson(body)}`,
      IDEMPOTENCY_PURPOSE,
    );
    const inserted = await deps.db
      .insert(idempotencyKeys)
      .values({ userId, key, method: request.method, path, requestHash, state: 'pending' })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) {
      request.idempotency = { key };
      return;
    }
    const [existing] = await deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!existing) throw CommonErrors.IDEMPOTENCY_IN_PROGRESS();
    if (existing.requestHash !== requestHash) throw CommonErrors.IDEMPOTENCY_KEY_REUSED();
    if (existing.state === 'abandoned') throw CommonErrors.IDEMPOTENCY_ABANDONED();
    if (existing.state !== 'done') throw CommonErrors.IDEMPOTENCY_IN_PROGRESS();
    reply.header('idempotency-replayed', 'true');
    return reply.status(existing.responseStatus ?? 200).send(existing.responseBody);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem || !request.principal) return payload;
    request.idempotency = null;
    const where = and(
      eq(idempotencyKeys.userId, request.principal.userId),
      eq(idempotencyKeys.key, idem.key),
    );
    if (reply.statusCode >= 500) {
      await deps.db.delete(idempotencyKeys).where(where);
      return payload;
    }
    let body: unknown = null;
    if (typeof payload === 'string' && payload.length > 0) {
      try {
        body = JSON.parse(payload);
      } catch {
        body = { raw: payload };
      }
    }
    await deps.db
      .update(idempotencyKeys)
      .set({ state: 'done', responseStatus: reply.statusCode, responseBody: body })
      .where(where);
    return payload;
  });
}

export async function purgeOldIdempotencyKeys(deps: Pick<Deps, 'db'>) {
  await deps.db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${RETENTION_HOURS})`));
}

/**
 * On start: requests still `pending` were cut off by the last stop (one server process owns the
 * database, as with jobs), so their keys become `abandoned`.
 */
export async function abandonPendingIdempotencyKeys(deps: Pick<Deps, 'db'>) {
  await deps.db
    .update(idempotencyKeys)
    .set({ state: 'abandoned' })
    .where(eq(idempotencyKeys.state, 'pending'));
}
