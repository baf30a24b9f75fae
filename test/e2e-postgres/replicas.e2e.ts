import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, seed, waitFor } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

const POST = 'https://blog.example/2026/11/replicas';

/** Two hubs on one PostgreSQL schema: what one writes, the other serves and enforces. */
describe('two replicas on one PostgreSQL database', () => {
  let first: RunningServer;
  let second: RunningServer;

  beforeAll(async () => {
    first = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example' } });
    second = await first.restart();
  });
  afterAll(async () => {
    await second.stop({ keepData: true });
    await first.stop();
  });

  const count = async (server: RunningServer) => (await http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`)).json.counts.total as number;

  it("should drop one replica's cached answer when the other changes the post", async () => {
    const ids = await seed(first, [
      { id: 'a', post: POST, kind: 'like', source: 'mastodon', url: 'https://social.example/@a', author: { name: 'A' }, status: 'approved' },
      { id: 'b', post: POST, kind: 'like', source: 'mastodon', url: 'https://social.example/@b', author: { name: 'B' }, status: 'approved' },
    ]);
    expect(await count(second)).toBe(2);
    expect(await count(second)).toBe(2);
    await http(first, 'PATCH', `/api/admin/interactions/${ids.a}`, { body: { status: 'rejected' }, auth: 'token' });
    await waitFor(async () => (await count(second)) === 1, 'the second replica to serve the change', 5000);
  });

  it('should apply a blocklist entry added on one replica when the other stores an interaction', async () => {
    await http(first, 'POST', '/api/admin/blocklist', { body: { value: 'blocked.example' }, auth: 'token' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = await seed(second, [{ id: 'x', post: POST, kind: 'reply', source: 'webmention', url: 'https://blocked.example/1', author: { name: 'X', url: 'https://blocked.example/' }, content: { html: 'hi' }, status: 'pending' }]);
    expect(ids.x).toBeUndefined();
  });

  it('should show an interaction created on one replica in the other one\'s event stream', async () => {
    const { request } = await import('undici');
    const response = await request(`${second.url}/api/admin/events`, { headers: { authorization: `Bearer ${second.apiToken}` } });
    let received = '';
    const reading = (async () => {
      for await (const chunk of response.body) {
        received += chunk.toString();
        if (received.includes('Across replicas')) break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await seed(first, [{ id: 'live', post: POST, kind: 'reply', source: 'webmention', url: 'https://live.example/1', author: { name: 'Across replicas' }, content: { html: 'hello' }, status: 'pending' }]);
    await Promise.race([reading, new Promise((_, reject) => setTimeout(() => reject(new Error(`no event; got ${received}`)), 5000))]);
    expect(received).toMatch(/event: interaction\ndata: \{"type":"created"/);
    response.body.destroy();
  });
});
