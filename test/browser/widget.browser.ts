/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the browser, so this file also sees the DOM's types.
import type { AdminInteraction } from '@chorus/shared';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mf2 } from 'microformats-parser';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startMastodonStub, type MastodonStub } from '../support/mastodon-stub';
import { startServer, type RunningServer } from '../support/server';

/** A 1×1 PNG, so avatars load from loopback and never from the internet. */
const AVATAR_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const HOST_CSS = 'body{font:16px/1.4 serif;color:rgb(20,30,40)} h2{color:rgb(200,0,0)} p{margin:7px} a{color:rgb(0,0,200)} li{margin:3px} img{border:2px solid rgb(1,2,3)}';
const HOSTILE_CSS = 'body *{display:none !important} img{width:1px !important;height:1px !important} a{color:rgb(255,0,0) !important} li{margin:50px !important}';

interface PageOptions {
  csp?: string;
  stylesheet?: 'host' | 'hostile';
  /** Leave the widget script out, so a test can add it later. */
  withoutScript?: boolean;
  /** Push the widget far below the fold (lazy loading). */
  belowTheFold?: boolean;
  lang?: string;
  /** The widget's own `lang` attribute. */
  widgetLang?: string;
}

/** The owner's static site: post pages that embed the widget, and readers' pages that reply to them. */
class TestSite {
  private server!: Server;
  url = '';
  hub = '';
  readonly pages = new Map<string, PageOptions>();

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', this.url).pathname;
      if (path === '/avatar.png') return void response.writeHead(200, { 'Content-Type': 'image/png' }).end(AVATAR_PNG);
      if (path === '/host.css') return void response.writeHead(200, { 'Content-Type': 'text/css' }).end(HOST_CSS);
      if (path === '/hostile.css') return void response.writeHead(200, { 'Content-Type': 'text/css' }).end(HOSTILE_CSS);
      if (path === '/replies/linking') return void response.writeHead(200, { 'Content-Type': 'text/html' }).end(this.replyPage(true));
      if (path === '/replies/unrelated') return void response.writeHead(200, { 'Content-Type': 'text/html' }).end(this.replyPage(false));
      const options = this.pages.get(path);
      if (!options) return void response.writeHead(404).end('not found');
      const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
      if (options.csp) headers['Content-Security-Policy'] = options.csp.replaceAll('<hub>', this.hub);
      response.writeHead(200, headers).end(this.postPage(options));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  postUrl(slug: string): string {
    return `${this.url}/posts/${slug}`;
  }

  private postPage(options: PageOptions): string {
    const stylesheet = options.stylesheet ? `<link rel="stylesheet" href="/${options.stylesheet}.css">` : '';
    const script = options.withoutScript ? '' : `<script src="${this.hub}/widget.js" async></script>`;
    const spacer = options.belowTheFold ? '<div id="spacer" style="height:4000px"></div>' : '';
    return `<!doctype html><html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8"><title>A post</title>
<meta property="og:title" content="A post"><meta property="og:description" content="Words.">${stylesheet}</head>
<body><h2 id="host-heading">Host heading</h2><p id="host-text">Host text with <a id="host-link" href="/">a link</a>.</p>
<ul id="host-list"><li>one</li></ul><img id="host-image" src="/avatar.png" alt="">${spacer}
<chorus-comments${options.widgetLang ? ` lang="${options.widgetLang}"` : ''}></chorus-comments>${script}</body></html>`;
  }

