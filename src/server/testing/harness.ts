import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { ensureInitialData } from '../bootstrap';
import type { Actor, Deps } from '../common/context';
import { usccCheckChar } from '../common/identifiers';
import type { Role } from '../common/permissions';
import { type Config, packageVersion } from '../config';
import type { Database } from '../db/client';
import { createRuntime } from '../deps';
import type { App } from '../http/types';
import type { OrgLevel } from '../modules/orgs/orgs.table';
import { createOrg } from '../modules/orgs/orgs.usecases';
import { users } from '../modules/users/users.table';
import { createUser } from '../modules/users/users.usecases';
import { cloneTestDatabase } from './template';

export const ADMIN_PASSWORD = 'Admin@12345';
export const USER_PASSWORD = 'User@12345';

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir,
    secret: 'test-secret-that-is-at-least-32-characters-long',
    adminPassword: ADMIN_PASSWORD,
    logLevel: 'silent',
    sessionTtlHours: 12,
    loginMaxFailures: 5,
    loginLockMinutes: 15,
    maxUploadBytes: 1024 * 1024,
    importMaxRows: 200_000,
    webDir: path.join(dataDir, 'no-web'),
    version: packageVersion(),
    demo: false,
    ...overrides,
  };
}

const silentLog = { info: () => {}, error: () => {} };

export interface Session {
  token: string;
  userId: string;
  /** Bearer-authenticated request as this user. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface TestContext {
  app: App;
  deps: Deps;
  database: Database;
  rootOrgId: string;
  rootPath: string;
  /** The system administrator, as a use-case actor (for building fixtures). */
  rootActor: Actor;
  login(username: string, password?: string): Promise<Session>;
  makeOrg(
    parentId: string,
    level: OrgLevel,
    name?: string,
  ): Promise<{ id: string; path: string; name: string }>;
  makeUser(orgId: string, roles: Role[], username?: string): Promise<{ id: string; username: string }>;
  /** A new user of `orgId` with `roles`, logged in. */
  loginNewUser(orgId: string, roles: Role[]): Promise<Session>;
  close(): Promise<void>;
}

let usccCounter = 0;
export function validUscc(): string {
  usccCounter++;
  const body = `91330100MA${String(Math.floor(Math.random() * 1e6) * 10 + (usccCounter % 10)).padStart(7, '0')}`;
  return body + usccCheckChar(body);
}

/** A migrated database (fresh clone), the runtime and the Fastify app, ready for `app.inject`. */
export async function createTestContext(configOverrides: Partial<Config> = {}): Promise<TestContext> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bangfu-test-'));
  const database = await cloneTestDatabase(inject('templateName'));
  const runtime = await createRuntime(testConfig(dataDir, configOverrides), silentLog, database);
  const { deps } = runtime;
  const boot = await ensureInitialData(deps);
  const app = await buildApp(deps, { serveWeb: false });
  await app.ready();
  const [admin] = await deps.db.select().from(users).where(eq(users.username, 'admin'));
  const rootPath = `/${boot.rootOrgId}/`;
  const rootActor: Actor = {
    principal: {
      userId: admin!.id,
      username: 'admin',
      displayName: admin!.displayName,
      orgId: boot.rootOrgId!,
      orgPath: rootPath,
      roles: ['admin'],
      sessionId: 'fixture',
      via: 'bearer',
      mustChangePassword: false,
    },
    ip: '127.0.0.1',
    requestId: 'fixture',
  };

  const login = async (username: string, password = USER_PASSWORD): Promise<Session> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password, client: 'api' },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const body = res.json() as { token: string; user: { id: string } };
    return {
      token: body.token,
      userId: body.user.id,
      request: (options) =>
        app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${body.token}` } }),
    };
  };

  const makeUser: TestContext['makeUser'] = async (orgId, roles, username) => {
    const name = username ?? `u${randomBytes(4).toString('hex')}`;
    const user = await createUser(deps.db, rootActor, {
      username: name,
      displayName: `测试${name}`,
      orgId,
      roles,
      password: USER_PASSWORD,
    });
    await deps.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
    return { id: user.id, username: user.username };
  };

  return {
    app,
    deps,
    database,
    rootOrgId: boot.rootOrgId!,
    rootPath,
    rootActor,
    login,
    async makeOrg(parentId, level, name) {
      const unique = randomBytes(3).toString('hex');
      const org = await createOrg(deps.db, rootActor, {
        name: name ?? `测试${level}单位${unique}`,
        level,
        parentId,
        regionCode: '330102',
        ...(level === 'grassroots'
          ? { employerName: `测试用人单位${unique}`, uscc: validUscc(), memberCount: 100 }
          : {}),
      });
      return { id: org.id, path: org.path, name: org.name };
    },
    makeUser,
    async loginNewUser(orgId, roles) {
      return login((await makeUser(orgId, roles)).username);
    },
    async close() {
      await app.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
