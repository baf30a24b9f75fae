/**
 * Every admin-API route the web app calls, in one table. The client only calls routes listed
 * here, so `openapi.spec.ts` can check the whole table against the server's committed spec.
 * Paths use OpenAPI's `{param}` syntax.
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

export const ENDPOINTS = {
  setup: { method: 'GET', path: '/api/setup' },
  session: { method: 'GET', path: '/api/auth/session' },
  login: { method: 'POST', path: '/api/auth/login' },
  logout: { method: 'POST', path: '/api/auth/logout' },
  listInteractions: { method: 'GET', path: '/api/admin/interactions' },
  getInteraction: { method: 'GET', path: '/api/admin/interactions/{id}' },
  setStatus: { method: 'PATCH', path: '/api/admin/interactions/{id}' },
  bulkStatus: { method: 'POST', path: '/api/admin/interactions/bulk' },
  deleteInteraction: { method: 'DELETE', path: '/api/admin/interactions/{id}' },
  postInteractions: { method: 'GET', path: '/api/interactions' },
  listPosts: { method: 'GET', path: '/api/admin/posts' },
  savePost: { method: 'POST', path: '/api/admin/posts' },
  sources: { method: 'GET', path: '/api/admin/sources' },
  getRules: { method: 'GET', path: '/api/admin/rules' },
  putRules: { method: 'PUT', path: '/api/admin/rules' },
  listBlocklist: { method: 'GET', path: '/api/admin/blocklist' },
  addBlocklist: { method: 'POST', path: '/api/admin/blocklist' },
  removeBlocklist: { method: 'DELETE', path: '/api/admin/blocklist/{id}' },
  pushKey: { method: 'GET', path: '/api/admin/push/key' },
  listPushSubscriptions: { method: 'GET', path: '/api/admin/push/subscriptions' },
  addPushSubscription: { method: 'POST', path: '/api/admin/push/subscriptions' },
  removePushSubscription: { method: 'DELETE', path: '/api/admin/push/subscriptions' },
  getNotifications: { method: 'GET', path: '/api/admin/notifications' },
  putNotifications: { method: 'PUT', path: '/api/admin/notifications' },
  events: { method: 'GET', path: '/api/admin/events' },
  export: { method: 'GET', path: '/api/admin/export' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** Fills `{param}` placeholders; values are URI-encoded. */
export function endpointPath(name: EndpointName, params: Record<string, string | number> = {}): string {
  return ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Missing path parameter "${key}" for ${name}`);
    return encodeURIComponent(String(value));
  });
}
