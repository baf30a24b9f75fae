/** The app's few screens, addressed by History API paths (the server serves index.html for them). */
export type Route =
  | { name: 'inbox' }
  | { name: 'interaction'; id: number }
  | { name: 'post'; url: string }
  | { name: 'settings' }
  | { name: 'notFound' };

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/inbox') return { name: 'inbox' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/posts') {
    const url = new URLSearchParams(search).get('url');
    return url ? { name: 'post', url } : { name: 'notFound' };
  }
  const interaction = /^\/inbox\/(\d+)$/.exec(path);
  if (interaction) return { name: 'interaction', id: Number(interaction[1]) };
  return { name: 'notFound' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'inbox':
    case 'notFound':
      return '/';
    case 'interaction':
      return `/inbox/${route.id}`;
    case 'post':
      return `/posts?${new URLSearchParams({ url: route.url }).toString()}`;
    case 'settings':
      return '/settings';
  }
}
