import type RssParser from 'rss-parser';
import { isSamePost } from '@chorus/shared';
import { scanHtml } from '../webmention/html-scan';

/** What the announcing toot says about a post, read from its page. */
export interface PostPageSummary {
  /** The URL the page calls canonical (`og:url`) when it names the same post, else the fetched URL. */
  url: string;
  /** `og:title`, else `<title>`. */
  title: string | null;
  /** `og:description`, else `<meta name="description">`. */
  description: string | null;
}

export function summarizePostPage(html: string, pageUrl: string): PostPageSummary {
  const scan = scanHtml(html, pageUrl);
  const pick = (...keys: string[]): string | null =>
    keys.map((key) => scan.meta.get(key)?.trim()).find(Boolean) ?? null;
  const canonical = pick('og:url');
  return {
    url: canonical && isSamePost(canonical, pageUrl) ? canonical : withoutFragment(pageUrl),
    title: pick('og:title') ?? scan.title,
    description: pick('og:description', 'description'),
  };
}

/** An existing post named by a sitemap or a feed. */
export interface ListedPost {
  url: string;
  title: string | null;
}

/** A sitemap's page URLs, or, for a sitemap index, the URLs of its child sitemaps. */
export interface SitemapContents {
  kind: 'urlset' | 'index';
  locations: string[];
}

/** Thrown when a document is not the sitemap or feed it should be. */
export class InvalidListingError extends Error {
  override readonly name = 'InvalidListingError';
}

const LOC = /<(?:[\w-]+:)?loc\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?loc>/gi;

/**
 * The `<loc>` values of a sitemaps.org document. Sitemaps are flat and their URLs must be
 * entity-escaped, so a scan for `<loc>` is exact and never builds a tree from untrusted XML.
 */
export function parseSitemap(xml: string): SitemapContents {
  const root = /<(?:[\w-]+:)?(urlset|sitemapindex)\b/i.exec(xml)?.[1]?.toLowerCase();
  if (!root) throw new InvalidListingError('The document has no <urlset> or <sitemapindex>: it is not a sitemap.');
  const locations = [...xml.matchAll(LOC)]
    .map((match) => decodeXmlText(match[1] ?? ''))
    .filter((url) => /^https?:\/\//i.test(url));
  return { kind: root === 'sitemapindex' ? 'index' : 'urlset', locations: [...new Set(locations)] };
}

/** The entries of an RSS or Atom feed: each item's link and title. */
export async function parseFeed(xml: string, feedUrl: string): Promise<ListedPost[]> {
  let feed: RssParser.Output<Record<string, unknown>>;
  try {
    const { default: Parser } = await import('rss-parser'); // loaded on first use: only feed imports need it
    feed = await new Parser().parseString(xml);
  } catch (error) {
    throw new InvalidListingError(`The document is not an RSS or Atom feed: ${(error as Error).message}`);
  }
  return feed.items.flatMap((item) => {
    const url = absoluteHttpUrl(item.link ?? item.guid ?? '', feedUrl);
    return url ? [{ url, title: item.title?.trim() || null }] : [];
  });
}

function decodeXmlText(text: string): string {
  return text
    .replace(/^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/, '$1')
    .trim()
    .replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (entity: string, name: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return named[name.toLowerCase()] ?? entity;
    });
}

function absoluteHttpUrl(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}