  private replyPage(linking: boolean): string {
    const target = this.postUrl('hello');
    const body = linking ? `<p class="e-content">Replying to <a class="u-in-reply-to" href="${target}">the post</a>.</p>` : '<p class="e-content">Nothing to see.</p>';
    return `<!doctype html><html><body><article class="h-entry"><a class="p-author h-card" href="${this.url}/">Reader</a>${body}</article></body></html>`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

type MicroformatRoot = ReturnType<typeof mf2>['items'][number];

type SeedItem = Partial<AdminInteraction> & Pick<AdminInteraction, 'id' | 'kind'>;

/** An approved interaction for `POST /api/admin/import` (`id` and `parentId` are references local to the import). */
function seed(post: string, item: SeedItem): AdminInteraction {
  const published = item.published ?? '2026-11-20T10:00:00Z';
  const hasContent = item.kind !== 'like' && item.kind !== 'repost';
  return {
    post,
    source: 'webmention',
    url: `https://reader${item.id}.example/notes/${item.id}`,
    author: { name: `Reader ${item.id}`, url: `https://reader${item.id}.example/`, photo: null, email: null },
    content: hasContent ? { html: `<p>Reply number ${item.id}</p>`, text: `Reply number ${item.id}` } : null,
    rsvp: null,
    published,
    received: published,
    parentId: null,
    status: 'approved',
    sourceUrl: null,
    verification: null,
    postTitle: 'A post',
    updated: published,
    ...item,
  };
}

async function importItems(server: RunningServer, items: AdminInteraction[]): Promise<void> {
  const response = await fetch(`${server.url}/api/admin/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.apiToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

/** What a page's elements look like, to compare before and after the widget arrives. */
function hostStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const properties = ['display', 'color', 'font-family', 'font-size', 'margin-top', 'border-top-width', 'border-top-color', 'line-height', 'list-style-type'];
    const snapshot: Record<string, Record<string, string>> = {};
    for (const selector of ['body', '#host-heading', '#host-text', '#host-link', '#host-list li', '#host-image']) {
      const style = getComputedStyle(document.querySelector(selector)!);
      snapshot[selector] = Object.fromEntries(properties.map((property) => [property, style.getPropertyValue(property)]));
    }
    return snapshot;
  });
}

describe('<chorus-comments> widget', () => {
  const site = new TestSite();
  let mastodon: MastodonStub;
  let hub: RunningServer;
  let hubStopped = false;
  let browser: Browser;

  beforeAll(async () => {
    await site.start();
    mastodon = await startMastodonStub();
    hub = await startServer({
      env: {
        CHORUS_MASTODON_URL: mastodon.url,
        CHORUS_MASTODON_TOKEN: mastodon.token,
        CHORUS_POST_PATTERN: '^https?://127\\.0\\.0\\.1(:\\d+)?/posts/',
        CHORUS_TARGET_DOMAINS: '127.0.0.1',
        CHORUS_ALLOW_PRIVATE_ADDRESSES: 'true',
        CHORUS_VERIFY_DELAY: '0',
        // Reply addresses exist without an SMTP listener (the harness sets CHORUS_SMTP_PORT=0).
        CHORUS_REPLY_DOMAIN: 'hub.example',
      },
    });
    site.hub = hub.url;
    browser = await launchBrowser();

    const hello = site.postUrl('hello');
    const likes = Array.from({ length: 14 }, (_, index) =>
      seed(hello, { id: 100 + index, kind: 'like', source: 'mastodon', author: { name: `Liker ${index + 1}`, url: `https://likers.example/@${index}`, photo: `${site.url}/avatar.png`, email: null } }),
    );
    await importItems(hub, [
      seed(hello, { id: 1, kind: 'reply' }),
      seed(hello, { id: 2, kind: 'reply', parentId: 1, source: 'mastodon', published: '2026-11-20T11:00:00Z' }),
      seed(hello, { id: 3, kind: 'reply', parentId: 2, source: 'email', url: null, published: '2026-11-20T12:00:00Z' }),
      seed(hello, { id: 4, kind: 'reply', published: '2026-11-20T13:00:00Z' }),
      ...likes,
      seed(hello, { id: 200, kind: 'repost', source: 'mastodon', content: null }),
      seed(hello, { id: 201, kind: 'repost', source: 'mastodon', content: null }),
      seed(hello, { id: 300, kind: 'bookmark' }),
      seed(hello, { id: 301, kind: 'mention' }),
    ]);

    const hostile = site.postUrl('hostile');
    const payload = 'window.__xss = true';
    await importItems(hub, [
      seed(hostile, {
        id: 1,
        kind: 'reply',
        url: `javascript:${payload}`,
        author: { name: `<img src=x onerror="${payload}"><script>${payload}</script>`, url: `javascript:${payload}`, photo: `javascript:${payload}`, email: null },
        content: {
          html: `<p>Hi</p><img src=x onerror="${payload}"><script>${payload}</script><a href="javascript:${payload}">link</a><svg><a href="javascript:${payload}"><text>svg</text></a></svg><iframe srcdoc="<script>${payload}</script>"></iframe>`,
          text: 'Hi',
        },
      }),
      seed(hostile, { id: 2, kind: 'like', author: { name: `"><img src=x onerror="${payload}">`, url: null, photo: `${site.url}/avatar.png" onerror="${payload}`, email: null } }),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    if (hub && !hubStopped) await hub.stop();
    await mastodon?.close();
    await site.stop();
  });

  /**
   * A fresh browser context where nothing can leave loopback; Mastodon's remote-interaction page is
   * answered locally. Playwright answers CORS preflights of routed requests itself, so a test of the
   * hub's own CORS answers passes `routed: false` (and loads nothing from outside loopback).
   */
  async function newContext({ routed = true } = {}): Promise<BrowserContext> {
    const context = await browser.newContext();
    if (!routed) return context;
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      if (url.pathname === '/authorize_interaction') return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>authorize</p>' });
      return route.abort();
    });
    return context;
  }

