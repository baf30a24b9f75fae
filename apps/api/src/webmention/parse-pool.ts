import type { SourceInput, VerificationOutcome } from '@chorus/adapters';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** A function exported by a CommonJS module, run in the workers: `require(module)[exportName](input)`. */
export interface WorkerTask {
  module: string;
  exportName: string;
}

export interface WorkerPoolOptions {
  size: number;
  /** A task running longer is abandoned: its worker is terminated and replaced. */
  timeoutMs: number;
  /** Heap cap per worker: a task that needs more ends its worker, not the process. */
  maxHeapMb: number;
}

/** Why a task gave no result: it ran out of time, its worker died (crash, out of memory), or it threw. */
export class WorkerTaskError extends Error {
  constructor(
    readonly kind: 'timeout' | 'crashed' | 'threw' | 'closed',
    message: string,
  ) {
    super(message);
  }
}

interface Task<I, O> {
  input: I;
  resolve(value: O): void;
  reject(error: WorkerTaskError): void;
}

interface Slot<I, O> {
  worker: Worker;
  task: Task<I, O> | null;
  timer: NodeJS.Timeout | null;
}

type Reply<O> = { ok: true; value: O } | { ok: false; error: string };

// Runs in each worker: one task at a time, answered with the value or the error's text.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const run = require(workerData.module)[workerData.exportName];
parentPort.on('message', (input) => {
  Promise.resolve()
    .then(() => run(input))
    .then((value) => ({ ok: true, value }), (error) => ({ ok: false, error: String((error && error.message) || error) }))
    .then((reply) => parentPort.postMessage(reply));
});`;

/**
 * A small pool of `node:worker_threads` running one CPU-heavy function, so the event loop stays free
 * and every core works. Workers start on first use and are replaced when one times out or dies, so
 * a hostile input cannot wedge the pool; an idle pool never keeps the process alive.
 */
export class WorkerPool<I, O> {
  private readonly slots: Slot<I, O>[] = [];
  private readonly waiting: Task<I, O>[] = [];
  private closed = false;

  constructor(
    private readonly task: WorkerTask,
    private readonly options: WorkerPoolOptions,
  ) {}

  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new WorkerTaskError('closed', 'the worker pool is shut down'));
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new WorkerTaskError('closed', 'the worker pool is shut down'));
    await Promise.all(this.slots.splice(0).map((slot) => this.stop(slot, new WorkerTaskError('closed', 'the worker pool is shut down'))));
  }

  private dispatch(): void {
    while (this.waiting.length) {
      const slot = this.slots.find((candidate) => !candidate.task) ?? (this.slots.length < this.options.size ? this.spawn() : null);
      if (!slot) return;
      const task = this.waiting.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(() => void this.stop(slot, new WorkerTaskError('timeout', `gave no result within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      slot.worker.postMessage(task.input);
    }
  }

  private spawn(): Slot<I, O> {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.task, resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } });
    const slot: Slot<I, O> = { worker, task: null, timer: null };
    worker.on('message', (reply: Reply<O>) => {
      const task = this.release(slot);
      if (reply.ok) task?.resolve(reply.value);
      else task?.reject(new WorkerTaskError('threw', reply.error));
      this.dispatch();
    });
    worker.on('error', (error) => void this.stop(slot, new WorkerTaskError('crashed', `the worker failed: ${error.message}`)));
    worker.on('exit', (code) => void this.stop(slot, new WorkerTaskError('crashed', `the worker exited with code ${code}`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  /** Frees the slot for the next task; the finished task, if any. */
  private release(slot: Slot<I, O>): Task<I, O> | null {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    slot.worker.unref();
    return task;
  }

  /** Ends a worker (timed out, died, or shutdown): its task fails with `reason`, a fresh worker takes the queue. */
  private async stop(slot: Slot<I, O>, reason: WorkerTaskError): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    this.release(slot)?.reject(reason);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    if (!this.closed) this.dispatch();
    await slot.worker.terminate();
  }
}

/** How long one page may take to be read before it is given up as unparseable (a normal page takes milliseconds). */
export const PARSE_TIMEOUT_MS = 10_000;

/**
 * `interpretSource` off the main thread: one worker per core (at most 4), each capped at 256 MB of
 * heap and 10 s per page.
 */
@Injectable()
export class ParsePool implements OnApplicationShutdown {
  private readonly pool = new WorkerPool<SourceInput, VerificationOutcome>(
    { module: createRequire(__filename).resolve('@chorus/adapters'), exportName: 'interpretSource' },
    { size: Math.min(availableParallelism(), 4), timeoutMs: PARSE_TIMEOUT_MS, maxHeapMb: 256 },
  );

  interpret(input: SourceInput): Promise<VerificationOutcome> {
    return this.pool.run(input);
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.close();
  }
}
