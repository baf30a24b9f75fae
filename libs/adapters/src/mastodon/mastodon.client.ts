import { setTimeout as delay } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import {
  InvalidShapeError,
  parseAccount,
  parseAccounts,
  parseContext,
  parseInstance,
  parseStatus,
  parseStatuses,
  type Account,
  type Context,
  type InstanceInfo,
  type Status,
} from './mastodon.types';

/**
 * How a call failed, so a poller knows what to do: `temporary` (back off and retry), `unauthorized`
 * (401/403: the token was revoked; ask the owner), `gone` (404/410: the toot was deleted),
 * `rate_limited` (wait until `resetAt`), `invalid` (the request or the answer is malformed; retrying
 * will not help).
 */
export type MastodonErrorKind = 'temporary' | 'unauthorized' | 'gone' | 'rate_limited' | 'invalid';

export class MastodonError extends Error {
  override readonly name = 'MastodonError';
  readonly kind: MastodonErrorKind;
  readonly status?: number;
  readonly resetAt?: Date;
  /** e.g. `GET /api/v1/statuses/123/context`. */
  readonly endpoint: string;

  constructor(
    kind: MastodonErrorKind,
    message: string,
    details: { endpoint: string; status?: number; resetAt?: Date; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.endpoint = details.endpoint;
    if (details.status !== undefined) this.status = details.status;
    if (details.resetAt !== undefined) this.resetAt = details.resetAt;
  }
}

export interface MastodonClientOptions {
  /** The owner's instance, e.g. `https://mastodon.example`. */
  baseUrl: string;
  /** OAuth token with `read write:statuses`, sent on every call (reads too: full threads). */
  token: string;
  userAgent: string;
  /** Whole-request timeout, body included. */
  timeoutMs: number;
  dispatcher?: Dispatcher;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** The longest wait for a rate-limit reset before giving up with `rate_limited`; default 60 s. */
  maxWaitMs?: number;
}

/** Mastodon's `DEFAULT_STATUSES_LIMIT`: more ids in one `GET /api/v1/statuses` answer 422. */
const MULTI_GET_LIMIT = 20;
/** `favourited_by` / `reblogged_by` allow up to 80 per page (default 40). */
const ACCOUNTS_PAGE_LIMIT = 80;
/** When a 429 comes without `X-RateLimit-Reset`: Mastodon's window is 5 minutes. */
const DEFAULT_RATE_LIMIT_WINDOW_MS = 5 * 60_000;
/** Stops a server that keeps answering `rel="next"` from keeping us busy forever. */
const MAX_PAGES = 500;

interface JsonResponse {
  json: unknown;
  next: string | null;
}

interface RawResponse {
  statusCode: number;
  headers: Dispatcher.ResponseData['headers'];
  text: string;
}

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A small client for the owner's Mastodon instance: only the calls Chorus needs, every answer
 * parsed into typed entities, every failure a classified `MastodonError`, and rate limits obeyed
 * before the server has to enforce them.
 */
export class MastodonClient {
  private sent = 0;
  private pausedUntil: Date | null = null;
  /** Unknown until `instance()` says so or the first multi-get is tried. */
  private multiGet: boolean | null = null;
  private readonly base: URL;
  private readonly clock: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;

