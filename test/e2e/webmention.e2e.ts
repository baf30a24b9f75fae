import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, waitFor } from '../support/http';
import { startServer, type RunningServer } from '../support/server';
import { startSourceSite, type SourceSite } from '../support/source-site';

const POST = 'https://blog.example/2026/11/hello';
const form = (source: string, target = POST) => ({ source, target });

function pingCall(source: string, target: string): string {
  return `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value><string>${source}</string></value></param><param><value><string>${target}</string></value></param></params></methodCall>`;
}

function faultCode(xml: string): number | null {
  const match = /<name>faultCode<\/name><value><int>(-?\d+)<\/int>/.exec(xml);
  return match ? Number(match[1]) : null;
}

/** Intake only: verification is an hour away, so nothing is fetched while these run. */
describe('POST /webmention and /xmlrpc: receiving', () => {
  let server: RunningServer;
  let site: SourceSite;
  const send = (body: Record<string, string>, headers: Record<string, string> = {}) => http(server, 'POST', '/webmention', { form: body, headers });
  const ping = (xml: string) => http(server, 'POST', '/xmlrpc', { body: xml, headers: { 'content-type': 'text/xml' } });

  beforeAll(async () => {
    site = await startSourceSite();
    server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_PUBLIC_URL: 'https://hub.example', CHORUS_VERIFY_DELAY: '1h' } });
    await http(server, 'POST', '/api/admin/blocklist', { body: { value: 'spam.example' }, auth: 'token' });
  });
  afterAll(async () => {
    await server.stop();
    await site.close();
  });

  it('should answer 201 with Location and the queued status, and not fetch the source in the request', async () => {
    const source = site.serve('/notes/1', { body: 'unused' });
    const response = await send(form(source));
    expect(response.status).toBe(201);
    const id = response.json.id as number;
    expect(response.headers.location).toBe(`https://hub.example/webmention/${id}`);
    expect(response.json).toEqual({ id, status: 'queued', statusUrl: `https://hub.example/webmention/${id}` });
    const status = await http(server, 'GET', `/webmention/${id}`);
    expect(status.status).toBe(200);
    expect(status.json).toEqual({ id, source, target: POST, status: 'queued', reason: null, interactionId: null });
    expect(site.hits('/notes/1')).toBe(0);
  });

  it.each([
    'application/x-www-form-urlencoded; charset=utf-8',
    'application/x-www-form-urlencoded;charset=ISO-8859-1',
    'Application/X-WWW-Form-Urlencoded; charset="UTF-8"',
  ])('should accept the form content type %s', async (contentType) => {
    const response = await send(form(`https://alice.example/charset/${encodeURIComponent(contentType)}`), { 'content-type': contentType });
    expect(response.status).toBe(201);
  });

  it('should accept JSON source and target', async () => {
    const response = await http(server, 'POST', '/webmention', { body: form('https://alice.example/json'), headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(response.status).toBe(201);
  });

  it('should ignore extra parameters such as vouch', async () => {
    const response = await send({ ...form('https://alice.example/vouched'), vouch: 'https://friend.example/' });
    expect(response.status).toBe(201);
  });

  it.each([
    ['missing_parameter', { target: POST }, 'source'],
    ['missing_parameter', { source: 'https://alice.example/a', target: '' }, 'target'],
    ['invalid_url', { source: 'not a url', target: POST }, 'not an absolute URL'],
    ['unsupported_scheme', { source: 'ftp://alice.example/a', target: POST }, 'only http and https'],
    ['unsupported_scheme', { source: 'https://alice.example/a', target: 'gopher://blog.example/x' }, 'only http and https'],
    ['same_url', { source: POST, target: POST }, 'same page'],
    ['target_not_accepted', { source: 'https://alice.example/a', target: 'https://elsewhere.example/post' }, 'elsewhere.example'],
    ['blocked_source', { source: 'https://www.spam.example/buy', target: POST }, 'not accepted'],
  ])('should refuse with 400 %s and a sentence saying what to fix (%j)', async (code, body, hint) => {
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(response.json.error).toBe(code);
    expect(response.json.message).toContain(hint);
    await waitFor(() => Promise.resolve(new RegExp(`refused webmention from [^\n]*: ${code}: `).test(server.logs())), `the ${code} refusal in the log`);
  });

  it('should refuse a body of the wrong kind, malformed JSON and an oversized body with coded errors', async () => {
    const xml = await http(server, 'POST', '/webmention', { body: '<source>x</source>', headers: { 'content-type': 'text/xml' } });
    expect([xml.status, xml.json.error]).toEqual([415, 'unsupported_media_type']);
    const unknownType = await http(server, 'POST', '/webmention', { body: 'source=x', headers: { 'content-type': 'application/octet-stream' } });
    expect([unknownType.status, unknownType.json.error]).toEqual([415, 'unsupported_media_type']);
    const badJson = await http(server, 'POST', '/webmention', { body: '{"source":', headers: { 'content-type': 'application/json' } });
    expect([badJson.status, badJson.json.error]).toEqual([400, 'invalid_body']);
    const huge = await send({ ...form('https://alice.example/huge'), padding: 'x'.repeat(1024 * 1024 + 10) });
    expect([huge.status, huge.json.error]).toEqual([413, 'payload_too_large']);
  });

  it('should collapse the same source and target while its verification is queued into that request (202)', async () => {
    const first = await send(form('https://alice.example/twice'));
    const second = await send(form('https://alice.example/twice'));
    expect(first.status).toBe(201);
    expect(second.status).toBe(202);
    expect(second.json.id).toBe(first.json.id);
    expect(second.headers.location).toBe(first.headers.location);
    const other = await send(form('https://alice.example/twice', 'https://blog.example/2026/10/other'));
    expect(other.json.id).not.toBe(first.json.id);
  });

  it('should answer 404 for an unknown status resource, and CORS, ETag and 304 for a known one', async () => {
    expect((await http(server, 'GET', '/webmention/999999')).json.error).toBe('not_found');
    expect((await http(server, 'GET', '/webmention/abc')).status).toBe(404);
    const { json } = await send(form('https://alice.example/etag'));
    const first = await http(server, 'GET', `/webmention/${json.id}`);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await http(server, 'GET', `/webmention/${json.id}`, { headers: { 'if-none-match': first.headers.etag! } });
    expect(again.status).toBe(304);
  });

  it('should advertise the endpoints on every response', async () => {
    const response = await http(server, 'GET', '/health');
    expect(response.headers.link).toContain('<https://hub.example/webmention>; rel="webmention"');
    expect(response.headers['x-pingback']).toBe('https://hub.example/xmlrpc');
  });

  it('should report the source as ok with the endpoint and the last day counts', async () => {
    const response = await http(server, 'GET', '/api/admin/sources', { auth: 'token' });
    const source = response.json.sources.find((entry: { id: string }) => entry.id === 'webmention');
    expect(source).toMatchObject({ state: 'ok', fix: null, details: { endpoint: 'https://hub.example/webmention', pingbackEndpoint: 'https://hub.example/xmlrpc', targetDomains: ['blog.example'] } });
    expect(source.details.lastDay.queued).toBeGreaterThanOrEqual(5);
    expect(source.details.lastDay).toMatchObject({ verified: 0, rejected: 0, deleted: 0 });
  });

  describe('pingback', () => {
    it('should answer success with the status URL for a ping that passes the cheap checks', async () => {
      const response = await ping(pingCall('https://carol.example/pinged', POST));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('text/xml');
      expect(faultCode(response.text)).toBeNull();
      const statusUrl = /status: (https:\/\/hub\.example\/webmention\/\d+)/.exec(response.text)?.[1];
      expect(statusUrl).toBeDefined();
      const status = await http(server, 'GET', new URL(statusUrl!).pathname);
      expect(status.json).toMatchObject({ source: 'https://carol.example/pinged', target: POST, status: 'queued' });
    });

    it('should answer fault 48 for the same ping while it is queued', async () => {
      await ping(pingCall('https://carol.example/again', POST));
      expect(faultCode((await ping(pingCall('https://carol.example/again', POST))).text)).toBe(48);
    });

    it.each([
      ['malformed XML', -32700, '<methodCall><methodName>pingback.ping</methodName><params>'],
      ['a DOCTYPE (entity expansion)', -32700, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><methodCall><methodName>pingback.ping</methodName></methodCall>'],
      ['another method', -32601, '<methodCall><methodName>system.listMethods</methodName></methodCall>'],
      ['one parameter', -32602, '<methodCall><methodName>pingback.ping</methodName><params><param><value><string>https://carol.example/x</string></value></param></params></methodCall>'],
      ['an invalid source URL', 16, pingCall('nonsense', POST)],
      ['an invalid target URL', 32, pingCall('https://carol.example/x', 'nonsense')],
      ['a target on another host', 33, pingCall('https://carol.example/x', 'https://elsewhere.example/post')],
      ['a blocklisted source', 49, pingCall('https://spam.example/x', POST)],
      ['the same URL twice', 0, pingCall(POST, POST)],
    ])('should answer %s with fault %i', async (_what, code, xml) => {
      const response = await ping(xml);
      expect(response.status).toBe(200);
      expect(faultCode(response.text)).toBe(code);
    });

    it('should refuse a non-XML body with a parse error fault and an oversized one with 413', async () => {
      const json = await http(server, 'POST', '/xmlrpc', { body: { source: 'x' } });
      expect(faultCode(json.text)).toBe(-32700);
      const huge = await http(server, 'POST', '/xmlrpc', { body: `<methodCall>${'x'.repeat(70 * 1024)}</methodCall>`, headers: { 'content-type': 'text/xml' } });
      expect([huge.status, huge.json.error]).toEqual([413, 'payload_too_large']);
    });
  });
});

describe('POST /webmention: rate limits', () => {
  let server: RunningServer;
  const send = (source: string, client: string) => http(server, 'POST', '/webmention', { form: form(source), headers: { 'x-forwarded-for': client } });

  beforeAll(async () => {
    server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_VERIFY_DELAY: '1h', CHORUS_RATE_LIMIT: '3/min' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('should answer 429 with Retry-After once one client address has sent its share', async () => {
    for (const host of ['a', 'b', 'c']) expect((await send(`https://${host}.example/post`, '203.0.113.1')).status).toBe(201);
    const limited = await send('https://d.example/post', '203.0.113.1');
    expect(limited.status).toBe(429);
    expect(limited.json.error).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await send('https://d.example/post', '203.0.113.2')).status).toBe(201);
  });

  it('should answer 429 once one source host has sent its share, whatever the client', async () => {
    for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) expect((await send(`https://busy.example/${client}`, client)).status).toBe(201);
    const limited = await send('https://busy.example/more', '198.51.100.4');
    expect(limited.status).toBe(429);
    expect(limited.json.message).toContain('busy.example');
  });
});

describe('POST /webmention without CHORUS_TARGET_DOMAINS', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { CHORUS_VERIFY_DELAY: '1h' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('should refuse every webmention and report the source as not configured with the fix', async () => {
    const refused = await http(server, 'POST', '/webmention', { form: form('https://alice.example/a') });
    expect([refused.status, refused.json.error]).toEqual([400, 'target_not_accepted']);
    const sources = await http(server, 'GET', '/api/admin/sources', { auth: 'token' });
    const source = sources.json.sources.find((entry: { id: string }) => entry.id === 'webmention');
    expect(source.state).toBe('not_configured');
    expect(source.fix).toContain('CHORUS_TARGET_DOMAINS');
  });
});
