import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  createTestContext,
  type Session,
  type TestContext,
  USER_PASSWORD,
} from '../../testing/harness';
import { users } from '../users/users.table';
import { sessions } from './auth.table';

let t: TestContext;
let admin: Session;
let district: { id: string };

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin', ADMIN_PASSWORD);
  district = await t.makeOrg(t.rootOrgId, 'district');
});
afterAll(() => t.close());

// Login is rate-limited per IP: every attempt here comes from its own address, except in the
// test of the rate limit itself, so that the tests do not throttle one another.
let ipCounter = 0;
const nextIp = () => {
  ipCounter++;
  return `10.1.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
};

const attempt = (
  username: string,
  password: string,
  remoteAddress = nextIp(),
  client: 'browser' | 'api' = 'api',
) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, client },
    remoteAddress,
  });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Signs in as an API client: the reply's token is sent as `Authorization: Bearer`. */
async function signIn(username: string, password = USER_PASSWORD) {
  const res = await attempt(username, password);
  expect(res.statusCode).toBe(200);
  return res.json() as { token: string; user: { id: string; mustChangePassword: boolean } };
}

/** Signs in as the web app does: the session is in the cookie, the reply carries the CSRF token. */
async function signInBrowser(username: string, password = USER_PASSWORD) {
  const res = await attempt(username, password, nextIp(), 'browser');
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'bangfu_session');
  expect(cookie?.value).toEqual(expect.any(String));
  const body = res.json() as { csrfToken: string; user: { id: string } };
  return { cookies: { bangfu_session: cookie!.value }, csrfToken: body.csrfToken, user: body.user };
}

const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });

const errorCode = (res: LightMyRequestResponse) => res.json().error.code as string;

const districtBody = (name: string) => ({
  name,
  level: 'district',
  parentId: t.rootOrgId,
  regionCode: '330102',
});

async function orgNames(): Promise<string[]> {
  const res = await admin.request({ method: 'GET', url: '/api/orgs?flat=true' });
  return res.json().items.map((o: { name: string }) => o.name);
}

describe('login and sessions', () => {
  it('signs a browser in with a httpOnly SameSite=Lax cookie and a CSRF token, never a token a script could read', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const res = await attempt(user.username, USER_PASSWORD, nextIp(), 'browser');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({
      id: user.id,
      username: user.username,
      orgId: district.id,
      roles: ['officer'],
    });
    expect(body.user.permissions).toContain('file.write');
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('token');

    const cookie = res.cookies.find((c) => c.name === 'bangfu_session')!;
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(res.body).not.toContain(cookie.value);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\/(;|$)/);

    const viaCookie = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { bangfu_session: cookie.value },
    });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json()).toMatchObject({ user: { id: user.id }, csrfToken: body.csrfToken });
  });

  it('gives an API client a bearer token and no cookie; an unknown client is refused in Chinese', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const res = await attempt(user.username, USER_PASSWORD, nextIp(), 'api');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.id).toBe(user.id);
    expect(body.token.length).toBeGreaterThanOrEqual(32);
    expect(res.headers['set-cookie']).toBeUndefined();
    const viaBearer = await me(body.token);
    expect(viaBearer.statusCode).toBe(200);
    expect(viaBearer.json().user.id).toBe(user.id);

    const odd = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: USER_PASSWORD, client: 'mobile' },
      remoteAddress: nextIp(),
    });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().error.details).toEqual([
      expect.objectContaining({ path: 'client', message: 'client 只能是 browser 或 api' }),
    ]);
  });

  it('requires the CSRF header on cookie-authenticated changes, but not with a bearer token', async () => {
    const session = await signInBrowser('admin', ADMIN_PASSWORD);
    const { cookies } = session;
    const api = await signIn('admin', ADMIN_PASSWORD);
    const post = (name: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/orgs', cookies, headers, payload: districtBody(name) });

    const missing = await post('无令牌区总工会');
    expect(missing.statusCode).toBe(403);
    expect(errorCode(missing)).toBe('CSRF_FAILED');
    const wrong = await post('错令牌区总工会', { 'x-csrf-token': `${session.csrfToken}x` });
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe('CSRF_FAILED');
    const names = await orgNames();
    expect(names).not.toContain('无令牌区总工会');
    expect(names).not.toContain('错令牌区总工会');

    const right = await post('带令牌区总工会', { 'x-csrf-token': session.csrfToken });
    expect(right.statusCode).toBe(201);

    const viaBearer = await t.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: bearer(api.token),
      payload: districtBody('令牌调用区总工会'),
    });
    expect(viaBearer.statusCode).toBe(201);
    expect(await orgNames()).toEqual(expect.arrayContaining(['带令牌区总工会', '令牌调用区总工会']));
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const wrong = await attempt(user.username, 'Wrong@12345');
    const unknown = await attempt('nobody-here', 'Wrong@12345');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(errorCode(wrong)).toBe('AUTH_INVALID_CREDENTIALS');
    expect(wrong.json().error.message).toBe('用户名或密码错误');
  });

  it('logout revokes the token', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const session = await signIn(user.username);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(session.token),
    });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    const after = await me(session.token);
    expect(after.statusCode).toBe(401);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
  });

  it('an expired session answers SESSION_EXPIRED', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const session = await signIn(user.username);
    expect((await me(session.token)).statusCode).toBe(200);
    await t.deps.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(sessions.userId, user.id));
    const res = await me(session.token);
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('SESSION_EXPIRED');
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash.startsWith('scrypt$')).toBe(true);
    expect(row!.passwordHash).not.toContain(USER_PASSWORD);
  });
});

// Each login attempt runs scrypt: these tests take a while on a loaded machine.
describe('lock-out and rate limit', { timeout: 90_000 }, () => {
  it('a name without an account answers exactly like an account, lock included: names cannot be probed', async () => {
    const real = await t.makeUser(district.id, ['officer']);
    const made = `nobody-${real.username}`;
    const answers = async (username: string) => {
      const out: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const res = await attempt(i % 2 ? username : username.toUpperCase(), `Wrong@${i}2345`);
        out.push(`${res.statusCode} ${errorCode(res)} ${res.json().error.message}`);
      }
      return out;
    };
    const forReal = await answers(real.username);
    expect(forReal.slice(0, 4).every((a) => a.startsWith('401 AUTH_INVALID_CREDENTIALS'))).toBe(true);
    expect(forReal.slice(4).every((a) => a.startsWith('429 AUTH_LOCKED') && a.includes('15 分钟'))).toBe(
      true,
    );
    expect(await answers(made)).toEqual(forReal);
  });

  it('locks the account after 5 failures, even for the right password, until an admin unlocks it', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    for (let i = 1; i <= 4; i++) {
      const res = await attempt(user.username, `Wrong@${i}2345`);
      expect(res.statusCode).toBe(401);
    }
    const fifth = await attempt(user.username, 'Wrong@52345');
    expect(fifth.statusCode).toBe(429);
    expect(errorCode(fifth)).toBe('AUTH_LOCKED');
    expect(fifth.json().error.message).toContain('15 分钟');

    const right = await attempt(user.username, USER_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(errorCode(right)).toBe('AUTH_LOCKED');
    expect((await admin.request({ method: 'GET', url: `/api/users/${user.id}` })).json().locked).toBe(true);

    const audit = await admin.request({
      method: 'GET',
      url: `/api/audit?entity=user&entityId=${user.id}&pageSize=50`,
    });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'auth.login_failed')).toHaveLength(4);
    expect(actions.filter((a: string) => a === 'auth.locked')).toHaveLength(1);
    expect(actions).not.toContain('auth.login');
    // Failed sign-ins are anonymous, but their IP is kept.
    for (const entry of audit.json().items) expect(entry.ip).toMatch(/^10\.|^127\.|^\d+\.\d+\.\d+\.\d+$/);

    const unlock = await admin.request({ method: 'POST', url: `/api/users/${user.id}/unlock` });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toMatchObject({ locked: false, lockedUntil: null });
    const again = await attempt(user.username, USER_PASSWORD);
    expect(again.statusCode).toBe(200);
    expect(again.json().user.id).toBe(user.id);
  });

  it('throttles more than 20 login attempts a minute from one IP, but not other IPs', async () => {
    const ip = '203.0.113.77';
    // In parallel, so that the 20 password checks surely fall into one window of a minute.
    // Each under another made-up name: one name alone would be locked after five failures.
    const allowed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(`ghost-user-${i}`, 'Wrong@12345', ip)),
    );
    expect(allowed.map((res) => res.statusCode)).toEqual(Array(20).fill(401));
    const throttled = await attempt('ghost-user', 'Wrong@12345', ip);
    expect(throttled.statusCode).toBe(429);
    expect(errorCode(throttled)).toBe('RATE_LIMITED');
    // Throttled before the password is even checked.
    const evenAdmin = await attempt('admin', ADMIN_PASSWORD, ip);
    expect(evenAdmin.statusCode).toBe(429);
    expect(errorCode(evenAdmin)).toBe('RATE_LIMITED');

    const elsewhere = await attempt('admin', ADMIN_PASSWORD, '203.0.113.78');
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('passwords and accounts', { timeout: 90_000 }, () => {
  it('changing the password checks the current one and strength, and signs out other devices', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const here = await signIn(user.username);
    const other = await signIn(user.username);
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(here.token),
        payload: { currentPassword, newPassword },
      });

    const wrongCurrent = await change('Wrong@12345', 'Better#Pass2024');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(errorCode(wrongCurrent)).toBe('AUTH_WRONG_CURRENT_PASSWORD');

    const weak = await change(USER_PASSWORD, 'abc');
    expect(weak.statusCode).toBe(400);
    expect(errorCode(weak)).toBe('AUTH_WEAK_PASSWORD');
    expect(weak.json().error.message).toBe('密码至少需要 8 位');
    const oneClass = await change(USER_PASSWORD, 'abcdefghijkl');
    expect(oneClass.statusCode).toBe(400);
    expect(oneClass.json().error.message).toContain('至少三类');
    // The failed attempts changed nothing: the other device is still signed in.
    expect((await me(other.token)).statusCode).toBe(200);

    const ok = await change(USER_PASSWORD, 'Better#Pass2024');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
    expect((await me(here.token)).statusCode).toBe(200);
    expect((await me(other.token)).statusCode).toBe(401);

    const old = await attempt(user.username, USER_PASSWORD);
    expect(old.statusCode).toBe(401);
    expect(errorCode(old)).toBe('AUTH_INVALID_CREDENTIALS');
    await signIn(user.username, 'Better#Pass2024');
  });

  it('wrong current passwords count towards the lock-out; the lock ends every session of the account', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const here = await signIn(user.username);
    const other = await signIn(user.username);
    const ip = nextIp();
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(here.token),
        // Its own address: the change of password is rate-limited per address.
        remoteAddress: ip,
        payload: { currentPassword, newPassword: 'Taken#Over2024' },
      });
    for (let i = 1; i <= 4; i++) {
      const wrong = await change(`Guess@${i}2345`);
      expect(errorCode(wrong)).toBe('AUTH_WRONG_CURRENT_PASSWORD');
    }
    // Four wrong so far: both sessions still work, and each wrong try is in the audit log.
    expect((await me(other.token)).statusCode).toBe(200);
    const fifth = await change('Guess@52345');
    expect(fifth.statusCode).toBe(429);
    expect(errorCode(fifth)).toBe('AUTH_LOCKED');
    expect((await me(here.token)).statusCode).toBe(401);
    expect((await me(other.token)).statusCode).toBe(401);
    const login = await attempt(user.username, USER_PASSWORD);
    expect(errorCode(login)).toBe('AUTH_LOCKED');

    const trail = await admin.request({
      method: 'GET',
      url: `/api/audit?entityId=${user.id}&pageSize=50`,
    });
    const actions = trail.json().items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'auth.password_change_failed')).toHaveLength(4);
    expect(actions).toContain('auth.locked');
  });

  it('the right current password clears the wrong tries before it', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const here = await signIn(user.username);
    const ip = nextIp();
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(here.token),
        // Its own address: the change of password is rate-limited per address.
        remoteAddress: ip,
        payload: { currentPassword, newPassword },
      });
    for (let i = 1; i <= 4; i++) await change(`Guess@${i}2345`, 'Better#Pass2024');
    expect((await change(USER_PASSWORD, 'Better#Pass2024')).statusCode).toBe(200);
    // A fifth wrong try now is the first of a new count: no lock.
    const wrong = await change('Guess@52345', 'Other#Pass2024');
    expect(errorCode(wrong)).toBe('AUTH_WRONG_CURRENT_PASSWORD');
    expect((await me(here.token)).statusCode).toBe(200);
  });

  it('a user created by an admin must change the password before anything else', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'NewClerk01',
        displayName: '李新来',
        orgId: district.id,
        roles: ['officer'],
        password: 'Initial@2024',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'newclerk01', mustChangePassword: true });

    const session = await signIn('newclerk01', 'Initial@2024');
    expect(session.user.mustChangePassword).toBe(true);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/orgs', headers: bearer(session.token) });
    expect(blocked.statusCode).toBe(403);
    expect(errorCode(blocked)).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await me(session.token)).json().user.mustChangePassword).toBe(true);

    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(session.token),
      payload: { currentPassword: 'Initial@2024', newPassword: 'MyOwn#Secret9' },
    });
    expect(change.statusCode).toBe(200);
    const allowed = await t.app.inject({ method: 'GET', url: '/api/orgs', headers: bearer(session.token) });
    expect(allowed.statusCode).toBe(200);
    expect((await me(session.token)).json().user.mustChangePassword).toBe(false);
  });

  it('a deactivated user cannot sign in, and existing sessions stop working', async () => {
    const user = await t.makeUser(district.id, ['officer']);
    const session = await signIn(user.username);
    expect((await me(session.token)).statusCode).toBe(200);

    const off = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);

    expect((await me(session.token)).statusCode).toBe(401);
    const cookieUse = await t.app.inject({
      method: 'GET',
      url: '/api/orgs',
      cookies: { bangfu_session: session.token },
    });
    expect(cookieUse.statusCode).toBe(401);
    const res = await attempt(user.username, USER_PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('AUTH_ACCOUNT_DISABLED');
  });
});