  async function openPost(slug: string, options: PageOptions = {}): Promise<{ page: Page; context: BrowserContext }> {
    site.pages.set(`/posts/${slug}`, options);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(site.postUrl(slug));
    return { page, context };
  }

  it('should render the counts, facepiles and nested thread when a post has responses', async () => {
    // Arrange
    const { page, context } = await openPost('hello');
    const widget = page.locator('chorus-comments');

    // Act
    await widget.locator('.counts').waitFor();

    // Assert
    await expect.poll(() => widget.locator('.counts li').allTextContents()).toEqual(['4 replies', '14 likes', '2 boosts', '1 mention', '1 bookmark']);
    const likes = widget.locator('section.likes');
    expect(await likes.locator('li.face').count()).toBe(11);
    expect(await likes.locator('li.face-more').textContent()).toBe('+3 more');
    expect(await likes.getByRole('img', { name: 'Liker 1', exact: true }).count()).toBe(1);
    expect(await widget.locator('section.reposts li.face').count()).toBe(2);

    const roots = widget.locator('ol.thread > li.reply');
    expect(await roots.count()).toBe(2);
    const deepest = roots.first().locator(':scope > ol.replies > li.reply > ol.replies > li.reply');
    expect(await deepest.locator('.content').textContent()).toBe('Reply number 3');
    expect(await deepest.locator('.badge').textContent()).toBe('email');
    const middle = roots.first().locator(':scope > ol.replies > li.reply').first();
    expect(await middle.locator(':scope > article .badge').textContent()).toBe('Mastodon');
    expect(await middle.locator(':scope > article a.time').getAttribute('href')).toBe('https://reader2.example/notes/2');
    expect(await middle.locator(':scope > article time').getAttribute('datetime')).toBe('2026-11-20T11:00:00.000Z');
    expect(await widget.locator('ul.compact').textContent()).toContain('Reader 300 bookmarked this');
    await context.close();
  });

  it("should offer a mailto link to the post's reply address", async () => {
    const { page, context } = await openPost('hello');

    const link = page.locator('chorus-comments').getByRole('link', { name: 'Reply by email' });
    await link.waitFor({ timeout: 15_000 });

    expect(await link.getAttribute('href')).toMatch(/^mailto:reply\+[^@?]+@[^?\s]+(\?subject=Re%3A%20.+)?$/);
    await context.close();
  });

  it('should speak the language of its lang attribute, or else the document language', async () => {
    // Arrange
    const french = await openPost('hello-fr', { lang: 'de', widgetLang: 'fr' });
    const german = await openPost('hello-de', { lang: 'de' });

    // Act
    await french.page.locator('chorus-comments h2').waitFor();
    await german.page.locator('chorus-comments h2').waitFor();

    // Assert
    expect(await french.page.locator('chorus-comments h2').textContent()).toBe('Réactions');
    expect(await french.page.locator('chorus-comments form.webmention label').textContent()).toBe('URL de votre réponse');
    expect(await german.page.locator('chorus-comments h2').textContent()).toBe('Reaktionen');
    expect(await german.page.locator('chorus-comments .quiet').textContent()).toBe('Noch keine Reaktionen.');
    await french.context.close();
    await german.context.close();
  });

  it('should run no script when responses carry script in their name, content, url or photo', async () => {
    // Arrange
    const { page, context } = await openPost('hostile');
    const widget = page.locator('chorus-comments');

    // Act
    await widget.locator('.counts').waitFor();
    await widget.locator('.content a').click({ timeout: 2000 }).catch(() => undefined);
    await page.waitForTimeout(500);

    // Assert
    expect(await page.evaluate(() => (window as { __xss?: boolean }).__xss)).toBeUndefined();
    const unsafe = await widget.evaluate((element) => {
      const root = element.shadowRoot!;
      return [...root.querySelectorAll('*')].flatMap((node) =>
        [...node.attributes].filter(({ name, value }) => name.startsWith('on') || /^\s*javascript:/i.test(value)).map(({ name }) => `${node.localName}[${name}]`),
      );
    });
    expect(unsafe).toEqual([]);
    expect(await widget.locator('script, iframe').count()).toBe(0);
    expect(await widget.locator('article .author').textContent()).toContain('<img src=x');
    await context.close();
  });

