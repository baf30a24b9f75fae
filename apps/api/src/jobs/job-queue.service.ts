import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, QueryFailedError, type DataSource, type Repository } from 'typeorm';
import { Clock } from '../common/clock';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { GroupCommit } from './group-commit';
import { JobEntity, type JobState } from './job.entity';
import { insertReturning, returningRows } from './returning';

/** A failure that retrying cannot fix: the job fails at once with this reason. */
export class PermanentJobError extends Error {}

/** A failure that says when to try again (e.g. a rate limit's reset); does not count as an attempt. */
export class RetryLaterError extends Error {
  constructor(message: string, readonly retryAt: number) {
    super(message);
  }
}

export interface JobContext {
  jobId: number;
  attempt: number;
  /** Aborted on shutdown when the grace period runs out: stop early, the job is released. */
  signal: AbortSignal;
}

/** What a handler may return instead of nothing: run this same job again at `rerunAt` (epoch ms), as new. */
export interface JobRerun {
  rerunAt: number;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void | JobRerun>;

export interface EnqueueOptions {
  /** Earliest time to run (epoch ms); default now. */
  runAt?: number;
  maxAttempts?: number;
  /** At most one queued or running job per key: a second enqueue is collapsed into the first. */
  uniqueKey?: string;
}

/** One job of `enqueueMany`: its payload and the options `enqueue` takes, but no unique key. */
export interface NewJob {
  payload: unknown;
  runAt?: number;
  maxAttempts?: number;
}

const POLL_MS = 250;
/** Most finished jobs marked done by one statement. */
const MAX_DONE_BATCH = 256;
const DEFAULT_MAX_ATTEMPTS = 8;
const JOB_COLUMNS = ['type', 'payload', 'state', 'run_at', 'attempts', 'max_attempts', 'created_at', 'updated_at'] as const;

/**
 * A durable job queue in the database (SQLite or PostgreSQL). Jobs are claimed with a lease in one
 * atomic statement (`FOR UPDATE SKIP LOCKED` on PostgreSQL), retried with exponential backoff, failed
 * with a recorded reason, and taken over by any worker once a crashed worker's lease runs out.
 */
@Injectable()
export class JobQueue implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers = new Map<string, { handler: JobHandler; concurrency: number; running: number }>();
  private readonly workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<number, { promise: Promise<void>; abort: AbortController }>();
  /** Jobs that finish together are marked done in one statement. */
  private readonly completions = new GroupCommit<number, void>((ids) => this.markDone(ids), MAX_DONE_BATCH);
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private polling = false;

  constructor(
    @InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly clock: Clock,
  ) {}

  register(type: string, handler: JobHandler, options: { concurrency?: number } = {}): void {
    this.handlers.set(type, { handler, concurrency: options.concurrency ?? 4, running: 0 });
  }

