import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { type FileRow, files } from './files.table';

export async function insert(db: Executor, values: typeof files.$inferInsert): Promise<FileRow> {
  const [row] = await db.insert(files).values(values).returning();
  return row!;
}

export function findWithOrgPath(db: Executor, id: string) {
  return db
    .select({ file: files, orgPath: orgs.path })
    .from(files)
    .innerJoin(orgs, eq(orgs.id, files.orgId))
    .where(eq(files.id, id))
    .limit(1)
    .then((r) => r[0]);
}
