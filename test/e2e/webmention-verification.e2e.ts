import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, waitFor } from '../support/http';
import { startServer, type RunningServer } from '../support/server';
import { replyPage, startSourceSite, type SourceSite } from '../support/source-site';

const POST = 'https://blog.example/2026/11/hello';

interface RequestStatus {
  id: number;
  source: string;
  target: string;
  status: 'queued' | 'verified' | 'rejected' | 'deleted';
  reason: string | null;
  interactionId: number | null;
}

async function send(server: RunningServer, source: string, target = POST): Promise<number> {
  const response = await http(server, 'POST', '/webmention', { form: { source, target } });
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status} ${response.text}`);
  return response.json.id as number;
}

/** Waits until the request left `queued` and returns its status resource. */
async function settled(server: RunningServer, id: number, timeoutMs = 20_000): Promise<RequestStatus> {
  return waitFor(
    async () => {
      const response = await http<RequestStatus>(server, 'GET', `/webmention/${id}`);
      return response.json.status === 'queued' ? null : response.json;
    },
    `webmention #${id} to be verified or rejected`,
    timeoutMs,
  );
}

async function verify(server: RunningServer, source: string, target = POST): Promise<RequestStatus> {
  return settled(server, await send(server, source, target));
}

const admin = (server: RunningServer, method: string, path: string, body?: unknown) => http(server, method, path, { body, auth: 'token' });
const publicItems = async (server: RunningServer) => (await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`)).json.items as { id: number; content: { html: string; text: string } | null; author: { name: string } }[];

describe('webmention verification against real source servers', () => {
  let server: RunningServer;
  let site: SourceSite;

  beforeAll(async () => {
    site = await startSourceSite();
    server = await startServer({
      env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_FETCH_TIMEOUT: '1s', CHORUS_FETCH_MAX_BYTES: '512KB', CHORUS_FETCH_MAX_REDIRECTS: '3' },
    });
  });
  afterAll(async () => {
    await server.stop();
    await site.close();
  });

  it('should verify a reply and store its author and content as a pending interaction', async () => {
    const source = site.serve('/reply', { body: replyPage(POST, { author: 'Alice Example', content: '<p>Nice <em>post</em>!</p>' }) });
    const status = await verify(server, source);
    expect(status).toMatchObject({ status: 'verified', reason: null, source, target: POST });
    const interaction = (await admin(server, 'GET', `/api/admin/interactions/${status.interactionId}`)).json;
    expect(interaction).toMatchObject({
      kind: 'reply',
      source: 'webmention',
      status: 'pending',
      sourceUrl: source,
      post: POST,
      author: { name: 'Alice Example', url: 'https://alice.example/' },
      content: { html: '<p>Nice <em>post</em>!</p>', text: 'Nice post!' },
      published: '2026-11-21T10:00:00Z',
    });
    expect(site.hits('/reply')).toBe(1);
    expect(await publicItems(server)).toEqual([]);
  });

  it('should verify a pingback the same way, as source pingback', async () => {
    const source = site.serve('/pinged', { body: replyPage(POST, { author: 'Pat Pinger' }) });
    const xml = `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value><string>${source}</string></value></param><param><value><string>${POST}</string></value></param></params></methodCall>`;
    const response = await http(server, 'POST', '/xmlrpc', { body: xml, headers: { 'content-type': 'text/xml' } });
    const id = Number(/\/webmention\/(\d+)/.exec(response.text)?.[1]);
    const status = await settled(server, id);
    expect(status.status).toBe('verified');
    expect((await admin(server, 'GET', `/api/admin/interactions/${status.interactionId}`)).json).toMatchObject({ source: 'pingback', author: { name: 'Pat Pinger' } });
  });

  it('should follow redirects within the limit', async () => {
    const final = site.serve('/moved/final', { body: replyPage(POST, { author: 'Redirected Rita' }) });
    site.serve('/moved/2', { status: 301, headers: { location: final } });
    const start = site.serve('/moved/1', { status: 302, headers: { location: '/moved/2' } });
    expect(await verify(server, start)).toMatchObject({ status: 'verified' });
  });

  it.each([
    ['source_not_found', 'a 404', () => site.serve('/missing', { status: 404, body: 'gone fishing' })],
    ['no_link_to_target', 'a page without the link', () => site.serve('/unrelated', { body: replyPage('https://blog.example/2026/10/other') })],
    ['unsupported_content_type', 'an image', () => site.serve('/image', { headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) })],
    ['source_too_large', 'a body over CHORUS_FETCH_MAX_BYTES', () => site.serve('/huge', { body: `<a href="${POST}">x</a>${'x'.repeat(600 * 1024)}` })],
    [
      'source_too_large',
      'a gzip bomb',
      () => site.serve('/bomb', { headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.concat([Buffer.from(`<a href="${POST}">x</a>`), Buffer.alloc(50 * 1024 * 1024, 0x20)])) }),
    ],
    [
      'too_many_redirects',
      'more redirects than CHORUS_FETCH_MAX_REDIRECTS',
      () => {
        for (let i = 1; i <= 5; i++) site.serve(`/loop/${i}`, { status: 302, headers: { location: `/loop/${i + 1}` } });
        return `${site.origin}/loop/1`;
      },
    ],
  ])('should reject with %s for %s', async (reason, _what, makeSource) => {
    const status = await verify(server, makeSource());
    expect(status).toMatchObject({ status: 'rejected', reason, interactionId: null });
    await waitFor(() => Promise.resolve(server.logs().includes(`: rejected (${reason})`)), `the ${reason} rejection in the log`);
  });

  it('should retry an unreachable or slow source, showing the reason while queued, then reject it as source_unreachable', async () => {
    const closedPort = 'http://127.0.0.1:1/closed';
    const slow = site.serve('/slow', { delayMs: 3000, body: replyPage(POST) });
    const ids = [await send(server, closedPort), await send(server, slow)];
    for (const id of ids) {
      const interim = await waitFor(async () => {
        const response = await http<RequestStatus>(server, 'GET', `/webmention/${id}`);
        return response.json.reason ? response.json : null;
      }, `a first failure of #${id}`);
      expect(interim).toMatchObject({ status: 'queued', reason: 'source_unreachable' });
    }
    for (const id of ids) expect(await settled(server, id, 45_000)).toMatchObject({ status: 'rejected', reason: 'source_unreachable' });
    expect(site.hits('/slow')).toBe(3);
  }, 60_000);

  it('should update the same interaction on a resend, keep the decision when nothing changed and reopen it when the content changed', async () => {
    const source = site.serve('/evolving', { body: replyPage(POST, { author: 'Una Update', content: '<p>First take.</p>' }) });
    const first = await verify(server, source);
    await admin(server, 'PATCH', `/api/admin/interactions/${first.interactionId}`, { status: 'approved' });

    const unchanged = await verify(server, source);
    expect(unchanged).toMatchObject({ status: 'verified', interactionId: first.interactionId });
    expect((await admin(server, 'GET', `/api/admin/interactions/${first.interactionId}`)).json.status).toBe('approved');

    site.serve('/evolving', { body: replyPage(POST, { author: 'Una Update', content: '<p>Second, quite different take.</p>' }) });
    const changed = await verify(server, source);
    expect(changed).toMatchObject({ status: 'verified', interactionId: first.interactionId });
    const updated = (await admin(server, 'GET', `/api/admin/interactions/${first.interactionId}`)).json;
    expect(updated).toMatchObject({ status: 'pending', content: { text: 'Second, quite different take.' } });
  });

  it('should mark the interaction deleted and drop it from the public API when the source answers 410', async () => {
    const source = site.serve('/to-be-gone', { body: replyPage(POST, { author: 'Gone Gina' }) });
    const first = await verify(server, source);
    await admin(server, 'PATCH', `/api/admin/interactions/${first.interactionId}`, { status: 'approved' });
    expect((await publicItems(server)).map((item) => item.id)).toContain(first.interactionId);

    site.serve('/to-be-gone', { status: 410, body: 'gone' });
    expect(await verify(server, source)).toMatchObject({ status: 'deleted', reason: 'source_gone', interactionId: first.interactionId });
    expect((await admin(server, 'GET', `/api/admin/interactions/${first.interactionId}`)).json.status).toBe('deleted');
    expect((await publicItems(server)).map((item) => item.id)).not.toContain(first.interactionId);
  });

  it('should reject a 410 from a source that never sent anything as source_gone', async () => {
    expect(await verify(server, site.serve('/never-was', { status: 410 }))).toMatchObject({ status: 'rejected', reason: 'source_gone', interactionId: null });
  });

  it('should mark the interaction deleted when the source no longer links to the target', async () => {
    const source = site.serve('/unlinked', { body: replyPage(POST, { author: 'Fickle Fred' }) });
    const first = await verify(server, source);
    await admin(server, 'PATCH', `/api/admin/interactions/${first.interactionId}`, { status: 'approved' });

    site.serve('/unlinked', { body: replyPage('https://blog.example/2026/10/other', { author: 'Fickle Fred' }) });
    expect(await verify(server, source)).toMatchObject({ status: 'deleted', reason: 'no_link_to_target', interactionId: first.interactionId });
    expect((await publicItems(server)).map((item) => item.id)).not.toContain(first.interactionId);
  });

  it('should never let script, event handlers, javascript: URLs, iframes or CSS reach the public API', async () => {
    const hostile = [
      '<p>Hello<script>alert(1)</script></p>',
      '<img src="https://x.example/a.png" onerror="alert(2)">',
      '<a href="javascript:alert(3)">click</a>',
      '<iframe src="https://evil.example/"></iframe>',
      '<style>body { display: none }</style>',
      '<p style="background: url(javascript:alert(4))">styled</p>',
      '<svg onload="alert(5)"><use href="data:image/svg+xml,x"/></svg>',
    ].join('');
    const source = site.serve('/xss', { body: replyPage(POST, { author: '<script>alert(6)</script>Mallory', content: hostile }) });
    const status = await verify(server, source);
    expect(status.status).toBe('verified');
    await admin(server, 'PATCH', `/api/admin/interactions/${status.interactionId}`, { status: 'approved' });

    const json = await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`);
    const html = await http(server, 'GET', `/api/interactions.html?url=${encodeURIComponent(POST)}`);
    const jf2 = await http(server, 'GET', `/api/mentions.jf2?target=${encodeURIComponent(POST)}`);
    const item = (json.json.items as { id: number; content: { html: string }; author: { name: string } }[]).find((entry) => entry.id === status.interactionId)!;
    expect(item.content.html).toContain('Hello');
    for (const body of [item.content.html, html.text, jf2.text]) {
      expect(body).not.toMatch(/<script|onerror|onload|javascript:|<iframe|<style|style=|<svg/i);
    }
    expect(html.text).not.toContain('<script>alert(6)');
  });

  it('should survive hostile HTML (deep nesting, huge attributes, invalid UTF-8) and keep verifying', async () => {
    const link = `<a href="${POST}">the post</a>`;
    const sources = [
      site.serve('/nested', { body: `<html><body class="h-entry">${'<div>'.repeat(40_000)}${link}${'</div>'.repeat(40_000)}</body></html>` }),
      site.serve('/attribute', { body: `<html><body><div class="h-entry" data-x="${'a'.repeat(400_000)}">${link}</div></body></html>` }),
      site.serve('/bytes', {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: Buffer.concat([Buffer.from('<html><body><p class="h-entry"><span class="p-author h-card">Byte '), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from(`</span>${link}</p></body></html>`)]),
      }),
    ];
    const ids = await Promise.all(sources.map((source) => send(server, source)));
    const health = await http(server, 'GET', '/health');
    expect(health.status).toBe(200);
    for (const id of ids) expect(['verified', 'rejected']).toContain((await settled(server, id)).status);
    expect(server.process.exitCode).toBeNull();
    expect((await http(server, 'GET', '/health')).status).toBe(200);

    const after = await verify(server, site.serve('/after-hostile', { body: replyPage(POST, { author: 'Normal Norma' }) }));
    expect(after.status).toBe('verified');
  });
});

describe('webmention verification with CHORUS_ALLOW_PRIVATE_ADDRESSES=false', () => {
  let server: RunningServer;
  let site: SourceSite;

  beforeAll(async () => {
    site = await startSourceSite();
    server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_ALLOW_PRIVATE_ADDRESSES: 'false' } });
  });
  afterAll(async () => {
    await server.stop();
    await site.close();
  });

  it.each(['127.0.0.1', 'localhost'])('should reject a source on %s as address_not_allowed without reaching it', async (host) => {
    const source = site.serve(`/private-${host}`, { body: replyPage(POST) }).replace('127.0.0.1', host);
    expect(await verify(server, source)).toMatchObject({ status: 'rejected', reason: 'address_not_allowed' });
    expect(site.hits(`/private-${host}`)).toBe(0);
  });

  it('should refuse loopback written another way (127.1) just the same', async () => {
    const source = site.serve('/short-form', { body: replyPage(POST) }).replace('127.0.0.1', '127.1');
    expect(await verify(server, source)).toMatchObject({ status: 'rejected', reason: 'address_not_allowed' });
    expect(site.hits('/short-form')).toBe(0);
  });
});
