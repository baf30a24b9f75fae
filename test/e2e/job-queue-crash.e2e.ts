import { afterEach, describe, expect, it } from 'vitest';
import { http, waitFor } from '../support/http';
import { startServer, type RunningServer } from '../support/server';
import { replyPage, startSourceSite, type SourceSite } from '../support/source-site';

const POST = 'https://blog.example/2026/11/hello';

/** Registers the post first: concurrent first verifications then never race to create it. */
async function startHub(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', ...env } });
  const post = await http(server, 'POST', '/api/admin/posts', { body: { url: POST }, auth: 'token' });
  expect(post.status).toBeLessThan(300);
  return server;
}

async function send(server: RunningServer, source: string): Promise<number> {
  const response = await http(server, 'POST', '/webmention', { form: { source, target: POST } });
  expect(response.status).toBe(201);
  return response.json.id as number;
}

async function allVerified(server: RunningServer, ids: number[]): Promise<{ id: number; status: string; interactionId: number | null }[]> {
  return waitFor(
    async () => {
      const statuses = await Promise.all(ids.map(async (id) => (await http(server, 'GET', `/webmention/${id}`)).json));
      return statuses.every((status) => status.status === 'verified') ? statuses : null;
    },
    `webmentions ${ids.join(', ')} to be verified`,
    30_000,
  );
}

/** Webmention verification is the natural durable job: what was accepted is verified, whatever happens to the process. */
describe('job queue across crashes and restarts', () => {
  let server: RunningServer | undefined;
  let site: SourceSite | undefined;

  afterEach(async () => {
    await server?.stop();
    await site?.close();
    server = site = undefined;
  });

  it('should verify every accepted webmention exactly once after a SIGKILL before any ran', async () => {
    site = await startSourceSite();
    server = await startHub({ CHORUS_VERIFY_DELAY: '3s', CHORUS_JOB_LEASE: '2s' });
    const paths = ['/a', '/b', '/c', '/d', '/e'];
    const ids: number[] = [];
    for (const path of paths) ids.push(await send(server, site.serve(path, { body: replyPage(POST, { author: `Author ${path}` }) })));

    await server.kill();
    expect(paths.map((path) => site!.hits(path))).toEqual([0, 0, 0, 0, 0]);
    server = await server.restart();

    const statuses = await allVerified(server, ids);
    expect(new Set(statuses.map((status) => status.interactionId)).size).toBe(paths.length);
    expect(paths.map((path) => site!.hits(path))).toEqual([1, 1, 1, 1, 1]);
    const stored = await http(server, 'GET', '/api/admin/interactions?source=webmention', { auth: 'token' });
    expect(stored.json.items).toHaveLength(paths.length);
  });

  it('should finish a verification that was running at SIGTERM once the hub is back', async () => {
    site = await startSourceSite();
    server = await startHub({ CHORUS_JOB_LEASE: '2s', CHORUS_SHUTDOWN_GRACE: '500ms' });
    const source = site.serve('/slow', { delayMs: 2500, body: replyPage(POST, { author: 'Slow Sam' }) });
    const id = await send(server, source);
    await waitFor(() => Promise.resolve(site!.hits('/slow') > 0), 'the verification to start fetching');

    await server.stop({ keepData: true });
    expect(server.logs()).toMatch(/released job #\d+ for another worker/);
    server = await server.restart();

    const [status] = await allVerified(server, [id]);
    expect(status!.interactionId).not.toBeNull();
    expect(site.hits('/slow')).toBeGreaterThanOrEqual(1);
    const stored = await http(server, 'GET', '/api/admin/interactions?source=webmention', { auth: 'token' });
    expect(stored.json.items).toHaveLength(1);
  });
});
