import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, seed } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

const POST = 'https://blog.example/2026/11/hello';
const OTHER = 'https://blog.example/2026/10/older';

const author = (name: string) => ({ name, url: `https://${name.toLowerCase()}.example/`, photo: `https://${name.toLowerCase()}.example/me.jpg` });

/** A small thread: approved replies (one nested), likes, a repost, an RSVP, and items that must never be public. */
const ITEMS = [
  { id: 'r1', post: POST, kind: 'reply', source: 'webmention', url: 'https://alice.example/notes/7', sourceUrl: 'https://alice.example/notes/7', author: author('Alice'), content: { html: '<p>Nice post!</p>', text: 'Nice post!' }, published: '2026-11-21T10:00:00Z', received: '2026-11-21T10:00:05Z', status: 'approved' },
  { id: 'r2', post: POST, kind: 'reply', source: 'mastodon', url: 'https://social.example/@bob/2', sourceUrl: 'https://social.example/@bob/2', author: author('Bob'), content: { html: '<p>Agreed</p>', text: 'Agreed' }, published: '2026-11-21T11:00:00Z', received: '2026-11-21T11:00:05Z', status: 'approved', parentId: 'r1' },
  { id: 'e1', post: POST, kind: 'reply', source: 'email', author: { ...author('Carol'), email: 'carol@private.example' }, content: { html: '<p>By mail</p>', text: 'By mail' }, published: '2026-11-21T12:00:00Z', received: '2026-11-21T12:00:05Z', status: 'approved' },
  { id: 'l1', post: POST, kind: 'like', source: 'mastodon', url: 'https://social.example/@dan', author: author('Dan'), published: null, received: '2026-11-21T13:00:00Z', status: 'approved' },
  { id: 'l2', post: POST, kind: 'like', source: 'webmention', url: 'https://erin.example/likes/1', sourceUrl: 'https://erin.example/likes/1', author: author('Erin'), published: '2026-11-21T14:00:00Z', received: '2026-11-21T14:00:00Z', status: 'approved' },
  { id: 'p1', post: POST, kind: 'repost', source: 'mastodon', url: 'https://social.example/@fay', author: author('Fay'), published: null, received: '2026-11-21T15:00:00Z', status: 'approved' },
  { id: 'v1', post: POST, kind: 'rsvp', rsvp: 'yes', source: 'webmention', url: 'https://gus.example/rsvp', sourceUrl: 'https://gus.example/rsvp', author: author('Gus'), content: { html: 'Count me in', text: 'Count me in' }, published: '2026-11-21T16:00:00Z', received: '2026-11-21T16:00:00Z', status: 'approved' },
  { id: 'x1', post: POST, kind: 'reply', source: 'webmention', url: 'https://pending.example/1', author: author('Pending'), content: { html: 'wait', text: 'wait' }, received: '2026-11-21T17:00:00Z', status: 'pending' },
  { id: 'x2', post: POST, kind: 'reply', source: 'webmention', url: 'https://spam.example/1', author: author('Spammer'), content: { html: 'buy', text: 'buy' }, received: '2026-11-21T18:00:00Z', status: 'spam' },
  { id: 'o1', post: OTHER, kind: 'like', source: 'webmention', url: 'https://hal.example/l', sourceUrl: 'https://hal.example/l', author: author('Hal'), received: '2026-10-02T00:00:00Z', status: 'approved' },
  { id: 'o2', post: 'https://elsewhere.example/post', kind: 'like', source: 'webmention', url: 'https://ivy.example/l', author: author('Ivy'), received: '2026-10-03T00:00:00Z', status: 'approved' },
];

