/**
 * `npm run test:e2e`: starts the real server once (demo data, fresh data directory, PGlite), runs every
 * `e2e/*.e2e.ts` with Node's test runner against it in Debian's Chromium, then stops the server.
 *
 * Screenshots and the server log are kept in test-results/e2e/. The output ends with the test runner's
 * summary; the exit code is the test runner's.
 *
 * Options: `--only <substring>` runs the files whose name contains it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS_DIR,
  BASE_URL_ENV,
  CHROMIUM_PATH,
  ROOT,
  type RunningServer,
  startServer,
} from './support/server';

/** Test files run one after the other by default: each drives its own Chromium on a 2-core machine. */
const concurrency = Number(process.env.BANGFU_E2E_CONCURRENCY) || 1;

/** The whole run is bounded, so a hung browser or server can't hang CI. */
const RUN_TIMEOUT_MS = 15 * 60_000;

async function main(): Promise<number> {
  const started = Date.now();
  if (!existsSync(CHROMIUM_PATH)) {
    process.stderr.write(
      `e2e: ${CHROMIUM_PATH} is missing. Install Debian's Chromium: apt-get install -y chromium fonts-noto-cjk\n`,
    );
    return 1;
  }
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const e2eDir = path.join(ROOT, 'e2e');
  const files = readdirSync(e2eDir)
    .filter((name) => name.endsWith('.e2e.ts') && (!only || name.includes(only)))
    .sort()
    .map((name) => path.join('e2e', name));
  if (files.length === 0) {
    process.stderr.write('e2e: no test files\n');
    return 1;
  }

  rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });

  let server: RunningServer | undefined;
  const stopServer = async () => {
    const s = server;
    server = undefined;
    await s?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stopServer().finally(() => process.exit(130));
    });
  }

  try {
    process.stderr.write('e2e: starting the server with demo data…\n');
    server = await startServer();
    process.stderr.write(
      `e2e: server ready at ${server.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files],
      {
        cwd: ROOT,
        env: { ...process.env, [BASE_URL_ENV]: server.baseUrl },
        stdio: 'inherit',
      },
    );
    const watchdog = setTimeout(() => {
      process.stderr.write(
        `e2e: the tests did not finish within ${RUN_TIMEOUT_MS / 1000} s, stopping them\n`,
      );
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, RUN_TIMEOUT_MS);
    const code = await new Promise<number>((resolve) => {
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
      child.on('error', (error) => {
        process.stderr.write(`e2e: could not start the test runner: ${error.message}\n`);
        resolve(1);
      });
    });
    clearTimeout(watchdog);
    return code;
  } finally {
    await stopServer();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`e2e: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
