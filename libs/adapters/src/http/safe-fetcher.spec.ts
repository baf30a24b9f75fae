import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SafeFetcher } from './safe-fetcher';
import { FetchFailure, type FetchFailureCode, type SafeFetcherOptions } from './safe-fetcher.types';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const routes = new Map<string, Handler>();
let server: Server;
let origin: string;
let port: number;
let gzipBomb: Buffer;
const fetchers: SafeFetcher[] = [];

const options: SafeFetcherOptions = {
  timeoutMs: 2_000,
  maxBytes: 64 * 1024,
  maxRedirects: 3,
  allowPrivateAddresses: true,
  userAgent: 'Chorus/0.1 (+https://hub.example/; webmention verification)',
};

function makeFetcher(
  overrides: Partial<SafeFetcherOptions> = {},
  policy?: (address: string) => boolean,
): SafeFetcher {
  const fetcher = new SafeFetcher({ ...options, ...overrides }, policy);
  fetchers.push(fetcher);
  return fetcher;
}

function route(path: string, handler: Handler): string {
  routes.set(path, handler);
  return `${origin}${path}`;
}

function html(body: string, type = 'text/html; charset=utf-8'): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': type });
    response.end(body);
  };
}

function redirect(location: string, status = 302): Handler {
  return (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
}

async function failureOf(promise: Promise<unknown>): Promise<FetchFailure> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof FetchFailure)) throw new Error(`expected a FetchFailure, got ${String(error)}`);
  return error;
}

async function expectFailure(promise: Promise<unknown>, code: FetchFailureCode): Promise<FetchFailure> {
  const failure = await failureOf(promise);
  expect(failure.code).toBe(code);
  return failure;
}

/** 1 GiB of zeros, gzipped once as a stream (about 4.5 MB). */
async function makeGzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 1 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1 << 20);
  for (let written = 0; written < 1024; written += 1) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const handler = routes.get(new URL(request.url ?? '/', 'http://x').pathname);
      if (handler) handler(request, response, body);
      else response.writeHead(404, { 'content-type': 'text/html' }).end('<p>not here</p>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  gzipBomb = await makeGzipBomb();
}, 30_000);

