import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InteractionDraft } from '../adapter';
import type { FetchedDocument } from '../http/safe-fetcher.types';
import { MAX_CONTENT_CHARS } from './content';
import { interpretSource, webmentionDedupeKey, webmentionSource } from './webmention.adapter';
import type { VerificationOutcome } from './webmention.types';

const FIXTURES = join(__dirname, 'fixtures');
const TARGET = 'https://blog.example/2026/11/hello';

function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

function documentAt(
  url: string,
  body: string,
  status = 200,
  contentType = 'text/html; charset=utf-8',
): FetchedDocument {
  return { url, status, contentType, body, headers: { 'content-type': contentType } };
}

function interpret(
  source: string,
  body: string,
  target = TARGET,
  status = 200,
  contentType?: string,
): VerificationOutcome {
  return interpretSource({
    source,
    target,
    document: documentAt(source, body, status, contentType),
    protocol: 'webmention',
  });
}

function verifiedDraft(outcome: VerificationOutcome): InteractionDraft {
  if (outcome.outcome !== 'verified') throw new Error(`expected verified, got ${JSON.stringify(outcome)}`);
  return outcome.draft;
}

describe(interpretSource.name, () => {
  describe('the draft', () => {
    it('should carry the dedupe key, source, target, verification details and raw entry when verified', () => {
      const source = 'https://alice.example/2026/11/21/re-hello-chorus/';

      const outcome = interpretSource({
        source,
        target: TARGET,
        document: documentAt(source, fixture('ok/wordpress-semantic-linkbacks.html')),
        protocol: 'pingback',
      });

      const draft = verifiedDraft(outcome);
      expect(draft).toMatchObject({
        source: 'pingback',
        dedupeKey: `${source} ${TARGET}`,
        target: TARGET,
        sourceUrl: source,
        inReplyTo: null,
        verification: {
          protocol: 'pingback',
          fetchedUrl: source,
          contentType: 'text/html; charset=utf-8',
          status: 200,
        },
        raw: { format: 'mf2' },
      });
      expect(webmentionDedupeKey(source, TARGET)).toBe(draft.dedupeKey);
    });

    it('should keep the target exactly as given when the page links to a lenient variant of it', () => {
      const draft = verifiedDraft(
        interpret('https://hank.example/posts/reading-list-november/', fixture('ok/hugo-theme.html')),
      );

      expect(draft.target).toBe(TARGET);
    });

    it('should describe itself as the webmention source', () => {
      expect(webmentionSource).toMatchObject({ id: 'webmention', displayName: 'Webmention' });
      expect(webmentionSource.settings.map((setting) => setting.env)).toContain('CHORUS_FETCH_TIMEOUT');
    });
  });

  describe('real-world pages (fixtures/ok)', () => {
    it('should read a WordPress reply with Semantic Linkbacks markup, ignoring its comments and sidebar', () => {
      const draft = verifiedDraft(
        interpret(
          'https://alice.example/2026/11/21/re-hello-chorus/',
          fixture('ok/wordpress-semantic-linkbacks.html'),
        ),
      );

      expect(draft).toMatchObject({
        kind: 'reply',
        url: 'https://alice.example/2026/11/21/re-hello-chorus/',
        author: {
          name: 'Alice Example',
          url: 'https://alice.example/author/alice/',
          photo: 'https://secure.gravatar.com/avatar/abc?s=40&d=mm',
        },
        name: 'Re: Hello, Chorus',
        rsvp: null,
      });
      expect(draft.published?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
      expect(draft.content?.text).toBe(
        'Congratulations on the launch! I have been waiting for a self-hosted inbox like this.\n\nOne question: will it handle Webmention updates?',
      );
      expect(draft.content?.html).toContain(
        '<a href="https://www.w3.org/TR/webmention/" rel="nofollow ugc noopener">Webmention</a>',
      );
      expect(draft.content?.text).not.toContain('Carol');
    });

    it('should read a Known reply whose author h-card has several URLs', () => {
      const draft = verifiedDraft(
        interpret('https://dana.example/2026/im-glad-to-see-chorus', fixture('ok/known.html')),
      );

      expect(draft).toMatchObject({
        kind: 'reply',
        url: 'https://dana.example/2026/im-glad-to-see-chorus',
        author: {
          name: 'Dana Known',
          url: 'https://dana.example/profile/dana',
          photo: 'https://dana.example/file/1a2b3c/avatar.jpg',
        },
        name: null,
      });
      expect(draft.content?.text).toMatch(/^I'm glad to see Chorus\./);
      expect(draft.raw).toMatchObject({
        entry: { properties: { syndication: ['https://mastodon.example/@dana/113'] } },
      });
    });

    it('should take a Micro.blog author from the representative h-card when the entry has none', () => {
      const draft = verifiedDraft(
        interpret('https://erin.micro.blog/2026/11/21/just-set-up.html', fixture('ok/microblog.html')),
      );

      expect(draft).toMatchObject({
        kind: 'mention',
        url: 'https://erin.micro.blog/2026/11/21/just-set-up.html',
        author: {
          name: 'Erin',
          url: 'https://micro.blog/erin',
          photo: 'https://avatars.micro.blog/avatars/2026/erin.jpg',
        },
      });
      expect(draft.published?.toISOString()).toBe('2026-11-21T13:30:00.000Z');
      expect(draft.content?.text).toContain('Just set up Chorus for my blog.');
    });

    it('should credit a Bridgy reply to the original person and point url at the original post', () => {
      const source = 'https://brid.gy/comment/mastodon/@bob/113400/113455';

      const draft = verifiedDraft(interpret(source, fixture('ok/bridgy-reply.html')));

      expect(draft).toMatchObject({
        kind: 'reply',
        sourceUrl: source,
        url: 'https://mastodon.example/@frank/113455',
        author: {
          name: 'Frank Ocean-Sailor',
          url: 'https://mastodon.example/@frank',
          photo: 'https://files.mastodon.example/accounts/avatars/frank.png',
        },
        name: null,
      });
      expect(draft.content?.text).toBe('@bob Loved this one, especially the part about verification.');
    });

    it('should produce one like without content for a Bridgy like that links to the target several times', () => {
      const draft = verifiedDraft(
        interpret('https://brid.gy/like/mastodon/@bob/113400/77', fixture('ok/bridgy-like.html')),
      );

      expect(draft).toMatchObject({
        kind: 'like',
        content: null,
        url: 'https://mastodon.example/@bob/113400#favorited-by-77',
        author: { name: 'Gina', url: 'https://mastodon.example/@gina' },
      });
    });

    it('should read a Hugo page whose link carries utm parameters, with rel=author resolved to the footer h-card', () => {
      const draft = verifiedDraft(
        interpret('https://hank.example/posts/reading-list-november/', fixture('ok/hugo-theme.html')),
      );

      expect(draft).toMatchObject({
        kind: 'mention',
        url: 'https://hank.example/posts/reading-list-november/',
        author: {
          name: 'Hank Hill',
          url: 'https://hank.example/about/',
          photo: 'https://hank.example/images/hank.jpg',
        },
        name: 'Reading list, November',
      });
      expect(draft.published?.toISOString()).toBe('2026-11-21T22:00:00.000Z');
      expect(draft.content?.html).toContain('href="https://hank.example/posts/static-sites/"');
      expect(draft.content?.html).toContain('src="https://hank.example/images/books.jpg"');
    });

    it('should resolve links against the <base> element when verifying and when storing content', () => {
      const draft = verifiedDraft(interpret('https://ivy.example/links/42', fixture('ok/base-element.html')));

      expect(draft.kind).toBe('bookmark');
      expect(draft.content?.html).toContain('href="https://blog.example/2026/11/hello"');
      expect(draft.content?.html).toContain('href="https://blog.example/about"');
    });

    it('should resolve relative links against the source URL when the source is on the same site', () => {
      const source = 'https://blog.example/2026/11/follow-up';

      const draft = verifiedDraft(interpret(source, fixture('ok/relative-links.html')));

      expect(draft).toMatchObject({ kind: 'reply', url: source, name: 'Follow-up to Hello' });
    });

    it('should pick the entry that replies to the target, not the first entry or one that only mentions it', () => {
      const draft = verifiedDraft(interpret('https://jules.example/', fixture('ok/multiple-entries.html')));

      expect(draft).toMatchObject({
        kind: 'reply',
        url: 'https://jules.example/notes/1',
        author: { name: 'Jules', url: 'https://jules.example/' },
        content: { text: 'Does it support Pingback too?' },
      });
    });

    it('should fall back to OpenGraph and <meta> data for a mention when the page has no microformats', () => {
      const source = 'https://kim.example/2026/11/why-i-moved-my-comments';

      const draft = verifiedDraft(interpret(source, fixture('ok/no-microformats.html')));

      expect(draft).toMatchObject({
        kind: 'mention',
        url: source,
        name: 'Why I moved my comments',
        author: { name: 'Kim Lee', url: null, photo: null },
        content: {
          text: 'Disqus, Staticman, webmentions: a short tour of comment systems for static sites.',
        },
        photo: 'https://kim.example/img/cover.png',
        raw: { format: 'meta', siteName: "Kim's Tech Blog" },
      });
      expect(draft.published?.toISOString()).toBe('2026-11-19T00:45:00.000Z');
    });

    it('should use the site name as author and the <title> as name when that is all the page has', () => {
      const page =
        '<html><head><title>  Plain   page </title><meta property="og:site_name" content="Site"></head><body><a href="https://blog.example/2026/11/hello">x</a></body></html>';

      const draft = verifiedDraft(interpret('https://plain.example/p', page));

      expect(draft).toMatchObject({
        kind: 'mention',
        name: 'Plain page',
        author: { name: 'Site' },
        content: null,
      });
    });

    it('should read an RSVP with its value', () => {
      const draft = verifiedDraft(interpret('https://lena.example/rsvps/5', fixture('ok/rsvp.html')));

      expect(draft).toMatchObject({
        kind: 'rsvp',
        rsvp: 'yes',
        author: { name: 'Lena' },
        content: { text: "I'll bring snacks." },
      });
    });

    it('should shorten a long reply at a boundary and link to the full page when it exceeds the limit', () => {
      const draft = verifiedDraft(
        interpret('https://mara.example/2026/11/22/re-hello-chorus/', fixture('bench-entry.html')),
      );

      expect(draft.kind).toBe('reply');
      expect(draft.author).toEqual({
        name: 'Mara Lindqvist',
        url: 'https://mara.example/',
        photo: 'https://mara.example/images/mara.jpg',
      });
      expect(draft.content!.text.length).toBeLessThan(MAX_CONTENT_CHARS + 120);
      expect(draft.content!.text).toMatch(
        /[a-z.,!?)] …\n\nRead more: https:\/\/mara\.example\/2026\/11\/22\/re-hello-chorus\/$/,
      );
      expect(draft.content!.html).toMatch(
        /<p><a href="https:\/\/mara\.example\/2026\/11\/22\/re-hello-chorus\/" rel="nofollow ugc noopener">Read more<\/a><\/p>$/,
      );
    });
  });

  describe('pages that must not verify (fixtures/not-ok)', () => {
    it.each([
      ['no-link.html', 'no_link_to_target'],
      ['link-in-text-only.html', 'no_link_to_target'],
      ['link-in-script.html', 'no_link_to_target'],
      ['link-in-comment.html', 'no_link_to_target'],
      ['other-host-relative.html', 'no_link_to_target'],
    ])('should reject %s with %s', (file, reason) => {
      const outcome = interpret('https://mallory.example/page', fixture(`not-ok/${file}`));

      expect(outcome).toMatchObject({ outcome: 'rejected', reason });
    });

    it('should treat a page declaring itself 410 Gone in <meta http-equiv="Status"> as deleted', () => {
      const outcome = interpret('https://mallory.example/page', fixture('not-ok/meta-status-gone.html'));

      expect(outcome).toMatchObject({ outcome: 'deleted', reason: 'source_gone' });
    });

    it('should reject a JSON source that names the target only inside a longer string', () => {
      const outcome = interpret(
        'https://mallory.example/page.json',
        fixture('not-ok/json-substring.json'),
        TARGET,
        200,
        'application/json',
      );

      expect(outcome).toMatchObject({ outcome: 'rejected', reason: 'no_link_to_target' });
    });

    it('should reject a source of a type that cannot hold links with unsupported_content_type', () => {
      const outcome = interpret('https://mallory.example/a.png', 'PNG...', TARGET, 200, 'image/png');

      expect(outcome).toMatchObject({ outcome: 'rejected', reason: 'unsupported_content_type' });
    });

    it.each([404, 500, 503])('should reject an HTTP %i answer as source_not_found', (status) => {
      const outcome = interpret('https://mallory.example/page', `<a href="${TARGET}">x</a>`, TARGET, status);

      expect(outcome).toMatchObject({ outcome: 'rejected', reason: 'source_not_found' });
    });
  });

  describe('webmention.io source-html expectations (fixtures/webmention-io)', () => {
    const io = (name: string, target = 'http://target.example.com/entry'): InteractionDraft =>
      verifiedDraft(
        interpret(
          `http://source.example.org/${name}`,
          fixture(`webmention-io/source-html/${name}.html`),
          target,
        ),
      );
    const sourceAuthor = {
      name: 'Source Author',
      url: 'http://source.example.org/',
      photo: 'http://source.example.org/photo.jpg',
    };

    it('should read like-of as a like with the author photo resolved', () => {
      expect(io('like-of')).toMatchObject({
        kind: 'like',
        author: sourceAuthor,
        content: null,
        name: 'Liked this',
      });
    });

    it('should give a null photo when the author h-card has none (like-of-no-photo)', () => {
      expect(io('like-of-no-photo').author).toEqual({
        name: 'Source Author',
        url: 'http://source.example.org/',
        photo: null,
      });
    });

    it('should read a like whose like-of is an h-cite (like-h-cite)', () => {
      expect(io('like-h-cite', 'http://target.example.com/like-h-cite').kind).toBe('like');
    });

    it('should read a like of a plain URL without an author (like-plain-url)', () => {
      const draft = io('like-plain-url', 'http://target.example.com/like-plain-url');

      expect(draft).toMatchObject({ kind: 'like', author: { name: null, url: null, photo: null } });
    });

    it.each([
      ['repost-of', 'repost'],
      ['bookmark-of', 'bookmark'],
      ['in-reply-to', 'reply'],
      ['mention', 'mention'],
    ])('should read %s as a %s', (name, kind) => {
      expect(io(name)).toMatchObject({ kind, author: sourceAuthor });
    });

    it('should keep the reply text as content (in-reply-to)', () => {
      expect(io('in-reply-to').content?.text).toBe(
        'Thanks for the information, it was super helpful.\nI am looking forward to putting it to use right away.',
      );
    });

    it('should resolve a relative u-url (alternate-url)', () => {
      expect(io('alternate-url').url).toBe('http://source.example.org/alternate/url');
    });

    it('should fall back to the source URL when the entry has no u-url (no-explicit-url)', () => {
      expect(io('no-explicit-url').url).toBe('http://source.example.org/no-explicit-url');
    });

    it('should turn a published time with an offset into its instant (in-reply-to, with-timezone)', () => {
      expect(io('in-reply-to').published?.toISOString()).toBe('2015-11-07T17:00:00.000Z');
      expect(io('with-timezone').published?.toISOString()).toBe('2015-11-07T20:00:00.000Z');
    });

    it('should read a published time without an offset as UTC (no-timezone)', () => {
      expect(io('no-timezone').published?.toISOString()).toBe('2015-11-07T12:00:00.000Z');
    });

    it('should keep syndication links in the raw entry (one-syndication, two-syndications)', () => {
      expect(io('one-syndication').raw).toMatchObject({
        entry: { properties: { syndication: ['https://twitter.com/example/status/1'] } },
      });
      expect(io('two-syndications').raw).toMatchObject({
        entry: {
          properties: { syndication: ['https://twitter.com/example/status/1', 'https://facebook.com/1'] },
        },
      });
    });

    it('should find the author h-card by URL when the author property is only a URL (author-is-not-an-hcard)', () => {
      expect(io('author-is-not-an-hcard', 'http://target.example.com/entry').author).toEqual({
        name: 'Source Author',
        url: 'http://source.example.org/',
        photo: null,
      });
    });

    it('should read a Bridgy invitation without author as a mention (bridgy-invitee-no-author)', () => {
      const draft = io('bridgy-invitee-no-author', 'http://target.example.com/');

      expect(draft).toMatchObject({
        kind: 'mention',
        author: { name: null, url: null, photo: null },
        name: "You're Invited",
      });
    });

    it.each(['link-to-target-with-slash', 'link-to-target-with-no-slash'])(
      'should verify %s for the target with and without a trailing slash',
      (name) => {
        expect(io(name, 'http://example.com').kind).toBe('reply');
        expect(io(name, 'http://example.com/').kind).toBe('reply');
      },
    );
  });

  describe('W3C spec-derived receiver cases (fixtures/spec-derived)', () => {
    interface SpecCase {
      id: string;
      source_url?: string;
      source_response: { status: number; headers: Array<[string, string]>; body: string };
      target: string;
      expected: string;
      prior_state?: string;
    }
    const cases = (JSON.parse(fixture('spec-derived/cases.json')) as { receiver_verification: SpecCase[] })
      .receiver_verification;
    // Where the case leaves a choice (or where Chorus's lenient post rule, API.md, decides otherwise), what Chorus does.
    const chorusChoice: Record<string, Partial<VerificationOutcome>> = {
      'v-trailing-slash': { outcome: 'verified' },
      'v-scheme-mismatch': { outcome: 'verified' },
      'v-relative-href': { outcome: 'verified' },
      'v-404': { outcome: 'rejected', reason: 'source_not_found' },
      'v-link-removed': { outcome: 'rejected', reason: 'no_link_to_target' },
    };
    const byExpectation: Record<string, Partial<VerificationOutcome>> = {
      verified: { outcome: 'verified' },
      verified_no_duplicate: { outcome: 'verified' },
      not_verified: { outcome: 'rejected', reason: 'no_link_to_target' },
      delete_existing: { outcome: 'deleted', reason: 'source_gone' },
    };

    it.each(cases.map((c) => [c.id, c] as const))('should handle %s', (id, specCase) => {
      const source = specCase.source_url ?? 'https://source.example/reply/9';
      const contentType =
        specCase.source_response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';

      const outcome = interpret(
        source,
        specCase.source_response.body,
        specCase.target,
        specCase.source_response.status,
        contentType,
      );

      expect(outcome).toMatchObject(
        chorusChoice[id] ?? byExpectation[specCase.expected] ?? { outcome: 'unknown expectation' },
      );
    });

    it('should cover every receiver case of the fixture', () => {
      expect(cases.map((c) => c.id)).toEqual(expect.arrayContaining(Object.keys(chorusChoice)));
      expect(cases.every((c) => c.id in chorusChoice || c.expected in byExpectation)).toBe(true);
    });

    it('should give a re-sent identical source the same dedupe key and draft (v-same-content-resend)', () => {
      const specCase = cases.find((c) => c.id === 'v-same-content-resend')!;
      const source = 'https://source.example/reply/9';

      const first = verifiedDraft(interpret(source, specCase.source_response.body, specCase.target));
      const second = verifiedDraft(interpret(source, specCase.source_response.body, specCase.target));

      expect(second).toEqual(first);
    });

    it('should read a JF2 JSON source that replies to the target (v-json)', () => {
      const specCase = cases.find((c) => c.id === 'v-json')!;

      const draft = verifiedDraft(
        interpret(
          'https://source.example/reply.json',
          specCase.source_response.body,
          specCase.target,
          200,
          'application/json',
        ),
      );

      expect(draft).toMatchObject({ kind: 'reply', content: { text: 'hi' }, raw: { format: 'jf2' } });
    });
  });

  describe('webmention.rocks update and delete tests (fixtures/webmention-rocks)', () => {
    const rocks = JSON.parse(fixture('webmention-rocks/other-tests.json')) as {
      delete_tests: Array<{ page: string }>;
      update_tests: Array<{ page: string }>;
    };
    const deletePage = rocks.delete_tests[0]!.page;
    const updatePage = rocks.update_tests[1]!.page;

    it('should mark the interaction deleted when the source answers 410 (delete/1)', () => {
      expect(interpret('https://me.example/p/1', '<p>gone</p>', deletePage, 410)).toMatchObject({
        outcome: 'deleted',
        reason: 'source_gone',
      });
    });

    it('should mark the interaction deleted when the source serves a meta Status 410 (delete/1)', () => {
      const page =
        '<html><head><meta http-equiv="status" content="410 Gone"></head><body>deleted</body></html>';

      expect(interpret('https://me.example/p/1', page, deletePage)).toMatchObject({
        outcome: 'deleted',
        reason: 'source_gone',
      });
    });

    it('should keep verifying while the source still links with 200 (delete/1 not_deleted)', () => {
      expect(interpret('https://me.example/p/1', `<a href="${deletePage}">x</a>`, deletePage).outcome).toBe(
        'verified',
      );
    });

    it('should verify each of two targets with its own dedupe key and reject the one whose link was removed (update/1, update/2)', () => {
      const both = `<div class="h-entry"><p class="e-content"><a href="${updatePage}">a</a> <a href="${updatePage}/part/2">b</a></p></div>`;
      const edited = `<div class="h-entry"><p class="e-content"><a href="${updatePage}">a</a></p></div>`;

      const first = verifiedDraft(interpret('https://me.example/p/2', both, updatePage));
      const second = verifiedDraft(interpret('https://me.example/p/2', both, `${updatePage}/part/2`));
      const afterEdit = interpret('https://me.example/p/2', edited, `${updatePage}/part/2`);

      expect(first.dedupeKey).not.toBe(second.dedupeKey);
      expect(afterEdit).toMatchObject({ outcome: 'rejected', reason: 'no_link_to_target' });
    });
  });

  describe('microformats test suite pages (fixtures/microformats)', () => {
    const mf = (path: string, target: string): InteractionDraft =>
      verifiedDraft(interpret('http://example.com/', fixture(`microformats/${path}.html`), target));

    it('should take the author from the h-feed when the entry has none (h-feed/simple)', () => {
      const draft = mf('microformats-v2/h-feed/simple', 'http://microformats.org/wiki/principles');

      expect(draft).toMatchObject({
        kind: 'mention',
        url: 'http://microformats.org/2012/06/25/microformats-org-at-7',
        author: { name: 'Tantek', url: 'http://tantek.com/' },
        name: 'microformats.org at 7',
      });
    });

    it('should read a reply to a nested h-cite without taking the cited author (h-entry/impliedvalue-nested)', () => {
      const draft = mf('microformats-v2/h-entry/impliedvalue-nested', 'http://example.com/post');

      expect(draft).toMatchObject({ kind: 'reply', author: { name: null, url: null, photo: null } });
    });

    it('should read classic hentry/vcard markup through backcompat (microformats-v1/hentry/summarycontent)', () => {
      const draft = mf('microformats-v1/hentry/summarycontent', 'http://microformats.org/wiki/principles');

      expect(draft).toMatchObject({
        kind: 'mention',
        author: { name: 'Tantek', url: 'http://tantek.com/' },
        name: 'microformats.org at 7',
      });
      expect(draft.content?.text).toContain('humans first, machines second');
    });

    it('should read an entry whose author card mixes mf1 and mf2 classes (microformats-mixed/h-entry/mixedroots)', () => {
      const draft = mf(
        'microformats-mixed/h-entry/mixedroots',
        'http://pdx.esri.com/blog/2013/10/17/introducting-mapattack/',
      );

      expect(draft).toMatchObject({
        kind: 'mention',
        author: {
          name: 'Aaron Parecki',
          url: 'https://aaronparecki.com/',
          photo: 'https://aaronparecki.com/images/aaronpk.png',
        },
        name: null,
      });
    });

    it('should verify a relative link in e-content and store it absolute (h-entry/urlincontent)', () => {
      const draft = mf('microformats-v2/h-entry/urlincontent', 'http://example.com/test/test.html');

      expect(draft.content?.html).toContain('href="http://example.com/test/test.html"');
    });
  });

  describe('hostile input', () => {
    const within = (ms: number, run: () => VerificationOutcome): VerificationOutcome => {
      const started = performance.now();
      const outcome = run();
      expect(performance.now() - started).toBeLessThan(ms);
      return outcome;
    };

    it('should verify a page nested 100,000 levels deep quickly, without microformats', () => {
      const depth = 100_000;
      const page = `<div class="h-entry">${'<div>'.repeat(depth)}<a href="${TARGET}">deep</a>${'</div>'.repeat(depth)}</div>`;

      const outcome = within(3_000, () => interpret('https://mallory.example/deep', page));

      expect(outcome).toMatchObject({
        outcome: 'verified',
        draft: { kind: 'mention', raw: { format: 'meta' } },
      });
    });

    it('should still read microformats when nesting stays at an ordinary depth', () => {
      const page = `<div class="h-entry">${'<div>'.repeat(100)}<a class="u-like-of" href="${TARGET}">x</a>${'</div>'.repeat(100)}</div>`;

      expect(verifiedDraft(interpret('https://x.example/', page)).kind).toBe('like');
    });

    it('should cope with a megabyte-long attribute quickly', () => {
      const page = `<div class="h-entry"><a class="u-in-reply-to" href="${TARGET}" title="${'x'.repeat(1_000_000)}">x</a><p class="e-content">hi</p></div>`;

      const outcome = within(3_000, () => interpret('https://mallory.example/long', page));

      expect(outcome).toMatchObject({ outcome: 'verified', draft: { kind: 'reply' } });
    });

    it('should cope with invalid UTF-8 (replacement characters) and lone surrogates', () => {
      const broken = new TextDecoder().decode(Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]));
      const page = `<div class="h-entry"><p class="e-content">${broken}\ud800 <a href="${TARGET}">x</a></p><a class="p-author h-card" href="https://x.example/">\udfff${broken}</a></div>`;

      const draft = verifiedDraft(interpret('https://mallory.example/utf8', page));

      expect(draft.content?.text).toContain('\ufffd');
    });

    it('should not throw on an unterminated, tag-soup page', () => {
      const page = `<<<a href="${TARGET}"<div class="h-entry"<p>${'<b><i>'.repeat(5_000)}<!--`;

      expect(() => within(3_000, () => interpret('https://mallory.example/soup', page))).not.toThrow();
    });

    it('should never let scripts, handlers, javascript: URLs, frames or styles through', () => {
      const draft = verifiedDraft(
        interpret('https://mallory.example/xss', fixture('ok/hostile-content.html')),
      );

      const html = draft.content!.html;
      expect(html).toContain('Nice post');
      expect(html).not.toMatch(/<script|<iframe|<style|<svg|<math|<form|<object|<embed|<base|<meta/i);
      expect(html).not.toMatch(/\son\w+=|style=|javascript:|data:/i);
      expect(draft.author).toEqual({ name: 'Mallory', url: null, photo: null });
      expect(draft.photo).toBeNull();
    });
  });
});
