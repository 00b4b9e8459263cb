import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../common/context';
import { AppError } from '../../common/errors';
import type { Action } from '../../common/permissions';
import { loggableError } from '../../common/sql';
import type { Db } from '../../db/client';
import { type JobRow, jobs } from './jobs.table';

export interface JobError {
  row?: number;
  /** The worksheet of `row`, when a file has more than one. */
  sheet?: string;
  column?: string;
  /** What users read, in Chinese. */
  message: string;
  /** Its English variant (absent from jobs stored before it was kept, and where a kind gives none). */
  messageEn?: string;
}

export interface JobContext<P> {
  job: JobRow;
  payload: P;
  /** Reports progress; persisted at most every `progressIntervalMs`. */
  progress(done: number, total?: number): void;
  /** Collects a row-level problem (e.g. an import's bad row); kept with the job. */
  addError(error: JobError): void;
  errors: readonly JobError[];
}

export type JobHandler<P = unknown, R = unknown> = (ctx: JobContext<P>) => Promise<R>;

/** A kind of job: its type (stored with each job) and who may read its jobs. */
export interface JobKind {
  type: string;
  /**
   * The permission that reading a job of this kind needs besides job.read: its progress, result and
   * problem list hold its module's data (a households import: household.read).
   */
  readPermission: Action;
}

const MAX_STORED_ERRORS = 10_000;

/**
 * What a job that failed unexpectedly tells its owner. The error itself (a database error holds the
 * query's SQL and values: the search text of an export) is for the log, not for the job's page.
 */
const UNEXPECTED_FAILURE = {
  zh: '任务因系统错误未能完成，请稍后重试；如仍失败，请联系管理员',
  en: 'The job could not be completed because of a system error. Please try again later; if it fails again, contact your administrator',
};

/** What a job cut off by a restart tells its owner. */
const INTERRUPTED = {
  zh: '服务重启，任务被中断，请重新提交',
  en: 'The job was interrupted by a server restart. Please submit it again',
};

/**
 * Background jobs for imports, exports and reports: rows in the `jobs` table, run in this process
 * with bounded concurrency. Jobs interrupted by a restart are marked failed on start; queued ones resume.
 */
export class JobRunner {
  private readonly handlers = new Map<string, { kind: JobKind; handler: JobHandler<never> }>();
  private readonly queue: string[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: Pick<FastifyBaseLogger, 'error' | 'info'>,
    private readonly options: { concurrency: number; progressIntervalMs: number } = {
      concurrency: 2,
      progressIntervalMs: 300,
    },
  ) {}

  register<P, R>(kind: JobKind, handler: JobHandler<P, R>) {
    if (this.handlers.has(kind.type)) throw new Error(`job type ${kind.type} registered twice`);
    this.handlers.set(kind.type, { kind, handler: handler as JobHandler<never> });
  }

  /** The kind of a stored job's type; undefined for a type no module registers (any more). */
  kind(type: string): JobKind | undefined {
    return this.handlers.get(type)?.kind;
  }

  async enqueue(actor: Actor | null, kind: JobKind, payload: unknown, orgId?: string): Promise<JobRow> {
    if (!this.handlers.has(kind.type)) throw new Error(`unknown job type ${kind.type}`);
    const [row] = await this.db
      .insert(jobs)
      .values({
        type: kind.type,
        payload: payload ?? {},
        createdBy: actor?.principal.userId ?? null,
        orgId: orgId ?? actor?.principal.orgId ?? null,
      })
      .returning();
    this.queue.push(row!.id);
    this.pump();
    return row!;
  }

  /** On start: running jobs died with the previous process; queued ones are picked up again. */
  async recover() {
    await this.db
      .update(jobs)
      .set({ status: 'failed', message: INTERRUPTED.zh, messageEn: INTERRUPTED.en, finishedAt: new Date() })
      .where(eq(jobs.status, 'running'));
    const queued = await this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(eq(jobs.status, 'queued'))
      .orderBy(jobs.createdAt);
    for (const { id } of queued) this.queue.push(id);
    this.pump();
  }

  /** Resolves when no job is queued or running (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop() {
    this.stopped = true;
    this.queue.length = 0;
    await this.idle();
  }

  private pump() {
    while (!this.stopped && this.running < this.options.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.running++;
      this.run(id)
        .catch((err) => this.log.error({ err: loggableError(err), jobId: id }, 'job bookkeeping failed'))
        .finally(() => {
          this.running--;
          this.pump();
          if (this.running === 0 && this.queue.length === 0) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
    }
  }

  private async run(id: string) {
    // Claim atomically so that a job never runs twice.
    const [job] = await this.db
      .update(jobs)
      .set({ status: 'running', startedAt: new Date() })
      .where(and(eq(jobs.id, id), eq(jobs.status, 'queued')))
      .returning();
    if (!job) return;
    const { handler } = this.handlers.get(job.type)!;
    const errors: JobError[] = [];
    let done = 0;
    let total = job.total;
    let lastSaved = 0;
    let saving: Promise<unknown> = Promise.resolve();
    const save = () => {
      lastSaved = Date.now();
      saving = saving.then(() => this.db.update(jobs).set({ done, total }).where(eq(jobs.id, id)));
    };
    const ctx: JobContext<never> = {
      job,
      payload: job.payload as never,
      errors,
      progress: (d, t) => {
        done = d;
        if (t !== undefined) total = t;
        if (Date.now() - lastSaved >= this.options.progressIntervalMs) save();
      },
      addError: (e) => {
        if (errors.length < MAX_STORED_ERRORS) errors.push(e);
      },
    };
    try {
      const result = await handler(ctx);
      await saving;
      await this.db
        .update(jobs)
        .set({ status: 'succeeded', done, total, result: result ?? null, errors, finishedAt: new Date() })
        .where(eq(jobs.id, id));
    } catch (err) {
      await saving.catch(() => {});
      // Known failures (an AppError: a file that is no workbook…) say what went wrong, in Chinese and
      // in English, as the API's errors do.
      const [message, messageEn] =
        err instanceof AppError
          ? [err.message, err.messageEn]
          : [UNEXPECTED_FAILURE.zh, UNEXPECTED_FAILURE.en];
      this.log.error({ err: loggableError(err), jobId: id, type: job.type }, 'job failed');
      await this.db
        .update(jobs)
        .set({ status: 'failed', done, total, errors, message, messageEn, finishedAt: new Date() })
        .where(eq(jobs.id, id));
    }
  }
}
