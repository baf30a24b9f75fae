import { interpretSource } from '@chorus/adapters';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, waitFor } from '../test/support/http';
import { REPO_ROOT, startServer, type RunningServer } from '../test/support/server';
import { startSourceSite } from '../test/support/source-site';
import { load, startBareServer } from './support/load';

const TARGET = 'https://blog.example/2026/11/hello';
const CONNECTIONS = 64;
const SECONDS = 10;
const PAGES = 600;
const PARSE_ROUNDS = 200;
const BENCH_PAGE = readFileSync(join(REPO_ROOT, 'libs', 'adapters', 'src', 'webmention', 'fixtures', 'bench-entry.html'), 'utf8');

/**
 * Issue 3's benchmark. Intake: `POST /webmention` accepted (durably queued, 201) per second at 64
 * connections, every request a new source, against a bare node:http server answering a 201 of the
 * same size in the same run, and against an empty Nest + Fastify handler (the framework's own cost).
 * Verification: pages verified per second end to end (a loopback source serving the ~30 KB h-entry
 * fixture, delay 0), and the parse cost of one page in-process.
 */
export async function run(): Promise<Record<string, number | string>> {
  const intake = await measureIntake();
  const verification = await measureVerification();
  return { ...intake, ...verification, parse_ms_per_page: measureParse() };
}

async function measureIntake(): Promise<Record<string, number>> {
  const server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_VERIFY_DELAY: '1h', CHORUS_RATE_LIMIT: '100000000/min', CHORUS_LOG_LEVEL: 'info' } });
  try {
    const sample = await http(server, 'POST', '/webmention', { form: { source: 'https://alice.example/sample', target: TARGET } });
    const bare = await startBareServer(sample.text, 201);
    const empty = await startEmptyNestServer(sample.text);
    let n = 0;
    const form = () => new URLSearchParams({ source: `https://reader${n++ % 997}.example/notes/${n}`, target: TARGET }).toString();
    const options = { connections: CONNECTIONS, seconds: SECONDS, method: 'POST' as const, body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    try {
      const ceiling = await load(bare.url, () => '/webmention', options);
      const framework = await load(empty.url, () => '/webmention', options);
      const hub = await load(server.url, () => '/webmention', options);
      const accepted = (hub.total_requests - hub.non_2xx) / SECONDS;
      return {
        intake_accepted_per_s: Math.round(accepted),
        intake_p50_ms: hub.latency_p50_ms,
        intake_p99_ms: hub.latency_p99_ms,
        intake_refused_or_failed: hub.non_2xx + hub.errors,
        intake_ceiling_node_http_per_s: ceiling.requests_per_second,
        intake_percent_of_ceiling: Math.round((1000 * accepted) / ceiling.requests_per_second) / 10,
        intake_empty_nest_handler_per_s: framework.requests_per_second,
        intake_empty_nest_percent_of_ceiling: Math.round((1000 * framework.requests_per_second) / ceiling.requests_per_second) / 10,
      };
    } finally {
      bare.stop();
      empty.stop();
    }
  } finally {
    await server.stop();
  }
}

/**
 * The framework's floor: Nest on Fastify as the hub builds it (same adapter options, the global
 * ValidationPipe), in its own process, with a `POST /webmention` handler that parses the body and
 * answers a precomputed 201 of the same size, doing nothing else.
 */
async function startEmptyNestServer(body: string): Promise<{ url: string; stop(): void }> {
  const script = `
    require('reflect-metadata');
    const { Body, Controller, HttpCode, Module, Post, ValidationPipe } = require('@nestjs/common');
    const { NestFactory } = require('@nestjs/core');
    const { FastifyAdapter } = require('@nestjs/platform-fastify');
    const answer = JSON.parse(${JSON.stringify(body)});
    class EmptyController { receive() { return answer; } }
    Reflect.decorate([Post(), HttpCode(201)], EmptyController.prototype, 'receive', Object.getOwnPropertyDescriptor(EmptyController.prototype, 'receive'));
    Body()(EmptyController.prototype, 'receive', 0);
    Reflect.defineMetadata('design:paramtypes', [Object], EmptyController.prototype, 'receive');
    Controller('webmention')(EmptyController);
    class EmptyModule {}
    Module({ controllers: [EmptyController] })(EmptyModule);
    NestFactory.create(EmptyModule, new FastifyAdapter({ trustProxy: true, bodyLimit: 1024 * 1024 }), { logger: false }).then(async (app) => {
      app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
      await app.listen({ port: 0, host: '127.0.0.1' });
      console.log(app.getHttpServer().address().port);
    });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function measureVerification(): Promise<Record<string, number>> {
  const site = await startSourceSite();
  const server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_RATE_LIMIT: '100000000/min', CHORUS_LOG_LEVEL: 'info' } });
  try {
    // Registered first, so the first verifications do not all race to create the post.
    await http(server, 'POST', '/api/admin/posts', { body: { url: TARGET }, auth: 'token' });
    const sources = Array.from({ length: PAGES }, (_, i) => site.serve(`/entries/${i}`, { body: BENCH_PAGE }));
    const started = performance.now();
    let next = 0;
    const sender = async () => {
      while (next < sources.length) {
        const response = await http(server, 'POST', '/webmention', { form: { source: sources[next++]!, target: TARGET } });
        if (response.status !== 201) throw new Error(`webmention refused: ${response.status} ${response.text}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    await waitFor(async () => (await verifiedLastDay(server)) >= PAGES, `${PAGES} verified webmentions`, 120_000);
    const seconds = (performance.now() - started) / 1000;
    return { verification_pages: PAGES, verification_pages_per_s: Math.round(PAGES / seconds), verification_page_kb: Math.round(Buffer.byteLength(BENCH_PAGE) / 1024) };
  } finally {
    await server.stop();
    await site.close();
  }
}

async function verifiedLastDay(server: RunningServer): Promise<number> {
  const response = await http<{ sources: { id: string; details: { lastDay?: { verified: number; rejected: number } } }[] }>(server, 'GET', '/api/admin/sources', { auth: 'token' });
  const counts = response.json.sources.find((source) => source.id === 'webmention')?.details.lastDay;
  if (counts?.rejected) throw new Error(`${counts.rejected} bench pages were rejected`);
  return counts?.verified ?? 0;
}

function measureParse(): number {
  const document = { url: 'https://mara.example/2026/11/22/re-hello-chorus/', status: 200, contentType: 'text/html; charset=utf-8', body: BENCH_PAGE, headers: {} };
  const input = { source: document.url, target: TARGET, document, protocol: 'webmention' as const };
  if (interpretSource(input).outcome !== 'verified') throw new Error('the bench page does not verify');
  const started = performance.now();
  for (let i = 0; i < PARSE_ROUNDS; i++) interpretSource(input);
  return Math.round(((performance.now() - started) / PARSE_ROUNDS) * 100) / 100;
}