  it("should leave the host page's styles, style sheets and cookies unchanged when it renders", async () => {
    // Arrange
    const { page, context } = await openPost('hello-host', { stylesheet: 'host', withoutScript: true });
    const before = await hostStyles(page);
    const sheetsBefore = await page.evaluate(() => document.styleSheets.length);

    // Act
    await page.addScriptTag({ url: `${hub.url}/widget.js` });
    await page.locator('chorus-comments h2').waitFor();

    // Assert
    expect(await hostStyles(page)).toEqual(before);
    expect(await page.evaluate(() => [document.styleSheets.length, document.adoptedStyleSheets.length, document.cookie])).toEqual([sheetsBefore, 0, '']);
    expect(await page.locator('chorus-comments h2').evaluate((heading) => getComputedStyle(heading).color)).toBe('rgb(20, 30, 40)');
    await context.close();
  });

  it('should stay visible and keep its own styles when the host page has hostile CSS', async () => {
    // Arrange
    const { page, context } = await openPost('hello', { stylesheet: 'hostile' });
    const widget = page.locator('chorus-comments');

    // Act
    await widget.locator('.counts').waitFor({ state: 'attached' });

    // Assert
    expect(await page.locator('#host-text').isVisible()).toBe(false);
    const box = await widget.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(200);
    const face = widget.locator('section.likes img.avatar').first();
    expect(await face.evaluate((image) => getComputedStyle(image).width)).toBe('32px');
    expect(await widget.locator('a.author').first().evaluate((link) => getComputedStyle(link).color)).not.toBe('rgb(255, 0, 0)');
    expect(await widget.locator('li.reply').first().evaluate((item) => getComputedStyle(item).marginLeft)).toBe('0px');
    await context.close();
  });

  it('should render with its styles and report no violation under a strict Content-Security-Policy', async () => {
    // Arrange
    const csp = "default-src 'none'; script-src <hub>; connect-src <hub>; img-src * data:; style-src 'self'; require-trusted-types-for 'script'; trusted-types chorus-comments";
    site.pages.set('/posts/hello', { csp });
    const context = await newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
    });

    // Act
    await page.goto(site.postUrl('hello'));
    const widget = page.locator('chorus-comments');
    await widget.locator('.counts').waitFor();

    // Assert
    expect(await widget.locator('ol.thread .content p').first().textContent()).toBe('Reply number 1');
    expect(await widget.locator('.badge').first().evaluate((badge) => getComputedStyle(badge).borderTopLeftRadius)).not.toBe('0px');
    expect(await widget.locator('ul.counts').evaluate((list) => getComputedStyle(list).display)).toBe('flex');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('should refresh with If-None-Match and keep its content when it is mounted again', async () => {
    // Arrange
    site.pages.set('/posts/hello', {});
    const context = await newContext({ routed: false });
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/interactions?') && request.method() === 'GET') requests.push(request);
    });
    await page.goto(site.postUrl('hello'));
    const widget = page.locator('chorus-comments');
    await widget.locator('.counts').waitFor();
    const etag = await (await requests[0]!.response())!.headerValue('etag');

    // Act
    await page.evaluate(() => {
      const element = document.querySelector('chorus-comments')!;
      element.remove();
      document.body.append(element);
    });
    await expect.poll(() => requests.length).toBe(2);
    await widget.locator('.counts').waitFor();