  constructor(private readonly options: MastodonClientOptions) {
    this.base = new URL(options.baseUrl);
    this.clock = options.clock ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Every HTTP request sent so far. */
  get requestCount(): number {
    return this.sent;
  }

  async instance(): Promise<InstanceInfo> {
    let json: unknown;
    try {
      json = (await this.get('/api/v2/instance')).json;
    } catch (error) {
      if (!isKind(error, 'gone')) throw error;
      json = (await this.get('/api/v1/instance')).json;
    }
    const info = this.parse('GET /api/v1/instance', () => parseInstance(json));
    this.multiGet = info.supportsMultiGet;
    return info;
  }

  async verifyCredentials(): Promise<Account> {
    const { json } = await this.get('/api/v1/accounts/verify_credentials');
    return this.parse('GET /api/v1/accounts/verify_credentials', () => parseAccount(json));
  }

  async createStatus(input: {
    status: string;
    visibility: 'public' | 'unlisted';
    idempotencyKey: string;
  }): Promise<Status> {
    const { json } = await this.send({
      method: 'POST',
      url: this.url('/api/v1/statuses'),
      headers: { 'content-type': 'application/json', 'idempotency-key': input.idempotencyKey },
      body: JSON.stringify({ status: input.status, visibility: input.visibility }),
    });
    return this.parse('POST /api/v1/statuses', () => parseStatus(json));
  }

  async getStatus(id: string): Promise<Status> {
    const path = `/api/v1/statuses/${encodeURIComponent(id)}`;
    const { json } = await this.get(path);
    return this.parse(`GET ${path}`, () => parseStatus(json));
  }

  /**
   * Many statuses' counters at once (Mastodon ≥ 4.3), 20 ids per request; on older servers (404 or
   * 400) one request per status. Deleted or invisible ids are simply absent.
   */
  async getStatuses(ids: string[]): Promise<Status[]> {
    const unique = [...new Set(ids)];
    const found: Status[] = [];
    for (let start = 0; start < unique.length; start += MULTI_GET_LIMIT) {
      const chunk = unique.slice(start, start + MULTI_GET_LIMIT);
      const batch = this.multiGet === false ? null : await this.tryMultiGet(chunk);
      found.push(...(batch ?? (await this.getEach(chunk))));
    }
    return found;
  }

  /** The whole thread around a status; with a token, replies from every visible account. */
  async context(id: string): Promise<Context> {
    const path = `/api/v1/statuses/${encodeURIComponent(id)}/context`;
    const { json } = await this.get(path);
    return this.parse(`GET ${path}`, () => parseContext(json));
  }

  /** Every account that favourited the status, following `Link: rel="next"` to the end. */
  favouritedBy(id: string): Promise<Account[]> {
    return this.allAccounts(`/api/v1/statuses/${encodeURIComponent(id)}/favourited_by`);
  }

  /** Every account that boosted the status, following `Link: rel="next"` to the end. */
  rebloggedBy(id: string): Promise<Account[]> {
    return this.allAccounts(`/api/v1/statuses/${encodeURIComponent(id)}/reblogged_by`);
  }

  /** One page of an account's statuses, newest first (post discovery). */
  async accountStatuses(
    accountId: string,
    opts: { limit?: number; sinceId?: string; excludeReplies?: boolean },
  ): Promise<Status[]> {
    const path = `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses`;
    const url = this.url(path);
    if (opts.limit !== undefined) url.searchParams.set('limit', String(opts.limit));
    if (opts.sinceId !== undefined) url.searchParams.set('since_id', opts.sinceId);
    if (opts.excludeReplies) url.searchParams.set('exclude_replies', 'true');
    const { json } = await this.send({ method: 'GET', url });
    return this.parse(`GET ${path}`, () => parseStatuses(json));
  }

  private async tryMultiGet(ids: string[]): Promise<Status[] | null> {
    const url = this.url('/api/v1/statuses');
    for (const id of ids) url.searchParams.append('id[]', id);
    try {
      const { json } = await this.send({ method: 'GET', url });
      this.multiGet = true;
      return this.parse('GET /api/v1/statuses', () => parseStatuses(json));
    } catch (error) {
      const unsupported = error instanceof MastodonError && (error.status === 404 || error.status === 400);
      if (!unsupported) throw error;
      this.multiGet = false;
      return null;
    }
  }

  private async getEach(ids: string[]): Promise<Status[]> {
    const found: Status[] = [];
    for (const id of ids) {
      try {
        found.push(await this.getStatus(id));
      } catch (error) {
        if (!isKind(error, 'gone')) throw error;
      }
    }
    return found;
  }

  private async allAccounts(path: string): Promise<Account[]> {
    const accounts: Account[] = [];
    let url: URL | null = this.url(path);
    url.searchParams.set('limit', String(ACCOUNTS_PAGE_LIMIT));
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const response = await this.send({ method: 'GET', url });
      accounts.push(...this.parse(`GET ${path}`, () => parseAccounts(response.json)));
      url = this.sameOrigin(response.next);
    }
    return accounts;
  }

  /** The token goes with every request, so only links back to the owner's instance are followed. */
  private sameOrigin(link: string | null): URL | null {
    if (link === null) return null;
    try {
      const url = new URL(link, this.base);
      return url.origin === this.base.origin ? url : null;
    } catch {
      return null;
    }
  }

