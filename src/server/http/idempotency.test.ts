import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { canonicalJson } from '../common/canonical-json';
import { idempotencyKeys } from '../common/idempotency.table';
import { createCityPolicy, makeJiangdongOrgs, residentIds } from '../testing/archive-fixtures';
import { ADMIN_PASSWORD, createTestContext, type Session, type TestContext } from '../testing/harness';
import { abandonPendingIdempotencyKeys, purgeOldIdempotencyKeys } from './idempotency';

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

const district = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  level: 'district',
  parentId: t.rootOrgId,
  regionCode: '330102',
  ...over,
});

const createOrg = (session: Session, key: string, payload: object): Promise<LightMyRequestResponse> =>
  session.request({ method: 'POST', url: '/api/orgs', headers: { 'idempotency-key': key }, payload });

async function countNamed(name: string): Promise<number> {
  const res = await admin.request({ method: 'GET', url: '/api/orgs?flat=true' });
  return res.json().items.filter((o: { name: string }) => o.name === name).length;
}

describe('Idempotency-Key', () => {
  it('a retry with the same key and body replays the first response without a second effect', async () => {
    const body = district('幂等区总工会');
    const first = await createOrg(admin, 'create-org-0001', body);
    const retry = await createOrg(admin, 'create-org-0001', body);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await countNamed('幂等区总工会')).toBe(1);
  });

  it('refuses the same key with another body, and creates nothing for it', async () => {
    expect((await createOrg(admin, 'reused-key', district('原请求区总工会'))).statusCode).toBe(201);
    const other = await createOrg(admin, 'reused-key', district('换了内容的区总工会'));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countNamed('换了内容的区总工会')).toBe(0);
    expect(await countNamed('原请求区总工会')).toBe(1);
  });

  it('stores a keyed fingerprint of the request, not a plain hash that an ID number could be guessed from', async () => {
    const idNumber = residentIds({ region: '330106' })();
    const started = await admin.request({
      method: 'POST',
      url: '/api/households/export',
      headers: { 'idempotency-key': 'export-by-id-0001' },
      payload: { q: idNumber },
    });
    expect(started.statusCode, started.body).toBe(202);
    const [stored] = await t.deps.db
      .select({ requestHash: idempotencyKeys.requestHash })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, 'export-by-id-0001'));
    // The fingerprint is of the body as validated (defaults filled in).
    const text = `POST /api/households/export\n${canonicalJson({ q: idNumber, unmasked: false })}`;
    expect(stored!.requestHash).not.toBe(createHash('sha256').update(text).digest('hex'));
    expect(stored!.requestHash).toBe(t.deps.vault.blindIndex(text, 'idempotency-request'));
  });

  it('keys belong to one user: another user with the same key runs normally', async () => {
    const colleague = await t.login((await t.makeUser(t.rootOrgId, ['admin'])).username);
    expect((await createOrg(admin, 'shared-key', district('甲的区总工会'))).statusCode).toBe(201);
    const theirs = await createOrg(colleague, 'shared-key', district('乙的区总工会'));
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotency-replayed']).toBeUndefined();
    expect(theirs.json().name).toBe('乙的区总工会');
    expect(await countNamed('乙的区总工会')).toBe(1);
  });

  it('replays a refused first attempt as the same refusal', async () => {
    const body = district('市级不能挂在市级下', { level: 'city' });
    const first = await createOrg(admin, 'refused-0001', body);
    expect(first.statusCode).toBe(400);
    expect(first.json().error.code).toBe('ORG_LEVEL_NOT_BELOW_PARENT');
    const retry = await createOrg(admin, 'refused-0001', body);
    expect(retry.statusCode).toBe(400);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
  });

  it('five concurrent requests with one key create exactly one unit', async () => {
    const body = district('并发幂等区总工会');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => createOrg(admin, 'concurrent-0001', body)),
    );
    const created = responses.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(created.filter((r) => r.headers['idempotency-replayed'] !== 'true')).toHaveLength(1);
    const ids = new Set(created.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    for (const res of responses) {
      if (res.statusCode === 201) continue;
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }
    expect(await countNamed('并发幂等区总工会')).toBe(1);

    // Once the first has finished, a late retry gets its response.
    const late = await createOrg(admin, 'concurrent-0001', body);
    expect(late.statusCode).toBe(201);
    expect(late.headers['idempotency-replayed']).toBe('true');
    expect(late.json().id).toBe([...ids][0]);
  });

  it('a request cut off by a stop answers "abandoned" after the restart; keys go after 24 hours', async () => {
    const first = await createOrg(admin, 'cut-off-0001', district('中断区总工会'));
    expect(first.statusCode).toBe(201);
    // As a crash would leave it: the request ran (or not), its response never stored.
    const key = eq(idempotencyKeys.key, 'cut-off-0001');
    await t.deps.db.update(idempotencyKeys).set({ state: 'pending', responseBody: null }).where(key);
    await abandonPendingIdempotencyKeys(t.deps);
    const retry = await createOrg(admin, 'cut-off-0001', district('中断区总工会'));
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('IDEMPOTENCY_ABANDONED');
    expect(retry.json().error.message).toContain('无法确认是否已生效');
    expect(await countNamed('中断区总工会')).toBe(1);

    // A day later the key is gone: it may be used again, for anything.
    await t.deps.db.update(idempotencyKeys).set({ createdAt: sql`now() - interval '25 hours'` }).where(key);
    await purgeOldIdempotencyKeys(t.deps);
    const reused = await createOrg(admin, 'cut-off-0001', district('中断二区总工会'));
    expect(reused.statusCode).toBe(201);
    expect(reused.headers['idempotency-replayed']).toBeUndefined();
  });

  it('refuses keys with invalid characters or over 200 characters', async () => {
    for (const key of ['has space', '中文键', 'semi;colon', 'x'.repeat(201)]) {
      const res = await createOrg(admin, key, district('坏键区总工会'));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    }
    expect(await countNamed('坏键区总工会')).toBe(0);
    const longest = await createOrg(admin, 'k'.repeat(200), district('长键区总工会'));
    expect(longest.statusCode).toBe(201);
  });
});

