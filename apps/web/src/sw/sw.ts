/// <reference lib="webworker" />
/**
 * The inbox's service worker, served as `/sw.js` (scope `/`): an offline shell, Web Push
 * notifications, and opening the right item when a notification is tapped.
 */
declare const self: ServiceWorkerGlobalScope;

const CACHE = 'chorus-shell-v1';
const SHELL_FILES = ['/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];

/** What the hub sends (apps/api/src/notifications/push-message.ts). */
interface PushPayload {
  title: string;
  body: string;
  /** The inbox route of the item, `/inbox/<id>`. */
  url: string;
  tag?: string;
}

/** The server answers index.html for app paths only when HTML is asked for, as a browser navigation does. */
const fetchShell = () => fetch('/', { headers: { accept: 'text/html' }, cache: 'no-store' });

/** Caches index.html and the hashed bundles it references, so the shell works offline after the first visit. */
async function cacheShell(): Promise<void> {
  const cache = await caches.open(CACHE);
  const index = await fetchShell();
  if (!index.ok) throw new Error(`index.html answered ${index.status}`);
  const html = await index.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
  await cache.addAll([...SHELL_FILES, ...assets]);
  await cache.put('/', index);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function networkFirstShell(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    // Only the root is known to be the app shell; other paths may be server pages.
    if (response.ok && new URL(request.url).pathname === '/') await (await caches.open(CACHE)).put('/', response.clone());
    return response;
  } catch {
    return (await caches.match('/')) ?? Response.error();
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // API calls, events and other origins always go to the network.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(networkFirstShell(request));
  else if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')) event.respondWith(cacheFirst(request));
});

function readPayload(data: PushMessageData | null): PushPayload {
  try {
    const payload = data?.json() as Partial<PushPayload> | undefined;
    return {
      title: payload?.title ?? 'Chorus',
      body: payload?.body ?? 'Something new is waiting in your inbox.',
      url: payload?.url ?? '/',
      tag: payload?.tag,
    };
  } catch {
    return { title: 'Chorus', body: data?.text() ?? 'Something new is waiting in your inbox.', url: '/' };
  }
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event.data);
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body,
      tag: payload.tag,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url: payload.url },
    }),
  );
});

/** Only same-origin paths are opened, whatever the payload says. */
function targetUrl(data: unknown): string {
  const raw = (data as { url?: unknown } | null)?.url;
  const url = new URL(typeof raw === 'string' ? raw : '/', self.location.origin);
  return url.origin === self.location.origin ? url.href : self.location.origin;
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = targetUrl(event.notification.data);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(url);
      } else {
        await self.clients.openWindow(url);
      }
    })(),
  );
});

export {};