describe('public read API', () => {
  let server: RunningServer;
  let ids: Record<string, number>;

  beforeAll(async () => {
    server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_PUBLIC_URL: 'https://hub.example', CHORUS_REPLY_DOMAIN: 'hub.example' } });
    ids = await seed(server, ITEMS);
  });
  afterAll(async () => {
    await server.stop();
  });

  describe('GET /api/interactions', () => {
    it('should answer approved interactions oldest first with counts, the post and threading', async () => {
      const response = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`);
      expect(response.status).toBe(200);
      const body = response.json;
      expect(body.post).toEqual({ url: POST, title: null, tootUrl: null, replyAddress: expect.stringMatching(/^reply\+[a-z2-7]{28}@hub\.example$/) });
      expect(body.counts).toEqual({ reply: 3, like: 2, repost: 1, bookmark: 0, mention: 0, rsvp: 1, total: 7 });
      expect(body.items.map((item: { id: number }) => item.id)).toEqual([ids.r1, ids.r2, ids.e1, ids.l1, ids.l2, ids.p1, ids.v1]);
      const reply = body.items.find((item: { id: number }) => item.id === ids.r2);
      expect(reply).toEqual({
        id: ids.r2,
        post: POST,
        kind: 'reply',
        source: 'mastodon',
        url: 'https://social.example/@bob/2',
        author: author('Bob'),
        content: { html: '<p>Agreed</p>', text: 'Agreed' },
        rsvp: null,
        published: '2026-11-21T11:00:00Z',
        received: '2026-11-21T11:00:05Z',
        parentId: ids.r1,
      });
    });

    it('should never show private fields: email, status, raw payload, verification', async () => {
      const response = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`);
      expect(response.text).not.toContain('carol@private.example');
      for (const item of response.json.items) expect(Object.keys(item).sort()).toEqual(['author', 'content', 'id', 'kind', 'parentId', 'post', 'published', 'received', 'rsvp', 'source', 'url']);
      const email = response.json.items.find((item: { id: number }) => item.id === ids.e1);
      expect(email.url).toBe(`https://hub.example/interactions/${ids.e1}`);
      expect(email.author).toEqual(author('Carol'));
    });

    it.each([
      'http://blog.example/2026/11/hello',
      'https://www.blog.example/2026/11/hello/',
      'https://blog.example/2026/11/hello#comments',
      'https://blog.example:443/2026/11/hello?utm_source=mastodon',
    ])('should match %s leniently to the same post', async (variant) => {
      const response = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(variant)}`);
      expect(response.json.counts.total).toBe(7);
      expect(response.json.post.url).toBe(POST);
    });

    it('should send CORS, a short Cache-Control and an ETag, and answer 304 to If-None-Match', async () => {
      const first = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`);
      expect(first.headers['access-control-allow-origin']).toBe('*');
      expect(first.headers['cache-control']).toMatch(/max-age=\d{1,3}\b/);
      const etag = first.headers.etag!;
      expect(etag).toMatch(/^".+"$/);
      const again = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      const stale = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`, { headers: { 'if-none-match': '"old"' } });
      expect(stale.status).toBe(200);
    });

    it('should change the answer and ETag as soon as a moderation decision changes it', async () => {
      const before = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`);
      await http(server, 'PATCH', `/api/admin/interactions/${ids.x1}`, { body: { status: 'approved' }, auth: 'token' });
      const after = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`);
      expect(after.json.counts.reply).toBe(4);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      await http(server, 'PATCH', `/api/admin/interactions/${ids.x1}`, { body: { status: 'pending' }, auth: 'token' });
      expect((await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`)).json.counts.reply).toBe(3);
    });

    it('should answer an empty thread for an unknown post, with a reply address only on a target domain', async () => {
      const known = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent('https://blog.example/new-post')}`);
      expect(known.json.counts.total).toBe(0);
      expect(known.json.post.replyAddress).toMatch(/^reply\+/);
      const foreign = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent('https://stranger.example/x')}`);
      expect(foreign.json).toMatchObject({ post: { url: 'https://stranger.example/x', replyAddress: null }, items: [] });
    });

    it('should refuse a missing or non-http url with a coded 400', async () => {
      expect((await http(server, 'GET', '/api/interactions')).json).toEqual({ error: 'missing_parameter', message: expect.any(String) });
      expect((await http(server, 'GET', '/api/interactions?url=javascript:alert(1)')).json.error).toBe('invalid_url');
    });

    it('should serve the thread as microformats HTML without private data or script', async () => {
      const response = await http(server, 'GET', `/api/interactions.html?url=${encodeURIComponent(POST)}`);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.text).toContain('class="p-comment h-cite"');
      expect(response.text).toContain('class="u-author h-card"');
      expect(response.text).toMatch(/<li class="p-comment h-cite" id="chorus-\d+">.*<ol><li class="p-comment h-cite"/s);
      expect(response.text).not.toContain('carol@private.example');
      expect(response.text).not.toContain('Spammer');
    });
  });

  describe('webmention.io-compatible API', () => {
    const jf2 = async (query: string) => http(server, 'GET', `/api/mentions.jf2?${query}`);

    it('should answer a JF2 feed newest first with webmention.io entry fields', async () => {
      const response = await jf2(`target=${encodeURIComponent(POST)}`);
      expect(response.status).toBe(200);
      expect(response.json.type).toBe('feed');
      expect(response.json.name).toBe('Webmentions');
      const children = response.json.children;
      expect(children).toHaveLength(7);
      expect(children[0]['wm-id']).toBe(Math.max(ids.v1!, ids.p1!));
      const reply = children.find((entry: Record<string, unknown>) => entry['wm-id'] === ids.r1);
      expect(reply).toEqual({
        type: 'entry',
        author: { type: 'card', name: 'Alice', photo: 'https://alice.example/me.jpg', url: 'https://alice.example/' },
        url: 'https://alice.example/notes/7',
        published: '2026-11-21T10:00:00Z',
        'wm-received': '2026-11-21T10:00:05Z',
        'wm-id': ids.r1,
        'wm-source': 'https://alice.example/notes/7',
        'wm-target': POST,
        'wm-protocol': 'webmention',
        content: { html: '<p>Nice post!</p>', text: 'Nice post!' },
        'in-reply-to': POST,
        'wm-property': 'in-reply-to',
        'wm-private': false,
      });
      const rsvp = children.find((entry: Record<string, unknown>) => entry['wm-id'] === ids.v1);
      expect(rsvp).toMatchObject({ rsvp: 'yes', 'in-reply-to': POST, 'wm-property': 'rsvp' });
      const like = children.find((entry: Record<string, unknown>) => entry['wm-id'] === ids.l1);
      expect(like).toMatchObject({ 'like-of': POST, 'wm-property': 'like-of', 'wm-protocol': 'mastodon', 'wm-source': 'https://social.example/@dan' });
      const email = children.find((entry: Record<string, unknown>) => entry['wm-id'] === ids.e1);
      expect(email['wm-protocol']).toBe('email');
      expect(JSON.stringify(response.json)).not.toContain('private.example');
    });

    it('should page with per-page and a 0-based page', async () => {
      const all = (await jf2(`target=${encodeURIComponent(POST)}`)).json.children.map((entry: Record<string, number>) => entry['wm-id']);
      const page0 = (await jf2(`target=${encodeURIComponent(POST)}&per-page=3&page=0`)).json.children.map((entry: Record<string, number>) => entry['wm-id']);
      const page1 = (await jf2(`target=${encodeURIComponent(POST)}&per-page=3&page=1`)).json.children.map((entry: Record<string, number>) => entry['wm-id']);
      const page2 = (await jf2(`target=${encodeURIComponent(POST)}&per-page=3&page=2`)).json.children.map((entry: Record<string, number>) => entry['wm-id']);
      expect([...page0, ...page1, ...page2]).toEqual(all);
      expect(page2).toHaveLength(1);
    });

    it('should sort oldest first for any sort-dir other than down', async () => {
      const down = (await jf2(`target=${encodeURIComponent(POST)}&sort-dir=down`)).json.children.map((entry: Record<string, number>) => entry['wm-id']);
      const up = (await jf2(`target=${encodeURIComponent(POST)}&sort-dir=up`)).json.children.map((entry: Record<string, number>) => entry['wm-id']);
      const other = (await jf2(`target=${encodeURIComponent(POST)}&sort-dir=sideways`)).json.children.map((entry: Record<string, number>) => entry['wm-id']);
      expect(up).toEqual([...down].reverse());
      expect(other).toEqual(up);
    });

    it('should sort by published when asked', async () => {
      const children = (await jf2(`target=${encodeURIComponent(POST)}&sort-by=published&sort-dir=up&wm-property=in-reply-to`)).json.children;
      expect(children.map((entry: Record<string, string>) => entry.published)).toEqual(['2026-11-21T10:00:00Z', '2026-11-21T11:00:00Z', '2026-11-21T12:00:00Z']);
    });

    it('should take several targets as target[] and filter by wm-property and wm-property[]', async () => {
      const both = await jf2(`target[]=${encodeURIComponent(POST)}&target[]=${encodeURIComponent(OTHER)}&wm-property=like-of`);
      expect(both.json.children.map((entry: { author: { name: string } }) => entry.author.name).sort()).toEqual(['Dan', 'Erin', 'Hal']);
      const multi = await jf2(`target=${encodeURIComponent(POST)}&wm-property[]=like-of&wm-property[]=repost-of`);
      expect(multi.json.children).toHaveLength(3);
    });

    it('should list every post of a domain, and no other domain', async () => {
      const response = await jf2('domain=blog.example&per-page=100');
      expect(response.json.children).toHaveLength(8);
      expect(response.json.children.every((entry: Record<string, string>) => entry['wm-target']!.startsWith('https://blog.example/'))).toBe(true);
    });

    it('should filter by since (received after) and since_id', async () => {
      const since = await jf2(`target=${encodeURIComponent(POST)}&since=2026-11-21T14:30:00Z`);
      expect(since.json.children.map((entry: Record<string, number>) => entry['wm-id']).sort()).toEqual([ids.p1, ids.v1].sort());
      const sinceId = await jf2(`target=${encodeURIComponent(POST)}&since_id=${ids.l2}`);
      expect(sinceId.json.children.every((entry: Record<string, number>) => entry['wm-id']! > ids.l2!)).toBe(true);
      expect(sinceId.json.children.length).toBeGreaterThan(0);
    });

    it('should match scheme-less and lenient targets', async () => {
      const response = await jf2('target=blog.example/2026/11/hello/');
      expect(response.json.children).toHaveLength(7);
    });

    it('should answer 400 with a code when neither target nor domain is given, or a parameter is wrong', async () => {
      expect((await jf2('')).status).toBe(400);
      expect((await jf2('per-page=5')).json.error).toBe('missing_parameter');
      expect((await jf2(`target=${encodeURIComponent(POST)}&page=-1`)).json.error).toBe('invalid_parameter');
      expect((await jf2(`target=${encodeURIComponent(POST)}&since=yesterday`)).json.error).toBe('invalid_parameter');
      expect((await jf2(`target=${encodeURIComponent(POST)}&wm-property=poke-of`)).json.error).toBe('invalid_parameter');
    });

    it("should answer webmention.io's legacy links shape at /api/mentions and /api/mentions.json", async () => {
      for (const path of ['/api/mentions', '/api/mentions.json']) {
        const response = await http(server, 'GET', `${path}?target=${encodeURIComponent(POST)}`);
        expect(response.status).toBe(200);
        expect(response.json.links).toHaveLength(7);
        const link = response.json.links.find((entry: { id: number }) => entry.id === ids.r1);
        expect(link).toMatchObject({ source: 'https://alice.example/notes/7', verified: true, private: false, target: POST, activity: { type: 'reply' }, data: { author: { name: 'Alice' } } });
      }
    });

    it('should count by type, with RSVPs split by answer, and zero for an unknown target', async () => {
      const response = await http(server, 'GET', `/api/count?target=${encodeURIComponent(POST)}`);
      expect(response.json).toEqual({ count: 7, type: { reply: 3, like: 2, repost: 1, 'rsvp-yes': 1 } });
      expect((await http(server, 'GET', '/api/count?target=https://blog.example/none')).json).toEqual({ count: 0, type: {} });
      expect((await http(server, 'GET', '/api/count')).status).toBe(400);
    });

    it('should send CORS and honour ETags on every public GET', async () => {
      for (const path of [`/api/mentions.jf2?target=${encodeURIComponent(POST)}`, `/api/count?target=${encodeURIComponent(POST)}`, `/api/mentions?target=${encodeURIComponent(POST)}`]) {
        const first = await http(server, 'GET', path);
        expect(first.headers['access-control-allow-origin']).toBe('*');
        expect((await http(server, 'GET', path, { headers: { 'if-none-match': first.headers.etag! } })).status).toBe(304);
      }
    });
  });

  it('should answer unknown routes with a JSON 404', async () => {
    const response = await http(server, 'GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ error: 'not_found', message: expect.stringContaining('/api/docs') });
  });

  it('should serve health, Prometheus metrics and the OpenAPI document', async () => {
    expect((await http(server, 'GET', '/health')).json).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });
    const metrics = await http(server, 'GET', '/metrics');
    expect(metrics.text).toContain('chorus_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/chorus_interactions\{source="webmention",kind="reply",status="approved"\} \d+/);
    expect(metrics.text).toMatch(/chorus_jobs\{state="queued"\} \d+/);
    const docs = await http(server, 'GET', '/api/docs/json');
    expect(Object.keys(docs.json.paths)).toEqual(expect.arrayContaining(['/api/interactions', '/api/mentions.jf2', '/api/count', '/api/admin/interactions', '/health']));
    expect((await http(server, 'GET', '/api/docs')).headers['content-type']).toContain('text/html');
  });
});
