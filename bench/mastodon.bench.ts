import { http } from '../test/support/http';
import { startMastodonStub } from '../test/support/mastodon-stub';
import { startServer } from '../test/support/server';

const TOOTS = 200;
const CHANGED = 5;
const SITE = 'http://127.0.0.1:9';

/**
 * Requests sent to the owner's instance by one poll cycle over 200 mapped toots (a quarter of them
 * with a reply and a like), once when nothing changed and once when 5 toots each got a reply, a
 * like and a boost (which must all be synced in that same cycle). Target: ≤ 0.1 request per
 * unchanged toot.
 */
export async function run(): Promise<Record<string, number | string>> {
  const stub = await startMastodonStub({ rateLimit: { limit: 1_000_000, remaining: 1_000_000, resetAt: new Date(Date.now() + 3_600_000) } });
  const server = await startServer({
    env: { CHORUS_MASTODON_URL: stub.url, CHORUS_MASTODON_TOKEN: stub.token, CHORUS_POST_PATTERN: '^http://127\\.0\\.0\\.1:\\d+/posts/', CHORUS_LOG_LEVEL: 'info' },
  });
  try {
    const reader = stub.addAccount({ username: 'reader', acct: 'reader@remote.example' });
    const toots = Array.from({ length: TOOTS }, (_, i) => {
      const toot = stub.addStatus({ account: stub.owner, content: `<p>Post ${i}</p>` });
      if (i % 4 === 0) {
        stub.addReply(toot.id, { account: reader, content: `<p>Reply to ${i}</p>` });
        stub.favourite(toot.id, reader);
      }
      return toot;
    });
    for (let start = 0; start < TOOTS; start += 20) {
      await Promise.all(
        toots.slice(start, start + 20).map((toot, i) =>
          http(server, 'POST', '/api/admin/posts', { body: { url: `${SITE}/posts/${start + i}`, tootUrl: `${stub.url}/@owner/${toot.id}` }, auth: 'token' }),
        ),
      );
    }
    const poll = async () => {
      const before = stub.counts.total;
      const started = performance.now();
      const report = await http<{ polled: number; added: number }>(server, 'POST', '/api/admin/mastodon/poll', { auth: 'token' });
      if (report.status !== 200) throw new Error(`poll failed: ${report.status} ${report.text}`);
      return { requests: stub.counts.total - before, ms: Math.round(performance.now() - started), report: report.json };
    };
    await poll();

    const unchanged = await poll();
    const others = Array.from({ length: 3 }, (_, i) => stub.addAccount({ username: `fan${i}` }));
    for (const toot of toots.slice(1, 1 + CHANGED)) {
      stub.addReply(toot.id, { account: others[0]!, content: '<p>New reply</p>' });
      stub.favourite(toot.id, others[1]!);
      stub.reblog(toot.id, others[2]!);
    }
    const changed = await poll();
    if (changed.report.added !== CHANGED * 3) throw new Error(`expected ${CHANGED * 3} new interactions in the changed cycle, got ${changed.report.added}`);

    return {
      mapped_toots: TOOTS,
      requests_per_cycle_unchanged: unchanged.requests,
      requests_per_unchanged_toot: Math.round((unchanged.requests / TOOTS) * 1000) / 1000,
      cycle_ms_unchanged: unchanged.ms,
      requests_per_cycle_5_changed: changed.requests,
      interactions_synced_in_changed_cycle: changed.report.added,
      cycle_ms_5_changed: changed.ms,
    };
  } finally {
    await server.stop();
    await stub.close();
  }
}
