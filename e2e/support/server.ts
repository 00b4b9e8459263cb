import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in e2e/support/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where screenshots and the server log are kept (test-results/ is gitignored). */
export const ARTIFACTS_DIR = path.join(ROOT, 'test-results', 'e2e');
/** Set by e2e/run.ts for the test processes it starts, so they share one server. */
export const BASE_URL_ENV = 'BANGFU_E2E_BASE_URL';

/** Debian's Chromium; no browser is downloaded. */
export const CHROMIUM_PATH = process.env.BANGFU_E2E_CHROMIUM ?? '/usr/bin/chromium';

export const ADMIN_PASSWORD = 'Admin@12345';
export const DEMO_PASSWORD = 'Demo@2026';

const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;
const BUILD_TIMEOUT_MS = 300_000;

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** The tests drive the production build; build it once if it is missing. */
export function ensureWebBuild(): void {
  if (existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) return;
  process.stderr.write('dist/web/index.html is missing: running `npx vite build` once…\n');
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: BUILD_TIMEOUT_MS });
  if (!existsSync(path.join(ROOT, 'dist', 'web', 'index.html')))
    throw new Error('vite build did not produce dist/web/index.html');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/**
 * Starts the real server (`src/server/main.ts --demo`) on a free port with a fresh data directory and
 * the embedded database, and waits until `/api/health` answers. `stop()` sends SIGTERM (SIGKILL if it
 * does not exit in time) and removes the data directory.
 */
export async function startServer(): Promise<RunningServer> {
  ensureWebBuild();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bangfu-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(ARTIFACTS_DIR, `server-${port}.log`);
  const log = createWriteStream(logFile);

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      BANGFU_DATA_DIR: dataDir,
      BANGFU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      BANGFU_SECRET: '',
      BANGFU_WEB_DIR: path.join(ROOT, 'dist', 'web'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited(child)) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        process.stderr.write(`e2e: server did not stop within ${STOP_TIMEOUT_MS} ms, killing it\n`);
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (exited(child))
        throw new Error(`the server exited during start-up (code ${child.exitCode}):\n${tail(logFile)}`);
      if (Date.now() > deadline)
        throw new Error(
          `the server did not answer /api/health within ${START_TIMEOUT_MS} ms:\n${tail(logFile)}`,
        );
      try {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) {
          const body = (await response.json()) as { status?: string };
          if (body.status === 'ok') break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
