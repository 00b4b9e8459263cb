import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from './common/context';
import { loadMasterSecret, Vault } from './common/secrets';
import type { Config } from './config';
import { type Database, openDatabase, runMigrations } from './db/client';
import { applicationDocumentGrant } from './modules/applications/applications.documents';
import { registerRegisterJob } from './modules/disbursements/disbursements.register';
import { EncryptedStorage, LocalDiskStorage } from './modules/files/files.storage';
import { householdAttachmentGrant } from './modules/households/households.attachments';
import { registerHouseholdsExportJob } from './modules/households/households.export';
import { registerHouseholdsImportJob } from './modules/households/households.import';
import { JobRunner } from './modules/jobs/jobs.runner';
import { registerUsersExportJob } from './modules/users/users.export';

/** Background job handlers of every module. */
const JOB_HANDLERS = [
  registerUsersExportJob,
  registerHouseholdsImportJob,
  registerHouseholdsExportJob,
  registerRegisterJob,
];

/** Modules' grants to read files outside the caller's scope: a household's attachments, an application's documents. */
const FILE_READ_GRANTS = [householdAttachmentGrant, applicationDocumentGrant];

export interface Runtime {
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

type Log = Pick<FastifyBaseLogger, 'info' | 'error'>;

/** Opens the database (migrating it), the vault, file storage and the job runner. */
export async function createRuntime(config: Config, log: Log, database?: Database): Promise<Runtime> {
  const db = database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await runMigrations(db);
  const { secret } = loadMasterSecret(config.secret, config.dataDir);
  const jobs = new JobRunner(db.db, log);
  const vault = new Vault(secret);
  const deps: Deps = {
    db: db.db,
    dbKind: db.kind,
    config,
    vault,
    storage: new EncryptedStorage(new LocalDiskStorage(path.join(config.dataDir, 'files')), vault),
    jobs,
    fileReadGrants: FILE_READ_GRANTS,
  };
  for (const register of JOB_HANDLERS) register(deps);
  return {
    deps,
    database: db,
    async close() {
      await jobs.stop();
      await db.close();
    },
  };
}
