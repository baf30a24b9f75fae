import { createECDH, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminInteraction } from '@chorus/shared';
import { launchBrowser } from '../support/browser';
import { http } from '../support/http';
import { REPO_ROOT, startServer, type RunningServer } from '../support/server';

/**
 * The moderation inbox in a real Chromium against the real built server (apps/web/dist/app served
 * by apps/api/dist/main.js). Every test seeds its own post, and filters the inbox to it, so tests
 * do not see each other's data.
 */

const MOBILE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let postCounter = 0;

type Seed = Partial<Omit<AdminInteraction, 'id' | 'parentId'>> & { id: string; parentId?: string };

function newPost(slug = 'post'): string {
  postCounter += 1;
  return `https://blog.example/2026/11/${slug}-${postCounter}`;
}

function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** Imports interactions through `POST /api/admin/import`; answers the new ids by reference. */
async function seed(post: string, items: Seed[]): Promise<Record<string, number>> {
  const body = {
    items: items.map((item, index) => ({
      post,
      kind: 'reply',
      source: 'webmention',
      status: 'pending',
      url: `https://alice.example/notes/${post.length}-${index}-${item.id}`,
      author: { name: 'Alice', url: 'https://alice.example/', photo: null },
      content: { html: `<p>Reply ${item.id}</p>`, text: `Reply ${item.id}` },
      published: minutesAgo(60 + index),
      received: minutesAgo(30 - index),
      ...item,
    })),
  };
  const response = await http<{ ids: Record<string, number> }>(server, 'POST', '/api/admin/import', { body, auth: 'token' });
  expect(response.status, response.text).toBeLessThan(300);
  return response.json.ids;
}

async function statusOf(id: number): Promise<string> {
  const response = await http<AdminInteraction>(server, 'GET', `/api/admin/interactions/${id}`, { auth: 'token' });
  return response.json.status;
}

