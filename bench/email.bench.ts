import { http } from '../test/support/http';
import { emailItems, freePort, smtpTransport } from '../test/support/mail';
import { startServer } from '../test/support/server';

const MESSAGES = 1000;
const CONNECTIONS = 8;
const POSTS = 10;
const REPLY_BYTES = 10 * 1024;

const SENTENCE = 'Thanks for writing this, it made me rethink how I publish notes on my own site. ';

/**
 * Issue 5's benchmark: email replies accepted and stored per second over SMTP on loopback — 10 KB
 * plain-text replies, nodemailer with 8 pooled connections, to the built server on SQLite. A `250`
 * is only sent once a reply is stored; the clock stops when the admin export counts them all.
 */
export async function run(): Promise<Record<string, number | string>> {
  const smtpPort = await freePort();
  const server = await startServer({
    env: {
      CHORUS_SMTP_PORT: String(smtpPort),
      CHORUS_REPLY_DOMAIN: 'hub.example',
      CHORUS_TARGET_DOMAINS: 'blog.example',
      CHORUS_DNS_SERVERS: `127.0.0.1:${await freePort()}`,
      CHORUS_SMTP_RATE_LIMIT: '1000000/min',
      CHORUS_SMTP_MAX_CONNECTIONS: String(CONNECTIONS * 2),
      CHORUS_LOG_LEVEL: 'info',
    },
  });
  const transport = smtpTransport(smtpPort, { pool: CONNECTIONS });
  try {
    const addresses: string[] = [];
    for (let i = 0; i < POSTS; i++) {
      const post = await http<{ post: { replyAddress: string } }>(server, 'GET', `/api/interactions?url=${encodeURIComponent(`https://blog.example/posts/${i}`)}`);
      addresses.push(post.json.post.replyAddress);
    }
    const body = SENTENCE.repeat(Math.ceil(REPLY_BYTES / SENTENCE.length)).slice(0, REPLY_BYTES);
    const started = performance.now();
    const latencies: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < MESSAGES) {
        const i = next++;
        const sentAt = performance.now();
        await transport.sendMail({
          from: `Reader ${i} <reader${i}@sender.example>`,
          to: addresses[i % POSTS],
          subject: 'Re: a post',
          messageId: `<bench-${i}@sender.example>`,
          text: `Reply ${i}: ${body}`,
        });
        latencies.push(performance.now() - sentAt);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    const acknowledgedMs = performance.now() - started;
    const stored = (await emailItems(server)).length;
    const storedMs = performance.now() - started;
    latencies.sort((a, b) => a - b);
    return {
      messages: MESSAGES,
      reply_bytes: REPLY_BYTES,
      parallel_connections: CONNECTIONS,
      stored_count: stored,
      acknowledged_per_second: round((MESSAGES / acknowledgedMs) * 1000),
      stored_per_second: round((stored / storedMs) * 1000),
      message_p50_ms: round(latencies[Math.floor(latencies.length * 0.5)] ?? 0),
      message_p99_ms: round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
      target_per_second: 100,
    };
  } finally {
    transport.close();
    await server.stop();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
