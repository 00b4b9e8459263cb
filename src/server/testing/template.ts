import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase, pgliteExtensions, runMigrations } from '../db/client';

/**
 * Test databases: migrations run once per test run into a template (a PGlite data-dir dump, or a
 * PostgreSQL template database when TEST_DATABASE_URL is set); each test file gets a fresh clone.
 */
export const TEMPLATE_DIR = path.resolve('.vitest-tmp');
const PGLITE_TEMPLATE = path.join(TEMPLATE_DIR, 'pglite-template.tar');

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function prepareTemplate(): Promise<{ templateName?: string }> {
  const url = testDatabaseUrl();
  if (url) {
    const templateName = `bangfu_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    await adminQuery(url, `CREATE DATABASE ${templateName}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, templateName), poolSize: 1 });
    await runMigrations(database);
    await database.close();
    return { templateName };
  }
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const database = await openDatabase({ pglite: client });
  await runMigrations(database);
  const dump = await client.dumpDataDir('none');
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  return {};
}

export async function dropTemplate(templateName: string | undefined) {
  const url = testDatabaseUrl();
  if (url && templateName) await adminQuery(url, `DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
}

/** A fresh, migrated database for one test file. */
export async function cloneTestDatabase(templateName: string | undefined): Promise<Database> {
  const url = testDatabaseUrl();
  if (url) {
    if (!templateName) throw new Error('PostgreSQL template missing: is the vitest globalSetup running?');
    const name = `bangfu_t_${randomBytes(6).toString('hex')}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${templateName}`);
        break;
      } catch (error) {
        // Two workers cloning at the same instant may collide on the template; retry briefly.
        if (attempt >= 10) throw error;
        await new Promise((r) => setTimeout(r, 200 + attempt * 100));
      }
    }
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 20 });
    return {
      ...database,
      async close() {
        await database.close();
        await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const data = await readFile(PGLITE_TEMPLATE);
  const client = await PGlite.create({ loadDataDir: new Blob([data]), extensions: pgliteExtensions });
  return openDatabase({ pglite: client });
}
