import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The owner's static site on loopback: post pages, sitemaps and feeds, all editable by the test. */
export interface TestSite {
  url: string;
  /** path → [content type, body]; anything else answers 404. */
  pages: Map<string, [string, string]>;
  /** How many times each path was fetched. */
  hits: Map<string, number>;
  post(path: string, meta: { title?: string; ogTitle?: string; description?: string }): string;
  close(): Promise<void>;
}

export async function startTestSite(): Promise<TestSite> {
  const pages = new Map<string, [string, string]>();
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const page = pages.get(path);
    response.writeHead(page ? 200 : 404, { 'content-type': page?.[0] ?? 'text/html; charset=utf-8' });
    response.end(page?.[1] ?? '<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pages,
    hits,
    post(path, meta) {
      const head = [
        meta.title ? `<title>${meta.title}</title>` : '',
        meta.ogTitle ? `<meta property="og:title" content="${meta.ogTitle}">` : '',
        meta.description ? `<meta property="og:description" content="${meta.description}">` : '',
      ].join('');
      pages.set(path, ['text/html; charset=utf-8', `<!doctype html><html><head>${head}</head><body><article>Post</article></body></html>`]);
      return `${url}${path}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