async function newPage(viewport = DESKTOP, options: { loggedIn?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const colorScheme = options.colorScheme ?? 'light';
  const context = await browser.newContext({ viewport, colorScheme, locale: 'en-GB', serviceWorkers: 'block' });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  if (options.loggedIn !== false) {
    const login = await context.request.post(`${server.url}/api/auth/login`, { data: { password: server.adminPassword } });
    expect(login.status()).toBe(200);
  }
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** Opens the inbox filtered to one post (and any other filters) and waits for the list to load. */
async function openInbox(page: Page, post: string, extra: Record<string, string> = {}): Promise<void> {
  await page.goto(`${server.url}/?${new URLSearchParams({ post, ...extra }).toString()}`);
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  await page.locator('ul.rows[aria-busy="false"]').waitFor();
}

const rows = (page: Page) => page.getByRole('list', { name: 'Interactions' }).getByRole('article');
const row = (page: Page, name: string | RegExp) => page.getByRole('list', { name: 'Interactions' }).getByRole('article', { name });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('moderation inbox', () => {
  it('should take screenshots of a realistic inbox on a phone (light and dark) and a desktop', async () => {
    // Arrange
    const post = 'https://blog.example/2026/11/static-sites-deserve-comments';
    await http(server, 'POST', '/api/admin/posts', { body: { url: post, title: 'Static sites deserve comments too' }, auth: 'token' });
    const other = 'https://blog.example/2026/10/moving-off-the-big-platforms';
    await http(server, 'POST', '/api/admin/posts', { body: { url: other, title: 'Moving off the big platforms' }, auth: 'token' });
    await seed(post, [
      {
        id: 'alice',
        author: { name: 'Alice Liddell', url: 'https://alice.example/', photo: null, email: null },
        content: { html: '<p>Lovely write-up! I tried the same approach on my Eleventy site and the webmentions showed up within a minute.</p>', text: 'Lovely write-up! I tried the same approach on my Eleventy site and the webmentions showed up within a minute.' },
        received: minutesAgo(2),
      },
      {
        id: 'bob',
        source: 'mastodon',
        kind: 'like',
        content: null,
        url: 'https://mastodon.example/@bob',
        author: { name: 'Bob Tables', url: 'https://mastodon.example/@bob', photo: null, email: null },
        received: minutesAgo(9),
      },
      {
        id: 'carol',
        source: 'email',
        url: null,
        author: { name: 'Carol Danvers', url: null, photo: null, email: 'carol@example.org' },
        content: { html: '<p>Thanks for this. Do you have a sample config for Hugo?</p>', text: 'Thanks for this. Do you have a sample config for Hugo?' },
        received: minutesAgo(47),
      },
      {
        id: 'dan',
        source: 'mastodon',
        kind: 'repost',
        content: null,
        url: 'https://social.example/@dan',
        author: { name: 'Dan Abramov-ish', url: 'https://social.example/@dan', photo: null, email: null },
        received: minutesAgo(95),
      },
    ]);
    await seed(other, [
      {
        id: 'eve',
        source: 'pingback',
        kind: 'mention',
        author: { name: 'Eve’s weblog', url: 'https://eve.example/', photo: null, email: null },
        content: { html: '<p>A good roundup of ways to own your comments, linked from my weekly notes.</p>', text: 'A good roundup of ways to own your comments, linked from my weekly notes.' },
        received: minutesAgo(200),
      },
      {
        id: 'frank',
        source: 'mastodon',
        author: { name: 'Frank', url: 'https://mastodon.example/@frank', photo: null, email: null },
        content: { html: '<p>@you Which instance do you use for the toots?</p>', text: '@you Which instance do you use for the toots?' },
        received: minutesAgo(60 * 26),
      },
    ]);
    mkdirSync(SCREENSHOTS, { recursive: true });

    for (const [name, viewport, colorScheme] of [
      ['inbox-mobile.png', MOBILE, 'light'],
      ['inbox-desktop.png', DESKTOP, 'light'],
      ['inbox-mobile-dark.png', MOBILE, 'dark'],
    ] as const) {
      // Act
      const page = await newPage(viewport, { colorScheme });
      await page.goto(`${server.url}/`);
      await row(page, 'Alice Liddell replied').waitFor();
      if (viewport === DESKTOP) await page.keyboard.press('j');
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(SCREENSHOTS, name) });

      // Assert
      expect(await rows(page).count()).toBe(6);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });

  it('should refuse a wrong password, explain where it comes from, and log in and out with the right one', async () => {
    // Arrange
    const page = await newPage(MOBILE, { loggedIn: false });
    await page.goto(`${server.url}/`);

    // Act
    await page.getByLabel('Admin password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();

    // Assert
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/password/i);
    expect(await page.getByRole('region', { name: 'Where is the password?' }).textContent()).toContain('CHORUS_ADMIN_PASSWORD');

    // Act
    await page.getByLabel('Admin password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();

    // Assert
    await page.getByLabel('Admin password').waitFor();
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(session).toBe(401);
  });

  it('should approve and reject with the row buttons and show the change on the server', async () => {
    // Arrange
    const post = newPost('buttons');
    const ids = await seed(post, [
      { id: 'one', author: { name: 'Uno', url: 'https://uno.example/', photo: null, email: null } },
      { id: 'two', author: { name: 'Dos', url: 'https://dos.example/', photo: null, email: null } },
    ]);
    const page = await newPage();
    await openInbox(page, post);

    // Act
    await row(page, 'Uno replied').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Approved: 1 interaction.');
    await row(page, 'Dos replied').getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Rejected: 1 interaction.');

    // Assert
    expect(await rows(page).count()).toBe(0);
    expect([await statusOf(ids.one!), await statusOf(ids.two!)]).toEqual(['approved', 'rejected']);
  });

  it('should put an item back with the server\'s message when the server refuses the change', async () => {
    // Arrange: the server is made to refuse this one change.
    const post = newPost('refused');
    const ids = await seed(post, [{ id: 'kept', author: { name: 'Keeper', url: null, photo: null, email: null } }]);
    const page = await newPage();
    await openInbox(page, post);
    await page.route(`${server.url}/api/admin/interactions/${ids.kept}`, (route) =>
      route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: 'conflict', message: 'It changed meanwhile.' }) }),
    );

    // Act
    await row(page, 'Keeper replied').getByRole('button', { name: 'Approve' }).click();

    // Assert
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Not changed: It changed meanwhile.');
    expect(await rows(page).count()).toBe(1);
    expect(await statusOf(ids.kept!)).toBe('pending');
  });

  it('should change many at once when several are selected', async () => {
    // Arrange
    const post = newPost('bulk');
    const ids = await seed(post, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    const page = await newPage(MOBILE);
    await openInbox(page, post);

    // Act
    await page.getByLabel('Select all').check();
    await page.getByRole('group', { name: 'Selected interactions' }).getByRole('button', { name: 'Spam' }).click();

    // Assert
    await expect.poll(() => rows(page).count()).toBe(0);
    await expect.poll(() => Promise.all(Object.values(ids).map(statusOf))).toEqual(['spam', 'spam', 'spam']);
  });

  it('should delete the selected interactions for good', async () => {
    // Arrange
    const post = newPost('delete');
    const ids = await seed(post, [{ id: 'x' }, { id: 'y' }]);
    const page = await newPage();
    await openInbox(page, post);

    // Act
    await rows(page).first().getByRole('checkbox').check();
    await page.getByRole('group', { name: 'Selected interactions' }).getByRole('button', { name: 'Delete' }).click();

    // Assert
    await expect.poll(() => rows(page).count()).toBe(1);
    const statuses = await Promise.all(Object.values(ids).map((id) => http(server, 'GET', `/api/admin/interactions/${id}`, { auth: 'token' })));
    expect(statuses.map((response) => response.status).sort()).toEqual([200, 404]);
  });

  it('should moderate from the keyboard: j/k move, x selects, a/r/s decide, / searches, ? helps', async () => {
    // Arrange
    const post = newPost('keyboard');
    const ids = await seed(post, [
      { id: 'first', author: { name: 'First', url: null, photo: null, email: null }, received: minutesAgo(1) },
      { id: 'second', author: { name: 'Second', url: null, photo: null, email: null }, received: minutesAgo(2) },
      { id: 'third', author: { name: 'Third', url: null, photo: null, email: null }, received: minutesAgo(3) },
      { id: 'fourth', author: { name: 'Fourth', url: null, photo: null, email: null }, received: minutesAgo(4) },
    ]);
    const page = await newPage();
    await openInbox(page, post);
    const focusedRow = () => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'));

    // Act: j, j, k lands on the first; a approves it and focus moves to the second.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await focusedRow()).toBe(`interaction-${ids.first}-title`);
    await page.keyboard.press('a');
    await expect.poll(focusedRow).toBe(`interaction-${ids.second}-title`);
    await page.keyboard.press('r');
    await expect.poll(focusedRow).toBe(`interaction-${ids.third}-title`);
    // x selects the third and the fourth; s marks both as spam.
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('s');

    // Assert
    await expect.poll(() => rows(page).count()).toBe(0);
    await expect
      .poll(() => Promise.all([ids.first!, ids.second!, ids.third!, ids.fourth!].map(statusOf)))
      .toEqual(['approved', 'rejected', 'spam', 'spam']);

    // Act / Assert: / focuses search, ? opens the help dialog.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden' });
  });

  it('should filter by source, kind and status and find text with search', async () => {
    // Arrange
    const post = newPost('filters');
    await seed(post, [
      { id: 'toot', source: 'mastodon', author: { name: 'Tooter', url: 'https://m.example/@t', photo: null, email: null }, content: { html: '<p>Federated hello</p>', text: 'Federated hello' } },
      { id: 'like', source: 'mastodon', kind: 'like', content: null, author: { name: 'Liker', url: 'https://m.example/@l', photo: null, email: null } },
      { id: 'mail', source: 'email', url: null, author: { name: 'Mailer', url: null, photo: null, email: 'm@example.org' }, content: { html: '<p>Postal greetings</p>', text: 'Postal greetings' } },
      { id: 'old', status: 'approved', author: { name: 'Approved Al', url: null, photo: null, email: null } },
    ]);
    const page = await newPage(MOBILE);
    await openInbox(page, post);
    const names = () => rows(page).evaluateAll((articles) => articles.map((article) => article.querySelector('h3 a')?.textContent));
    expect(await names()).toHaveLength(3);

    // Act / Assert
    await page.getByLabel('Source').selectOption('mastodon');
    await expect.poll(names).toEqual(['Liker liked', 'Tooter replied']);
    await page.getByLabel('Kind').selectOption('like');
    await expect.poll(names).toEqual(['Liker liked']);
    await page.getByLabel('Source').selectOption('');
    await page.getByLabel('Kind').selectOption('');
    await page.getByRole('searchbox', { name: 'Search' }).fill('postal');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await expect.poll(names).toEqual(['Mailer replied']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('postal');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.getByLabel('Status').selectOption('approved');
    await expect.poll(names).toEqual(['Approved Al replied']);
  });

  it('should show a new interaction and the pending count live, without reloading', async () => {
    // Arrange
    const post = newPost('live');
    await seed(post, [{ id: 'before', author: { name: 'Early Bird', url: null, photo: null, email: null } }]);
    const page = await newPage();
    await openInbox(page, post);
    await expect.poll(() => page.title()).toMatch(/^\(\d+\) Chorus$/);
    const pendingBefore = Number(/\((\d+)\)/.exec(await page.title())![1]);

    // Act
    await seed(post, [{ id: 'after', author: { name: 'Late Arrival', url: null, photo: null, email: null }, received: new Date().toISOString() }]);

    // Assert
    await row(page, 'Late Arrival replied').waitFor({ timeout: 10_000 });
    expect(await rows(page).first().getAttribute('aria-labelledby')).toBe(await row(page, 'Late Arrival replied').getAttribute('aria-labelledby'));
    await expect.poll(() => page.title()).toBe(`(${pendingBefore + 1}) Chorus`);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByText(String(pendingBefore + 1)).count()).toBe(1);
  });

  it('should show a post with threaded replies, facepiles and a way to map its toot', async () => {
    // Arrange
    const post = newPost('thread');
    await seed(post, [
      { id: 'root', author: { name: 'Root Writer', url: null, photo: null, email: null }, status: 'approved', published: minutesAgo(50) },
      { id: 'child', parentId: 'root', source: 'mastodon', author: { name: 'Child Replier', url: null, photo: null, email: null }, published: minutesAgo(40) },
      { id: 'like1', kind: 'like', source: 'mastodon', content: null, author: { name: 'Liker One', url: 'https://m.example/@one', photo: null, email: null } },
      { id: 'like2', kind: 'like', source: 'mastodon', content: null, author: { name: 'Liker Two', url: 'https://m.example/@two', photo: null, email: null } },
      { id: 'boost', kind: 'repost', source: 'mastodon', content: null, author: { name: 'Booster', url: 'https://m.example/@b', photo: null, email: null } },
    ]);
    const page = await newPage();

    // Act
    await page.goto(`${server.url}/posts?${new URLSearchParams({ url: post }).toString()}`);
    await page.getByRole('heading', { name: 'Replies and mentions' }).waitFor();

    // Assert
    const nested = page.getByRole('article', { name: 'Root Writer replied' }).locator('xpath=..').getByRole('article', { name: 'Child Replier replied' });
    expect(await nested.count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Likes' }).getByRole('link').count()).toBe(2);
    expect(await page.getByRole('region', { name: 'Boosts' }).getByRole('link', { name: 'Booster' }).count()).toBe(1);

    // Act
    await page.getByLabel('Toot URL').fill('https://mastodon.example/@owner/111222333');
    await page.getByRole('button', { name: 'Map toot' }).click();

    // Assert
    await page.getByRole('link', { name: /mastodon\.example\/@owner\/111222333/ }).waitFor();
    const posts = await http<{ items: { url: string; tootUrl: string | null }[] }>(server, 'GET', '/api/admin/posts', { auth: 'token' });
    expect(posts.json.items.find((item) => item.url === post)?.tootUrl).toContain('111222333');
  });

  it('should edit auto-approve rules and the blocklist in settings', async () => {
    // Arrange
    const page = await newPage(MOBILE);
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();

    // Act: add a rule, block a domain.
    const rules = page.getByRole('form', { name: 'Add a rule' });
    await rules.getByLabel('Kind').selectOption('like');
    await rules.getByLabel('Source').selectOption('mastodon');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('list', { name: 'Rules' }).getByText('Likes from Mastodon').waitFor();
    const block = page.getByRole('form', { name: 'Block a domain or author' });
    await block.getByLabel('Domain or author URL').fill('spammy.example');
    await block.getByLabel('Their interactions are').selectOption('spam');
    await block.getByRole('button', { name: 'Block' }).click();
    await page.getByRole('button', { name: 'Unblock spammy.example' }).waitFor();

    // Assert
    const savedRules = await http<{ rules: { kind: string | null; source: string | null }[] }>(server, 'GET', '/api/admin/rules', { auth: 'token' });
    expect(savedRules.json.rules).toEqual([expect.objectContaining({ kind: 'like', source: 'mastodon' })]);
    const blocked = await http<{ items: { value: string; action: string }[] }>(server, 'GET', '/api/admin/blocklist', { auth: 'token' });
    expect(blocked.json.items).toEqual([expect.objectContaining({ value: 'spammy.example', action: 'spam' })]);

    // Act: remove both again.
    await page.getByRole('button', { name: 'Remove rule: Likes from Mastodon' }).click();
    await page.getByRole('button', { name: 'Unblock spammy.example' }).click();

    // Assert
    await page.getByText('No rules: everything waits for you.').waitFor();
    await page.getByText('Nobody is blocked.').waitFor();
    expect((await http<{ rules: unknown[] }>(server, 'GET', '/api/admin/rules', { auth: 'token' })).json.rules).toEqual([]);
    expect((await http<{ items: unknown[] }>(server, 'GET', '/api/admin/blocklist', { auth: 'token' })).json.items).toEqual([]);
    expect(await page.getByRole('link', { name: 'Download JF2' }).getAttribute('href')).toBe('/api/admin/export?format=jf2');
  });

  it('should register the service worker at the root scope and serve the manifest', async () => {
    // Arrange
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();

    // Act
    await page.goto(`${server.url}/`);
    const registration = await page.evaluate(async () => {
      const ready = await navigator.serviceWorker.ready;
      return { scope: ready.scope, script: ready.active?.scriptURL ?? null };
    });
    const manifest = await http<{ start_url: string; icons: { src: string }[] }>(server, 'GET', '/manifest.webmanifest');

    // Assert
    expect(registration).toEqual({ scope: `${server.url}/`, script: `${server.url}/sw.js` });
    expect(manifest.json.start_url).toBe('/');
    for (const icon of manifest.json.icons) expect((await http(server, 'GET', icon.src)).status).toBe(200);
  });

  it("should store this browser's push subscription, made with the hub's VAPID key, and remove it again", async () => {
    // Arrange: Chromium's real push service is out of reach (no network), so PushManager answers a
    // loopback endpoint with well-formed keys; everything from the service worker to the hub is real.
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    expect((await context.request.post(`${server.url}/api/auth/login`, { data: { password: server.adminPassword } })).status()).toBe(200);
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const fake = {
      endpoint: `http://127.0.0.1:${server.port}/push-service/browser-1`,
      expirationTime: null,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
    };
    await context.addInitScript((subscription: typeof fake) => {
      const state = window as unknown as { __pushKey?: number[]; __subscribed?: boolean };
      const pushSubscription = {
        endpoint: subscription.endpoint,
        toJSON: () => subscription,
        unsubscribe: () => Promise.resolve((state.__subscribed = false)),
      };
      Notification.requestPermission = () => Promise.resolve('granted');
      PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
        state.__pushKey = [...new Uint8Array(options?.applicationServerKey as ArrayBuffer)];
        state.__subscribed = true;
        return Promise.resolve(pushSubscription as unknown as PushSubscription);
      };
      PushManager.prototype.getSubscription = function () {
        return Promise.resolve(state.__subscribed ? (pushSubscription as unknown as PushSubscription) : null);
      };
    }, fake);
    const page = await context.newPage();
    const subscriptions = async () => (await http<{ items: { endpoint: string }[] }>(server, 'GET', '/api/admin/push/subscriptions', { auth: 'token' })).json.items.map((item) => item.endpoint);

    // Act
    await page.goto(`${server.url}/settings`);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    const keyAnswer = await page.evaluate(async () => (await fetch('/api/admin/push/key')).json() as Promise<{ publicKey: string }>);
    await page.getByRole('button', { name: 'Notify me on this device' }).click();
    await page.getByText('This device is notified about new pending interactions.').waitFor();

    // Assert
    expect(scope).toBe(`${server.url}/`);
    const usedKey = await page.evaluate(() => (window as unknown as { __pushKey?: number[] }).__pushKey);
    expect(Buffer.from(usedKey ?? []).toString('base64url')).toBe(keyAnswer.publicKey);
    expect(await subscriptions()).toContain(fake.endpoint);
    await page.getByText('Notifications go to 1 device.').waitFor();

    // Act
    await page.getByRole('button', { name: 'Turn off on this device' }).click();
    await page.getByText('This device does not receive notifications.').waitFor();

    // Assert
    expect(await subscriptions()).not.toContain(fake.endpoint);
  });

  it('should open an interaction full-screen on a phone and beside the list on a desktop', async () => {
    // Arrange
    const post = newPost('panes');
    const ids = await seed(post, [{ id: 'open', author: { name: 'Pane Person', url: null, photo: null, email: null } }]);

    for (const viewport of [MOBILE, DESKTOP]) {
      const page = await newPage(viewport);
      await openInbox(page, post);

      // Act
      await page.getByRole('link', { name: 'Pane Person replied' }).click();

      // Assert
      await page.getByRole('heading', { name: 'Pane Person replied', level: 2 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/inbox/${ids.open}`);
      expect(await page.getByRole('list', { name: 'Interactions' }).isVisible()).toBe(viewport === DESKTOP);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });

  it('should leave XSS payloads in every field inert in the list, the detail and the post view', async () => {
    // Arrange
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const post = newPost('xss');
    await http(server, 'POST', '/api/admin/posts', { body: { url: post, title: `Title ${payload}` }, auth: 'token' });
    const ids = await seed(post, [
      {
        id: 'evil',
        author: { name: `Mallory ${payload}`, url: 'javascript:window.__pwned=3', photo: 'javascript:window.__pwned=4', email: null },
        url: 'javascript:window.__pwned=5',
        content: {
          html: `<p>Hello ${payload}<a href="javascript:window.__pwned=6">click</a><svg onload="window.__pwned=7"></svg><iframe srcdoc="<script>parent.__pwned=8</script>"></iframe></p>`,
          text: `Hello ${payload}`,
        },
      },
    ]);
    const page = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => dialogs.push(dialog.message()));
    const pwned = () => page.evaluate(() => (window as { __pwned?: number }).__pwned ?? null);

    // Act
    await openInbox(page, post);
    await rows(page).first().waitFor();
    await page.goto(`${server.url}/inbox/${ids.evil}`);
    await page.locator('.detail .content').waitFor();
    const detail = await page.locator('.detail').evaluate((element) => ({
      scripts: element.querySelectorAll('script, iframe, .content svg').length,
      handlers: [...element.querySelectorAll('*')].flatMap((node) => [...node.attributes].filter((attribute) => attribute.name.startsWith('on'))).length,
      jsLinks: [...element.querySelectorAll('[href], [src]')].filter((node) => /javascript:/i.test(node.getAttribute('href') ?? node.getAttribute('src') ?? '')).length,
      text: element.textContent,
    }));
    await page.getByRole('link', { name: /Title/ }).first().click();
    await page.getByRole('heading', { name: 'Replies and mentions' }).waitFor();
    await page.waitForTimeout(300);

    // Assert
    expect(detail).toMatchObject({ scripts: 0, handlers: 0, jsLinks: 0 });
    expect(detail.text).toContain('Hello');
    expect(detail.text).toContain('Mallory');
    expect(await pwned()).toBeNull();
    expect(dialogs).toEqual([]);
  });
});