describe('Idempotency-Key on routes that reveal personal data', () => {
  const storedKey = (session: Session, key: string) =>
    t.deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, session.userId), eq(idempotencyKeys.key, key)));

  it('a reveal is never stored: each call is scope-checked and audited, so a moved user gets 404', async () => {
    await createCityPolicy(t);
    const { unit, west } = await makeJiangdongOrgs(t, '（幂等）');
    const officer = await t.loginNewUser(unit.id, ['officer']);
    const reviewer = await t.makeUser(unit.id, ['reviewer']);
    const reviewerSession = await t.login(reviewer.username);
    const idNumber = residentIds({ region: '330103' })();
    const created = await officer.request({
      method: 'POST',
      url: '/api/households',
      payload: {
        employerOrgId: unit.id,
        name: '王幂等',
        idNumber,
        phone: '13805719876',
        job: '挡车工',
        address: '江东区望江路 2 号',
        situation: '本人患病',
        causes: ['illness'],
        incomes: [{ kind: 'wages', annualFen: 12 * 90_000 }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const householdId: string = created.json().id;
    const reveal = () =>
      reviewerSession.request({
        method: 'POST',
        url: `/api/households/${householdId}/reveal`,
        headers: { 'idempotency-key': 'reveal-0001' },
        payload: { field: 'idNumber' },
      });

    const first = await reveal();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().value).toBe(idNumber);
    expect(await storedKey(reviewerSession, 'reveal-0001')).toEqual([]);

    const again = await reveal();
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotency-replayed']).toBeUndefined();
    const audit = await admin.request({
      method: 'GET',
      url: `/api/audit?action=household.revealed&entityId=${householdId}`,
    });
    expect(audit.json().total).toBe(2);

    // Moved to another district: the same request with the same key no longer reaches the archive.
    const moved = await admin.request({
      method: 'PATCH',
      url: `/api/users/${reviewer.id}`,
      payload: { orgId: west.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const afterMove = await reveal();
    expect(afterMove.statusCode).toBe(404);
    expect(afterMove.body).not.toContain(idNumber);
    expect(await storedKey(reviewerSession, 'reveal-0001')).toEqual([]);
  });

  it('the objection contact reveal is not stored either, whatever its answer', async () => {
    const res = await admin.request({
      method: 'POST',
      url: `/api/publicity/${randomUUID()}/objections/${randomUUID()}/reveal-contact`,
      headers: { 'idempotency-key': 'reveal-contact-0001' },
    });
    expect(res.statusCode).toBe(404);
    expect(await storedKey(admin, 'reveal-contact-0001')).toEqual([]);
  });

  it('replies of reveals stored by an earlier version are deleted when the app starts', async () => {
    const row = {
      userId: admin.userId,
      method: 'POST',
      requestHash: 'x',
      state: 'done' as const,
      responseStatus: 200,
    };
    await t.deps.db.insert(idempotencyKeys).values([
      {
        ...row,
        key: 'old-reveal',
        path: '/api/households/:id/reveal',
        responseBody: { field: 'idNumber', value: '110105199001011234' },
      },
      { ...row, key: 'old-contact', path: '/api/publicity/:id/objections/:objectionId/reveal-contact' },
      { ...row, key: 'old-org', path: '/api/orgs', responseBody: { id: 'kept' } },
    ]);
    const restarted = await buildApp(t.deps, { serveWeb: false });
    await restarted.ready();
    await restarted.close();
    expect(await storedKey(admin, 'old-reveal')).toEqual([]);
    expect(await storedKey(admin, 'old-contact')).toEqual([]);
    expect(await storedKey(admin, 'old-org')).toHaveLength(1);
  });
});
