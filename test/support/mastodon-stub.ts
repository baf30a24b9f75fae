import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A loopback Mastodon for tests: the endpoints Chorus calls, answering with the shapes, status
 * codes, error bodies, `Link` pagination and rate-limit headers of the real API
 * (docs.joinmastodon.org; /work/shared/fixtures/mastodon-docs). State is plain data that tests
 * seed and inspect, plus mutators for what readers do (reply, favourite, boost, edit, delete).
 */

export interface StubAccount {
  id: string;
  username: string;
  /** `username` for local accounts, `username@domain` for remote ones. */
  acct: string;
  display_name: string;
  note: string;
  url: string;
  avatar: string;
  fields: { name: string; value: string }[];
  bot: boolean;
  created_at: string;
}

export interface StubStatus {
  id: string;
  accountId: string;
  created_at: string;
  edited_at: string | null;
  in_reply_to_id: string | null;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  /** The source text as typed (what `DELETE` gives back as `text`). */
  text: string;
  /** Rendered HTML, as Mastodon serves it. */
  content: string;
  spoiler_text: string;
  card: { url: string; title: string; description: string } | null;
  /** Favourite records (their ids paginate `favourited_by`), oldest first. */
  favourites: { id: string; accountId: string }[];
  /** Boosts: each is a status of its own, whose id paginates `reblogged_by`. */
  reblogs: { id: string; accountId: string }[];
}

export interface StubRateLimit {
  limit: number;
  remaining: number;
  resetAt: Date;
}

export interface MastodonStubOptions {
  /** `configuration.statuses.max_characters`; longer statuses are refused with 422. Default 500. */
  maxCharacters?: number;
  /** Mastodon ≥ 4.3 (`GET /api/v1/statuses?id[]=`); false answers that route 404 like older servers. Default true. */
  supportsMultiGet?: boolean;
  /** False answers `/api/v2/instance` 404, like servers before Mastodon 4.0. Default true. */
  supportsInstanceV2?: boolean;
  /** Delay before every answer. Default 0. */
  latencyMs?: number;
  /** The server's clock (rate-limit windows, `created_at`, `edited_at`). Default: real time. */
  clock?: () => Date;
  /** Caps `limit` on `favourited_by`/`reblogged_by` (Mastodon: 80). */
  maxAccountsPerPage?: number;
  /** Initial rate-limit state; default 300 per 5 minutes. */
  rateLimit?: StubRateLimit;
}

export interface MastodonStub {
  url: string;
  /** The owner's bearer token; set it to anything else to revoke it at runtime. */
  token: string;
  owner: StubAccount;
  accounts: Map<string, StubAccount>;
  statuses: Map<string, StubStatus>;
  counts: { total: number; statusesCreated: number; requests: Record<string, number> };
  rateLimit: StubRateLimit;
  maxCharacters: number;
  supportsMultiGet: boolean;
  supportsInstanceV2: boolean;
  latencyMs: number;
  maxAccountsPerPage: number;
  /** The next `POST /api/v1/statuses` answers this HTTP status without creating anything. */
  failNextCreate(status: number): void;
  addAccount(input: Partial<Omit<StubAccount, 'id'>> & { username: string }): StubAccount;
  addStatus(input: StatusInput & { account: StubAccount }): StubStatus;
  addReply(parentId: string, input: StatusInput & { account: StubAccount }): StubStatus;
  favourite(statusId: string, account: StubAccount): void;
  unfavourite(statusId: string, account: StubAccount): void;
  reblog(statusId: string, account: StubAccount): void;
  unreblog(statusId: string, account: StubAccount): void;
  editStatus(id: string, content: string): void;
  deleteStatus(id: string): void;
  close(): Promise<void>;
}

export interface StatusInput {
  /** HTML, stored as given (seeded statuses come "from other servers"). */
  content: string;
  visibility?: StubStatus['visibility'];
  card?: StubStatus['card'];
  createdAt?: Date;
}

const RATE_LIMIT_WINDOW_MS = 5 * 60_000;
const DEFAULT_ACCOUNTS_LIMIT = 40;
const MAX_ACCOUNTS_LIMIT = 80;
const DEFAULT_STATUSES_LIMIT = 20;
const MAX_STATUSES_LIMIT = 40;
const URL_CHARACTERS = 23;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(body);
  }
}

