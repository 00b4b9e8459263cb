import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL URL; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Master secret for encryption and blind indexes; when absent a key file in dataDir is used. */
  secret: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  maxUploadBytes: number;
  /** Rows an Excel import reads from its households sheet (and five times as many family rows). */
  importMaxRows: number;
  webDir: string;
  version: string;
  demo: boolean;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`环境变量 ${name} 必须是正整数，当前为 "${raw}"`);
  return value;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function loadConfig(argv: string[] = process.argv.slice(2)): Config {
  return {
    port: intFromEnv('PORT', 3000),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: path.resolve(process.env.BANGFU_DATA_DIR ?? './data'),
    secret: process.env.BANGFU_SECRET || undefined,
    adminPassword: process.env.BANGFU_ADMIN_PASSWORD || undefined,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    sessionTtlHours: intFromEnv('BANGFU_SESSION_TTL_HOURS', 12),
    loginMaxFailures: intFromEnv('BANGFU_LOGIN_MAX_FAILURES', 5),
    loginLockMinutes: intFromEnv('BANGFU_LOGIN_LOCK_MINUTES', 15),
    maxUploadBytes: intFromEnv('BANGFU_MAX_UPLOAD_MB', 20) * 1024 * 1024,
    importMaxRows: intFromEnv('BANGFU_IMPORT_MAX_ROWS', 200_000),
    webDir: path.resolve(process.env.BANGFU_WEB_DIR ?? './dist/web'),
    version: packageVersion(),
    demo: argv.includes('--demo'),
  };
}
