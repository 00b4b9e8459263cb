import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from './common/idempotency.table';
import { purgeExpired, startHousekeeping } from './housekeeping';
import { sessions } from './modules/auth/auth.table';
import { hashToken } from './modules/auth/auth.usecases';
import { ADMIN_PASSWORD, createTestContext, type TestContext } from './testing/harness';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const sessionRow = async (id: string) =>
  (await t.deps.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, id)))[0];
const sessionIdOf = async (token: string) =>
  (
    await t.deps.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)))
  )[0]!.id;

describe('housekeeping', () => {
  it('deletes sessions a month after they expired or were signed out, keeps the others', async () => {
    const live = await t.login('admin', ADMIN_PASSWORD);
    const expired = await t.login('admin', ADMIN_PASSWORD);
    const signedOut = await t.login('admin', ADMIN_PASSWORD);
    const recent = await t.login('admin', ADMIN_PASSWORD);
    const liveId = await sessionIdOf(live.token);
    const expiredId = await sessionIdOf(expired.token);
    const signedOutId = await sessionIdOf(signedOut.token);
    const recentId = await sessionIdOf(recent.token);
    await t.deps.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '31 days'` })
      .where(eq(sessions.id, expiredId));
    await t.deps.db
      .update(sessions)
      .set({ revokedAt: sql`now() - interval '31 days'` })
      .where(eq(sessions.id, signedOutId));
    await t.deps.db
      .update(sessions)
      .set({ revokedAt: sql`now() - interval '29 days'` })
      .where(eq(sessions.id, recentId));

    await purgeExpired(t.deps);

    expect(await sessionRow(expiredId)).toBeUndefined();
    expect(await sessionRow(signedOutId)).toBeUndefined();
    expect(await sessionRow(recentId)).toBeDefined();
    expect(await sessionRow(liveId)).toBeDefined();
    expect((await live.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('at start, marks the idempotency keys a stop cut off as abandoned, and stops when told', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    await t.deps.db.insert(idempotencyKeys).values({
      userId: admin.userId,
      key: 'housekeeping-cut-off',
      method: 'POST',
      path: '/api/orgs',
      requestHash: '0'.repeat(64),
      state: 'pending',
    });
    const errors: unknown[] = [];
    const stop = await startHousekeeping(t.deps, { error: (obj) => errors.push(obj) });
    stop();
    const [key] = await t.deps.db
      .select({ state: idempotencyKeys.state })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, 'housekeeping-cut-off'));
    expect(key?.state).toBe('abandoned');
    expect(errors).toEqual([]);
  });
});
