import { contentFromText, parsePublished } from './content';
import type { HtmlScan } from './html-scan';
import { httpUrl } from './mf2';
import type { InteractionFields } from './webmention.types';

/**
 * A mention built from what a page without a usable h-entry still says about itself:
 * OpenGraph, Twitter-card and plain `<meta>` data, and its `<title>`.
 */
export function metaFields(scan: HtmlScan, source: string): InteractionFields {
  const pick = (...keys: string[]): string | null =>
    keys.map((key) => scan.meta.get(key)?.trim()).find(Boolean) ?? null;
  const title = pick('og:title', 'twitter:title') ?? scan.title;
  const description = pick('og:description', 'twitter:description', 'description');
  const siteName = pick('og:site_name', 'application-name');
  const authorMeta = pick('author', 'article:author', 'twitter:creator');
  const authorUrl = httpUrl(authorMeta);
  const image = pick('og:image', 'og:image:url', 'twitter:image');
  const published = pick('article:published_time', 'date', 'dc.date');
  return {
    kind: 'mention',
    url: source,
    author: { name: (authorUrl ? null : authorMeta) ?? siteName, url: authorUrl, photo: null },
    content: description ? contentFromText(description, source) : null,
    rsvp: null,
    published: parsePublished(published),
    name: title,
    photo: httpUrl(image, scan.baseUrl),
    raw: { format: 'meta', title, description, siteName, author: authorMeta, image, published },
  };
}
