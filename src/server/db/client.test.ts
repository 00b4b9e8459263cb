import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { adminQuery, testDatabaseUrl, withDatabase } from '../testing/template';
import { openDatabase } from './client';

describe('PostgreSQL pool', () => {
  it.runIf(testDatabaseUrl())(
    'survives the server dropping an idle connection: no crash, the next query gets a new one',
    async () => {
      const url = testDatabaseUrl()!;
      const name = `bangfu_pool_${randomBytes(4).toString('hex')}`;
      await adminQuery(url, `CREATE DATABASE ${name}`);
      const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 2 });
      try {
        const pid = async () =>
          (
            (await database.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
              rows: { pid: number }[];
            }
          ).rows[0]!.pid;
        const first = await pid();
        // The connection is idle in the pool now; an administrator ends it.
        await adminQuery(url, `select pg_terminate_backend(${first})`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await pid()).not.toBe(first);
      } finally {
        await database.close();
        await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    },
  );
});
