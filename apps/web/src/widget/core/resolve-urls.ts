/** Where the widget's post and hub come from, decided once when an element mounts. */

export interface PostUrlInputs {
  /** The element's `url` attribute, if any. */
  attribute: string | null;
  /** `href` of the page's `<link rel="canonical">`, if any. */
  canonicalHref: string | null;
  /** The page's own address (`location.href`). */
  location: string;
}

/** The `url` attribute, else the canonical link, else the location without query and hash. */
export function resolvePostUrl({ attribute, canonicalHref, location }: PostUrlInputs): string {
  const explicit = absoluteHttpUrl(attribute, location) ?? absoluteHttpUrl(canonicalHref, location);
  if (explicit) return explicit;
  const page = new URL(location);
  page.search = '';
  page.hash = '';
  return page.href;
}

export interface HubUrlInputs {
  /** The element's `hub` attribute, if any. */
  attribute: string | null;
  /** `src` of the widget's own script, captured at load (`document.currentScript`). */
  scriptSrc: string | null;
  location: string;
}

/**
 * The hub's base URL, always ending in `/`: the `hub` attribute (which may carry a path, for hubs
 * behind a path prefix), else the origin the widget script was loaded from.
 */
export function resolveHubUrl({ attribute, scriptSrc, location }: HubUrlInputs): string | null {
  const explicit = absoluteHttpUrl(attribute, location);
  if (explicit) return explicit.endsWith('/') ? explicit : `${explicit}/`;
  const script = absoluteHttpUrl(scriptSrc, location);
  return script ? `${new URL(script).origin}/` : null;
}

/** `value` as an absolute http(s) URL, or null when it is empty, malformed or another scheme. */
export function absoluteHttpUrl(value: string | null | undefined, base?: string): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