  async enqueue(type: string, payload: unknown, options: EnqueueOptions = {}): Promise<{ id: number; collapsed: boolean }> {
    const now = this.clock.now();
    const job = this.jobs.create({
      type,
      payload,
      state: 'queued',
      runAt: options.runAt ?? now,
      attempts: 0,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      leaseUntil: null,
      lockedBy: null,
      lastError: null,
      uniqueKey: options.uniqueKey ?? null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      const saved = await this.jobs.save(job, { transaction: false });
      this.logger.debug(`queued ${type} job #${saved.id} to run at ${new Date(job.runAt).toISOString()}`);
      this.kick();
      return { id: saved.id, collapsed: false };
    } catch (error) {
      if (!(error instanceof QueryFailedError) || !options.uniqueKey) throw error;
      const pending = await this.jobs.findOneBy({ uniqueKey: options.uniqueKey });
      if (!pending) throw error;
      this.logger.debug(`collapsed ${type} job into pending #${pending.id} (${options.uniqueKey})`);
      return { id: pending.id, collapsed: true };
    }
  }

  /**
   * Queues many jobs of one type in one statement (a group commit's worth); their ids, in input order.
   * For jobs with a unique key, use `enqueue`.
   */
  async enqueueMany(type: string, jobs: readonly NewJob[]): Promise<number[]> {
    if (!jobs.length) return [];
    const now = this.clock.now();
    const rows = jobs.map((job) => [type, JSON.stringify(job.payload ?? null), 'queued', job.runAt ?? now, 0, job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, now, now]);
    const ids = (await insertReturning(this.dataSource, 'jobs', JOB_COLUMNS, rows, 'id')).map((row) => Number(row.id));
    // Both databases number the rows of one multi-row INSERT in VALUES order.
    ids.sort((a, b) => a - b);
    this.logger.debug(`queued ${ids.length} ${type} job(s) #${ids[0]}…#${ids.at(-1)}`);
    this.kick();
    return ids;
  }

  /** Starts claiming jobs (after every handler is registered). */
  start(): void {
    if (this.timer || this.stopping) return;
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async counts(): Promise<Record<JobState, number>> {
    const rows = await this.jobs.createQueryBuilder('j').select('j.state', 'state').addSelect('COUNT(*)', 'n').groupBy('j.state').getRawMany<{ state: JobState; n: string | number }>();
    const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const row of rows) counts[row.state] = Number(row.n);
    return counts;
  }

  find(id: number): Promise<JobEntity | null> {
    return this.jobs.findOneBy({ id });
  }

  /** Before any module's shutdown hook: TypeORM closes the database in its own `onApplicationShutdown`. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.onApplicationShutdown();
  }

  /** Finishes running jobs within a grace period, then releases what is left for another worker. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (!this.running.size) return;
    this.logger.log(`waiting for ${this.running.size} running job(s) to finish`);
    const all = Promise.allSettled([...this.running.values()].map((entry) => entry.promise));
    const timeout = new Promise((resolve) => setTimeout(resolve, this.config.shutdownGraceMs).unref());
    await Promise.race([all, timeout]);
    for (const [id, entry] of this.running) {
      entry.abort.abort();
      await this.jobs.update({ id, lockedBy: this.workerId }, { state: 'queued', leaseUntil: null, lockedBy: null, updatedAt: this.clock.now() });
      this.logger.log(`released job #${id} for another worker`);
    }
  }

  private kick(): void {
    if (this.polling || this.stopping || !this.timer) return;
    this.polling = true;
    this.claimAvailable()
      .catch((error: Error) => this.logger.error(`claiming jobs failed: ${error.message}`))
      .finally(() => (this.polling = false));
  }

  private async claimAvailable(): Promise<void> {
    for (const [type, entry] of this.handlers) {
      while (entry.running < entry.concurrency && !this.stopping) {
        const jobs = await this.claim(type, entry.concurrency - entry.running);
        for (const job of jobs) this.run(job, entry);
        if (!jobs.length) break;
      }
    }
  }

  /**
   * Up to `limit` jobs in one atomic statement on both databases: the oldest due ones, and those whose
   * lease ran out on another worker. (This worker's own running jobs are never taken over by itself:
   * their leases are its to extend, whatever the clock says.)
   */
  private async claim(type: string, limit: number): Promise<JobEntity[]> {
    const now = this.clock.now();
    const lease = now + this.config.jobLeaseMs;
    const postgres = this.dataSource.options.type === 'postgres';
    const p = (n: number) => (postgres ? `$${n}` : `?${n}`);
    const rows = await returningRows(
      this.dataSource,
      `WITH due AS (SELECT id FROM jobs WHERE type = ${p(4)} AND ((state = 'queued' AND run_at <= ${p(3)}) OR (state = 'running' AND lease_until < ${p(3)} AND locked_by <> ${p(2)}))
                    ORDER BY run_at, id LIMIT ${p(5)}${postgres ? ' FOR UPDATE SKIP LOCKED' : ''})
       UPDATE jobs SET state = 'running', lease_until = ${p(1)}, locked_by = ${p(2)}, attempts = attempts + 1, updated_at = ${p(3)}
       WHERE id IN (SELECT id FROM due)
       RETURNING id`,
      [lease, this.workerId, now, type, limit],
    );
    if (!rows.length) return [];
    const jobs = await this.jobs.findBy({ id: In(rows.map((row) => Number(row.id))) });
    return jobs.sort((a, b) => a.runAt - b.runAt || a.id - b.id);
  }

  private run(job: JobEntity, entry: { handler: JobHandler; running: number }): void {
    entry.running++;
    const abort = new AbortController();
    const heartbeat = setInterval(() => void this.extendLease(job.id), Math.max(1000, this.config.jobLeaseMs / 3));
    const promise = entry
      .handler(job.payload, { jobId: job.id, attempt: job.attempts, signal: abort.signal })
      .then((result) => (result ? this.rerun(job, result.rerunAt) : this.completions.submit(job.id)))
      .catch((error: unknown) => this.failed(job, error))
      .catch((error: Error) => this.logger.error(`recording the end of job #${job.id} failed: ${error.message}`))
      .finally(() => {
        clearInterval(heartbeat);
        entry.running--;
        this.running.delete(job.id);
        this.kick();
      });
    this.running.set(job.id, { promise, abort });
  }

  private async extendLease(id: number): Promise<void> {
    await this.jobs.update({ id, lockedBy: this.workerId, state: 'running' }, { leaseUntil: this.clock.now() + this.config.jobLeaseMs }).catch(() => undefined);
  }

  private async failed(job: JobEntity, error: unknown): Promise<void> {
    if (this.stopping && this.running.get(job.id)?.abort.signal.aborted) return;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RetryLaterError) {
      this.logger.debug(`job #${job.id} (${job.type}) postponed: ${message}`);
      await this.jobs.update({ id: job.id }, { state: 'queued', runAt: error.retryAt, attempts: job.attempts - 1, leaseUntil: null, lockedBy: null, lastError: message, updatedAt: this.clock.now() });
      return;
    }
    if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) {
      this.logger.warn(`job #${job.id} (${job.type}) failed for good after ${job.attempts} attempt(s): ${message}`);
      await this.fail(job, message);
      return;
    }
    const runAt = this.clock.now() + backoffMs(job.attempts);
    this.logger.debug(`job #${job.id} (${job.type}) attempt ${job.attempts} failed (${message}); retrying at ${new Date(runAt).toISOString()}`);
    await this.jobs.update({ id: job.id }, { state: 'queued', runAt, leaseUntil: null, lockedBy: null, lastError: message, updatedAt: this.clock.now() });
  }

  /** Back to the queue as a fresh job (attempts and last error cleared; the unique key kept, so it stays the one pending). */
  private async rerun(job: JobEntity, rerunAt: number): Promise<void> {
    this.logger.debug(`job #${job.id} (${job.type}) runs again at ${new Date(rerunAt).toISOString()}`);
    await this.jobs.update({ id: job.id }, { state: 'queued', runAt: rerunAt, attempts: 0, leaseUntil: null, lockedBy: null, lastError: null, updatedAt: this.clock.now() });
  }

  private async markDone(ids: number[]): Promise<void[]> {
    await this.jobs.update({ id: In(ids) }, { state: 'done', leaseUntil: null, lockedBy: null, lastError: null, uniqueKey: null, updatedAt: this.clock.now() });
    return ids.map(() => undefined);
  }

  private async fail(job: JobEntity, lastError: string): Promise<void> {
    await this.jobs.update({ id: job.id }, { state: 'failed', leaseUntil: null, lockedBy: null, lastError, uniqueKey: null, updatedAt: this.clock.now() });
  }
}

/** 5 s, 10 s, 20 s … capped at one hour, with ±20 % jitter. */
export function backoffMs(attempt: number): number {
  const base = Math.min(3_600_000, 5000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

