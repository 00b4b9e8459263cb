import type { Actor, Deps, Principal } from '../../common/context';
import { businessDate } from '../../common/dates';
import { defineErrors } from '../../common/errors';
import { can } from '../../common/permissions';
import { inScope } from '../../common/scope';
import { writeXlsx } from '../../common/xlsx';
import { recordAudit } from '../audit/audit.usecases';
import * as repo from './jobs.repository';
import type { JobError } from './jobs.runner';
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
    errors: (job.errors as JobError[] | null) ?? [],
    message: job.message,
    messageEn: job.messageEn,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

type JobDeps = Pick<Deps, 'db' | 'jobs'>;

/**
 * Whether the caller's roles allow reading jobs of this type: job.read (the routes check it) and the
 * read permission of the job's module, as the kind declared it. A type no module registers is nobody's.
 */
function mayReadKind(deps: JobDeps, principal: Principal, type: string) {
  const kind = deps.jobs.kind(type);
  return !!kind && can(principal.roles, kind.readPermission);
}

/**
 * A job is visible to whoever started it and to users whose scope contains the job's unit — in both
 * cases only with the read permission of the job's module (a households import holds households).
 */
async function visibleJob(deps: JobDeps, principal: Principal, id: string) {
  const found = await repo.findWithOrgPath(deps.db, id);
  if (
    !found ||
    (found.job.createdBy !== principal.userId && !inScope(principal, found.orgPath)) ||
    !mayReadKind(deps, principal, found.job.type)
  ) {
    throw JobErrors.JOB_NOT_FOUND();
  }
  return found.job;
}

export async function getJob(deps: JobDeps, principal: Principal, id: string) {
  return toJobDto(await visibleJob(deps, principal, id));
}

/**
 * The job's problems (an import's bad rows) as a spreadsheet, for whoever may see the job: sheet,
 * row, column, message, as the page lists them. A Chinese workbook, like the file it reports on; the
 * English variant of each message, when the job kept one, in a last column, so that one download
 * serves a reader of either language. Audited like every other download.
 */
export async function jobErrorsWorkbook(deps: JobDeps, actor: Actor, id: string) {
  const job = await visibleJob(deps, actor.principal, id);
  const errors = (job.errors as JobError[] | null) ?? [];
  const data = await writeXlsx<JobError>(
    '问题清单',
    [
      { header: '工作表', value: (e) => e.sheet, width: 14 },
      { header: '行号', value: (e) => e.row, width: 8 },
      { header: '列', value: (e) => e.column, width: 24 },
      { header: '问题说明', value: (e) => e.message, width: 80 },
      ...(errors.some((e) => e.messageEn)
        ? [{ header: '问题说明（英文）Problem (English)', value: (e: JobError) => e.messageEn, width: 80 }]
        : []),
    ],
    errors,
  );
  await deps.db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'job.errors_downloaded',
      entity: 'job',
      entityId: job.id,
      orgId: job.orgId,
      after: { type: job.type, count: errors.length },
    }),
  );
  return { data, fileName: `问题清单-${businessDate(job.createdAt)}.xlsx` };
}

/** The caller's latest jobs, of the kinds the caller may still read. */
export async function listMyJobs(deps: JobDeps, principal: Principal) {
  const mine = await repo.listCreatedBy(deps.db, principal.userId, 50);
  return mine.filter((job) => mayReadKind(deps, principal, job.type)).map(toJobDto);
}
