// `npm run audit:verify`: walks the audit hash chain of the configured database and reports the first tampered row.
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/client';
import { verifyAuditChain } from '../src/server/modules/audit/audit.usecases';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`审计链校验通过：共 ${result.checked} 条记录，未发现篡改。`);
  } else {
    console.error(
      `审计链校验失败：第 ${result.firstBadId} 号记录 —— ${result.reason}（此前 ${result.checked} 条完好）`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
