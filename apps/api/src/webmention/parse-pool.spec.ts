import { interpretSource, type SourceInput } from '@chorus/adapters';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ParsePool, WorkerPool, WorkerTaskError, type WorkerPoolOptions } from './parse-pool';

// Tasks a worker can be given: a normal one, and the ways a hostile input can go wrong.
const TASKS = `
const { threadId } = require('node:worker_threads');
exports.double = (n) => ({ value: n * 2, threadId });
exports.spin = () => { for (;;) {} };
exports.die = () => process.exit(3);
exports.fail = () => { throw new Error('bad input'); };
`;

describe(WorkerPool.name, () => {
  let dir = '';
  const pools: WorkerPool<unknown, unknown>[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chorus-pool-'));
    writeFileSync(join(dir, 'tasks.js'), TASKS);
  });
  afterEach(async () => {
    while (pools.length) await pools.pop()!.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function pool<I, O>(exportName: string, options: Partial<WorkerPoolOptions> = {}): WorkerPool<I, O> {
    const created = new WorkerPool<I, O>({ module: join(dir, 'tasks.js'), exportName }, { size: 2, timeoutMs: 5000, maxHeapMb: 64, ...options });
    pools.push(created);
    return created;
  }

  it('should answer every task with its own result, computed off the main thread, when more tasks than workers arrive at once', async () => {
    // Arrange
    const doubler = pool<number, { value: number; threadId: number }>('double');

    // Act
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => doubler.run(n)));

    // Assert
    expect(results.map((result) => result.value)).toEqual(Array.from({ length: 20 }, (_, n) => n * 2));
    const threads = new Set(results.map((result) => result.threadId));
    expect(threads.has(0)).toBe(false);
    expect(threads.size).toBeLessThanOrEqual(2);
  });

  it('should reject a task that runs past the timeout and keep serving the next ones', async () => {
    // Arrange
    const spinner = pool<number, never>('spin', { size: 1, timeoutMs: 300 });
    const doubler = new WorkerPool<number, { value: number }>({ module: join(dir, 'tasks.js'), exportName: 'double' }, { size: 1, timeoutMs: 300, maxHeapMb: 64 });
    pools.push(doubler);

    // Act
    const [first, second] = await Promise.allSettled([spinner.run(1), spinner.run(2)]);
    const after = await doubler.run(21);

    // Assert
    expect(first).toMatchObject({ status: 'rejected', reason: { kind: 'timeout' } });
    expect(second).toMatchObject({ status: 'rejected', reason: { kind: 'timeout' } });
    expect(after.value).toBe(42);
  });

  it('should reject the task of a worker that dies and start a fresh worker for the next task', async () => {
    // Arrange
    const dying = pool<number, never>('die', { size: 1 });

    // Act
    const outcomes = await Promise.allSettled([dying.run(1), dying.run(2)]);

    // Assert
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as WorkerTaskError;
      expect(reason).toBeInstanceOf(WorkerTaskError);
      expect(reason.kind).toBe('crashed');
      expect(reason.message).toContain('code 3');
    }
  });

  it("should reject with the task's own error message when it throws", async () => {
    await expect(pool('fail').run(1)).rejects.toMatchObject({ kind: 'threw', message: 'bad input' });
  });

  it('should end a busy worker on close and refuse tasks afterwards', async () => {
    // Arrange
    const spinner = pool<number, never>('spin', { size: 1, timeoutMs: 60_000 });
    const tasks = Promise.allSettled([spinner.run(1), spinner.run(2)]);

    // Act
    await spinner.close();

    // Assert
    const [running, waiting] = await tasks;
    expect(running).toMatchObject({ status: 'rejected', reason: { kind: 'closed' } });
    expect(waiting).toMatchObject({ status: 'rejected', reason: { kind: 'closed' } });
    await expect(spinner.run(3)).rejects.toMatchObject({ kind: 'closed' });
  });
});

describe(ParsePool.name, () => {
  it('should read a source page in a worker exactly as interpretSource does in-process', async () => {
    // Arrange (the worker runs the built adapters library)
    const body = readFileSync(join(__dirname, '..', '..', '..', '..', 'libs', 'adapters', 'src', 'webmention', 'fixtures', 'bench-entry.html'), 'utf8');
    const url = 'https://mara.example/2026/11/22/re-hello-chorus/';
    const input: SourceInput = { source: url, target: 'https://blog.example/2026/11/hello', protocol: 'webmention', document: { url, status: 200, contentType: 'text/html', body, headers: {} } };
    const parser = new ParsePool();

    // Act
    const outcome = await parser.interpret(input).finally(() => parser.onApplicationShutdown());

    // Assert
    expect(outcome.outcome).toBe('verified');
    expect(outcome).toEqual(interpretSource(input));
  });
});
