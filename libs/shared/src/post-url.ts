/**
 * Lenient post matching (API.md "Posts are matched leniently"): two URLs name the same post when
 * they differ only in scheme, a leading `www.`, a trailing slash, the fragment, a default port or
 * `utm_*` parameters. `postKey` maps every such variant to one comparable string.
 */
export function postKey(input: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  const params = [...url.searchParams].filter(([name]) => !name.toLowerCase().startsWith('utm_'));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
}

/** The host part of a post key, for `domain=` lookups. */
export function postKeyHost(input: string): string | null {
  const key = postKey(input.includes('://') ? input : `https://${input}`);
  return key === null ? null : key.split('/')[0]!.replace(/:\d+$/, '');
}

export function isSamePost(a: string, b: string): boolean {
  const key = postKey(a);
  return key !== null && key === postKey(b);
}
