import { isSamePost, postKeyHost } from '@chorus/shared';

export type RefusalCode = 'missing_parameter' | 'invalid_url' | 'unsupported_scheme' | 'same_url' | 'target_not_accepted' | 'blocked_source';

/** Why a webmention is refused in the request, which parameter is at fault, and how the sender fixes it. */
export interface Refusal {
  code: RefusalCode;
  parameter: 'source' | 'target' | null;
  message: string;
}

export interface RequestRules {
  /** CHORUS_TARGET_DOMAINS: hosts whose pages may receive interactions. */
  targetDomains: readonly string[];
  isBlockedSource(url: string): boolean;
}

/** Longer URLs are refused as invalid: no page a person links to needs more. */
export const MAX_URL_LENGTH = 4096;

/**
 * The cheap checks of W3C Webmention 3.2.1, done in the request before anything is queued:
 * both URLs present, absolute, http(s), not the same page; the target on one of the owner's hosts;
 * the source not blocklisted. Returns the trimmed URLs, or the first refusal.
 */
export function checkRequest(input: { source: unknown; target: unknown }, rules: RequestRules): { source: string; target: string } | Refusal {
  const source = readUrl('source', input.source);
  if ('code' in source) return source;
  const target = readUrl('target', input.target);
  if ('code' in target) return target;
  if (isSamePost(source.href, target.href)) {
    return { code: 'same_url', parameter: 'target', message: 'source and target are the same page: source must be your page that links to target.' };
  }
  const targetHost = postKeyHost(target.href);
  if (!rules.targetDomains.some((domain) => postKeyHost(domain) === targetHost)) {
    return {
      code: 'target_not_accepted',
      parameter: 'target',
      message: `This hub does not receive webmentions for pages on ${target.hostname}; send them to the endpoint that page advertises.`,
    };
  }
  if (rules.isBlockedSource(source.href)) {
    return { code: 'blocked_source', parameter: 'source', message: `Webmentions from ${source.hostname} are not accepted by this site.` };
  }
  return { source: String(input.source).trim(), target: String(input.target).trim() };
}

function readUrl(name: 'source' | 'target', value: unknown): URL | Refusal {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    return { code: 'missing_parameter', parameter: name, message: `The ${name} parameter is missing: send source=<the URL of your page> and target=<the URL it links to>.` };
  }
  if (typeof value !== 'string') {
    return { code: 'invalid_url', parameter: name, message: `${name} must be one URL, sent once.` };
  }
  const text = value.trim();
  if (text.length > MAX_URL_LENGTH) {
    return { code: 'invalid_url', parameter: name, message: `${name} is longer than ${MAX_URL_LENGTH} characters; send the page's plain address.` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { code: 'invalid_url', parameter: name, message: `${name}=${JSON.stringify(shorten(text))} is not an absolute URL; send the full address, e.g. https://example.com/page.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { code: 'unsupported_scheme', parameter: name, message: `${name} is a ${url.protocol} URL; only http and https URLs can be verified.` };
  }
  return url;
}

function shorten(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
