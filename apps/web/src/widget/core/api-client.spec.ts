import type { PostInteractionsResponse } from '@chorus/shared';
import { describe, expect, it } from 'vitest';
import { HubClient, HubError, type FetchLike } from './api-client';
import { EtagCache } from './etag-cache';
import { makeInteraction } from './interaction.factory';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that answers from a queue and records what it was asked. */
function scriptedFetch(...responses: Response[]): { fetchFn: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetchFn: FetchLike = (url, init) => {
    calls.push({ url, init });
    const next = responses.shift();
    return next ? Promise.resolve(next) : Promise.reject(new TypeError('Failed to fetch'));
  };
  return { fetchFn, calls };
}

const postUrl = 'https://blog.example/2026/11/hello';
const page: PostInteractionsResponse = {
  post: { url: postUrl, title: 'Hello', tootUrl: null, replyAddress: 'reply+abc@hub.example' },
  counts: { reply: 1, like: 0, repost: 0, bookmark: 0, mention: 0, rsvp: 0, total: 1 },
  items: [makeInteraction({ id: 1 })],
};

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe(HubClient.name, () => {
  it('should ask for the post by url under the hub base', async () => {
    // Arrange
    const { fetchFn, calls } = scriptedFetch(json(page));
    const client = new HubClient('https://hub.example/chorus/', fetchFn, new EtagCache());

    // Act
    const body = await client.interactions(postUrl);

    // Assert
    expect(body).toEqual(page);
    expect(calls[0]!.url).toBe('https://hub.example/chorus/api/interactions?url=https%3A%2F%2Fblog.example%2F2026%2F11%2Fhello');
    expect(calls[0]!.init.credentials).toBe('omit');
  });

  it('should send If-None-Match on refresh and reuse the cached body when the hub answers 304', async () => {
    const { fetchFn, calls } = scriptedFetch(json(page, 200, { ETag: '"v1"' }), new Response(null, { status: 304 }));
    const client = new HubClient('https://hub.example/', fetchFn, new EtagCache());

    await client.interactions(postUrl);
    const refreshed = await client.interactions(postUrl);

    expect(calls[0]!.init.headers).toEqual({});
    expect(calls[1]!.init.headers).toEqual({ 'If-None-Match': '"v1"' });
    expect(refreshed).toEqual(page);
  });

  it('should ask again without If-None-Match when the conditional request fails (no CORS preflight)', async () => {
    const calls: Call[] = [];
    const answers = [() => Promise.resolve(json(page, 200, { ETag: '"v1"' })), () => Promise.reject(new TypeError('Failed to fetch')), () => Promise.resolve(json(page, 200, { ETag: '"v1"' }))];
    const fetchFn: FetchLike = (url, init) => {
      calls.push({ url, init });
      return answers.shift()!();
    };
    const client = new HubClient('https://hub.example/', fetchFn, new EtagCache());

    await client.interactions(postUrl);
    const refreshed = await client.interactions(postUrl);

    expect(refreshed).toEqual(page);
    expect(calls.map((call) => call.init.headers)).toEqual([{}, { 'If-None-Match': '"v1"' }, {}]);
  });

  it('should treat an unknown post as one without interactions', async () => {
    const { fetchFn } = scriptedFetch(json({ error: 'post_not_found', message: 'No such post.' }, 404));
    const client = new HubClient('https://hub.example/', fetchFn, new EtagCache());

    const body = await client.interactions(postUrl);

    expect(body.items).toEqual([]);
    expect(body.counts.total).toBe(0);
    expect(body.post.url).toBe(postUrl);
  });

  it('should reject with the network error when the hub is unreachable', async () => {
    const { fetchFn } = scriptedFetch();
    const client = new HubClient('https://hub.example/', fetchFn, new EtagCache());

    await expect(client.interactions(postUrl)).rejects.toThrow('Failed to fetch');
  });

  it('should give the toot url when the hub has one for the post', async () => {
    const toot = { url: postUrl, tootId: '9', tootUrl: 'https://social.example/@owner/9', instance: 'social.example', acct: 'owner' };
    const { fetchFn } = scriptedFetch(json(toot));

    const answer = await new HubClient('https://hub.example/', fetchFn).toot(postUrl);

    expect(answer).toEqual({ tootUrl: 'https://social.example/@owner/9', instance: 'social.example' });
  });

  it('should give no toot when the post is ignored or the hub refuses', async () => {
    const { fetchFn } = scriptedFetch(
      json({ url: postUrl, tootId: null, ignored: true }),
      json({ error: 'url_not_handled', message: 'Not a post.' }, 400),
    );
    const client = new HubClient('https://hub.example/', fetchFn);

    expect(await client.toot(postUrl)).toBeNull();
    expect(await client.toot(postUrl)).toBeNull();
  });

  it('should post the webmention form-encoded', async () => {
    const { fetchFn, calls } = scriptedFetch(json({ id: 5, status: 'queued', statusUrl: 'https://hub.example/webmention/5' }, 201));
    const client = new HubClient('https://hub.example/', fetchFn);

    const status = await client.sendWebmention('https://reader.example/reply', postUrl);

    expect(status).toMatchObject({ id: 5, status: 'queued' });
    expect(calls[0]!.url).toBe('https://hub.example/webmention');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.body as URLSearchParams).toString()).toBe('source=https%3A%2F%2Freader.example%2Freply&target=https%3A%2F%2Fblog.example%2F2026%2F11%2Fhello');
  });

  it("should reject with the hub's code and message when the webmention is refused", async () => {
    const { fetchFn } = scriptedFetch(json({ error: 'invalid_url', message: 'The source is not a URL.' }, 400));
    const client = new HubClient('https://hub.example/', fetchFn);

    const error: unknown = await client.sendWebmention('nope', postUrl).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'invalid_url', message: 'The source is not a URL.', status: 400 });
  });
});
