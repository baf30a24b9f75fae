import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from 'node:crypto';
import { statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, seed, waitFor } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

const POST = 'https://blog.example/2026/11/hello';

interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

/** A push service on loopback: records every message and answers each path with its configured status. */
class LocalPushService {
  readonly received: ReceivedPush[] = [];
  readonly statusFor = new Map<string, number>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks), at: Date.now() });
        response.writeHead(this.statusFor.get(path) ?? 201).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** What a browser keeps for one subscription: its ECDH P-256 key pair and 16-byte auth secret. */
interface BrowserKeys {
  ecdh: ECDH;
  auth: Buffer;
}

function newBrowserKeys(): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, auth: randomBytes(16) };
}

function subscriptionJson(endpoint: string, keys: BrowserKeys) {
  return { endpoint, expirationTime: null, keys: { p256dh: keys.ecdh.getPublicKey().toString('base64url'), auth: keys.auth.toString('base64url') } };
}

/**
 * RFC 8291 (Message Encryption for Web Push) with RFC 8188 aes128gcm, as a browser decrypts: the
 * header carries the salt, record size and the sender's ephemeral public key.
 */
function decryptPush(body: Buffer, keys: BrowserKeys): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20]!;
  const senderKey = body.subarray(21, 21 + keyIdLength);
  const record = body.subarray(21 + keyIdLength);
  expect(record.length).toBeLessThanOrEqual(recordSize);
  const hkdf = (ikm: Buffer, hkdfSalt: Buffer, info: Buffer | string, length: number) => Buffer.from(hkdfSync('sha256', ikm, hkdfSalt, info, length));
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), senderKey]);
  const ikm = hkdf(keys.ecdh.computeSecret(senderKey), keys.auth, keyInfo, 32);
  const contentKey = hkdf(ikm, salt, 'Content-Encoding: aes128gcm\0', 16);
  const nonce = hkdf(ikm, salt, 'Content-Encoding: nonce\0', 12);
  const decipher = createDecipheriv('aes-128-gcm', contentKey, nonce);
  decipher.setAuthTag(record.subarray(-16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return padded.subarray(0, end).toString('utf8');
}

/** RFC 8292: `vapid t=<ES256 JWT>, k=<public key>`; answers the JWT's claims once its signature verifies with k. */
function verifyVapid(authorization: string | undefined, expectedKey: string): { aud: string; exp: number; sub: string } {
  const match = /^vapid t=([^,\s]+),\s*k=(\S+)$/.exec(authorization ?? '');
  expect(match, `Authorization: ${authorization}`).not.toBeNull();
  const [, token, key] = match!;
  expect(key).toBe(expectedKey);
  const [header, claims, signature] = token!.split('.');
  const point = Buffer.from(key!, 'base64url');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const valid = verify('sha256', Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'));
  expect(valid).toBe(true);
  expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  return JSON.parse(Buffer.from(claims!, 'base64url').toString()) as { aud: string; exp: number; sub: string };
}

function pending(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    post: POST,
    kind: 'reply',
    source: 'webmention',
    url: `https://${id}.example/note`,
    author: { name: 'Alice', url: `https://${id}.example/`, photo: null },
    content: { html: '<p>Nice post!</p>', text: 'Nice post!' },
    status: 'pending',
    received: new Date().toISOString(),
    ...overrides,
  };
}

describe('Web Push notifications', () => {
  let server: RunningServer;
  const pushService = new LocalPushService();
  const phone = newBrowserKeys();
  let phoneEndpoint: string;
  const admin = (method: string, path: string, body?: unknown) => http(server, method, path, { body, auth: 'token' });
  const pushesTo = (path: string, tag: string) => pushService.received.filter((push) => push.path === path && decryptPush(push.body, phone).includes(`"tag":"${tag}"`));

  beforeAll(async () => {
    await pushService.start();
    phoneEndpoint = `${pushService.url}/push/phone`;
    server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_PUSH_CONTACT: 'owner@blog.example' } });
    await admin('POST', '/api/admin/posts', { url: POST, title: 'Hello world' });
  });
  afterAll(async () => {
    await server?.stop();
    await pushService.stop();
  });

  it('should store, list and remove subscriptions, and refuse malformed ones with a reason', async () => {
    // Arrange
    const other = newBrowserKeys();
    const otherEndpoint = `${pushService.url}/push/laptop`;

    // Act
    const created = await admin('POST', '/api/admin/push/subscriptions', subscriptionJson(otherEndpoint, other));
    const listed = await admin('GET', '/api/admin/push/subscriptions');
    const removed = await admin('DELETE', '/api/admin/push/subscriptions', { endpoint: otherEndpoint });
    const afterRemoval = await admin('GET', '/api/admin/push/subscriptions');
    const notHttps = await admin('POST', '/api/admin/push/subscriptions', subscriptionJson('http://push.example/x', other));
    const shortKey = await admin('POST', '/api/admin/push/subscriptions', { ...subscriptionJson(otherEndpoint, other), keys: { p256dh: 'AAAA', auth: other.auth.toString('base64url') } });
    const notAPoint = await admin('POST', '/api/admin/push/subscriptions', { ...subscriptionJson(otherEndpoint, other), keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: other.auth.toString('base64url') } });
    const unknownField = await admin('POST', '/api/admin/push/subscriptions', { ...subscriptionJson(otherEndpoint, other), extra: 1 });
    const anonymous = await http(server, 'GET', '/api/admin/push/subscriptions');

    // Assert
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ endpoint: otherEndpoint, created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(listed.json.items).toEqual([created.json]);
    expect(removed.status).toBe(204);
    expect(afterRemoval.json.items).toEqual([]);
    expect([notHttps.status, notHttps.json.error]).toEqual([400, 'invalid_subscription']);
    expect(notHttps.json.message).toContain('https');
    expect([shortKey.status, shortKey.json.error]).toEqual([400, 'invalid_subscription']);
    expect([notAPoint.status, notAPoint.json.error]).toEqual([400, 'invalid_subscription']);
    expect(unknownField.status).toBe(400);
    expect(anonymous.status).toBe(401);
  });

  it('should push an encrypted, VAPID-signed notification that decrypts to who/what/where when a pending interaction arrives', async () => {
    // Arrange
    const { json: key } = await admin('GET', '/api/admin/push/key');
    expect((await admin('POST', '/api/admin/push/subscriptions', subscriptionJson(phoneEndpoint, phone))).status).toBe(201);
    const started = Date.now();

    // Act
    const ids = await seed(server, [pending('alice')]);
    const push = await waitFor(() => Promise.resolve(pushesTo('/push/phone', `interaction-${ids.alice}`)[0]), 'the push message');

    // Assert
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    const claims = verifyVapid(push.headers.authorization, key.publicKey);
    expect(claims.aud).toBe(pushService.url);
    expect(claims.sub).toBe('mailto:owner@blog.example');
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(JSON.parse(decryptPush(push.body, phone))).toEqual({
      title: 'Alice replied to “Hello world”',
      body: 'Nice post!',
      url: `/inbox/${ids.alice}`,
      tag: `interaction-${ids.alice}`,
    });
    console.info(`push delivered ${push.at - started} ms after the interaction was stored`);
  });

  it('should not push for a source whose switch is off, nor for an interaction that is not pending', async () => {
    // Arrange
    const switched = await admin('PUT', '/api/admin/notifications', { sources: { email: false } });
    expect(switched.json).toEqual({ sources: { webmention: true, pingback: true, mastodon: true, email: false } });

    // Act
    const ids = await seed(server, [
      pending('mail', { source: 'email', url: null, author: { name: 'Mailer', email: 'm@example.org' } }),
      pending('approved', { status: 'approved' }),
      pending('web'),
    ]);
    await waitFor(() => Promise.resolve(pushesTo('/push/phone', `interaction-${ids.web}`).length > 0), 'the webmention push');
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // Assert
    expect(pushesTo('/push/phone', `interaction-${ids.mail}`)).toEqual([]);
    expect(pushesTo('/push/phone', `interaction-${ids.approved}`)).toEqual([]);
    expect(server.logs()).toContain(`no push for interaction #${ids.mail}: notifications for email are switched off`);
    expect((await admin('GET', '/api/admin/notifications')).json.sources.email).toBe(false);
  });

  it('should remove a subscription whose push service answers 410 Gone', async () => {
    // Arrange
    const goneEndpoint = `${pushService.url}/push/gone`;
    pushService.statusFor.set('/push/gone', 410);
    expect((await admin('POST', '/api/admin/push/subscriptions', subscriptionJson(goneEndpoint, newBrowserKeys()))).status).toBe(201);

    // Act
    await seed(server, [pending('bob', { author: { name: 'Bob' } })]);

    // Assert
    const endpoints = () => admin('GET', '/api/admin/push/subscriptions').then((response) => (response.json.items as { endpoint: string }[]).map((item) => item.endpoint));
    await waitFor(async () => !(await endpoints()).includes(goneEndpoint), 'the gone subscription to be removed');
    expect(pushService.received.some((push) => push.path === '/push/gone')).toBe(true);
    expect(await endpoints()).toEqual([phoneEndpoint]);
  });

  it('should push once when a second replica on the same database hears of the interaction too', async () => {
    // Arrange
    const replica = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example' } }, { dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      // Act
      const ids = await seed(server, [pending('carol', { author: { name: 'Carol' } })]);
      await waitFor(() => Promise.resolve(pushesTo('/push/phone', `interaction-${ids.carol}`).length > 0), 'the push message');
      await new Promise((resolve) => setTimeout(resolve, 2000));

      // Assert
      expect(pushesTo('/push/phone', `interaction-${ids.carol}`)).toHaveLength(1);
    } finally {
      await replica.stop({ keepData: true });
    }
  });

  it('should keep the VAPID key pair in the data dir, owner-only, across a restart', async () => {
    // Arrange
    const before = (await admin('GET', '/api/admin/push/key')).json.publicKey as string;
    await server.stop({ keepData: true });

    // Act
    server = await server.restart();
    const after = (await admin('GET', '/api/admin/push/key')).json.publicKey as string;

    // Assert
    expect(Buffer.from(before, 'base64url')).toHaveLength(65);
    expect(after).toBe(before);
    expect(statSync(join(server.dataDir, 'vapid.json')).mode & 0o777).toBe(0o600);
  });
});
