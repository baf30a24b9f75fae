import { interpretSource } from '@chorus/adapters';
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
 * same size in the same run. Verification: pages verified per second end to end (a loopback source
 * serving the ~30 KB h-entry fixture, delay 0), and the parse cost of one page in-process.
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
    let n = 0;
    const form = () => new URLSearchParams({ source: `https://reader${n++ % 997}.example/notes/${n}`, target: TARGET }).toString();
    const options = { connections: CONNECTIONS, seconds: SECONDS, method: 'POST' as const, body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    try {
      const ceiling = await load(bare.url, () => '/webmention', options);
      const hub = await load(server.url, () => '/webmention', options);
      const accepted = (hub.total_requests - hub.non_2xx) / SECONDS;
      return {
        intake_accepted_per_s: Math.round(accepted),
        intake_p50_ms: hub.latency_p50_ms,
        intake_p99_ms: hub.latency_p99_ms,
        intake_refused_or_failed: hub.non_2xx + hub.errors,
        intake_ceiling_node_http_per_s: ceiling.requests_per_second,
        intake_percent_of_ceiling: Math.round((1000 * accepted) / ceiling.requests_per_second) / 10,
      };
    } finally {
      bare.stop();
    }
  } finally {
    await server.stop();
  }
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
