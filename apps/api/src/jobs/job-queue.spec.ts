import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../common/clock';
import { testDatabase } from '../database/testing';
import { JobEntity } from './job.entity';
import { backoffMs, JobQueue, PermanentJobError, RetryLaterError } from './job-queue.service';

class TestClock implements Pick<Clock, 'now'> {
  constructor(public time = Date.now()) {}
  now(): number {
    return this.time;
  }
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(['sqlite', 'postgres'] as const)(`${JobQueue.name} on %s`, (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function setup(env: Record<string, string> = {}) {
    const db = await testDatabase(kind, { CHORUS_JOB_LEASE: '2s', CHORUS_SHUTDOWN_GRACE: '300ms', ...env });
    cleanups.push(() => db.drop());
    const clock = new TestClock();
    const makeQueue = () => {
      const queue = new JobQueue(db.dataSource.getRepository(JobEntity), db.dataSource, db.config, clock);
      cleanups.push(() => queue.onApplicationShutdown());
      return queue;
    };
    const job = (id: number) => db.dataSource.getRepository(JobEntity).findOneByOrFail({ id });
    // One read per probe: a job moves on between two reads.
    const jobWhen = (id: number, predicate: (row: JobEntity) => boolean) => until(async () => {
      const row = await job(id);
      return predicate(row) && row;
    });
    return { dataSource: db.dataSource, clock, makeQueue, job, jobWhen };
  }

  it('should run an enqueued job once with its payload and mark it done', async () => {
    const { makeQueue, jobWhen } = await setup();
    const queue = makeQueue();
    const seen: unknown[] = [];
    queue.register('echo', (payload) => Promise.resolve(void seen.push(payload)));
    queue.start();
    const { id } = await queue.enqueue('echo', { hello: 'world' });
    const done = await jobWhen(id, (row) => row.state === 'done');
    expect(seen).toEqual([{ hello: 'world' }]);
    expect(done).toMatchObject({ attempts: 1, lastError: null, leaseUntil: null });
  });

  it('should not run a job before its run-at time', async () => {
    const { makeQueue, clock, jobWhen } = await setup();
    const queue = makeQueue();
    let runs = 0;
    queue.register('later', () => Promise.resolve(void runs++));
    queue.start();
    const { id } = await queue.enqueue('later', {}, { runAt: clock.now() + 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(runs).toBe(0);
    clock.time += 61_000;
    await jobWhen(id, (row) => row.state === 'done');
    expect(runs).toBe(1);
  });

  it('should retry a failing job with backoff and record the last error', async () => {
    const { makeQueue, clock, jobWhen } = await setup();
    const queue = makeQueue();
    let runs = 0;
    queue.register('flaky', () => (++runs < 3 ? Promise.reject(new Error(`boom ${runs}`)) : Promise.resolve()));
    queue.start();
    const { id } = await queue.enqueue('flaky', {});
    const waiting = await jobWhen(id, (row) => row.state === 'queued' && row.attempts === 1);
    expect(waiting.lastError).toBe('boom 1');
    expect(waiting.runAt - clock.now()).toBeGreaterThanOrEqual(4000);
    clock.time += 3_600_000;
    await jobWhen(id, (row) => row.state === 'queued' && row.attempts === 2);
    clock.time += 3_600_000;
    const done = await jobWhen(id, (row) => row.state === 'done');
    expect(runs).toBe(3);
    expect(done.attempts).toBe(3);
  });

  it('should give up with the reason after the last attempt, and at once on a permanent error', async () => {
    const { makeQueue, clock, jobWhen } = await setup();
    const queue = makeQueue();
    queue.register('always', () => Promise.reject(new Error('still broken')));
    queue.register('never', () => Promise.reject(new PermanentJobError('cannot ever work')));
    queue.start();
    const always = await queue.enqueue('always', {}, { maxAttempts: 2 });
    const never = await queue.enqueue('never', {});
    await jobWhen(always.id, (row) => row.state === 'queued' && row.attempts === 1);
    clock.time += 3_600_000;
    expect(await jobWhen(always.id, (row) => row.state === 'failed')).toMatchObject({ attempts: 2, lastError: 'still broken' });
    expect(await jobWhen(never.id, (row) => row.state === 'failed')).toMatchObject({ attempts: 1, lastError: 'cannot ever work' });
  });

  it('should postpone without spending an attempt when told to retry later', async () => {
    const { makeQueue, clock, jobWhen } = await setup();
    const queue = makeQueue();
    let runs = 0;
    queue.register('limited', () => (++runs === 1 ? Promise.reject(new RetryLaterError('rate limited', clock.now() + 30_000)) : Promise.resolve()));
    queue.start();
    const { id } = await queue.enqueue('limited', {}, { maxAttempts: 1 });
    const postponed = await jobWhen(id, (row) => row.lastError === 'rate limited');
    expect(postponed).toMatchObject({ state: 'queued', attempts: 0, runAt: clock.now() + 30_000 });
    clock.time += 31_000;
    await jobWhen(id, (row) => row.state === 'done');
  });

  it('should run the same job again as new when its handler returns a rerun time, keeping its unique key', async () => {
    // Arrange
    const { makeQueue, clock, jobWhen } = await setup();
    const queue = makeQueue();
    let runs = 0;
    queue.register('cycle', () => Promise.resolve(++runs === 1 ? { rerunAt: clock.now() + 60_000 } : undefined));
    queue.start();
    const { id } = await queue.enqueue('cycle', {}, { uniqueKey: 'cycle', maxAttempts: 1 });

    // Act
    const rearmed = await jobWhen(id, (row) => row.state === 'queued' && row.runAt > clock.now());
    const duplicate = await queue.enqueue('cycle', {}, { uniqueKey: 'cycle' });
    clock.time += 61_000;
    const done = await jobWhen(id, (row) => row.state === 'done');

    // Assert
    expect(rearmed).toMatchObject({ attempts: 0, lastError: null, lockedBy: null, leaseUntil: null, uniqueKey: 'cycle', runAt: clock.now() - 1000 });
    expect(duplicate).toEqual({ id, collapsed: true });
    expect(runs).toBe(2);
    expect(done).toMatchObject({ attempts: 1, uniqueKey: null });
  });

  it('should queue many jobs in one call, give their ids in order and run each once', async () => {
    // Arrange
    const { makeQueue, job } = await setup();
    const queue = makeQueue();
    const seen: number[] = [];
    queue.register('many', (payload) => Promise.resolve(void seen.push((payload as { n: number }).n)));

    // Act
    const ids = await queue.enqueueMany('many', Array.from({ length: 50 }, (_, n) => ({ payload: { n }, maxAttempts: 2 })));
    queue.start();
    await until(() => Promise.resolve(seen.length === 50));

    // Assert
    expect(ids).toHaveLength(50);
    expect((await Promise.all(ids.map(job))).map((row) => (row.payload as { n: number }).n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(await job(ids[0]!)).toMatchObject({ maxAttempts: 2 });
  });

  it('should not take over its own running job when the clock passes the lease', async () => {
    // Arrange
    const { makeQueue, clock, jobWhen } = await setup();
    const queue = makeQueue();
    let runs = 0;
    let release: () => void = () => undefined;
    queue.register('slow', () => new Promise<void>((resolve) => ((release = resolve), runs++)));
    queue.start();
    const { id } = await queue.enqueue('slow', {});
    await jobWhen(id, (row) => row.state === 'running');

    // Act
    clock.time += 3_600_000;
    await new Promise((resolve) => setTimeout(resolve, 700));
    release();
    const done = await jobWhen(id, (row) => row.state === 'done');

    // Assert
    expect(runs).toBe(1);
    expect(done.attempts).toBe(1);
  });

  it("should take over a crashed worker's job once its lease has run out", async () => {
    const { makeQueue, clock, jobWhen, dataSource, job } = await setup();
    const crashed = await dataSource.getRepository(JobEntity).save({
      type: 'resume', payload: { n: 1 }, state: 'running', runAt: clock.now(), attempts: 1, maxAttempts: 5,
      leaseUntil: clock.now() + 2000, lockedBy: 'dead-worker', lastError: null, uniqueKey: null, createdAt: clock.now(), updatedAt: clock.now(),
    });
    const queue = makeQueue();
    let runs = 0;
    queue.register('resume', () => Promise.resolve(void runs++));
    queue.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toBe(0);
    clock.time += 2500;
    await jobWhen(crashed.id, (row) => row.state === 'done');
    expect(runs).toBe(1);
    expect((await job(crashed.id)).attempts).toBe(2);
  });

  it('should collapse a second enqueue with the same unique key while the first is pending', async () => {
    const { makeQueue, clock, jobWhen } = await setup();
    const queue = makeQueue();
    queue.register('unique', () => Promise.resolve());
    const first = await queue.enqueue('unique', { a: 1 }, { uniqueKey: 'k', runAt: clock.now() + 1000 });
    const second = await queue.enqueue('unique', { a: 2 }, { uniqueKey: 'k' });
    expect(second).toEqual({ id: first.id, collapsed: true });
    queue.start();
    clock.time += 2000;
    await jobWhen(first.id, (row) => row.state === 'done');
    const third = await queue.enqueue('unique', { a: 3 }, { uniqueKey: 'k' });
    expect(third.collapsed).toBe(false);
  });

  it('should let running jobs finish on shutdown, and release those that do not in time', async () => {
    const { makeQueue, job, jobWhen } = await setup();
    const queue = makeQueue();
    let finishQuick: () => void = () => undefined;
    queue.register('quick', () => new Promise<void>((resolve) => (finishQuick = resolve)));
    queue.register('stuck', (_payload, { signal }) => new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))));
    queue.start();
    const quick = await queue.enqueue('quick', {});
    const stuck = await queue.enqueue('stuck', {});
    await jobWhen(quick.id, (row) => row.state === 'running');
    await jobWhen(stuck.id, (row) => row.state === 'running');
    setTimeout(() => finishQuick(), 50);
    await queue.onApplicationShutdown();
    expect((await job(quick.id)).state).toBe('done');
    expect(await job(stuck.id)).toMatchObject({ state: 'queued', lockedBy: null, leaseUntil: null });
  });

  it('should hand each job to exactly one of several workers', async () => {
    const { makeQueue } = await setup();
    const runs = new Map<number, number>();
    const queues = [makeQueue(), makeQueue(), makeQueue()];
    for (const queue of queues) {
      queue.register('shared', (payload) => {
        const n = (payload as { n: number }).n;
        runs.set(n, (runs.get(n) ?? 0) + 1);
        return new Promise((resolve) => setTimeout(resolve, 5));
      });
    }
    for (let n = 0; n < 60; n++) await queues[0]!.enqueue('shared', { n });
    for (const queue of queues) queue.start();
    await until(() => Promise.resolve(runs.size === 60), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });
});

describe(backoffMs.name, () => {
  it('should double from 5 s with jitter and cap at an hour', () => {
    expect(backoffMs(1)).toBeGreaterThanOrEqual(4000);
    expect(backoffMs(1)).toBeLessThanOrEqual(6000);
    expect(backoffMs(3)).toBeGreaterThanOrEqual(16_000);
    expect(backoffMs(30)).toBeLessThanOrEqual(3_600_000 * 1.2);
  });
});
