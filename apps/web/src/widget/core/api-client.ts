import type { ErrorBody, PostInteractionsResponse } from '@chorus/shared';
import { EtagCache } from './etag-cache';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** `GET /api/mastodon/toot` when the post has a toot to answer. */
export interface PostToot {
  tootUrl: string;
  instance: string | null;
}

export type WebmentionState = 'queued' | 'verified' | 'rejected' | 'deleted';

/** `POST /webmention` and `GET /webmention/:id`. */
export interface WebmentionStatus {
  id: number | string;
  status: WebmentionState;
  reason: string | null;
}

/** A refusal from the hub, carrying its `{error, message}` body. */
export class HubError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/** Responses from every element on the page share one cache: a re-mount refreshes with `If-None-Match`. */
const pageCache = new EtagCache();

/** The hub's public API, as the widget uses it. No cookies are sent, so none are set. */
export class HubClient {
  constructor(
    private readonly hub: string,
    private readonly fetchFn: FetchLike = (url, init) => fetch(url, init),
    private readonly cache: EtagCache = pageCache,
  ) {}

  /** The post's approved interactions; an unknown post is an empty one. */
  async interactions(postUrl: string, signal?: AbortSignal): Promise<PostInteractionsResponse> {
    const url = this.endpoint('api/interactions', { url: postUrl });
    const cached = this.cache.get(url);
    const get = (headers: Record<string, string>) => this.fetchFn(url, { headers, credentials: 'omit', cache: 'no-store', signal });
    // If-None-Match makes the request need a CORS preflight; a hub or proxy that refuses it must not blank
    // the widget. (After an abort the retry rejects at once with the same abort.)
    const response = cached ? await get({ 'If-None-Match': cached.etag }).catch(() => get({})) : await get({});
    if (response.status === 304 && cached) return cached.body as PostInteractionsResponse;
    if (response.status === 404) return emptyInteractions(postUrl);
    const body = (await readJson(response)) as PostInteractionsResponse;
    const etag = response.headers.get('ETag');
    if (etag) this.cache.set(url, etag, body);
    return body;
  }

  /** The toot to reply to, publishing it on the first ask; null when the post has none (ignored or refused). */
  async toot(postUrl: string, signal?: AbortSignal): Promise<PostToot | null> {
    const response = await this.fetchFn(this.endpoint('api/mastodon/toot', { url: postUrl }), { credentials: 'omit', signal });
    if (!response.ok) return null;
    const body = (await response.json()) as { tootUrl?: unknown; instance?: unknown; ignored?: unknown };
    if (body.ignored === true || typeof body.tootUrl !== 'string') return null;
    return { tootUrl: body.tootUrl, instance: typeof body.instance === 'string' ? body.instance : null };
  }

  async sendWebmention(source: string, target: string, signal?: AbortSignal): Promise<WebmentionStatus> {
    const response = await this.fetchFn(this.endpoint('webmention'), {
      method: 'POST',
      body: new URLSearchParams({ source, target }),
      credentials: 'omit',
      signal,
    });
    return readJson(response) as Promise<WebmentionStatus>;
  }

  async webmentionStatus(id: number | string, signal?: AbortSignal): Promise<WebmentionStatus> {
    const response = await this.fetchFn(this.endpoint(`webmention/${encodeURIComponent(id)}`), { credentials: 'omit', cache: 'no-store', signal });
    return readJson(response) as Promise<WebmentionStatus>;
  }

  private endpoint(path: string, query: Record<string, string> = {}): string {
    const url = new URL(path, this.hub);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.href;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  const error = (body ?? {}) as Partial<ErrorBody>;
  throw new HubError(error.error ?? `http_${response.status}`, error.message ?? response.statusText, response.status);
}

function emptyInteractions(url: string): PostInteractionsResponse {
  return {
    post: { url, title: null, tootUrl: null, replyAddress: null },
    counts: { reply: 0, like: 0, repost: 0, bookmark: 0, mention: 0, rsvp: 0, total: 0 },
    items: [],
  };
}