  private get(path: string): Promise<JsonResponse> {
    return this.send({ method: 'GET', url: this.url(path) });
  }

  private url(path: string): URL {
    return new URL(path, this.base);
  }

  private parse<T>(endpoint: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof InvalidShapeError)) throw error;
      throw new MastodonError('invalid', `Unexpected answer from ${endpoint}: ${error.message}`, {
        endpoint,
        cause: error,
      });
    }
  }

  /** Sends one call, waiting out a known rate limit first and once more after a 429. */
  private async send(call: Call): Promise<JsonResponse> {
    const endpoint = `${call.method} ${call.url.pathname}`;
    let refusedWith: number | undefined;
    for (let attempt = 1; ; attempt++) {
      await this.waitForRateLimit(endpoint, refusedWith);
      const response = await this.exchange(call, endpoint);
      this.noteRateLimit(response.statusCode, response.headers);
      if (response.statusCode === 429 && attempt === 1) {
        refusedWith = 429;
        continue;
      }
      return this.interpret(response, endpoint);
    }
  }

  /** `status` is the 429 that caused the pause, when this call got one. */
  private async waitForRateLimit(endpoint: string, status?: number): Promise<void> {
    if (!this.pausedUntil) return;
    const waitMs = this.pausedUntil.getTime() - this.clock().getTime();
    if (waitMs > this.maxWaitMs) {
      throw new MastodonError(
        'rate_limited',
        `Rate limited by ${this.base.host} until ${this.pausedUntil.toISOString()}`,
        {
          endpoint,
          resetAt: this.pausedUntil,
          ...(status === undefined ? {} : { status }),
        },
      );
    }
    if (waitMs > 0) await this.sleep(waitMs);
    this.pausedUntil = null;
  }

  private noteRateLimit(statusCode: number, headers: Dispatcher.ResponseData['headers']): void {
    const resetAt = parseDate(header(headers, 'x-ratelimit-reset'));
    if (statusCode === 429) {
      this.pausedUntil = resetAt ?? new Date(this.clock().getTime() + DEFAULT_RATE_LIMIT_WINDOW_MS);
    } else if (header(headers, 'x-ratelimit-remaining') === '0' && resetAt) {
      this.pausedUntil = resetAt;
    }
  }

  private async exchange(call: Call, endpoint: string): Promise<RawResponse> {
    this.sent++;
    try {
      const response = await request(call.url, {
        method: call.method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.options.token}`,
          'user-agent': this.options.userAgent,
          ...call.headers,
        },
        body: call.body,
        dispatcher: this.options.dispatcher,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await response.body.text();
      return { statusCode: response.statusCode, headers: response.headers, text };
    } catch (error) {
      throw new MastodonError('temporary', `Could not reach ${this.base.host}: ${errorMessage(error)}`, {
        endpoint,
        cause: error,
      });
    }
  }

  private interpret(response: RawResponse, endpoint: string): JsonResponse {
    const { statusCode: status } = response;
    const json = parseJson(response.text);
    if (status >= 200 && status < 300) {
      if (json === undefined)
        throw new MastodonError('invalid', `${endpoint} answered ${status} without JSON`, {
          endpoint,
          status,
        });
      return { json, next: nextLink(header(response.headers, 'link')) };
    }
    const reason = `${endpoint} answered ${status}: ${serverMessage(json) ?? 'no reason given'}`;
    const kind = errorKind(status);
    const resetAt = kind === 'rate_limited' ? (this.pausedUntil ?? undefined) : undefined;
    throw new MastodonError(kind, reason, { endpoint, status, ...(resetAt ? { resetAt } : {}) });
  }
}

function errorKind(status: number): MastodonErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 || status === 410) return 'gone';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 422) return 'invalid';
  return 'temporary';
}

function isKind(error: unknown, kind: MastodonErrorKind): boolean {
  return error instanceof MastodonError && error.kind === kind;
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function parseDate(value: string | null): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Mastodon's error entity: `{"error": "Record not found"}`. */
function serverMessage(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null;
  return typeof json.error === 'string' ? json.error : null;
}

/** The `rel="next"` target of an RFC 8288 `Link` header. */
export function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const match of link.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '');
    if (rel?.[1]?.split(/\s+/).includes('next')) return match[1] ?? null;
  }
  return null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
