import { FetchFailure, InvalidListingError, parseFeed, parseSitemap, SafeFetcher, type ListedPost, type SitemapContents } from '@chorus/adapters';
import { postKey, postKeyHost } from '@chorus/shared';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { badRequest, ChorusException } from '../common/chorus.exception';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { PostsService } from '../interactions/posts.service';
import { safeFetcherOptions } from '../http/safe-fetcher.provider';

const XML_TYPES = ['application/xml', 'text/xml', 'application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'text/plain'];
/** A sitemap index is followed one level deep, to at most this many child sitemaps. */
const MAX_CHILD_SITEMAPS = 50;
const MAX_POSTS = 10_000;

export interface ImportRequest {
  sitemapUrl?: string;
  feedUrl?: string;
  ignored?: boolean;
}

export interface ImportReport {
  registered: number;
  skipped: number;
  posts: { url: string; title: string | null; ignored: boolean }[];
}

/**
 * Registers the owner's existing posts from a sitemap or an RSS/Atom feed, by default as ignored
 * so that old posts never toot on their first visit. Only URLs on CHORUS_TARGET_DOMAINS (and
 * matching CHORUS_POST_PATTERN when set) count; posts Chorus already knows are left as they are.
 */
@Injectable()
export class PostImportService implements OnApplicationShutdown {
  private readonly logger = new Logger(PostImportService.name);
  /** Like the hub's fetcher, but it accepts sitemaps and feeds. */
  private readonly fetcher: SafeFetcher;

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly posts: PostsService,
  ) {
    this.fetcher = new SafeFetcher({ ...safeFetcherOptions(config), acceptedTypes: XML_TYPES });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.fetcher.close();
  }

  async import(request: ImportRequest): Promise<ImportReport> {
    if ((request.sitemapUrl === undefined) === (request.feedUrl === undefined)) {
      throw badRequest('invalid_parameter', 'Give exactly one of sitemapUrl or feedUrl.');
    }
    if (!this.config.targetDomains.length) {
      throw badRequest('target_domains_not_set', 'No post can be registered: set CHORUS_TARGET_DOMAINS to the host names of your site.');
    }
    const listed = request.sitemapUrl !== undefined ? await this.fromSitemap(request.sitemapUrl) : await this.fromFeed(request.feedUrl!);
    const ignored = request.ignored ?? true;
    const report: ImportReport = { registered: 0, skipped: 0, posts: [] };
    const seen = new Set<string>();
    for (const entry of listed.slice(0, MAX_POSTS)) {
      const key = postKey(entry.url);
      if (key === null || seen.has(key)) continue;
      seen.add(key);
      const refusal = this.refusal(entry.url) ?? ((await this.posts.find(entry.url)) ? 'already registered' : null);
      if (refusal) {
        this.logger.debug(`import skipped ${entry.url}: ${refusal}`);
        report.skipped++;
        continue;
      }
      const post = await this.posts.ensure(entry.url, { title: entry.title, ignored });
      report.registered++;
      report.posts.push({ url: post.url, title: post.title, ignored: post.ignored });
    }
    this.logger.log(`imported ${report.registered} post(s), skipped ${report.skipped}`);
    return report;
  }

  private refusal(url: string): string | null {
    const host = postKeyHost(url);
    if (!host || !this.config.targetDomains.some((domain) => postKeyHost(domain) === host)) return 'host not in CHORUS_TARGET_DOMAINS';
    if (this.config.postPattern && !this.config.postPattern.test(url)) return 'does not match CHORUS_POST_PATTERN';
    return null;
  }

  private async fromSitemap(url: string): Promise<ListedPost[]> {
    const sitemap = await this.sitemapAt(url);
    const pageUrls =
      sitemap.kind === 'urlset'
        ? sitemap.locations
        : (await Promise.all(sitemap.locations.slice(0, MAX_CHILD_SITEMAPS).map((child) => this.sitemapAt(child))))
            .filter((nested) => nested.kind === 'urlset')
            .flatMap((nested) => nested.locations);
    return pageUrls.map((pageUrl) => ({ url: pageUrl, title: null }));
  }

  private async sitemapAt(url: string): Promise<SitemapContents> {
    const xml = await this.fetch(url);
    try {
      return parseSitemap(xml);
    } catch (error) {
      if (!(error instanceof InvalidListingError)) throw error;
      throw badRequest('invalid_sitemap', `${url} is not a sitemap: ${error.message}`);
    }
  }

  private async fromFeed(url: string): Promise<ListedPost[]> {
    const xml = await this.fetch(url);
    try {
      return await parseFeed(xml, url);
    } catch (error) {
      if (!(error instanceof InvalidListingError)) throw error;
      throw badRequest('invalid_feed', `${url} is not an RSS or Atom feed (${error.message}).`);
    }
  }

  private async fetch(url: string): Promise<string> {
    try {
      return (await this.fetcher.fetch(url)).body;
    } catch (error) {
      if (!(error instanceof FetchFailure)) throw error;
      throw new ChorusException(502, 'listing_unreachable', `${url} could not be fetched (${error.code}: ${error.message}).`);
    }
  }
}
