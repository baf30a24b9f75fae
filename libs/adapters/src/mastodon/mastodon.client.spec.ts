import { afterEach, describe, expect, it } from 'vitest';
import { MockAgent, request } from 'undici';
// The loopback stub lives with the e2e support code (test/support) so both suites prove the same fake.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  startMastodonStub,
  type MastodonStub,
  type MastodonStubOptions,
} from '../../../../test/support/mastodon-stub';
import { composeToot } from './mastodon.adapter';
import { MastodonClient, MastodonError, type MastodonClientOptions } from './mastodon.client';

/** A clock that only moves when the client sleeps, shared by the client and the stub. */
function fakeTime(start = new Date('2026-11-21T10:00:00.000Z')) {
  let now = start.getTime();
  const sleeps: number[] = [];
  return {
    clock: () => new Date(now),
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}

describe(MastodonClient.name, () => {
  let stub: MastodonStub | undefined;

  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  async function setUp(
    stubOptions: MastodonStubOptions = {},
    clientOptions: Partial<MastodonClientOptions> = {},
  ) {
    const time = fakeTime();
    stub = await startMastodonStub({ clock: time.clock, ...stubOptions });
    const client = new MastodonClient({
      baseUrl: stub.url,
      token: stub.token,
      userAgent: 'Chorus tests',
      timeoutMs: 5_000,
      clock: time.clock,
      sleep: time.sleep,
      ...clientOptions,
    });
    return { stub, client, time };
  }

  async function failure(promise: Promise<unknown>): Promise<MastodonError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof MastodonError)) throw new Error(`expected a MastodonError, got ${String(error)}`);
    return error;
  }

  describe('instance', () => {
    it('should read the character limits and multi-get support from /api/v2/instance', async () => {
      const { client } = await setUp({ maxCharacters: 1000 });

      const info = await client.instance();

      expect(info).toEqual({ maxCharacters: 1000, urlLength: 23, version: '4.3.2', supportsMultiGet: true });
    });

    it('should fall back to /api/v1/instance when v2 answers 404', async () => {
      const { client, stub } = await setUp({
        supportsInstanceV2: false,
        supportsMultiGet: false,
        maxCharacters: 640,
      });

      const info = await client.instance();

      expect(info).toEqual({ maxCharacters: 640, urlLength: 23, version: '3.5.19', supportsMultiGet: false });
      expect(stub.counts.requests['GET /api/v2/instance']).toBe(1);
      expect(stub.counts.requests['GET /api/v1/instance']).toBe(1);
    });
  });

  describe('verifyCredentials', () => {
    it("should return the owner's account when the token is valid", async () => {
      const { client, stub } = await setUp();

      const account = await client.verifyCredentials();

      expect(account).toMatchObject({ id: stub.owner.id, username: 'owner', display_name: 'Site Owner' });
    });

    it('should fail as unauthorized when the token was revoked', async () => {
      const { client, stub } = await setUp();
      stub.token = 'rotated';

      const error = await failure(client.verifyCredentials());

      expect(error).toMatchObject({
        kind: 'unauthorized',
        status: 401,
        endpoint: 'GET /api/v1/accounts/verify_credentials',
      });
      expect(error.message).toContain('The access token is invalid');
    });
  });

  describe('createStatus', () => {
    it('should create one status when the same idempotency key is sent twice', async () => {
      const { client, stub } = await setUp();
      const input = {
        status: 'Hello\n\nhttps://blog.example/hello',
        visibility: 'public' as const,
        idempotencyKey: 'k1',
      };

      const first = await client.createStatus(input);
      const second = await client.createStatus(input);

      expect(second.id).toBe(first.id);
      expect(stub.counts.statusesCreated).toBe(1);
      expect(first).toMatchObject({
        visibility: 'public',
        account: { id: stub.owner.id },
        url: `${stub.url}/@owner/${first.id}`,
      });
      expect(first.content).toContain('<a href="https://blog.example/hello"');
    });

    it('should fail as invalid when the status is empty', async () => {
      const { client } = await setUp();

      const error = await failure(
        client.createStatus({ status: '  ', visibility: 'public', idempotencyKey: 'k2' }),
      );

      expect(error).toMatchObject({ kind: 'invalid', status: 422 });
      expect(error.message).toContain("Text can't be blank");
    });

    it('should publish a composed toot that uses the whole character limit when the server counts as Mastodon does', async () => {
      const { client, stub } = await setUp({ maxCharacters: 120 });
      const { maxCharacters, urlLength } = await client.instance();
      const status = composeToot({
        title: 'A title 🎉',
        description: 'word '.repeat(100),
        url: `https://blog.example/${'long-path/'.repeat(10)}`,
        suffix: '#blog',
        maxCharacters,
        urlLength,
      });

      const tooLong = await failure(
        client.createStatus({ status: `${status} more`, visibility: 'public', idempotencyKey: 'k4' }),
      );
      const created = await client.createStatus({ status, visibility: 'unlisted', idempotencyKey: 'k5' });

      expect(tooLong).toMatchObject({ kind: 'invalid', status: 422 });
      expect(tooLong.message).toContain('character limit of 120 exceeded');
      expect(created.visibility).toBe('unlisted');
      expect(stub.counts.statusesCreated).toBe(1);
    });

    it('should let the stub accept form-encoded bodies like Mastodon does', async () => {
      const { stub } = await setUp();

      const response = await request(`${stub.url}/api/v1/statuses`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stub.token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ status: 'Form <b>post</b>', visibility: 'private' }).toString(),
      });
      const body = (await response.body.json()) as { content: string; visibility: string };

      expect(response.statusCode).toBe(200);
      expect(body).toMatchObject({ content: '<p>Form &lt;b&gt;post&lt;/b&gt;</p>', visibility: 'private' });
      expect(response.headers['x-ratelimit-remaining']).toBe('299');
    });

    it('should fail as temporary when the server errors', async () => {
      const { client, stub } = await setUp();
      stub.failNextCreate(500);

      const error = await failure(
        client.createStatus({ status: 'Hi', visibility: 'public', idempotencyKey: 'k3' }),
      );

      expect(error).toMatchObject({ kind: 'temporary', status: 500, endpoint: 'POST /api/v1/statuses' });
      expect(stub.counts.statusesCreated).toBe(0);
    });
  });

  describe('favouritedBy and rebloggedBy', () => {
    it('should collect all 25 favourites over 3 pages', async () => {
      const { client, stub } = await setUp({ maxAccountsPerPage: 10 });
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });
      const fans = Array.from({ length: 25 }, (_, i) => stub.addAccount({ username: `fan${i}` }));
      for (const fan of fans) stub.favourite(toot.id, fan);

      const accounts = await client.favouritedBy(toot.id);

      expect(accounts.map((a) => a.username).sort()).toEqual(fans.map((f) => f.username).sort());
      expect(stub.counts.requests['GET /api/v1/statuses/:id/favourited_by']).toBe(3);
    });

    it('should follow the next link even when the last page is exactly full', async () => {
      const { client, stub } = await setUp({ maxAccountsPerPage: 2 });
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });
      for (let i = 0; i < 4; i++) stub.favourite(toot.id, stub.addAccount({ username: `fan${i}` }));

      const accounts = await client.favouritedBy(toot.id);

      expect(accounts).toHaveLength(4);
      expect(stub.counts.requests['GET /api/v1/statuses/:id/favourited_by']).toBe(3);
    });

    it('should collect all 4 boosts', async () => {
      const { client, stub } = await setUp();
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });
      const boosters = ['ann', 'bob', 'cat', 'dan'].map((username) => stub.addAccount({ username }));
      for (const booster of boosters) stub.reblog(toot.id, booster);
      stub.unreblog(toot.id, boosters[1]!);
      stub.reblog(toot.id, boosters[1]!);

      const accounts = await client.rebloggedBy(toot.id);

      expect(accounts.map((a) => a.username)).toEqual(['bob', 'dan', 'cat', 'ann']);
    });

    it('should fail as gone when the toot was deleted', async () => {
      const { client, stub } = await setUp();
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });
      stub.deleteStatus(toot.id);

      const error = await failure(client.favouritedBy(toot.id));

      expect(error).toMatchObject({ kind: 'gone', status: 404 });
      expect(error.message).toContain('Record not found');
    });
  });

  describe('context', () => {
    it('should return the whole thread with nested replies linked by in_reply_to_id', async () => {
      const { client, stub } = await setUp();
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });
      const alice = stub.addAccount({ username: 'alice', display_name: 'Alice' });
      const bob = stub.addAccount({ username: 'bob', acct: 'bob@remote.example' });
      const reply = stub.addReply(toot.id, { account: alice, content: '<p>Nice</p>' });
      const nested = stub.addReply(reply.id, {
        account: bob,
        content: '<p>Agreed</p>',
        visibility: 'unlisted',
      });

      const context = await client.context(toot.id);

      expect(context.ancestors).toEqual([]);
      expect(context.descendants.map((s) => [s.id, s.in_reply_to_id, s.account.acct])).toEqual([
        [reply.id, toot.id, 'alice'],
        [nested.id, reply.id, 'bob@remote.example'],
      ]);
      expect(context.descendants[1]).toMatchObject({ visibility: 'unlisted', content: '<p>Agreed</p>' });
    });
  });

  describe('getStatuses', () => {
    it('should fetch many statuses in batches of 20 when the server supports id[]', async () => {
      const { client, stub } = await setUp();
      const toots = Array.from({ length: 25 }, (_, i) =>
        stub.addStatus({ account: stub.owner, content: `<p>${i}</p>` }),
      );
      stub.deleteStatus(toots[3]!.id);

      const statuses = await client.getStatuses(toots.map((t) => t.id));

      expect(statuses).toHaveLength(24);
      expect(statuses.map((s) => s.id)).not.toContain(toots[3]!.id);
      expect(stub.counts.requests['GET /api/v1/statuses']).toBe(2);
      expect(stub.counts.requests['GET /api/v1/statuses/:id']).toBeUndefined();
    });

    it('should fall back to one request per status when id[] answers 404', async () => {
      const { client, stub } = await setUp({ supportsMultiGet: false });
      const toots = Array.from({ length: 3 }, (_, i) =>
        stub.addStatus({ account: stub.owner, content: `<p>${i}</p>` }),
      );
      stub.favourite(toots[0]!.id, stub.addAccount({ username: 'fan' }));
      stub.deleteStatus(toots[2]!.id);

      const first = await client.getStatuses(toots.map((t) => t.id));
      const second = await client.getStatuses([toots[0]!.id]);

      expect(first.map((s) => [s.id, s.favourites_count])).toEqual([
        [toots[0]!.id, 1],
        [toots[1]!.id, 0],
      ]);
      expect(second).toHaveLength(1);
      expect(stub.counts.requests['GET /api/v1/statuses']).toBe(1);
      expect(stub.counts.requests['GET /api/v1/statuses/:id']).toBe(4);
    });

    it('should report edits and counters of a single status', async () => {
      const { client, stub } = await setUp();
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });
      stub.addReply(toot.id, { account: stub.addAccount({ username: 'alice' }), content: '<p>Hi</p>' });
      stub.editStatus(toot.id, '<p>Post, edited</p>');

      const status = await client.getStatus(toot.id);

      expect(status).toMatchObject({
        replies_count: 1,
        content: '<p>Post, edited</p>',
        edited_at: '2026-11-21T10:00:00.000Z',
      });
    });
  });

  describe('accountStatuses', () => {
    it("should page through the owner's newest statuses after since_id without replies to others", async () => {
      const { client, stub } = await setUp();
      const old = stub.addStatus({ account: stub.owner, content: '<p>old</p>' });
      const newer = stub.addStatus({ account: stub.owner, content: '<p>newer</p>' });
      const other = stub.addStatus({ account: stub.addAccount({ username: 'alice' }), content: '<p>hi</p>' });
      stub.addReply(other.id, { account: stub.owner, content: '<p>reply to alice</p>' });
      const newest = stub.addStatus({ account: stub.owner, content: '<p>newest</p>' });

      const statuses = await client.accountStatuses(stub.owner.id, {
        sinceId: old.id,
        excludeReplies: true,
        limit: 40,
      });

      expect(statuses.map((s) => s.id)).toEqual([newest.id, newer.id]);
    });
  });

  describe('rate limits', () => {
    it('should wait until the reset time when the last response had no requests remaining', async () => {
      const start = new Date('2026-11-21T10:00:00.000Z');
      const { client, stub, time } = await setUp({
        rateLimit: { limit: 300, remaining: 1, resetAt: new Date(start.getTime() + 30_000) },
      });
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });

      await client.getStatus(toot.id);
      const status = await client.getStatus(toot.id);

      expect(status.id).toBe(toot.id);
      expect(time.sleeps).toEqual([30_000]);
      expect(stub.counts.total).toBe(2);
      expect(client.requestCount).toBe(2);
    });

    it('should wait and retry once when a 429 arrives', async () => {
      const start = new Date('2026-11-21T10:00:00.000Z');
      const { client, stub, time } = await setUp({
        rateLimit: { limit: 300, remaining: 0, resetAt: new Date(start.getTime() + 10_000) },
      });
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });

      const status = await client.getStatus(toot.id);

      expect(status.id).toBe(toot.id);
      expect(time.sleeps).toEqual([10_000]);
      expect(client.requestCount).toBe(2);
    });

    it('should throw rate_limited without another request when the reset is further away than maxWaitMs', async () => {
      const start = new Date('2026-11-21T10:00:00.000Z');
      const resetAt = new Date(start.getTime() + 5 * 60_000);
      const { client, stub, time } = await setUp({ rateLimit: { limit: 300, remaining: 0, resetAt } });
      const toot = stub.addStatus({ account: stub.owner, content: '<p>Post</p>' });

      const first = await failure(client.getStatus(toot.id));
      const second = await failure(client.context(toot.id));

      expect(first).toMatchObject({ kind: 'rate_limited', status: 429, resetAt });
      expect(second).toMatchObject({ kind: 'rate_limited', resetAt });
      expect(time.sleeps).toEqual([]);
      expect(stub.counts.total).toBe(1);
    });
  });

  describe('failures', () => {
    it('should classify a server error as temporary', async () => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      agent
        .get('https://mastodon.example')
        .intercept({ path: '/api/v1/statuses/1' })
        .reply(503, 'Service Unavailable');
      const client = new MastodonClient({
        baseUrl: 'https://mastodon.example',
        token: 't',
        userAgent: 'u',
        timeoutMs: 1000,
        dispatcher: agent,
      });

      const error = await failure(client.getStatus('1'));

      expect(error).toMatchObject({ kind: 'temporary', status: 503, endpoint: 'GET /api/v1/statuses/1' });
    });

    it('should classify a 410 as gone and a 403 as unauthorized', async () => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      const pool = agent.get('https://mastodon.example');
      pool.intercept({ path: '/api/v1/statuses/1' }).reply(410, '');
      pool
        .intercept({ path: '/api/v1/statuses/2' })
        .reply(403, { error: 'This action is outside the authorized scopes' });
      const client = new MastodonClient({
        baseUrl: 'https://mastodon.example',
        token: 't',
        userAgent: 'u',
        timeoutMs: 1000,
        dispatcher: agent,
      });

      const gone = await failure(client.getStatus('1'));
      const forbidden = await failure(client.getStatus('2'));

      expect(gone).toMatchObject({ kind: 'gone', status: 410 });
      expect(forbidden).toMatchObject({ kind: 'unauthorized', status: 403 });
    });

    it('should classify an unreachable server as temporary', async () => {
      const closed = await startMastodonStub();
      await closed.close();
      const client = new MastodonClient({ baseUrl: closed.url, token: 't', userAgent: 'u', timeoutMs: 1000 });

      const error = await failure(client.getStatus('1'));

      expect(error).toMatchObject({ kind: 'temporary', endpoint: 'GET /api/v1/statuses/1' });
      expect(error.status).toBeUndefined();
      expect(client.requestCount).toBe(1);
    });

    it('should classify a response slower than timeoutMs as temporary', async () => {
      const { client } = await setUp({ latencyMs: 300 }, { timeoutMs: 50 });

      const error = await failure(client.instance());

      expect(error.kind).toBe('temporary');
    });

    it.each([
      ['a status without an id', { account: { id: '1', username: 'a' } }],
      [
        'a status with a numeric replies_count given as text',
        { id: '1', replies_count: '3', account: { id: '1', username: 'a' } },
      ],
      ['a status without an account', { id: '1' }],
      [
        'an account field that is not an object',
        { id: '1', account: { id: '1', username: 'a', fields: ['x'] } },
      ],
      ['an array instead of an object', []],
      ['null', null],
    ])('should fail as invalid, not with a TypeError, on %s', async (_name, body) => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      agent
        .get('https://mastodon.example')
        .intercept({ path: '/api/v1/statuses/1' })
        .reply(200, JSON.stringify(body));
      const client = new MastodonClient({
        baseUrl: 'https://mastodon.example',
        token: 't',
        userAgent: 'u',
        timeoutMs: 1000,
        dispatcher: agent,
      });

      const error = await failure(client.getStatus('1'));

      expect(error).toMatchObject({ kind: 'invalid', endpoint: 'GET /api/v1/statuses/1' });
    });

    it('should fail as invalid when a 200 answer is not JSON', async () => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      agent
        .get('https://mastodon.example')
        .intercept({ path: '/api/v1/statuses/1/context' })
        .reply(200, '<html>maintenance</html>');
      const client = new MastodonClient({
        baseUrl: 'https://mastodon.example',
        token: 't',
        userAgent: 'u',
        timeoutMs: 1000,
        dispatcher: agent,
      });

      const error = await failure(client.context('1'));

      expect(error).toMatchObject({ kind: 'invalid', status: 200 });
    });

    it('should not follow a next link to another host, which would leak the token', async () => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      agent
        .get('https://mastodon.example')
        .intercept({ path: '/api/v1/statuses/1/reblogged_by?limit=80' })
        .reply(200, [{ id: '7', username: 'ann' }], {
          headers: { link: '<https://evil.example/steal?max_id=1>; rel="next"' },
        });
      const client = new MastodonClient({
        baseUrl: 'https://mastodon.example',
        token: 't',
        userAgent: 'u',
        timeoutMs: 1000,
        dispatcher: agent,
      });

      const accounts = await client.rebloggedBy('1');

      expect(accounts.map((a) => a.username)).toEqual(['ann']);
      expect(client.requestCount).toBe(1);
    });
  });
});
