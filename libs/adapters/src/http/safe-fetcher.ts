import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import {
  AddressNotAllowedError,
  guardedConnector,
  isPublicAddress,
  type AddressPolicy,
} from './address-policy';
import { decodeBody, parseContentType } from './decode-body';
import {
  FetchFailure,
  type FetchedDocument,
  type FetchInit,
  type SafeFetcherOptions,
} from './safe-fetcher.types';

export const DEFAULT_ACCEPTED_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'application/json',
];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Raised by the byte counters; mapped to `source_too_large`. */
class BodyTooLargeError extends Error {}

/**
 * The one way Chorus fetches third-party URLs (webmention sources, target pages, Mastodon).
 * Every connection is checked against the address policy at connect time, redirects are
 * followed by hand so each hop is checked again, and the whole exchange runs under one timeout
 * and one byte cap (counted before and after decompression). Every failure is a `FetchFailure`.
 */
export class SafeFetcher {
  private readonly agent: Agent;
  private readonly acceptedTypes: readonly string[];

  /**
   * @param addressPolicy which IP addresses may be connected to; by default only public ones,
   *   or any when `allowPrivateAddresses` is set. Tests pass their own to stand in for DNS.
   */
  constructor(
    private readonly options: SafeFetcherOptions,
    addressPolicy: AddressPolicy = options.allowPrivateAddresses ? () => true : isPublicAddress,
  ) {
    this.acceptedTypes = (options.acceptedTypes ?? DEFAULT_ACCEPTED_TYPES).map((type) => type.toLowerCase());
    this.agent = new Agent({
      connect: guardedConnector(addressPolicy, options.timeoutMs),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async fetch(url: string, init: FetchInit = {}): Promise<FetchedDocument> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let hop = parseHttpUrl(url, url);
    let method = init.method ?? 'GET';
    let body = init.body;
    let headers = this.requestHeaders(init.headers);
    for (let redirects = 0; ; redirects += 1) {
      const response = await this.attempt(hop, signal, () =>
        request(hop, { dispatcher: this.agent, method, headers, body, signal }),
      );
      const location = REDIRECT_STATUSES.has(response.statusCode)
        ? firstHeader(response.headers.location)
        : undefined;
      if (location === undefined) {
        return this.attempt(hop, signal, () => this.read(hop, response, init.acceptStatuses ?? 'ok'));
      }
      await this.attempt(hop, signal, () => response.body.dump());
      if (redirects >= this.options.maxRedirects) {
        throw new FetchFailure(
          'too_many_redirects',
          hop.href,
          `More than ${this.options.maxRedirects} redirects.`,
        );
      }
      const next = parseHttpUrl(location, hop.href, hop);
      if (next.origin !== hop.origin) headers = withoutCredentials(headers);
      if (
        response.statusCode === 303 ||
        ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
      hop = next;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private requestHeaders(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'user-agent': this.options.userAgent,
      accept: this.acceptedTypes.join(', '),
      'accept-encoding': 'gzip, deflate, br',
      ...extra,
    };
  }

  private async read(
    url: URL,
    response: Dispatcher.ResponseData,
    acceptStatuses: 'ok' | 'any',
  ): Promise<FetchedDocument> {
    const status = response.statusCode;
    const headers = flattenHeaders(response.headers);
    const contentType = headers['content-type'] ?? '';
    const successful = status >= 200 && status < 300;
    const document = { url: url.href, status, contentType, headers };
    if (!successful && acceptStatuses === 'ok') {
      await response.body.dump();
      throw new FetchFailure('source_not_found', url.href, `The server answered HTTP ${status}.`, { status });
    }
    if (!this.acceptedTypes.includes(parseContentType(contentType).mediaType)) {
      await response.body.dump();
      if (!successful) return { ...document, body: '' };
      throw new FetchFailure(
        'unsupported_content_type',
        url.href,
        `Content type "${contentType || 'none'}" is not accepted.`,
        { status },
      );
    }
    const declaredLength = Number(headers['content-length']);
    if (declaredLength > this.options.maxBytes) {
      await response.body.dump();
      throw new BodyTooLargeError();
    }
    const bytes = await readCapped(
      response.body,
      headers['content-encoding'],
      this.options.maxBytes,
      url.href,
    );
    return { ...document, body: decodeBody(bytes, contentType) };
  }

  /** Runs one step of the exchange and turns whatever it throws into a `FetchFailure` for this hop. */
  private async attempt<T>(url: URL, signal: AbortSignal, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw this.failure(error, url.href, signal);
    }
  }

  private failure(error: unknown, url: string, signal: AbortSignal): FetchFailure {
    if (error instanceof FetchFailure) return error;
    if (error instanceof BodyTooLargeError) {
      return new FetchFailure(
        'source_too_large',
        url,
        `The body is larger than ${this.options.maxBytes} bytes.`,
      );
    }
    const refused = findCause(error, AddressNotAllowedError);
    if (refused) return new FetchFailure('address_not_allowed', url, refused.message, { cause: error });
    if (signal.aborted) {
      return new FetchFailure(
        'source_unreachable',
        url,
        `No complete answer within ${this.options.timeoutMs} ms.`,
        { cause: error },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    return new FetchFailure('source_unreachable', url, `Could not fetch: ${reason}`, { cause: error });
  }
}

function parseHttpUrl(input: string, reportedUrl: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new FetchFailure('source_unreachable', reportedUrl, `"${input}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchFailure(
      'source_unreachable',
      reportedUrl,
      `Only http and https URLs are fetched, not ${url.protocol}`,
    );
  }
  url.hash = '';
  return url;
}

async function readCapped(
  body: Readable,
  encoding: string | undefined,
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) chunks.push(chunk);
  };
  let decompressor: Transform | null;
  try {
    decompressor = decompressorFor(encoding, url);
  } catch (error) {
    body.destroy();
    throw error;
  }
  if (decompressor) await pipeline(body, byteLimit(maxBytes), decompressor, byteLimit(maxBytes), collect);
  else await pipeline(body, byteLimit(maxBytes), collect);
  return Buffer.concat(chunks);
}

/** Decompressing ourselves (rather than letting a client do it) is what lets us count decoded bytes. */
function decompressorFor(encoding: string | undefined, url: string): Transform | null {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new FetchFailure(
        'unsupported_content_type',
        url,
        `Content encoding "${encoding}" is not supported.`,
      );
  }
}

function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > maxBytes ? new BodyTooLargeError() : null, chunk);
    },
  });
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name.toLowerCase())),
  );
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | null {
  for (
    let current = error, depth = 0;
    current instanceof Error && depth < 10;
    current = current.cause, depth += 1
  ) {
    if (current instanceof type) return current;
  }
  return null;
}
