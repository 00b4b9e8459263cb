import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The real `main.ts` in a child process: first start, kill -9 durability, graceful shutdown. */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, output: () => out, exited };
}

async function login(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, client: 'api' }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { token: string; user: { orgId: string; mustChangePassword: boolean } },
  };
}

describe.runIf(!process.env.TEST_DATABASE_URL)('the server process on PGlite', () => {
  it('keeps committed data across kill -9 and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bangfu-main-'));
    dirs.push(dataDir);
    const env = { BANGFU_DATA_DIR: dataDir, BANGFU_ADMIN_PASSWORD: 'Admin@12345' };

    const first = await startServer(env);
    const health = await (await fetch(`${first.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'pglite' });
    const { body } = await login(first.url, 'admin', 'Admin@12345');
    const created = await fetch(`${first.url}/api/orgs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${body.token}` },
      body: JSON.stringify({
        name: '断电测试区总工会',
        level: 'district',
        parentId: body.user.orgId,
        regionCode: '330102',
      }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startServer(env);
    const again = await login(second.url, 'admin', 'Admin@12345');
    const tree = await (
      await fetch(`${second.url}/api/orgs?flat=true`, {
        headers: { authorization: `Bearer ${again.body.token}` },
      })
    ).json();
    expect(tree.items.map((o: { name: string }) => o.name)).toContain('断电测试区总工会');
    // Logs are structured JSON lines carrying the request id.
    expect(second.output()).toMatch(/"reqId":"[0-9a-f-]{36}"/);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('服务已关闭');
  }, 120_000);

  it('prints a generated admin password once on first start and demands a change', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bangfu-main-'));
    dirs.push(dataDir);
    const server = await startServer({ BANGFU_DATA_DIR: dataDir, BANGFU_ADMIN_PASSWORD: '' });
    try {
      const match = /初始密码[^\n]*\n\s*(\S+)/.exec(server.output());
      expect(match).not.toBeNull();
      const { status, body } = await login(server.url, 'admin', match![1]!);
      expect(status).toBe(200);
      expect(body.user.mustChangePassword).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 120_000);
});
