const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// Browsers ignore these characters inside a URL scheme, so "java\tscript:" still runs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here.
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f]/g;

/** True for relative URLs and http(s)/mailto ones; false for `javascript:`, `data:` and the like. */
export function isSafeUrl(value: string): boolean {
  const scheme = SCHEME.exec(value.replace(IGNORED_IN_SCHEME, ''))?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** The URL if it is an absolute http(s) URL, for links and images built from third-party fields. */
export function safeHttpUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
