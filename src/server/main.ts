import pino from 'pino';
import { loadDemoData } from '../../scripts/demo-data';
import { buildApp } from './app';
import { ensureInitialData } from './bootstrap';
import { loadConfig } from './config';
import { createRuntime } from './deps';
import { startHousekeeping } from './housekeeping';

const config = loadConfig();
const logger = pino({
  level: config.logLevel,
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
});

async function main() {
  const runtime = await createRuntime(config, logger);
  const { deps } = runtime;
  const boot = await ensureInitialData(deps);
  if (boot.created) {
    logger.info({ database: deps.dbKind }, '首次启动：已创建根单位和管理员账号 admin');
    if (boot.generatedPassword) {
      // Printed once on the console, on purpose not through the structured log.
      process.stdout.write(
        `\n========================================================\n` +
          `  管理员账号 admin 的初始密码（仅显示这一次，首次登录须修改）：\n  ${boot.generatedPassword}\n` +
          `========================================================\n\n`,
      );
    }
    if (config.demo) {
      const summary = await loadDemoData(deps);
      logger.info(summary, '已载入演示数据');
    }
  } else if (config.demo) {
    logger.warn('数据库不为空，忽略 --demo（演示数据只在空库首次启动时载入；或运行 npm run demo）');
  }
  await deps.jobs.recover();
  const stopHousekeeping = await startHousekeeping(deps, logger);

  const app = await buildApp(deps, { logger });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, '正在关闭服务…');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      stopHousekeeping();
      await app.close();
      await runtime.close();
      logger.info('服务已关闭');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, '关闭时出错');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  logger.info(
    {
      url: `http://localhost:${config.port}`,
      database: deps.dbKind,
      dataDir: config.dataDir,
      version: config.version,
    },
    'Bangfu 帮扶工作平台已启动',
  );
}

main().catch((err) => {
  logger.error({ err }, '启动失败');
  process.exit(1);
});
