// `npm run demo`: loads the demo federation into the configured database (empty, or freshly initialised).
import { count, eq } from 'drizzle-orm';
import { ensureInitialData } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { createRuntime } from '../src/server/deps';
import { orgs } from '../src/server/modules/orgs/orgs.table';
import { DEMO_PASSWORD, loadDemoData } from './demo-data';

const config = loadConfig();
const runtime = await createRuntime(config, { info: console.log, error: console.error });
try {
  const boot = await ensureInitialData(runtime.deps);
  const [units] = await runtime.deps.db.select({ n: count() }).from(orgs).where(eq(orgs.active, true));
  if (!boot.created && (units?.n ?? 0) > 1) {
    console.error(
      '数据库中已有组织数据，为避免混入演示数据，已取消。请使用新的数据目录（BANGFU_DATA_DIR）或空数据库。',
    );
    process.exitCode = 1;
  } else {
    if (boot.generatedPassword) console.log(`管理员 admin 的初始密码：${boot.generatedPassword}`);
    const summary = await loadDemoData(runtime.deps);
    console.log(
      `演示数据已载入：${summary.units} 个单位（其中基层工会 ${summary.grassroots} 个），${summary.accounts} 个演示账号（密码均为 ${DEMO_PASSWORD}），望江街道困难职工档案 ${summary.households} 户及帮扶项目、申请`,
    );
  }
} finally {
  await runtime.close();
}
