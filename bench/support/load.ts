import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoadResult {
  requests_per_second: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  errors: number;
  non_2xx: number;
  total_requests: number;
}

/** Drives `paths()` (a new path per request) at `connections` for `seconds` with autocannon. */
export async function load(base: string, paths: () => string, options: { connections?: number; seconds?: number; amount?: number; method?: 'GET' | 'POST'; body?: () => string; headers?: Record<string, string> } = {}): Promise<LoadResult> {
  const result = await autocannon({
    url: base,
    connections: options.connections ?? 64,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    requests: [
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        setupRequest: (request) => ({ ...request, path: paths(), ...(options.body ? { body: options.body() } : {}) }),
      },
    ],
  });
  return {
    requests_per_second: Math.round(result.requests.average),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non_2xx: result.non2xx,
    total_requests: result.requests.total,
  };
}

/**
 * The machine's ceiling: a bare node:http server in its own process answering a precomputed body
 * (same size and headers as the endpoint under test) to every request.
 */
export async function startBareServer(body: string, status = 200): Promise<{ url: string; stop(): void }> {
  const bodyFile = join(tmpdir(), `chorus-bare-${process.pid}.txt`);
  writeFileSync(bodyFile, body);
  const script = `
    const body = require('fs').readFileSync(${JSON.stringify(bodyFile)});
    const server = require('http').createServer((req, res) => {
      req.resume();
      res.writeHead(${status}, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'access-control-allow-origin': '*', etag: '"bench"', 'cache-control': 'public, max-age=30' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Resident set size of a process in MB (Linux). */
export function rssMb(process: ChildProcess | number): number {
  const pid = typeof process === 'number' ? process : process.pid!;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

/** Samples the peak RSS of a process while `during` runs. */
export async function peakRssDuring<T>(pid: number, during: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  try {
    return { result: await during(), peakRssMb: peak };
  } finally {
    clearInterval(timer);
  }
}
