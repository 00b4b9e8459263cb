// `npm start` serves the built web app: build it once when dist/web is missing or older than src/web.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const out = path.resolve('dist/web/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(out) || newestMtime(path.resolve('src/web')) > statSync(out).mtimeMs;
if (stale && process.env.BANGFU_SKIP_WEB_BUILD !== 'true') {
  console.log('正在构建前端（首次启动或前端代码有更新）…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