const notFound = () => new HttpError(404, 'Record not found');

interface Reply {
  status?: number;
  body: unknown;
  link?: string;
}

type Route = {
  method: string;
  pattern: RegExp;
  name: string;
  handle: (match: RegExpExecArray, url: URL, request: IncomingMessage, body: string) => Reply;
};

export async function startMastodonStub(options: MastodonStubOptions = {}): Promise<MastodonStub> {
  const clock = options.clock ?? (() => new Date());
  let nextId = 110_000_000_000_000_000n;
  let nextFavouriteId = 53_000_000;
  let nextAccountId = 1;
  const newId = () => String((nextId += 1_000n));
  const idempotency = new Map<string, string>();
  let failCreate: number | null = null;

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const makeAccount = (input: Partial<Omit<StubAccount, 'id'>> & { username: string }): StubAccount => ({
    id: String(nextAccountId++),
    acct: input.username,
    display_name: '',
    note: '',
    url: `${url}/@${input.acct ?? input.username}`,
    avatar: `${url}/avatars/${input.username}.png`,
    fields: [],
    bot: false,
    created_at: clock().toISOString(),
    ...input,
  });

  const owner = makeAccount({
    username: 'owner',
    display_name: 'Site Owner',
    note: '<p>I write a blog.</p>',
  });
  const stub: MastodonStub = {
    url,
    token: 'stub-token',
    owner,
    accounts: new Map([[owner.id, owner]]),
    statuses: new Map(),
    counts: { total: 0, statusesCreated: 0, requests: {} },
    rateLimit: options.rateLimit ?? {
      limit: 300,
      remaining: 300,
      resetAt: new Date(clock().getTime() + RATE_LIMIT_WINDOW_MS),
    },
    maxCharacters: options.maxCharacters ?? 500,
    supportsMultiGet: options.supportsMultiGet ?? true,
    supportsInstanceV2: options.supportsInstanceV2 ?? true,
    latencyMs: options.latencyMs ?? 0,
    maxAccountsPerPage: options.maxAccountsPerPage ?? MAX_ACCOUNTS_LIMIT,
    failNextCreate: (status) => {
      failCreate = status;
    },
    addAccount: (input) => {
      const account = makeAccount(input);
      stub.accounts.set(account.id, account);
      return account;
    },
    addStatus: (input) => insertStatus({ ...input, inReplyToId: null, text: htmlToSource(input.content) }),
    addReply: (parentId, input) => {
      status(parentId);
      return insertStatus({ ...input, inReplyToId: parentId, text: htmlToSource(input.content) });
    },
    favourite: (statusId, account) => {
      const target = status(statusId);
      if (!target.favourites.some((f) => f.accountId === account.id)) {
        target.favourites.push({ id: String(nextFavouriteId++), accountId: account.id });
      }
    },
    unfavourite: (statusId, account) => {
      const target = status(statusId);
      target.favourites = target.favourites.filter((f) => f.accountId !== account.id);
    },
    reblog: (statusId, account) => {
      const target = status(statusId);
      if (!target.reblogs.some((r) => r.accountId === account.id))
        target.reblogs.push({ id: newId(), accountId: account.id });
    },
    unreblog: (statusId, account) => {
      const target = status(statusId);
      target.reblogs = target.reblogs.filter((r) => r.accountId !== account.id);
    },
    editStatus: (id, content) => {
      const target = status(id);
      target.content = content;
      target.text = htmlToSource(content);
      target.edited_at = clock().toISOString();
    },
    deleteStatus: (id) => {
      status(id);
      stub.statuses.delete(id);
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };

  function status(id: string): StubStatus {
    const found = stub.statuses.get(id);
    if (!found) throw notFound();
    return found;
  }

  function account(id: string): StubAccount {
    const found = stub.accounts.get(id);
    if (!found) throw notFound();
    return found;
  }

  function insertStatus(
    input: StatusInput & { account: StubAccount; inReplyToId: string | null; text: string },
  ): StubStatus {
    stub.accounts.set(input.account.id, input.account);
    const created: StubStatus = {
      id: newId(),
      accountId: input.account.id,
      created_at: (input.createdAt ?? clock()).toISOString(),
      edited_at: null,
      in_reply_to_id: input.inReplyToId,
      visibility: input.visibility ?? 'public',
      text: input.text,
      content: input.content,
      spoiler_text: '',
      card: input.card ?? null,
      favourites: [],
      reblogs: [],
    };
    stub.statuses.set(created.id, created);
    return created;
  }

  function serializeAccount(a: StubAccount) {
    const statusesCount = [...stub.statuses.values()].filter((s) => s.accountId === a.id).length;
    return {
      id: a.id,
      username: a.username,
      acct: a.acct,
      display_name: a.display_name,
      locked: false,
      bot: a.bot,
      discoverable: true,
      group: false,
      created_at: a.created_at,
      note: a.note,
      url: a.url,
      uri: a.acct === a.username ? `${url}/users/${a.username}` : a.url,
      avatar: a.avatar,
      avatar_static: a.avatar,
      header: `${url}/headers/original/missing.png`,
      header_static: `${url}/headers/original/missing.png`,
      followers_count: 0,
      following_count: 0,
      statuses_count: statusesCount,
      last_status_at: null,
      emojis: [],
      fields: a.fields.map((f) => ({ ...f, verified_at: null })),
    };
  }

  function serializeStatus(s: StubStatus) {
    const author = account(s.accountId);
    const parent = s.in_reply_to_id ? stub.statuses.get(s.in_reply_to_id) : undefined;
    return {
      id: s.id,
      created_at: s.created_at,
      in_reply_to_id: s.in_reply_to_id,
      in_reply_to_account_id: parent ? parent.accountId : null,
      sensitive: s.spoiler_text !== '',
      spoiler_text: s.spoiler_text,
      visibility: s.visibility,
      language: 'en',
      uri: `${url}/users/${author.username}/statuses/${s.id}`,
      url: `${url}/@${author.acct}/${s.id}`,
      replies_count: [...stub.statuses.values()].filter((r) => r.in_reply_to_id === s.id).length,
      reblogs_count: s.reblogs.length,
      favourites_count: s.favourites.length,
      quotes_count: 0,
      edited_at: s.edited_at,
      favourited: s.favourites.some((f) => f.accountId === owner.id),
      reblogged: s.reblogs.some((r) => r.accountId === owner.id),
      muted: false,
      bookmarked: false,
      content: s.content,
      reblog: null,
      application: { name: 'Web', website: null },
      account: serializeAccount(author),
      media_attachments: [],
      mentions: [],
      tags: [],
      emojis: [],
      quote: null,
      card: s.card
        ? {
            ...s.card,
            type: 'link',
            author_name: '',
            author_url: '',
            provider_name: '',
            provider_url: '',
            html: '',
            width: 0,
            height: 0,
            image: null,
            embed_url: '',
          }
        : null,
      poll: null,
    };
  }

  function descendants(id: string): StubStatus[] {
    const children = [...stub.statuses.values()].filter((s) => s.in_reply_to_id === id).sort(byIdAscending);
    return children.flatMap((child) => [child, ...descendants(child.id)]);
  }

  function ancestors(s: StubStatus): StubStatus[] {
    const parent = s.in_reply_to_id ? stub.statuses.get(s.in_reply_to_id) : undefined;
    return parent ? [...ancestors(parent), parent] : [];
  }

  /** `favourited_by` / `reblogged_by`: newest first, paginated by the favourite's (or boost's) own id. */
  function accountsPage(records: { id: string; accountId: string }[], requestUrl: URL): Reply {
    const limit = clampLimit(
      requestUrl,
      DEFAULT_ACCOUNTS_LIMIT,
      Math.min(MAX_ACCOUNTS_LIMIT, stub.maxAccountsPerPage),
    );
    const page = paginate(records, requestUrl).slice(0, limit);
    const link = pageLinks(requestUrl, page, limit, 'since_id', ['limit']);
    return { body: page.map((r) => serializeAccount(account(r.accountId))), ...(link ? { link } : {}) };
  }

  function createStatus(request: IncomingMessage, body: string): Reply {
    if (failCreate !== null) {
      const statusCode = failCreate;
      failCreate = null;
      throw new HttpError(statusCode, statusCode >= 500 ? 'Internal server error' : 'Request failed');
    }
    requireOwner(request);
    const params = parseBody(request, body);
    const key = headerValue(request, 'idempotency-key');
    const earlier = key ? idempotency.get(key) : undefined;
    if (earlier && stub.statuses.has(earlier)) return { body: serializeStatus(status(earlier)) };

    const text = params.status?.trim() ?? '';
    if (text === '') throw new HttpError(422, "Validation failed: Text can't be blank");
    if (countCharacters(text) > stub.maxCharacters) {
      throw new HttpError(422, `Validation failed: Text character limit of ${stub.maxCharacters} exceeded`);
    }
    const visibility = parseVisibility(params.visibility);
    const inReplyToId = params.in_reply_to_id ?? null;
    if (inReplyToId) status(inReplyToId);
    const created = insertStatus({
      account: owner,
      content: textToHtml(text),
      visibility,
      inReplyToId,
      text,
    });
    stub.counts.statusesCreated++;
    if (key) idempotency.set(key, created.id);
    return { body: serializeStatus(created) };
  }

  function requireOwner(request: IncomingMessage): void {
    const authorization = headerValue(request, 'authorization');
    if (authorization !== `Bearer ${stub.token}`) throw new HttpError(401, 'The access token is invalid');
  }

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/v2\/instance$/,
      name: 'GET /api/v2/instance',
      handle: () => {
        if (!stub.supportsInstanceV2) throw notFound();
        return { body: instanceV2() };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/instance$/,
      name: 'GET /api/v1/instance',
      handle: () => ({ body: instanceV1() }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/accounts\/verify_credentials$/,
      name: 'GET /api/v1/accounts/verify_credentials',
      handle: (_match, _url, request) => {
        requireOwner(request);
        return {
          body: {
            ...serializeAccount(owner),
            source: { privacy: 'public', sensitive: false, language: 'en', note: '', fields: [] },
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/accounts\/([^/]+)\/statuses$/,
      name: 'GET /api/v1/accounts/:id/statuses',
      handle: (match, requestUrl) => {
        const author = account(match[1]!);
        const excludeReplies = requestUrl.searchParams.get('exclude_replies') === 'true';
        const own = [...stub.statuses.values()].filter(
          (s) =>
            s.accountId === author.id &&
            !(
              excludeReplies &&
              s.in_reply_to_id &&
              stub.statuses.get(s.in_reply_to_id)?.accountId !== author.id
            ),
        );
        const limit = clampLimit(requestUrl, DEFAULT_STATUSES_LIMIT, MAX_STATUSES_LIMIT);
        const page = paginate(own, requestUrl).slice(0, limit);
        const link = pageLinks(requestUrl, page, limit, 'min_id', ['limit', 'exclude_replies']);
        return { body: page.map(serializeStatus), ...(link ? { link } : {}) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/v1\/statuses$/,
      name: 'POST /api/v1/statuses',
      handle: (_m, _u, request, body) => createStatus(request, body),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/statuses$/,
      name: 'GET /api/v1/statuses',
      handle: (_match, requestUrl) => {
        if (!stub.supportsMultiGet) throw notFound();
        const ids = [
          ...new Set([...requestUrl.searchParams.getAll('id[]'), ...requestUrl.searchParams.getAll('id')]),
        ];
        if (ids.length > DEFAULT_STATUSES_LIMIT) throw new HttpError(422, 'Mastodon::ValidationError');
        return { body: ids.flatMap((id) => (stub.statuses.has(id) ? [serializeStatus(status(id))] : [])) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/statuses\/([^/]+)$/,
      name: 'GET /api/v1/statuses/:id',
      handle: (m) => ({ body: serializeStatus(status(m[1]!)) }),
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/v1\/statuses\/([^/]+)$/,
      name: 'DELETE /api/v1/statuses/:id',
      handle: (match, _url, request) => {
        requireOwner(request);
        const target = status(match[1]!);
        if (target.accountId !== owner.id) throw notFound();
        const { content: _content, ...rest } = serializeStatus(target);
        stub.deleteStatus(target.id);
        return { body: { ...rest, text: target.text } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/statuses\/([^/]+)\/context$/,
      name: 'GET /api/v1/statuses/:id/context',
      handle: (match) => {
        const target = status(match[1]!);
        return {
          body: {
            ancestors: ancestors(target).map(serializeStatus),
            descendants: descendants(target.id).map(serializeStatus),
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/statuses\/([^/]+)\/favourited_by$/,
      name: 'GET /api/v1/statuses/:id/favourited_by',
      handle: (match, requestUrl) => accountsPage(status(match[1]!).favourites, requestUrl),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/statuses\/([^/]+)\/reblogged_by$/,
      name: 'GET /api/v1/statuses/:id/reblogged_by',
      handle: (match, requestUrl) => accountsPage(status(match[1]!).reblogs, requestUrl),
    },
  ];

  function instanceV2() {
    return {
      domain: new URL(url).host,
      title: 'Stub Mastodon',
      version: stub.supportsMultiGet ? '4.3.2' : '4.2.12',
      source_url: 'https://github.com/mastodon/mastodon',
      description: 'A loopback Mastodon for tests',
      usage: { users: { active_month: stub.accounts.size } },
      languages: ['en'],
      configuration: {
        urls: { streaming: url.replace('http', 'ws'), status: null },
        accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
        statuses: {
          max_characters: stub.maxCharacters,
          max_media_attachments: 4,
          characters_reserved_per_url: URL_CHARACTERS,
        },
        media_attachments: {
          supported_mime_types: ['image/png'],
          image_size_limit: 16777216,
          image_matrix_limit: 33177600,
          video_size_limit: 103809024,
          video_frame_rate_limit: 120,
          video_matrix_limit: 8294400,
        },
        polls: {
          max_options: 4,
          max_characters_per_option: 50,
          min_expiration: 300,
          max_expiration: 2629746,
        },
        translation: { enabled: false },
      },
      registrations: { enabled: false, approval_required: false, message: null },
      contact: { email: 'admin@stub.example', account: serializeAccount(owner) },
      rules: [],
    };
  }

  function instanceV1() {
    return {
      uri: new URL(url).host,
      title: 'Stub Mastodon',
      short_description: 'A loopback Mastodon for tests',
      description: '',
      email: 'admin@stub.example',
      version: stub.supportsMultiGet ? '4.3.2' : stub.supportsInstanceV2 ? '4.2.12' : '3.5.19',
      urls: { streaming_api: url.replace('http', 'ws') },
      stats: { user_count: stub.accounts.size, status_count: stub.statuses.size, domain_count: 1 },
      languages: ['en'],
      registrations: false,
      approval_required: false,
      invites_enabled: false,
      configuration: {
        statuses: {
          max_characters: stub.maxCharacters,
          max_media_attachments: 4,
          characters_reserved_per_url: URL_CHARACTERS,
        },
      },
      contact_account: serializeAccount(owner),
      rules: [],
    };
  }

  /** Every response carries Mastodon's rate-limit headers; an exhausted budget answers 429. */
  function takeRateLimit(): boolean {
    const now = clock();
    if (now.getTime() >= stub.rateLimit.resetAt.getTime()) {
      stub.rateLimit = {
        ...stub.rateLimit,
        remaining: stub.rateLimit.limit,
        resetAt: new Date(now.getTime() + RATE_LIMIT_WINDOW_MS),
      };
    }
    if (stub.rateLimit.remaining <= 0) return false;
    stub.rateLimit.remaining--;
    return true;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (stub.latencyMs > 0) await delay(stub.latencyMs);
    const requestUrl = new URL(request.url ?? '/', url);
    const route = routes.find((r) => r.method === request.method && r.pattern.test(requestUrl.pathname));
    const name = route?.name ?? `${request.method} ${requestUrl.pathname}`;
    stub.counts.total++;
    stub.counts.requests[name] = (stub.counts.requests[name] ?? 0) + 1;

    let reply: Reply;
    try {
      if (!takeRateLimit()) throw new HttpError(429, 'Too many requests');
      const authorization = headerValue(request, 'authorization');
      if (authorization !== undefined) requireOwner(request);
      if (!route) throw notFound();
      reply = route.handle(route.pattern.exec(requestUrl.pathname)!, requestUrl, request, body);
    } catch (error) {
      reply =
        error instanceof HttpError
          ? { status: error.status, body: { error: error.body } }
          : { status: 500, body: { error: String(error) } };
    }
    response.writeHead(reply.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': String(stub.rateLimit.limit),
      'x-ratelimit-remaining': String(Math.max(0, stub.rateLimit.remaining)),
      'x-ratelimit-reset': stub.rateLimit.resetAt.toISOString(),
      ...(reply.link ? { link: reply.link } : {}),
    });
    response.end(JSON.stringify(reply.body));
  }

  return stub;
}

function byIdAscending(a: { id: string }, b: { id: string }): number {
  return compareIds(a.id, b.id);
}

function compareIds(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}

/** Mastodon's id cursors: newest first; `max_id` below, `since_id` above, `min_id` right after. */
function paginate<T extends { id: string }>(records: T[], requestUrl: URL): T[] {
  const maxId = requestUrl.searchParams.get('max_id');
  const sinceId = requestUrl.searchParams.get('since_id');
  const minId = requestUrl.searchParams.get('min_id');
  const newestFirst = [...records].sort((a, b) => byIdAscending(b, a));
  const bounded = newestFirst.filter(
    (r) =>
      (!maxId || compareIds(r.id, maxId) < 0) &&
      (!sinceId || compareIds(r.id, sinceId) > 0) &&
      (!minId || compareIds(r.id, minId) > 0),
  );
  if (!minId) return bounded;
  const limit = clampLimit(requestUrl, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  return bounded.reverse().slice(0, limit).reverse();
}

function clampLimit(requestUrl: URL, fallback: number, max: number): number {
  const requested = Number.parseInt(requestUrl.searchParams.get('limit') ?? '', 10);
  return Math.min(Number.isFinite(requested) && requested > 0 ? requested : fallback, max);
}

/**
 * Like Mastodon: `rel="next"` (`max_id` of the last item) only when the page is full, `rel="prev"`
 * unless it is empty; only the `kept` parameters of the request are carried over.
 */
function pageLinks(
  requestUrl: URL,
  page: { id: string }[],
  limit: number,
  prevParam: 'since_id' | 'min_id',
  kept: string[],
): string | null {
  const link = (cursor: string, id: string, rel: string) => {
    const target = new URL(requestUrl.pathname, requestUrl);
    for (const name of kept) {
      const value = requestUrl.searchParams.get(name);
      if (value !== null) target.searchParams.set(name, value);
    }
    target.searchParams.set(cursor, id);
    return `<${target.href}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  const last = page[page.length - 1];
  const first = page[0];
  if (last && page.length === limit) parts.push(link('max_id', last.id, 'next'));
  if (first) parts.push(link(prevParam, first.id, 'prev'));
  return parts.length ? parts.join(', ') : null;
}

function parseBody(request: IncomingMessage, body: string): Record<string, string | undefined> {
  const type = headerValue(request, 'content-type') ?? '';
  if (type.startsWith('application/json')) {
    try {
      const json = JSON.parse(body) as unknown;
      if (typeof json !== 'object' || json === null) return {};
      return Object.fromEntries(
        Object.entries(json).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
      );
    } catch {
      throw new HttpError(400, 'Error while parsing request body');
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function parseVisibility(value: string | undefined): StubStatus['visibility'] {
  if (value === undefined || value === '') return 'public';
  if (value === 'public' || value === 'unlisted' || value === 'private' || value === 'direct') return value;
  throw new HttpError(422, 'Validation failed: Visibility is not included in the list');
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Mastodon's `StatusLengthValidator`: grapheme clusters, each http(s) URL counting 23. */
function countCharacters(text: string): number {
  return [...segmenter.segment(text.replace(/https?:\/\/\S+/gi, 'x'.repeat(URL_CHARACTERS)))].length;
}

/** Mastodon's plain-text formatter: paragraphs, line breaks and linked URLs. */
function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const linkify = (s: string) =>
    s.replace(
      /https?:\/\/[^\s<]+/g,
      (href) => `<a href="${href}" rel="nofollow noopener" target="_blank">${href}</a>`,
    );
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${linkify(escape(paragraph)).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

function htmlToSource(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
