import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, seed } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

const POST = 'https://blog.example/2026/11/hello';

function item(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    post: POST,
    kind: 'reply',
    source: 'webmention',
    url: `https://${id}.example/note`,
    author: { name: `Author ${id}`, url: `https://${id}.example/`, photo: null },
    content: { html: `<p>Reply from ${id}</p>`, text: `Reply from ${id}` },
    status: 'pending',
    ...overrides,
  };
}

describe('admin API', () => {
  let server: RunningServer;
  const admin = (method: string, path: string, body?: unknown) => http(server, method, path, { body, auth: 'token' });

  beforeAll(async () => {
    server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('should list newest received first with cursor paging that visits every item once', async () => {
    const items = Array.from({ length: 25 }, (_, i) => item(`p${i}`, { received: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() }));
    const ids = await seed(server, items);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { items: { id: number }[]; nextCursor: string | null } } = await admin('GET', `/api/admin/interactions?status=pending&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.json.items.map((entry) => entry.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(items.map((entry) => ids[entry.id]).reverse());
  });

  it('should filter by status, source, kind, post and full text, and show admin fields', async () => {
    const ids = await seed(server, [
      item('f1', { source: 'email', url: null, author: { name: 'Mail Person', email: 'mail@person.example' }, content: { html: 'about gardening', text: 'about gardening' } }),
      item('f2', { source: 'mastodon', kind: 'like', content: null, post: 'https://blog.example/other' }),
    ]);
    const email = await admin('GET', '/api/admin/interactions?source=email');
    expect(email.json.items).toHaveLength(1);
    expect(email.json.items[0]).toMatchObject({ id: ids.f1, status: 'pending', author: { email: 'mail@person.example' }, postTitle: null });
    expect((await admin('GET', '/api/admin/interactions?kind=like')).json.items.map((entry: { id: number }) => entry.id)).toEqual([ids.f2]);
    expect((await admin('GET', `/api/admin/interactions?post=${encodeURIComponent('http://www.blog.example/other/')}`)).json.items).toHaveLength(1);
    expect((await admin('GET', '/api/admin/interactions?q=GARDEN')).json.items.map((entry: { id: number }) => entry.id)).toEqual([ids.f1]);
    expect((await admin('GET', '/api/admin/interactions?status=rejected')).json.items).toEqual([]);
    expect((await admin('GET', '/api/admin/interactions?status=maybe')).json.error).toBe('invalid_parameter');
    expect((await admin('GET', '/api/admin/interactions?cursor=garbage')).json.error).toBe('invalid_parameter');
  });

  it('should change one status, many statuses, and delete for good', async () => {
    const ids = await seed(server, [item('s1'), item('s2'), item('s3')]);
    const one = await admin('PATCH', `/api/admin/interactions/${ids.s1}`, { status: 'approved' });
    expect(one.status).toBe(200);
    expect(one.json.status).toBe('approved');
    const bulk = await admin('POST', '/api/admin/interactions/bulk', { ids: [ids.s2, ids.s3, 999999], status: 'spam' });
    expect(bulk.json).toEqual({ updated: 2, missing: [999999] });
    expect((await admin('GET', `/api/admin/interactions/${ids.s3}`)).json.status).toBe('spam');
    expect((await admin('PATCH', `/api/admin/interactions/${ids.s1}`, { status: 'published' })).status).toBe(400);
    expect((await admin('DELETE', `/api/admin/interactions/${ids.s1}`)).status).toBe(204);
    expect((await admin('GET', `/api/admin/interactions/${ids.s1}`)).json.error).toBe('interaction_not_found');
    expect((await admin('PATCH', '/api/admin/interactions/abc', { status: 'approved' })).status).toBe(400);
  });

  it('should drop or mark as spam what the blocklist names, whenever an interaction is stored', async () => {
    const dropped = await admin('POST', '/api/admin/blocklist', { value: 'evil.example', action: 'drop' });
    expect(dropped.json).toMatchObject({ type: 'domain', value: 'evil.example', action: 'drop' });
    const spam = await admin('POST', '/api/admin/blocklist', { value: 'https://meh.example/me', action: 'spam' });
    expect(spam.json).toMatchObject({ type: 'url', action: 'spam' });
    const ids = await seed(server, [
      item('b1', { author: { name: 'Evil', url: 'https://www.sub.evil.example/' } }),
      item('b2', { author: { name: 'Meh', url: 'https://meh.example/me' } }),
    ]);
    expect(ids.b1).toBeUndefined();
    expect((await admin('GET', `/api/admin/interactions/${ids.b2}`)).json.status).toBe('spam');
    expect((await admin('GET', '/api/admin/blocklist')).json.items).toHaveLength(2);
    expect((await admin('DELETE', `/api/admin/blocklist/${dropped.json.id}`)).status).toBe(204);
    expect((await admin('DELETE', `/api/admin/blocklist/${dropped.json.id}`)).status).toBe(404);
    expect((await admin('POST', '/api/admin/blocklist', { value: 'not a domain' })).json.error).toBe('invalid_parameter');
  });

  it('should auto-approve by rule: trusted domains and per source and kind', async () => {
    const rules = await admin('PUT', '/api/admin/rules', { rules: [{ author: 'friend.example' }, { source: 'mastodon', kind: 'like' }] });
    expect(rules.json.rules).toHaveLength(2);
    const ids = await seed(server, [
      item('a1', { author: { name: 'Friend', url: 'https://friend.example/' } }),
      item('a2', { source: 'mastodon', kind: 'like', content: null }),
      item('a3', { source: 'mastodon', kind: 'reply' }),
    ]);
    const status = async (ref: string) => (await admin('GET', `/api/admin/interactions/${ids[ref]}`)).json.status;
    expect([await status('a1'), await status('a2'), await status('a3')]).toEqual(['approved', 'approved', 'pending']);
    expect((await admin('GET', '/api/admin/rules')).json.rules.map((rule: { author: string | null }) => rule.author)).toEqual(['friend.example', null]);
    expect((await admin('PUT', '/api/admin/rules', { rules: [{ kind: 'poke' }] })).status).toBe(400);
    await admin('PUT', '/api/admin/rules', { rules: [] });
  });

  it('should export every interaction as JSON and JF2, and re-import without duplicates', async () => {
    const json = await admin('GET', '/api/admin/export?format=json');
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="chorus-export-\d{4}-\d{2}-\d{2}\.json"/);
    const items = json.json.items as { id: number; dedupeKey: string; author: { email: string | null } }[];
    expect(items.length).toBeGreaterThan(25);
    expect(items.some((entry) => entry.author.email === 'mail@person.example')).toBe(true);
    const jf2 = await admin('GET', '/api/admin/export?format=jf2');
    expect(jf2.json.children).toHaveLength(items.length);
    const before = items.length;
    await seed(server, items.slice(0, 5));
    expect((await admin('GET', '/api/admin/export')).json.items).toHaveLength(before);
  });

  it('should refuse malformed and hostile imports with a clear message and store nothing', async () => {
    const before = (await admin('GET', '/api/admin/export')).json.items.length;
    expect((await admin('POST', '/api/admin/import', { items: [{ post: 'ftp://x', kind: 'reply', source: 'webmention' }] })).json.message).toContain('items[0]');
    expect((await admin('POST', '/api/admin/import', { nothing: true })).json.error).toBe('invalid_body');
    const xss = await seed(server, [item('x1', { content: { html: '<p onclick="alert(1)">hi<script>alert(1)</script><a href="javascript:alert(1)">x</a></p>' }, author: { name: 'X', url: 'javascript:alert(1)' } })]);
    const stored = (await admin('GET', `/api/admin/interactions/${xss.x1}`)).json;
    expect(stored.content.html).toBe('<p>hi<a rel="nofollow ugc noopener">x</a></p>');
    expect(stored.author.url).toBeNull();
    expect((await admin('GET', '/api/admin/export')).json.items.length).toBe(before + 1);
  });

  it('should push new and changed interactions over server-sent events', async () => {
    const response = await request(`${server.url}/api/admin/events`, { headers: { authorization: `Bearer ${server.apiToken}` } });
    expect(response.headers['content-type']).toContain('text/event-stream');
    let received = '';
    const reading = (async () => {
      for await (const chunk of response.body) {
        received += chunk.toString();
        if (received.includes('Live arrival')) break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await seed(server, [item('live', { author: { name: 'Live arrival' } })]);
    await Promise.race([reading, new Promise((_, reject) => setTimeout(() => reject(new Error(`no event; got ${received}`)), 5000))]);
    expect(received).toMatch(/event: counts\ndata: \{"pending":\d+\}/);
    expect(received).toMatch(/event: interaction\ndata: \{"type":"created","interaction":\{"id":\d+/);
    response.body.destroy();
  });
});
