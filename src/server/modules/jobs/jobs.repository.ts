import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { jobs } from './jobs.table';

export function findWithOrgPath(db: Executor, id: string) {
  return db
    .select({ job: jobs, orgPath: orgs.path })
    .from(jobs)
    .leftJoin(orgs, eq(orgs.id, jobs.orgId))
    .where(eq(jobs.id, id))
    .limit(1)
    .then((r) => r[0]);
}

export function listCreatedBy(db: Executor, userId: string, limit: number) {
  return db.select().from(jobs).where(eq(jobs.createdBy, userId)).orderBy(desc(jobs.createdAt)).limit(limit);
}
