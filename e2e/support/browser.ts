import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import {
  ARTIFACTS_DIR,
  BASE_URL_ENV,
  CHROMIUM_PATH,
  DEMO_PASSWORD,
  type RunningServer,
  startServer,
} from './server';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Every wait is bounded: a hung page fails the test instead of hanging CI. */
const ACTION_TIMEOUT_MS = 15_000;
const NAVIGATION_TIMEOUT_MS = 30_000;
const LAUNCH_TIMEOUT_MS = 30_000;
/** Per test (node:test `timeout` option). */
export const TEST_TIMEOUT_MS = 90_000;

export interface E2E {
  /** The server under test, e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /**
   * Runs `fn` in a fresh browser context (own cookies and localStorage, so Chinese by default).
   * `shot(step)` keeps a full-page screenshot `<file>-<name>-<nn>-<step>.png`; on failure
   * `<file>-<name>-failure.png` is kept. Uncaught errors in the page fail the test.
   */
  withPage(
    t: TestContext,
    name: string,
    fn: (page: Page, shot: (step: string) => Promise<void>) => Promise<void>,
  ): Promise<void>;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'test'
  );
}

/**
 * Per test file: the server (the one e2e/run.ts started, or an own one when the file is run alone)
 * and one Chromium, closed in `after`.
 */
export function setupE2E(prefix: string): E2E {
  let browser: Browser | undefined;
  let ownServer: RunningServer | undefined;
  let baseUrl = process.env[BASE_URL_ENV] ?? '';

  before(
    async () => {
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      if (!baseUrl) {
        ownServer = await startServer();
        baseUrl = ownServer.baseUrl;
      }
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        timeout: LAUNCH_TIMEOUT_MS,
      });
    },
    { timeout: 180_000 },
  );

  after(
    async () => {
      await browser?.close().catch(() => undefined);
      await ownServer?.stop();
    },
    { timeout: 60_000 },
  );

  return {
    get baseUrl() {
      return baseUrl;
    },
    async withPage(t, testName, fn) {
      if (!browser) throw new Error('the browser did not start');
      const name = `${prefix}-${slug(testName)}`;
      const context: BrowserContext = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
      let step = 0;
      const shot = async (label: string) => {
        step += 1;
        const file = path.join(ARTIFACTS_DIR, `${name}-${String(step).padStart(2, '0')}-${slug(label)}.png`);
        await page.screenshot({
          path: file,
          fullPage: true,
          animations: 'disabled',
          timeout: ACTION_TIMEOUT_MS,
        });
      };
      try {
        await fn(page, shot);
        if (pageErrors.length > 0)
          throw new Error(`uncaught errors in the page:\n${pageErrors.join('\n\n')}`);
      } catch (error) {
        const file = path.join(ARTIFACTS_DIR, `${name}-failure.png`);
        await page
          .screenshot({ path: file, fullPage: true, timeout: ACTION_TIMEOUT_MS })
          .then(() => t.diagnostic(`screenshot: ${path.relative(process.cwd(), file)}`))
          .catch(() => undefined);
        throw error;
      } finally {
        await context.close().catch(() => undefined);
      }
    },
  };
}

/** Waits until the page has no requests in flight (bounded), e.g. after a navigation. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: NAVIGATION_TIMEOUT_MS });
}

/**
 * Picks the radio (or check box) labelled `label` inside `scope` and waits until it is checked.
 * A click that lands while a pop-up is still opening can be lost on a slow machine (CI saw the
 * 核实处理 radio stay unchecked once); the pick is tried again rather than failing later on a
 * field that never appeared.
 */
export async function choose(scope: Locator, label: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await input.check({ timeout: attempt < 3 ? 5_000 : ACTION_TIMEOUT_MS });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Signs in through the login form (Chinese labels) and waits for the layout. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor({ state: 'visible' });
  await settle(page);
}
