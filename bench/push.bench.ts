import { createECDH, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, seed } from '../test/support/http';
import { startServer } from '../test/support/server';

const BROWSERS = 3;
const SINGLES = 10;
const BURST = 50;
const THREAD_DEPTH = 1000;

/**
 * Issue 6's Web Push: delivery latency from a stored pending interaction to the (loopback) push
 * service for every subscribed browser, a burst of imports, and the no-JS thread of a
 * 1,000-deep reply chain (linear threading).
 */
export async function run(): Promise<Record<string, number | string>> {
  let received = 0;
  const pushService = createServer((request, response) => {
    request.resume().on('end', () => {
      received++;
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  const pushUrl = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  const server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example', CHORUS_LOG_LEVEL: 'info' } });
  try {
    for (let browser = 0; browser < BROWSERS; browser++) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
      await http(server, 'POST', '/api/admin/push/subscriptions', { body: { endpoint: `${pushUrl}/push/${browser}`, keys }, auth: 'token' });
    }

    const latencies: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const expected = received + BROWSERS;
      const started = performance.now();
      await seed(server, [pending(`single-${i}`)]);
      await until(() => received >= expected);
      latencies.push(performance.now() - started);
    }

    const expected = received + BURST * BROWSERS;
    const burstStarted = performance.now();
    await seed(server, Array.from({ length: BURST }, (_, i) => pending(`burst-${i}`)));
    await until(() => received >= expected);
    const burstMs = performance.now() - burstStarted;

    const thread = 'https://blog.example/2026/11/deep-thread';
    await seed(server, Array.from({ length: THREAD_DEPTH }, (_, i) => ({ ...pending(`deep-${i}`), post: thread, status: 'approved', parentId: i === 0 ? undefined : `deep-${i - 1}` })));
    const htmlStarted = performance.now();
    const html = await http(server, 'GET', `/api/interactions.html?url=${encodeURIComponent(thread)}`);
    const htmlMs = performance.now() - htmlStarted;
    if (html.text.split('class="p-comment h-cite"').length - 1 !== THREAD_DEPTH) throw new Error('the deep thread lost replies');

    latencies.sort((a, b) => a - b);
    return {
      push_subscriptions: BROWSERS,
      push_delivery_median_ms: Math.round(latencies[Math.floor(latencies.length / 2)]!),
      push_delivery_max_ms: Math.round(latencies[latencies.length - 1]!),
      push_burst_interactions: BURST,
      push_burst_all_delivered_ms: Math.round(burstMs),
      thread_html_1000_deep_uncached_ms: Math.round(htmlMs),
    };
  } finally {
    await server.stop();
    pushService.close();
  }
}

function pending(id: string) {
  return {
    id,
    post: 'https://blog.example/2026/11/hello',
    kind: 'reply',
    source: 'webmention',
    url: `https://readers.example/${id}`,
    author: { name: `Reader ${id}`, url: null, photo: null },
    content: { html: `<p>Reply ${id}</p>`, text: `Reply ${id}` },
    status: 'pending',
  };
}

async function until(done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('push messages did not all arrive in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
