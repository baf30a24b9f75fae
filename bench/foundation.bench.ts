import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'undici';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { dropStorage, freshStorage, REPO_ROOT, SERVER_ENTRY, SERVER_NODE_FLAGS, startServer } from '../test/support/server';
import { load, peakRssDuring, rssMb, startBareServer } from './support/load';

const POSTS = 10_000;
const INTERACTIONS = 200_000;
const KINDS = ['reply', 'reply', 'like', 'like', 'like', 'repost', 'mention', 'bookmark', 'rsvp'] as const;
const SOURCES = ['webmention', 'mastodon', 'mastodon', 'email', 'pingback'] as const;

const postUrl = (i: number) => `https://blog.example/posts/${i}`;

/**
 * Issue 2's benchmark: 10,000 posts and 200,000 interactions (80 % approved) in SQLite, the built
 * server, and the read endpoints at 64 connections against a bare node:http ceiling in the same run.
 */
export async function run(): Promise<Record<string, number | string>> {
  const storage = freshStorage('sqlite');
  await seedDatabase(storage.databaseUrl, storage.dataDir);
  const coldStartMs = await coldStart(storage);
  const server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_LOG_LEVEL: 'info' } }, storage);
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleRss = rssMb(server.process);
    const randomPost = () => postUrl(Math.floor(Math.random() * POSTS));
    const interactionsFor = (url: string) => `/api/interactions?url=${encodeURIComponent(url)}`;
    const jf2For = (url: string) => `/api/mentions.jf2?target=${encodeURIComponent(url)}`;
    const interactionsPath = () => interactionsFor(randomPost());
    const jf2Path = () => jf2For(randomPost());
    const sample = await request(`${server.url}${interactionsPath()}`).then((response) => response.body.text());
    const sampleJf2 = await request(`${server.url}${jf2Path()}`).then((response) => response.body.text());

    const bare = await startBareServer(sample);
    const ceiling = await load(bare.url, () => '/', { seconds: 10 });
    bare.stop();
    const bareJf2 = await startBareServer(sampleJf2);
    const ceilingJf2 = await load(bareJf2.url, () => '/', { seconds: 10 });
    bareJf2.stop();

    // Steady state: every post asked once (a site's pages are read again and again), then random reads.
    await load(server.url, everyPost(interactionsFor), { amount: POSTS });
    const interactions = await peakRssDuring(server.process.pid!, () => load(server.url, interactionsPath, { seconds: 10 }));
    await load(server.url, everyPost(jf2For), { amount: POSTS });
    const jf2 = await peakRssDuring(server.process.pid!, () => load(server.url, jf2Path, { seconds: 10 }));

    return {
      posts: POSTS,
      interactions: INTERACTIONS,
      body_bytes_interactions: Buffer.byteLength(sample),
      body_bytes_jf2: Buffer.byteLength(sampleJf2),
      ceiling_rps: ceiling.requests_per_second,
      ceiling_p99_ms: ceiling.latency_p99_ms,
      interactions_rps: interactions.result.requests_per_second,
      interactions_p50_ms: interactions.result.latency_p50_ms,
      interactions_p99_ms: interactions.result.latency_p99_ms,
      interactions_ratio_to_ceiling: round(interactions.result.requests_per_second / ceiling.requests_per_second),
      interactions_errors: interactions.result.errors + interactions.result.non_2xx,
      ceiling_jf2_rps: ceilingJf2.requests_per_second,
      jf2_rps: jf2.result.requests_per_second,
      jf2_p50_ms: jf2.result.latency_p50_ms,
      jf2_p99_ms: jf2.result.latency_p99_ms,
      jf2_ratio_to_ceiling: round(jf2.result.requests_per_second / ceilingJf2.requests_per_second),
      jf2_errors: jf2.result.errors + jf2.result.non_2xx,
      rss_idle_mb: idleRss,
      rss_under_load_mb: Math.max(interactions.peakRssMb, jf2.peakRssMb),
      cold_start_to_health_ms: coldStartMs,
    };
  } finally {
    await server.stop();
    await dropStorage(storage);
  }
}

