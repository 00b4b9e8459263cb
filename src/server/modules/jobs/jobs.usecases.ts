import type { Principal } from '../../common/context';
import { defineErrors } from '../../common/errors';
import { inScope } from '../../common/scope';
import type { Db } from '../../db/client';
import * as repo from './jobs.repository';
import type { JobRow } from './jobs.table';

export const JobErrors = defineErrors({
  JOB_NOT_FOUND: { status: 404, zh: '未找到该任务，或不在您的管辖范围内', en: 'No such job in your scope' },
});

export function toJobDto(job: JobRow) {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    done: job.done,
    total: job.total,
    result: job.result ?? null,
    errors: (job.errors as unknown[]) ?? [],
    message: job.message,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** A job is visible to whoever started it and to users whose scope contains the job's unit. */
export async function getJob(db: Db, principal: Principal, id: string) {
  const found = await repo.findWithOrgPath(db, id);
  if (!found || (found.job.createdBy !== principal.userId && !inScope(principal, found.orgPath))) {
    throw JobErrors.JOB_NOT_FOUND();
  }
  return toJobDto(found.job);
}

export async function listMyJobs(db: Db, principal: Principal) {
  return (await repo.listCreatedBy(db, principal.userId, 50)).map(toJobDto);
}
