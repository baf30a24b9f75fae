import {
  INTERACTION_STATUSES,
  type AdminInteraction,
  type AdminInteractionPage,
  type InteractionStatus,
  type PostInteractionsResponse,
} from '@chorus/shared';
import { ApiError } from './api-error';
import type {
  AutoApproveRule,
  BlocklistEntry,
  ExportFormat,
  InteractionFilters,
  NewBlocklistEntry,
  NotificationSettings,
  PostRecord,
  PushSubscriptionRecord,
  SavePostRequest,
  SetupInfo,
  SourceStatus,
} from './api-types';
import { endpointPath, ENDPOINTS, type EndpointName } from './endpoints';

type Query = Record<string, string | number | undefined>;

const VISIBLE_STATUSES = INTERACTION_STATUSES.filter((status) => status !== 'deleted').join(',');

interface RequestOptions {
  params?: Record<string, string | number>;
  query?: Query;
  body?: unknown;
}

export interface ApiClientOptions {
  /** Origin to call; empty means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called on every 401, so the app can show the login screen. */
  onUnauthorized?: () => void;
}

/** The typed client for the admin API (API.md "Admin HTTP endpoints"), cookie-authenticated. */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly onUnauthorized: () => void;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.onUnauthorized = options.onUnauthorized ?? (() => undefined);
  }

  /** The URL of a route, for links and `EventSource`. */
  url(name: EndpointName, query: Query = {}, params: Record<string, string | number> = {}): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const qs = search.toString();
    return `${this.baseUrl}${endpointPath(name, params)}${qs ? `?${qs}` : ''}`;
  }

  setup(): Promise<SetupInfo> {
    return this.request('setup');
  }

  async isAuthenticated(): Promise<boolean> {
    const response = await this.send('session', {});
    return response.ok;
  }

  login(password: string): Promise<void> {
    return this.request('login', { body: { password } });
  }

  logout(): Promise<void> {
    return this.request('logout');
  }

  /** An empty status means every status except deleted (deleted ones show only when asked for). */
  listInteractions(
    filters: Partial<InteractionFilters>,
    cursor?: string | null,
    limit = 30,
  ): Promise<AdminInteractionPage> {
    const status = filters.status || VISIBLE_STATUSES;
    return this.request('listInteractions', {
      query: { ...filters, status, cursor: cursor ?? undefined, limit },
    });
  }

  getInteraction(id: number): Promise<AdminInteraction> {
    return this.request('getInteraction', { params: { id } });
  }

  setStatus(id: number, status: InteractionStatus): Promise<AdminInteraction> {
    return this.request('setStatus', { params: { id }, body: { status } });
  }

  bulkStatus(ids: number[], status: InteractionStatus): Promise<unknown> {
    return this.request('bulkStatus', { body: { ids, status } });
  }

  deleteInteraction(id: number): Promise<void> {
    return this.request('deleteInteraction', { params: { id } });
  }

  postInteractions(url: string): Promise<PostInteractionsResponse> {
    return this.request('postInteractions', { query: { url } });
  }

  async listPosts(): Promise<PostRecord[]> {
    const body = await this.request<{ items: PostRecord[] }>('listPosts', { query: { limit: 1000 } });
    return body.items;
  }

  savePost(post: SavePostRequest): Promise<PostRecord> {
    return this.request('savePost', { body: post });
  }

  async sources(): Promise<SourceStatus[]> {
    const body = await this.request<{ sources: SourceStatus[] }>('sources');
    return body.sources;
  }

  async getRules(): Promise<AutoApproveRule[]> {
    const body = await this.request<{ rules: AutoApproveRule[] }>('getRules');
    return body.rules;
  }

  async putRules(rules: AutoApproveRule[]): Promise<AutoApproveRule[]> {
    // Only the rule's own fields go back; absent (not null) means "matches anything".
    const sent = rules.map(
      ({ source, kind, author, note }) =>
        JSON.parse(
          JSON.stringify({
            source: source ?? undefined,
            kind: kind ?? undefined,
            author: author ?? undefined,
            note: note ?? undefined,
          }),
        ) as AutoApproveRule,
    );
    const body = await this.request<{ rules: AutoApproveRule[] }>('putRules', { body: { rules: sent } });
    return body.rules;
  }

  async listBlocklist(): Promise<BlocklistEntry[]> {
    const body = await this.request<{ items: BlocklistEntry[] }>('listBlocklist');
    return body.items;
  }

  addBlocklist(entry: NewBlocklistEntry): Promise<BlocklistEntry> {
    return this.request('addBlocklist', { body: entry });
  }

  removeBlocklist(id: number): Promise<void> {
    return this.request('removeBlocklist', { params: { id } });
  }

  async pushKey(): Promise<string> {
    const body = await this.request<{ publicKey: string }>('pushKey');
    return body.publicKey;
  }

  async listPushSubscriptions(): Promise<PushSubscriptionRecord[]> {
    const body = await this.request<{ items: PushSubscriptionRecord[] }>('listPushSubscriptions');
    return body.items;
  }

  addPushSubscription(subscription: PushSubscriptionJSON): Promise<void> {
    return this.request('addPushSubscription', { body: subscription });
  }

  removePushSubscription(endpoint: string): Promise<void> {
    return this.request('removePushSubscription', { body: { endpoint } });
  }

  getNotifications(): Promise<NotificationSettings> {
    return this.request('getNotifications');
  }

  putNotifications(settings: NotificationSettings): Promise<NotificationSettings> {
    return this.request('putNotifications', { body: settings });
  }

  exportUrl(format: ExportFormat): string {
    return this.url('export', { format });
  }

  private async request<T>(name: EndpointName, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(name, options);
    if (!response.ok) throw await toApiError(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(name: EndpointName, { params, query, body }: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetchImpl(this.url(name, query, params), {
      method: ENDPOINTS[name].method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && name !== 'login' && name !== 'session') this.onUnauthorized();
    return response;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    const message =
      typeof body.message === 'string' ? body.message : `The server answered ${response.status}.`;
    return new ApiError(response.status, typeof body.error === 'string' ? body.error : 'http_error', message);
  } catch {
    return new ApiError(response.status, 'http_error', `The server answered ${response.status}.`);
  }
}
