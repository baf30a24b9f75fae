import { describe, expect, it } from 'vitest';
import { InvalidListingError, parseFeed, parseSitemap, summarizePostPage } from './post-pages';

const PAGE = 'https://blog.example/2026/11/hello?utm_source=feed#comments';

describe(summarizePostPage.name, () => {
  it('should prefer OpenGraph title, description and canonical URL when the page has them', () => {
    // Arrange
    const html = `<html><head><title>Hello | My Blog</title>
      <meta property="og:title" content="Hello, world">
      <meta property="og:description" content="A first post.">
      <meta name="description" content="Plain description">
      <meta property="og:url" content="https://www.blog.example/2026/11/hello/"></head><body></body></html>`;

    // Act
    const summary = summarizePostPage(html, PAGE);

    // Assert
    expect(summary).toEqual({ url: 'https://www.blog.example/2026/11/hello/', title: 'Hello, world', description: 'A first post.' });
  });

  it('should fall back to <title>, meta description and the fetched URL without fragment when OpenGraph is missing', () => {
    const html = `<title> Hello &amp; welcome </title><meta name="description" content="Plain description">`;

    const summary = summarizePostPage(html, PAGE);

    expect(summary).toEqual({ url: 'https://blog.example/2026/11/hello?utm_source=feed', title: 'Hello & welcome', description: 'Plain description' });
  });

  it('should ignore an og:url that names another page', () => {
    const html = `<meta property="og:url" content="https://blog.example/">`;

    expect(summarizePostPage(html, 'https://blog.example/a').url).toBe('https://blog.example/a');
  });
});

describe(parseSitemap.name, () => {
  it('should list every page URL of a urlset, decoding entities and CDATA', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://blog.example/a?x=1&amp;y=2</loc><lastmod>2026-01-01</lastmod></url>
      <url><loc> <![CDATA[https://blog.example/b]]> </loc></url>
      <url><loc>https://blog.example/a?x=1&amp;y=2</loc></url>
      <url><loc>javascript:alert(1)</loc></url></urlset>`;

    expect(parseSitemap(xml)).toEqual({ kind: 'urlset', locations: ['https://blog.example/a?x=1&y=2', 'https://blog.example/b'] });
  });

  it('should list child sitemaps when the document is a sitemap index', () => {
    const xml = `<sitemapindex><sitemap><loc>https://blog.example/posts.xml</loc></sitemap></sitemapindex>`;

    expect(parseSitemap(xml)).toEqual({ kind: 'index', locations: ['https://blog.example/posts.xml'] });
  });

  it('should throw InvalidListingError when the document is not a sitemap', () => {
    expect(() => parseSitemap('<html><body>nope</body></html>')).toThrow(InvalidListingError);
  });
});

describe(parseFeed.name, () => {
  it('should read links and titles of RSS items, resolving relative links against the feed URL', async () => {
    const xml = `<rss version="2.0"><channel><title>Blog</title>
      <item><title>First &amp; best</title><link>/2026/first</link></item>
      <item><title>Second</title><link>https://blog.example/2026/second</link></item></channel></rss>`;

    const posts = await parseFeed(xml, 'https://blog.example/feed.xml');

    expect(posts).toEqual([
      { url: 'https://blog.example/2026/first', title: 'First & best' },
      { url: 'https://blog.example/2026/second', title: 'Second' },
    ]);
  });

  it('should read Atom entries', async () => {
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
      <entry><title>Atom post</title><link href="https://blog.example/atom-post"/><id>urn:1</id></entry></feed>`;

    expect(await parseFeed(xml, 'https://blog.example/atom.xml')).toEqual([{ url: 'https://blog.example/atom-post', title: 'Atom post' }]);
  });

  it('should reject with InvalidListingError when the document is not a feed', async () => {
    await expect(parseFeed('<html><body>hi</body></html>', 'https://blog.example/')).rejects.toThrow(InvalidListingError);
  });
});
