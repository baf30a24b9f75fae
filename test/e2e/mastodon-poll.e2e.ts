import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, waitFor } from '../support/http';
import { startMastodonStub, type MastodonStub, type StubAccount, type StubStatus } from '../support/mastodon-stub';
import { startServer, type RunningServer } from '../support/server';

interface AdminItem {
  id: number;
  kind: string;
  status: string;
  url: string | null;
  parentId: number | null;
  author: { name: string | null; url: string | null; photo: string | null };
  content: { html: string; text: string } | null;
}

const POST = 'http://127.0.0.1:9/posts/polled';
const PATTERN = '^http://127\\.0\\.0\\.1:\\d+/posts/';
const PLENTY = () => ({ limit: 10_000, remaining: 10_000, resetAt: new Date(Date.now() + 3_600_000) });

function mastodonEnv(stub: MastodonStub, extra: Record<string, string> = {}): Record<string, string> {
  return { CHORUS_MASTODON_URL: stub.url, CHORUS_MASTODON_TOKEN: stub.token, CHORUS_POST_PATTERN: PATTERN, CHORUS_TARGET_DOMAINS: '127.0.0.1', ...extra };
}

describe('Mastodon polling', () => {
  let stub: MastodonStub;
  let server: RunningServer;
  let toot: StubStatus;
  let readers: StubAccount[];
  let replies: StubStatus[];
  const admin = (method: string, path: string, body?: unknown) => http(server, method, path, { body, auth: 'token' });
  const poll = () => admin('POST', '/api/admin/mastodon/poll');
  const items = async () => (await admin('GET', `/api/admin/interactions?post=${encodeURIComponent(POST)}&limit=500`)).json.items as AdminItem[];
  const live = async (kind: string) => (await items()).filter((item) => item.kind === kind && item.status !== 'deleted');
  const requests = (name: string) => stub.counts.requests[name] ?? 0;

  beforeAll(async () => {
    stub = await startMastodonStub({ maxAccountsPerPage: 10, rateLimit: PLENTY() });
    server = await startServer({ env: mastodonEnv(stub) });
    // The scheduled cycle at start must be over, so that the polls below are the ones that see the changes.
    await waitFor(async () => (await admin('GET', '/api/admin/sources')).json.sources.find((source: { id: string }) => source.id === 'mastodon').details.lastPollAt, 'the first scheduled cycle');
    toot = stub.addStatus({ account: stub.owner, content: '<p>New post on the blog</p>' });
    readers = Array.from({ length: 25 }, (_, i) => stub.addAccount({ username: `reader${i}`, acct: `reader${i}@remote.example`, display_name: `:wave: Reader ${i}` }));
    const first = stub.addReply(toot.id, { account: readers[0]!, content: '<p>Great post!</p>' });
    const second = stub.addReply(toot.id, { account: readers[1]!, content: '<p>I disagree <script>alert(1)</script></p>' });
    const nested = stub.addReply(first.id, { account: readers[2]!, content: '<p>Agreed with you</p>' });
    replies = [first, second, nested];
    for (const reader of readers) stub.favourite(toot.id, reader);
    for (const reader of readers.slice(0, 4)) stub.reblog(toot.id, reader);
    const mapped = await admin('POST', '/api/admin/posts', { url: POST, tootUrl: `${stub.url}/@owner/${toot.id}` });
    expect(mapped.json.tootId).toBe(toot.id);
  });
  afterAll(async () => {
    await server?.stop();
    await stub?.close();
  });

  it('should bring in 3 replies (one nested), 25 likes over 3 pages and 4 boosts on the first poll', async () => {
    // Act
    const report = await poll();

    // Assert
    expect(report.status).toBe(200);
    expect(report.json).toEqual({ polled: 1, added: 32, updated: 0, removed: 0 });
    expect(requests('GET /api/v1/statuses/:id/favourited_by')).toBe(3);
    const stored = await items();
    const byUrl = (status: StubStatus) => stored.find((item) => item.url === `${stub.url}/@${readers[replies.indexOf(status)]!.acct}/${status.id}`)!;
    const [first, second, nested] = replies.map(byUrl);
    expect(first).toMatchObject({ kind: 'reply', parentId: null, author: { name: ':wave: Reader 0', url: readers[0]!.url, photo: readers[0]!.avatar }, content: { text: 'Great post!' } });
    expect(nested!.parentId).toBe(first!.id);
    expect(second!.content!.html).not.toContain('script');
    expect(await live('like')).toHaveLength(25);
    expect((await live('repost')).map((item) => item.url).sort()).toEqual(readers.slice(0, 4).map((reader) => reader.url).sort());
  });

  it('should read nothing but the counters when nothing changed', async () => {
    const expensive = () => requests('GET /api/v1/statuses/:id/context') + requests('GET /api/v1/statuses/:id/favourited_by') + requests('GET /api/v1/statuses/:id/reblogged_by');
    const before = expensive();
    const countersBefore = requests('GET /api/v1/statuses');

    const report = await poll();

    expect(report.json).toEqual({ polled: 1, added: 0, updated: 0, removed: 0 });
    expect(expensive()).toBe(before);
    expect(requests('GET /api/v1/statuses') - countersBefore).toBe(1);
  });

  it('should mark a deleted reply deleted, remove withdrawn likes and boosts, and update an edited reply', async () => {
    const [first, second] = replies;
    stub.deleteStatus(second!.id);
    stub.editStatus(first!.id, '<p>Great post! (edited: and a great follow-up)</p>');
    stub.unfavourite(toot.id, readers[5]!);
    stub.unfavourite(toot.id, readers[6]!);
    stub.unreblog(toot.id, readers[0]!);

    const report = await poll();

    expect(report.json).toEqual({ polled: 1, added: 0, updated: 1, removed: 4 });
    const stored = await items();
    expect(stored.find((item) => item.url?.endsWith(`/${second!.id}`))!.status).toBe('deleted');
    expect(stored.find((item) => item.url?.endsWith(`/${first!.id}`))!.content!.text).toBe('Great post! (edited: and a great follow-up)');
    expect(await live('like')).toHaveLength(23);
    expect((await live('like')).some((item) => item.url === readers[5]!.url)).toBe(false);
    expect((await live('repost')).map((item) => item.url)).not.toContain(readers[0]!.url);
    const publicView = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`);
    expect(publicView.json.post.tootUrl).toBe(`${stub.url}/@owner/${toot.id}`);
  });

  it('should flag a deleted toot, keep its interactions and stop polling it', async () => {
    const other = stub.addStatus({ account: stub.owner, content: '<p>Soon gone</p>' });
    const otherPost = 'http://127.0.0.1:9/posts/gone';
    await admin('POST', '/api/admin/posts', { url: otherPost, tootUrl: `${stub.url}/@owner/${other.id}` });
    stub.addReply(other.id, { account: readers[3]!, content: '<p>Before deletion</p>' });
    expect((await poll()).json).toMatchObject({ polled: 2, added: 1 });
    stub.deleteStatus(other.id);

    const flagged = await poll();
    const after = await poll();

    expect(flagged.json).toMatchObject({ polled: 1 });
    expect(after.json).toMatchObject({ polled: 1 });
    const kept = (await admin('GET', `/api/admin/interactions?post=${encodeURIComponent(otherPost)}`)).json.items as AdminItem[];
    expect(kept.map((item) => item.status)).not.toContain('deleted');
    expect(kept).toHaveLength(1);
  });

  it('should stop with a source error in /health and /api/admin/sources when the token is revoked', async () => {
    stub.token = 'revoked';

    const report = await poll();

    expect(report.status).toBe(502);
    expect(report.json.error).toBe('mastodon_error');
    const health = await http(server, 'GET', '/health');
    expect(health.json.checks.sources.mastodon.state).toBe('error');
    const sources = (await admin('GET', '/api/admin/sources')).json.sources as { id: string; state: string; fix: string }[];
    const mastodon = sources.find((source) => source.id === 'mastodon')!;
    expect(mastodon.state).toBe('error');
    expect(mastodon.fix).toContain('read write:statuses');
    expect(mastodon.fix).toContain('CHORUS_MASTODON_TOKEN');
    const callsBefore = stub.counts.total;
    expect((await poll()).status).toBe(502);
    expect(stub.counts.total).toBe(callsBefore);
  });
});

describe('Mastodon polling on a rate-limited instance', () => {
  let stub: MastodonStub;
  let server: RunningServer;

  afterAll(async () => {
    await server?.stop();
    await stub?.close();
  });

  it('should stop the cycle when the instance has no requests left and resume after the reset', async () => {
    // Arrange: the owner's toot links to a post; the instance's budget is spent for the next 8 s.
    const resetAt = new Date(Date.now() + 8_000);
    stub = await startMastodonStub({ rateLimit: { limit: 300, remaining: 0, resetAt } });
    const post = 'http://127.0.0.1:9/posts/limited';
    const toot = stub.addStatus({ account: stub.owner, content: `<p><a href="${post}">New post</a></p>` });
    stub.addReply(toot.id, { account: stub.addAccount({ username: 'patient' }), content: '<p>Worth the wait</p>' });

    // Act: the scheduled poll job runs at start.
    server = await startServer({ env: mastodonEnv(stub) });
    await waitFor(() => Promise.resolve(/rate limit reached: polling resumes at/i.test(server.logs())), 'the cycle to stop on the rate limit');
    const refusedCalls = stub.counts.total;
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // Assert: nothing more is sent before the reset, then the job resumes and syncs the reply.
    expect(stub.counts.total).toBe(refusedCalls);
    expect(refusedCalls).toBeLessThanOrEqual(2);
    const replies = await waitFor(async () => {
      const found = (await http(server, 'GET', `/api/admin/interactions?post=${encodeURIComponent(post)}`, { auth: 'token' })).json.items as AdminItem[];
      return found.length ? found : null;
    }, 'the poll to resume after the reset', 30_000);
    expect(Date.now()).toBeGreaterThanOrEqual(resetAt.getTime());
    expect(replies.map((item) => item.content?.text)).toEqual(['Worth the wait']);
  });
});
