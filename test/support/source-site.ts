import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one path answers: a status, headers and body, optionally after a delay; or a raw handler. */
export type SourcePage =
  | { status?: number; headers?: Record<string, string>; body?: string | Buffer; delayMs?: number }
  | ((request: IncomingMessage, response: ServerResponse) => void);

export interface SourceSite {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Sets (or replaces) what `path` answers; returns its full URL. */
  serve(path: string, page: SourcePage): string;
  /** How many requests `path` has received. */
  hits(path: string): number;
  close(): Promise<void>;
}

/** A webmention source site on loopback: pages are set per path, anything else is 404. */
export async function startSourceSite(): Promise<SourceSite> {
  const pages = new Map<string, SourcePage>();
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const page = pages.get(path) ?? { status: 404, body: 'not here' };
    if (typeof page === 'function') return page(request, response);
    const answer = () => {
      if (response.destroyed) return;
      response.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...page.headers });
      response.end(page.body ?? '');
    };
    if (page.delayMs) setTimeout(answer, page.delayMs).unref();
    else answer();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    serve(path, page) {
      pages.set(path, page);
      return `${origin}${path}`;
    },
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A minimal h-entry page replying to `target`, written like a personal site's note. */
export function replyPage(target: string, options: { author?: string; content?: string; authorUrl?: string } = {}): string {
  const author = options.author ?? 'Alice Example';
  const authorUrl = options.authorUrl ?? 'https://alice.example/';
  return `<!doctype html><html><head><meta charset="utf-8"><title>A reply</title></head><body>
<article class="h-entry">
  <a class="p-author h-card" href="${authorUrl}">${author}</a>
  <p>In reply to <a class="u-in-reply-to" href="${target}">the post</a></p>
  <div class="e-content">${options.content ?? '<p>Nice post!</p>'}</div>
  <time class="dt-published" datetime="2026-11-21T10:00:00Z">21 November</time>
</article></body></html>`;
}
