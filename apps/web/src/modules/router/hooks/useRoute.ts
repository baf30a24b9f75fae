import { useSyncExternalStore } from 'react';
import { parseRoute, routeHref, type Route } from '../utils/routes';

const listeners = new Set<() => void>();
let current: { key: string; route: Route } | null = null;

function snapshot(): Route {
  const key = location.pathname + location.search;
  if (current?.key !== key) current = { key, route: parseRoute(location.pathname, location.search) };
  return current.route;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  for (const listener of listeners) listener();
}

/** The current screen, following `pushState` navigation and the back button. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