/** A path generator that visits every post once, in order. */
function everyPost(pathFor: (url: string) => string): () => string {
  let next = 0;
  return () => pathFor(postUrl(next++ % POSTS));
}

/** Spawn → first `/health` 200, on the seeded database. */
async function coldStart(storage: { dataDir: string; databaseUrl: string }): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], {
    cwd: storage.dataDir,
    env: { ...process.env, CHORUS_PORT: String(port), CHORUS_DATA_DIR: storage.dataDir, CHORUS_DATABASE_URL: storage.databaseUrl, CHORUS_SMTP_PORT: '0', CHORUS_ADMIN_PASSWORD: 'bench', CHORUS_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await request(`http://127.0.0.1:${port}/health`).then((response) => response.body.text().then(() => response.statusCode === 200)).catch(() => false);
      if (ok) return Math.round(performance.now() - started);
      if (performance.now() - started > 30_000) throw new Error('the server did not become healthy within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function seedDatabase(databaseUrl: string, dataDir: string): Promise<void> {
  // The server's own data source options, so the schema comes from the real migrations.
  const { dataSourceOptions } = serverModule<{ dataSourceOptions: (config: unknown) => DataSourceOptions }>('database/database.options');
  const { loadConfig } = serverModule<{ loadConfig: (sources: { env: Record<string, string>; argv: string[]; cwd: string }) => unknown }>('config/config');
  const config = loadConfig({ env: { CHORUS_DATA_DIR: dataDir, CHORUS_DATABASE_URL: databaseUrl }, argv: [], cwd: dataDir });
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  const now = Date.now();
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < POSTS; start += 500) {
      const rows = Array.from({ length: Math.min(500, POSTS - start) }, (_, k) => {
        const i = start + k;
        return { url: postUrl(i), url_key: `blog.example/posts/${i}`, title: `Post ${i}`, ignored: false, reply_token: `bench-token-${i}`, created_at: now, updated_at: now };
      });
      await insertRows(manager, 'posts', rows);
    }
    for (let start = 0; start < INTERACTIONS; start += 500) {
      const rows = Array.from({ length: Math.min(500, INTERACTIONS - start) }, (_, k) => interactionRow(start + k, now));
      await insertRows(manager, 'interactions', rows);
    }
  });
  await dataSource.destroy();
}

function interactionRow(i: number, now: number) {
  const kind = KINDS[i % KINDS.length]!;
  const source = SOURCES[i % SOURCES.length]!;
  const withContent = kind === 'reply' || kind === 'mention' || kind === 'rsvp';
  const text = `Reply number ${i}: thanks for writing this, it was a good read and I learned something about the IndieWeb.`;
  return {
    post_id: (i % POSTS) + 1,
    source,
    kind,
    status: i % 5 === 4 ? 'pending' : 'approved',
    dedupe_key: `bench-${i}`,
    dedupe_hash: createHash('sha256').update(`bench-${i}`).digest('hex'),
    url: `https://reader${i % 997}.example/notes/${i}`,
    source_url: `https://reader${i % 997}.example/notes/${i}`,
    author_name: `Reader ${i % 997}`,
    author_url: `https://reader${i % 997}.example/`,
    author_photo: `https://reader${i % 997}.example/photo.jpg`,
    author_email: null,
    content_html: withContent ? `<p>${text}</p>` : null,
    content_text: withContent ? text : null,
    content_hash: null,
    rsvp: kind === 'rsvp' ? 'yes' : null,
    published_at: now - (INTERACTIONS - i) * 1000,
    received_at: now - (INTERACTIONS - i) * 1000 + 500,
    updated_at: now,
    parent_id: null,
    verification: null,
    raw: null,
  };
}

async function insertRows(manager: EntityManager, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  const placeholders = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
  await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders}`, rows.flatMap((row) => columns.map((column) => row[column])));
}

function serverModule<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(REPO_ROOT, 'apps', 'api', 'dist', path)) as T;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
