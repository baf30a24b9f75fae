import { idempotencyKeyForPost, tootLength } from '@chorus/adapters';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/http';
import { startMastodonStub, type MastodonStub } from '../support/mastodon-stub';
import { startServer, type RunningServer } from '../support/server';
import { startTestSite, type TestSite } from './mastodon-pages';

const MAX_CHARACTERS = 120;
const LONG_DESCRIPTION = 'A long walk through every corner of the topic, with detours, footnotes and far more words than a toot can hold at this small limit.';

describe('GET /api/mastodon/toot (lazy toot)', () => {
  let stub: MastodonStub;
  let site: TestSite;
  let server: RunningServer;
  const toot = (url: string, target: Pick<RunningServer, 'url' | 'apiToken'> = server) => http(target, 'GET', `/api/mastodon/toot?url=${encodeURIComponent(url)}`);
  const created = () => stub.counts.statusesCreated;
  /** Publish attempts, replays included: the Idempotency-Key alone would keep `created` at one. */
  const publishCalls = () => stub.counts.requests['POST /api/v1/statuses'] ?? 0;

  beforeAll(async () => {
    stub = await startMastodonStub({ maxCharacters: MAX_CHARACTERS, rateLimit: { limit: 10_000, remaining: 10_000, resetAt: new Date(Date.now() + 3_600_000) } });
    site = await startTestSite();
    server = await startServer({
      env: {
        CHORUS_MASTODON_URL: stub.url,
        CHORUS_MASTODON_TOKEN: stub.token,
        CHORUS_POST_PATTERN: '^http://127\\.0\\.0\\.1:\\d+/posts/',
        CHORUS_TARGET_DOMAINS: '127.0.0.1',
        CHORUS_TITLE_PATTERN: '^(?<title>.+?) — My Blog$',
        CHORUS_TOOT_SUFFIX: '#blog #indieweb',
        CHORUS_TOOT_VISIBILITY: 'unlisted',
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await site?.close();
    await stub?.close();
  });

  it('should publish one toot from the page title (through the title pattern), description, suffix and URL, and answer it', async () => {
    // Arrange
    const url = site.post('/posts/hello', { title: 'ignored <title>', ogTitle: 'Hello world — My Blog', description: 'A first post.' });

    // Act
    const answer = await toot(url);

    // Assert
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    const status = stub.statuses.get(answer.json.tootId)!;
    expect(status.text).toBe(`Hello world\n\nA first post.\n\n#blog #indieweb\n${url}`);
    expect(status.visibility).toBe('unlisted');
    expect(answer.json).toEqual({ url, tootId: status.id, tootUrl: `${stub.url}/@owner/${status.id}`, instance: new URL(stub.url).host, acct: `owner@${new URL(stub.url).host}` });
    const again = await toot(`${url}/?utm_source=feed`);
    expect(again.json).toEqual(answer.json);
    expect((await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(url)}`)).json.post.tootUrl).toBe(answer.json.tootUrl);
  });

  it('should fit the toot to the instance character limit by shortening the description, never the URL or suffix', async () => {
    const url = site.post('/posts/long', { ogTitle: 'A long one — My Blog', description: LONG_DESCRIPTION });

    const answer = await toot(url);

    expect(answer.status).toBe(200);
    const text = stub.statuses.get(answer.json.tootId)!.text;
    expect(tootLength(text, 23)).toBeLessThanOrEqual(MAX_CHARACTERS);
    expect(text).toMatch(/^A long one\n\nA long walk .*…\n\n#blog #indieweb\n/);
    expect(text.endsWith(url)).toBe(true);
  });

  it('should create exactly one status for 50 concurrent first calls', async () => {
    const url = site.post('/posts/burst', { ogTitle: 'Burst — My Blog' });
    const before = created();
    const callsBefore = publishCalls();

    const answers = await Promise.all(Array.from({ length: 50 }, () => toot(url)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((answer) => answer.json.tootId)).size).toBe(1);
    expect(created() - before).toBe(1);
    expect(publishCalls() - callsBefore).toBe(1);
  });

  it('should create exactly one status for concurrent first calls spread over two replicas of the hub', async () => {
    const url = site.post('/posts/replicas', { ogTitle: 'Replicas — My Blog' });
    const replica = await server.restart();
    const before = created();
    const callsBefore = publishCalls();
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => toot(url, i % 2 ? replica : server)));

      expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(200));
      expect(new Set(answers.map((answer) => answer.json.tootId)).size).toBe(1);
      expect(created() - before).toBe(1);
      expect(publishCalls() - callsBefore).toBe(1);
    } finally {
      await replica.stop({ keepData: true });
    }
  });

  it('should return the status Mastodon already created when the hub crashed before storing it (Idempotency-Key per post)', async () => {
    const url = site.post('/posts/crashed', { ogTitle: 'Crashed — My Blog' });
    const earlier = await request(`${stub.url}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stub.token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKeyForPost(url) },
      body: JSON.stringify({ status: 'published before the crash' }),
    });
    const earlierId = ((await earlier.body.json()) as { id: string }).id;
    const before = created();

    const answer = await toot(url);

    expect(answer.json.tootId).toBe(earlierId);
    expect(created()).toBe(before);
  });

  it('should answer 502 and store nothing when Mastodon fails, then publish on a later call', async () => {
    const url = site.post('/posts/flaky', { ogTitle: 'Flaky — My Blog' });
    stub.failNextCreate(500);

    const failed = await toot(url);

    expect(failed.status).toBe(502);
    expect(failed.json.error).toBe('mastodon_error');
    const posts = (await http(server, 'GET', '/api/admin/posts', { auth: 'token' })).json.items as { url: string }[];
    expect(posts.some((post) => post.url === url)).toBe(false);
    const before = created();
    const retried = await toot(url);
    expect(retried.status).toBe(200);
    expect(created() - before).toBe(1);
  });

  it('should keep answering the same toot after a restart, without publishing again', async () => {
    const url = site.post('/posts/durable', { ogTitle: 'Durable — My Blog' });
    const first = await toot(url);
    await server.kill();
    server = await server.restart();
    const before = created();

    const afterRestart = await toot(url);

    expect(afterRestart.json.tootId).toBe(first.json.tootId);
    expect(created()).toBe(before);
  });

  it('should answer ignored without publishing when the post is marked ignored', async () => {
    const url = site.post('/posts/old', { ogTitle: 'Old — My Blog' });
    await http(server, 'POST', '/api/admin/posts', { body: { url, ignored: true }, auth: 'token' });
    const before = created();

    const answer = await toot(url);

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ url, tootId: null, ignored: true });
    expect(created()).toBe(before);
  });

  it('should refuse URLs outside CHORUS_POST_PATTERN with 400 url_not_handled', async () => {
    const answer = await toot(`${site.url}/about`);

    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('url_not_handled');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
  });

  it('should answer 404 post_not_found and store nothing when the page does not answer 200', async () => {
    const url = `${site.url}/posts/draft-not-published`;
    const before = created();

    const answer = await toot(url);

    expect(answer.status).toBe(404);
    expect(answer.json.error).toBe('post_not_found');
    expect(created()).toBe(before);
    const posts = (await http(server, 'GET', '/api/admin/posts', { auth: 'token' })).json.items as { url: string }[];
    expect(posts.some((post) => post.url === url)).toBe(false);
  });
});