afterEach(async () => {
  routes.clear();
  await Promise.all(fetchers.splice(0).map((fetcher) => fetcher.close()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe(SafeFetcher.name, () => {
  describe('successful fetches', () => {
    it('should return the decoded body, status, headers and final URL when the page answers 200', async () => {
      const url = route('/page', html('<p>hello</p>'));

      const document = await makeFetcher().fetch(url);

      expect(document).toMatchObject({
        url,
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<p>hello</p>',
      });
      expect(document.headers['content-type']).toBe('text/html; charset=utf-8');
    });

    it('should send the configured User-Agent and an Accept header listing the accepted types', async () => {
      const url = route('/echo', (request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ua: request.headers['user-agent'], accept: request.headers.accept }));
      });

      const document = await makeFetcher().fetch(url);

      expect(JSON.parse(document.body)).toEqual({
        ua: options.userAgent,
        accept: 'text/html, application/xhtml+xml, text/plain, application/json',
      });
    });

    it('should send the method, headers and body when posting', async () => {
      const url = route('/post', (request, response, body) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(`${request.method} ${request.headers['content-type']} ${body}`);
      });

      const document = await makeFetcher().fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'source=a&target=b',
      });

      expect(document.body).toBe('POST application/x-www-form-urlencoded source=a&target=b');
    });

    it('should decompress a gzipped body when it is within the cap', async () => {
      const url = route('/gz', (_request, response) => {
        const gzip = createGzip();
        response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        gzip.pipe(response);
        gzip.end('<p>zipped</p>');
      });

      const document = await makeFetcher().fetch(url);

      expect(document.body).toBe('<p>zipped</p>');
    });
  });

  describe('redirects', () => {
    it('should follow relative and absolute redirects and report the final URL when within the limit', async () => {
      const final = route('/final', html('<p>arrived</p>'));
      route('/hop2', redirect(final, 308));
      route('/hop1', redirect('/hop2', 307));
      const start = route('/start', redirect('hop1', 301));

      const document = await makeFetcher({ maxRedirects: 3 }).fetch(start);

      expect(document.url).toBe(final);
      expect(document.body).toBe('<p>arrived</p>');
    });

    it('should fail with too_many_redirects when the chain is longer than maxRedirects', async () => {
      route('/loop', redirect('/loop'));

      const failure = await expectFailure(
        makeFetcher({ maxRedirects: 3 }).fetch(`${origin}/loop`),
        'too_many_redirects',
      );

      expect(failure.url).toBe(`${origin}/loop`);
    });

    it('should switch to GET without a body when a POST is answered with 303', async () => {
      route('/done', (request, response, body) => {
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`${request.method}:${body}`);
      });
      const url = route('/form', redirect('/done', 303));

      const document = await makeFetcher().fetch(url, { method: 'POST', body: 'x=1' });

      expect(document.body).toBe('GET:');
    });

    it('should refuse a redirect to a private address when only the first hop is allowed', async () => {
      const url = route('/to-private', redirect(`http://127.0.0.2:${port}/secret`));
      const onlyFirstHop = (address: string): boolean => address === '127.0.0.1';

      const failure = await expectFailure(makeFetcher({}, onlyFirstHop).fetch(url), 'address_not_allowed');

      expect(failure.url).toBe(`http://127.0.0.2:${port}/secret`);
    });

    it('should check the address again at connect time for each hop, host names resolved by DNS included', async () => {
      const final = route('/final', html('<p>arrived</p>'));
      const url = route('/to-name', redirect(final.replace('127.0.0.1', 'localhost')));
      const checked: string[] = [];
      const recordingPolicy = (address: string): boolean => checked.push(address) > 0;

      const document = await makeFetcher({}, recordingPolicy).fetch(url);

      expect(document.url).toBe(final.replace('127.0.0.1', 'localhost'));
      expect(checked).toEqual(['127.0.0.1', '127.0.0.1']);
    });

    it('should refuse a redirect to a non-http scheme', async () => {
      const url = route('/to-file', redirect('file:///etc/passwd'));

      await expectFailure(makeFetcher().fetch(url), 'source_unreachable');
    });
  });

  describe('address policy', () => {
    it.each([
      ['127.0.0.1', (p: number) => `http://127.0.0.1:${p}/page`],
      ['localhost (resolved by DNS)', (p: number) => `http://localhost:${p}/page`],
      ['::1', (p: number) => `http://[::1]:${p}/page`],
      ['::ffff:127.0.0.1', (p: number) => `http://[::ffff:127.0.0.1]:${p}/page`],
      ['0.0.0.0', (p: number) => `http://0.0.0.0:${p}/page`],
      ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
      ['10.0.0.1', () => 'http://10.0.0.1/'],
      ['100.64.0.1', () => 'http://100.64.0.1/'],
      ['192.168.1.1', () => 'http://192.168.1.1/'],
      ['fd00::1', () => 'http://[fd00::1]/'],
    ])(
      'should fail with address_not_allowed for %s when private addresses are not allowed',
      async (_name, makeUrl) => {
        route('/page', html('<p>internal</p>'));

        await expectFailure(
          makeFetcher({ allowPrivateAddresses: false }).fetch(makeUrl(port)),
          'address_not_allowed',
        );
      },
    );

    it('should connect to loopback when private addresses are allowed', async () => {
      const url = route('/page', html('<p>lan</p>'));

      const document = await makeFetcher({ allowPrivateAddresses: true }).fetch(
        url.replace('127.0.0.1', 'localhost'),
      );

      expect(document.body).toBe('<p>lan</p>');
    });
  });

  describe('timeouts and unreachable hosts', () => {
    it('should fail with source_unreachable when the server never answers within the timeout', async () => {
      const url = route('/silent', () => undefined);
      const started = Date.now();

      const failure = await expectFailure(makeFetcher({ timeoutMs: 300 }).fetch(url), 'source_unreachable');

      expect(failure.message).toContain('300 ms');
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('should fail with source_unreachable when the body trickles in slower than the whole-request timeout', async () => {
      const url = route('/trickle', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => response.write('<p>.</p>'), 50);
        response.on('close', () => clearInterval(timer));
      });

      await expectFailure(makeFetcher({ timeoutMs: 300 }).fetch(url), 'source_unreachable');
    });

    it('should fail with source_unreachable when nothing listens on the port', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));

      await expectFailure(makeFetcher().fetch(`http://127.0.0.1:${closedPort}/`), 'source_unreachable');
    });
  });

  describe('size limits', () => {
    it('should fail with source_too_large when a streamed body passes maxBytes', async () => {
      const url = route('/big', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('x'.repeat(5_000));
      });

      await expectFailure(makeFetcher({ maxBytes: 1_000 }).fetch(url), 'source_too_large');
    });

    it('should fail with source_too_large when Content-Length already announces too much', async () => {
      const url = route('/announced', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000' });
        response.end('y'.repeat(5_000));
      });

      await expectFailure(makeFetcher({ maxBytes: 1_000 }).fetch(url), 'source_too_large');
    });

    it('should stop a gzip bomb by counting decompressed bytes when the compressed size is under the cap', async () => {
      const url = route('/bomb', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        response.end(gzipBomb);
      });
      const maxBytes = 10 * 1024 * 1024;
      const started = Date.now();

      await expectFailure(makeFetcher({ maxBytes }).fetch(url), 'source_too_large');

      expect(gzipBomb.length).toBeLessThan(maxBytes);
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe('content types and statuses', () => {
    it('should fail with unsupported_content_type when the body is an image', async () => {
      const url = route('/img', html('GIF89a', 'image/gif'));

      const failure = await expectFailure(makeFetcher().fetch(url), 'unsupported_content_type');

      expect(failure.status).toBe(200);
    });

    it('should accept exactly the configured media types when acceptedTypes is given', async () => {
      const url = route('/cal', html('BEGIN:VCALENDAR', 'text/calendar'));
      const page = route('/page', html('<p>x</p>'));
      const fetcher = makeFetcher({ acceptedTypes: ['text/calendar'] });

      const document = await fetcher.fetch(url);

      expect(document.body).toBe('BEGIN:VCALENDAR');
      await expectFailure(fetcher.fetch(page), 'unsupported_content_type');
    });

    it.each([404, 410, 500])(
      'should fail with source_not_found carrying status %i when statuses must be ok',
      async (status) => {
        const url = route('/status', (_request, response) => {
          response.writeHead(status, { 'content-type': 'text/html' }).end('<p>no</p>');
        });

        const failure = await expectFailure(makeFetcher().fetch(url), 'source_not_found');

        expect(failure.status).toBe(status);
      },
    );

    it('should return a 410 answer with its body when any status is accepted', async () => {
      const url = route('/gone', (_request, response) => {
        response.writeHead(410, { 'content-type': 'text/html' }).end('<p>deleted</p>');
      });

      const document = await makeFetcher().fetch(url, { acceptStatuses: 'any' });

      expect(document).toMatchObject({ status: 410, body: '<p>deleted</p>' });
    });
  });

  describe('charset decoding', () => {
    it('should decode ISO-8859-1 when the Content-Type header names it', async () => {
      const url = route('/latin1', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
        response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      });

      const document = await makeFetcher().fetch(url);

      expect(document.body).toBe('café');
    });

    it('should decode with the <meta charset> when the header has none', async () => {
      const url = route('/meta', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(
          Buffer.concat([
            Buffer.from('<meta charset="windows-1252"><p>'),
            Buffer.from([0x93, 0x68, 0x69, 0x94]),
            Buffer.from('</p>'),
          ]),
        );
      });

      const document = await makeFetcher().fetch(url);

      expect(document.body).toBe('<meta charset="windows-1252"><p>\u201chi\u201d</p>');
    });

    it('should decode with an http-equiv Content-Type declaration when the header has none', async () => {
      const url = route('/equiv', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        const head = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>';
        response.end(Buffer.concat([Buffer.from(head), Buffer.from([0xfc]), Buffer.from('</p>')]));
      });

      const document = await makeFetcher().fetch(url);

      expect(document.body).toContain('<p>ü</p>');
    });

    it('should decode UTF-16 when the body starts with a byte-order mark, whatever the header says', async () => {
      const url = route('/utf16', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>Grüße</p>', 'utf16le')]));
      });

      const document = await makeFetcher().fetch(url);

      expect(document.body).toBe('<p>Grüße</p>');
    });

    it('should replace invalid UTF-8 bytes instead of failing', async () => {
      const url = route('/broken', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(Buffer.from([0x3c, 0x70, 0x3e, 0xc3, 0x28, 0xff, 0x3c, 0x2f, 0x70, 0x3e]));
      });

      const document = await makeFetcher().fetch(url);

      expect(document.body).toBe('<p>\ufffd(\ufffd</p>');
    });
  });
});
