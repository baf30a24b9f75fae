import { postKey } from '@chorus/shared';
import { parseContentType } from '../http/decode-body';
import type { FetchedDocument } from '../http/safe-fetcher.types';
import { scanHtml } from './html-scan';

export type SourceFormat = 'html' | 'json' | 'text' | 'other';

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;
const MAX_JSON_VALUES = 100_000;

/** How a fetched source is read for links (W3C Webmention 3.2.2). */
export function sourceFormat(contentType: string): SourceFormat {
  const { mediaType } = parseContentType(contentType);
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType === 'text/plain') return 'text';
  return 'other';
}

/**
 * Every link in a source document, absolute. HTML: each `href`/`src`/`cite`/`poster` resolved
 * against the document's base URL (`<base>` included). JSON: every string value that is an
 * absolute http(s) URL. Plain text: every http(s) URL in the text.
 */
export function findLinks(document: FetchedDocument): string[] {
  switch (sourceFormat(document.contentType)) {
    case 'html':
      return scanHtml(document.body, document.url).links;
    case 'json':
      return linksInJson(document.body);
    case 'text':
      return linksInText(document.body);
    case 'other':
      return [];
  }
}

/** True when one of the links names the target under the lenient post rule (`isSamePost`). */
export function linksToTarget(links: readonly string[], target: string): boolean {
  const targetKey = postKey(target);
  return targetKey !== null && links.some((link) => postKey(link) === targetKey);
}

export function linksInText(text: string): string[] {
  return Array.from(text.matchAll(URL_IN_TEXT), ([url]) => url.replace(TRAILING_PUNCTUATION, ''));
}

/** String values that are absolute http(s) URLs, found without recursion (hostile nesting is cheap). */
export function linksInJson(body: string): string[] {
  let stack: unknown[];
  try {
    stack = [JSON.parse(body)];
  } catch {
    return [];
  }
  const links: string[] = [];
  for (let seen = 0; stack.length > 0 && seen < MAX_JSON_VALUES; seen += 1) {
    const value = stack.pop();
    if (typeof value === 'string' && /^https?:\/\//i.test(value)) links.push(value);
    else if (Array.isArray(value)) pushReversed(stack, value as unknown[]);
    else if (value !== null && typeof value === 'object') pushReversed(stack, Object.values(value));
  }
  return links;
}

// A loop, not push(...items): spreading a huge array overflows the argument limit.
function pushReversed(stack: unknown[], items: readonly unknown[]): void {
  for (let index = items.length - 1; index >= 0; index -= 1) stack.push(items[index]);
}
