import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/http';
import { startMastodonStub, type MastodonStub } from '../support/mastodon-stub';
import { startServer, type RunningServer } from '../support/server';
import { startTestSite, type TestSite } from './mastodon-pages';

interface PostView {
  url: string;
  title: string | null;
  tootId: string | null;
  tootUrl: string | null;
  ignored: boolean;
}

describe('Mastodon toot mapping, discovery and post import', () => {
  let stub: MastodonStub;
  let site: TestSite;
  let server: RunningServer;
  const admin = (method: string, path: string, body?: unknown) => http(server, method, path, { body, auth: 'token' });
  const posts = async () => (await admin('GET', '/api/admin/posts?limit=1000')).json.items as PostView[];
  const postAt = async (url: string) => (await posts()).find((post) => post.url === url);

  beforeAll(async () => {
    stub = await startMastodonStub({ rateLimit: { limit: 10_000, remaining: 10_000, resetAt: new Date(Date.now() + 3_600_000) } });
    site = await startTestSite();
    server = await startServer({
      env: {
        CHORUS_MASTODON_URL: stub.url,
        CHORUS_MASTODON_TOKEN: stub.token,
        CHORUS_POST_PATTERN: '^http://127\\.0\\.0\\.1:\\d+/posts/',
        CHORUS_TARGET_DOMAINS: '127.0.0.1',
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await site?.close();
    await stub?.close();
  });

  it.each([
    ['profile URL', (id: string) => `${stub.url}/@owner/${id}`],
    ['profile URL with a trailing slash', (id: string) => `${stub.url}/@owner/${id}/`],
    ['ActivityPub id', (id: string) => `${stub.url}/users/owner/statuses/${id}`],
    ['web app URL', (id: string) => `${stub.url}/web/statuses/${id}`],
  ])('should map a toot given by its %s and store its canonical URL', async (form, tootUrl) => {
    // Arrange
    const status = stub.addStatus({ account: stub.owner, content: `<p>About ${form}</p>` });
    const url = `${site.url}/posts/manual-${form.replace(/\W+/g, '-')}`;

    // Act
    const mapped = await admin('POST', '/api/admin/posts', { url, tootUrl: tootUrl(status.id) });

    // Assert
    expect(mapped.status).toBeLessThan(300);
    expect(mapped.json).toMatchObject({ url, tootId: status.id, tootUrl: `${stub.url}/@owner/${status.id}` });
  });

  it('should refuse a toot of another instance, and one the instance does not have, with a clear 400', async () => {
    const url = `${site.url}/posts/refused`;

    const elsewhere = await admin('POST', '/api/admin/posts', { url, tootUrl: 'https://other.example/@someone/110000000000000001' });
    const missing = await admin('POST', '/api/admin/posts', { url, tootUrl: `${stub.url}/@owner/999` });

    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.error).toBe('toot_not_on_instance');
    expect(elsewhere.json.message).toContain(new URL(stub.url).host);
    expect(missing.status).toBe(400);
    expect(missing.json.error).toBe('toot_not_found');
    expect(await postAt(url)).toBeUndefined();
  });

  it('should discover toots written by hand that link to a post or carry its card, and leave mapped posts alone', async () => {
    const linked = `${site.url}/posts/by-hand`;
    const carded = `${site.url}/posts/with-card`;
    const alreadyMapped = `${site.url}/posts/already`;
    const original = stub.addStatus({ account: stub.owner, content: '<p>First announcement</p>' });
    await admin('POST', '/api/admin/posts', { url: alreadyMapped, tootUrl: `${stub.url}/@owner/${original.id}` });
    const handWritten = stub.addStatus({ account: stub.owner, content: `<p>New post: <a href="${linked}">read it</a> #blog</p>` });
    const withCard = stub.addStatus({ account: stub.owner, content: '<p>Look at this</p>', card: { url: carded, title: 'Card', description: '' } });
    stub.addStatus({ account: stub.owner, content: `<p>Again: <a href="${alreadyMapped}">same post</a></p>` });
    stub.addStatus({ account: stub.owner, content: `<p>Not a post: <a href="${site.url}/about">about</a></p>` });
    stub.addStatus({ account: stub.owner, content: `<p>Private <a href="${site.url}/posts/private">note</a></p>`, visibility: 'private' });

    const poll = await admin('POST', '/api/admin/mastodon/poll');

    expect(poll.status).toBe(200);
    expect(await postAt(linked)).toMatchObject({ tootId: handWritten.id, tootUrl: `${stub.url}/@owner/${handWritten.id}` });
    expect(await postAt(carded)).toMatchObject({ tootId: withCard.id });
    expect(await postAt(alreadyMapped)).toMatchObject({ tootId: original.id });
    expect(await postAt(`${site.url}/posts/private`)).toBeUndefined();
    expect(await postAt(`${site.url}/about`)).toBeUndefined();
  });

  it('should register the posts of a sitemap index as ignored, only on target domains and matching the pattern', async () => {
    const foreign = 'http://elsewhere.example/posts/x';
    site.pages.set('/sitemap.xml', ['application/xml', `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${site.url}/sitemap-posts.xml</loc></sitemap></sitemapindex>`]);
    site.pages.set('/sitemap-posts.xml', [
      'text/xml',
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${[`${site.url}/posts/2019/old-one`, `${site.url}/posts/2020/old-two`, `${site.url}/about`, foreign].map((loc) => `<url><loc>${loc}</loc></url>`).join('')}</urlset>`,
    ]);

    const imported = await admin('POST', '/api/admin/posts/import', { sitemapUrl: `${site.url}/sitemap.xml` });

    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ registered: 2, skipped: 2 });
    expect(imported.json.posts).toEqual([
      { url: `${site.url}/posts/2019/old-one`, title: null, ignored: true },
      { url: `${site.url}/posts/2020/old-two`, title: null, ignored: true },
    ]);
    const answer = await http(server, 'GET', `/api/mastodon/toot?url=${encodeURIComponent(`${site.url}/posts/2019/old-one`)}`);
    expect(answer.json).toEqual({ url: `${site.url}/posts/2019/old-one`, tootId: null, ignored: true });
    expect((await admin('POST', '/api/admin/posts/import', { sitemapUrl: `${site.url}/sitemap.xml` })).json).toMatchObject({ registered: 0, skipped: 4 });
  });

  it('should register the entries of an RSS feed with their titles', async () => {
    site.pages.set('/feed.xml', [
      'application/rss+xml',
      `<rss version="2.0"><channel><title>Blog</title><item><title>Feed post &amp; more</title><link>${site.url}/posts/feed-one</link></item><item><title>Second</title><link>/posts/feed-two</link></item></channel></rss>`,
    ]);

    const imported = await admin('POST', '/api/admin/posts/import', { feedUrl: `${site.url}/feed.xml`, ignored: false });

    expect(imported.json).toEqual({
      registered: 2,
      skipped: 0,
      posts: [
        { url: `${site.url}/posts/feed-one`, title: 'Feed post & more', ignored: false },
        { url: `${site.url}/posts/feed-two`, title: 'Second', ignored: false },
      ],
    });
  });

  it('should answer coded errors for a bad request, a listing that is not one, and one that cannot be fetched', async () => {
    site.pages.set('/not-a-sitemap.xml', ['text/xml', '<note>hello</note>']);

    const both = await admin('POST', '/api/admin/posts/import', { sitemapUrl: `${site.url}/sitemap.xml`, feedUrl: `${site.url}/feed.xml` });
    const invalid = await admin('POST', '/api/admin/posts/import', { sitemapUrl: `${site.url}/not-a-sitemap.xml` });
    const invalidFeed = await admin('POST', '/api/admin/posts/import', { feedUrl: `${site.url}/not-a-sitemap.xml` });
    const missing = await admin('POST', '/api/admin/posts/import', { feedUrl: `${site.url}/missing.xml` });

    expect([both.status, both.json.error]).toEqual([400, 'invalid_parameter']);
    expect([invalid.status, invalid.json.error]).toEqual([400, 'invalid_sitemap']);
    expect([invalidFeed.status, invalidFeed.json.error]).toEqual([400, 'invalid_feed']);
    expect([missing.status, missing.json.error]).toEqual([502, 'listing_unreachable']);
  });

  it('should report the source as connected with the account in /api/admin/sources', async () => {
    const sources = await admin('GET', '/api/admin/sources');

    const mastodon = (sources.json.sources as { id: string }[]).find((source) => source.id === 'mastodon');
    expect(mastodon).toMatchObject({ state: 'ok', fix: null, details: { instance: stub.url, acct: '@owner' } });
  });
});