    // Assert
    expect(etag).toBeTruthy();
    expect(await requests[1]!.headerValue('if-none-match')).toBe(etag);
    expect((await requests[1]!.response())!.status()).toBe(304);
    expect(await widget.locator('ol.thread > li.reply').count()).toBe(2);
    await context.close();
  });

  it("should open the reader's own Mastodon server for the post's toot and remember it", async () => {
    // Arrange
    const { page, context } = await openPost('toot-me');
    const widget = page.locator('chorus-comments');
    const instance = widget.getByLabel('Your Mastodon server');
    await instance.waitFor({ timeout: 15_000 });

    // Act
    await instance.fill('@me@Social.Reader.Example');
    const [popup] = await Promise.all([context.waitForEvent('page'), widget.getByRole('button', { name: 'Reply on Mastodon' }).click()]);
    await popup.waitForLoadState();

    // Assert
    const opened = new URL(popup.url());
    expect(opened.origin + opened.pathname).toBe('https://social.reader.example/authorize_interaction');
    const tootUrl = opened.searchParams.get('uri')!;
    expect(tootUrl).toMatch(new RegExp(`^${mastodon.url}/@${mastodon.owner.acct}/\\w+$`));

    await page.reload();
    await widget.getByLabel('Your Mastodon server').waitFor({ timeout: 15_000 });
    expect(await widget.getByLabel('Your Mastodon server').inputValue()).toBe('social.reader.example');
    const [again] = await Promise.all([context.waitForEvent('page'), widget.getByRole('button', { name: 'Reply on Mastodon' }).click()]);
    expect(new URL(again.url()).searchParams.get('uri')).toBe(tootUrl);
    const tootsForPost = [...mastodon.statuses.values()].filter((status) => status.text.includes(site.postUrl('toot-me')));
    expect(tootsForPost).toHaveLength(1);
    await context.close();
  });

  it('should send a webmention from the form and show whether it was verified or why it was rejected', async () => {
    // Arrange
    const { page, context } = await openPost('hello');
    const widget = page.locator('chorus-comments');
    const source = widget.getByLabel('URL of your response');
    const status = widget.locator('form.webmention .status');
    await source.waitFor();

    // Act
    await source.fill(`${site.url}/replies/unrelated`);
    await widget.getByRole('button', { name: 'Send webmention' }).click();

    // Assert
    await expect.poll(() => status.textContent(), { timeout: 25_000 }).toBe('Not accepted: no_link_to_target');

    await source.fill(`${site.url}/replies/linking`);
    await widget.getByRole('button', { name: 'Send webmention' }).click();
    await expect.poll(() => status.textContent(), { timeout: 25_000 }).toBe('Verified. Thank you! It appears here once approved.');
    await context.close();
  });

  it('should serve the no-JS rendering as h-cite comments, likes and reposts with h-card authors (docs/widget.md)', async () => {
    // Arrange
    const hello = site.postUrl('hello');

    // Act
    const response = await fetch(`${hub.url}/api/interactions.html?url=${encodeURIComponent(hello)}`);
    const html = await response.text();
    const { items } = mf2(html, { baseUrl: hub.url });

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeTruthy();
    expect(html).toMatch(/^<section class="chorus-interactions" data-post="[^"]+">/);
    expect(items.every((item) => item.type?.includes('h-cite'))).toBe(true);
    expect(items).toHaveLength(14 + 2 + 2 + 2);
    const firstReply = items.find((item) => item.properties.comment) as MicroformatRoot;
    const author = firstReply.properties.author![0] as MicroformatRoot;
    expect(author.type).toEqual(['h-card']);
    expect(author.properties.name).toEqual(['Reader 1']);
    const answer = firstReply.properties.comment![0] as MicroformatRoot;
    const answerToAnswer = answer.properties.comment![0] as MicroformatRoot;
    expect((answerToAnswer.properties.content![0] as { value: string }).value).toBe('Reply number 3');
    expect(firstReply.properties.published).toEqual(['2026-11-20T10:00:00Z']);
    const hostile = await (await fetch(`${hub.url}/api/interactions.html?url=${encodeURIComponent(site.postUrl('hostile'))}`)).text();
    const context = await newContext();
    const page = await context.newPage();
    await page.setContent(`<!doctype html><body>${hostile}</body>`);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __xss?: boolean }).__xss)).toBeUndefined();
    const unsafe = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((node) =>
        [...node.attributes].filter(({ name, value }) => name.startsWith('on') || /^\s*javascript:/i.test(value)).map(({ name }) => `${node.localName}[${name}]`),
      ),
    );
    expect(unsafe).toEqual([]);
    expect(await page.locator('script, iframe').count()).toBe(0);
    await context.close();
  });

  it('should load only when scrolled near, and show a quiet message when the hub is unreachable', async () => {
    // Arrange
    const { page, context } = await openPost('far-down', { belowTheFold: true });
    let asked = 0;
    page.on('request', (request) => void (request.url().includes('/api/interactions') && (asked += 1)));
    await page.waitForFunction(() => customElements.get('chorus-comments') !== undefined);
    await page.waitForTimeout(300);
    expect(asked).toBe(0);
    await hub.stop();
    hubStopped = true;

    // Act
    await page.locator('chorus-comments').scrollIntoViewIfNeeded();

    // Assert
    const quiet = page.locator('chorus-comments .quiet');
    await expect.poll(() => quiet.textContent(), { timeout: 10_000 }).toBe('Responses cannot be shown right now.');
    expect(await quiet.getAttribute('role')).toBe('status');
    expect(asked).toBeGreaterThan(0);
    await context.close();
  });
});
