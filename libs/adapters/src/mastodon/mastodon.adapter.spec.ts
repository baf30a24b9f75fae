import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyTitlePattern,
  boostDraft,
  composeToot,
  idempotencyKeyForPost,
  likeDraft,
  linksInStatus,
  replyDraft,
  tootLength,
} from './mastodon.adapter';
import { parseAccount, parseStatus, type Account, type Status } from './mastodon.types';

const TARGET = 'https://blog.example/2026/11/hello';
const ROOT_ID = '103270000000000000';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as Record<string, unknown>;
}

/** The docs' example status, made a reply to our toot, with overrides. */
function aStatus(
  overrides: Record<string, unknown> = {},
  accountOverrides: Record<string, unknown> = {},
): Status {
  const json = fixture('status.json');
  const account = { ...(json['account'] as Record<string, unknown>), ...accountOverrides };
  return parseStatus({ ...json, in_reply_to_id: ROOT_ID, ...overrides, account });
}

function anAccount(overrides: Record<string, unknown> = {}): Account {
  return parseAccount({ ...fixture('account.json'), ...overrides });
}

describe('replyDraft', () => {
  it('should map a public reply to a reply interaction when it answers the toot', () => {
    const status = aStatus();

    const draft = replyDraft(status, { target: TARGET, rootStatusId: ROOT_ID });

    expect(draft).toMatchObject({
      source: 'mastodon',
      dedupeKey: '103270115826048975',
      target: TARGET,
      kind: 'reply',
      url: 'https://mastodon.social/@Gargron/103270115826048975',
      sourceUrl: 'https://mastodon.social/@Gargron/103270115826048975',
      author: {
        name: 'Eugen',
        url: 'https://mastodon.social/@Gargron',
        photo: 'https://files.mastodon.social/accounts/avatars/000/000/001/original/d96d39a0abb45b92.jpg',
      },
      rsvp: null,
      published: new Date('2019-12-08T03:48:33.901Z'),
      inReplyTo: null,
    });
    expect(draft?.content?.text).toContain('"I lost my inheritance with one wrong digit on my sort code"');
  });

  it('should thread a nested reply to its parent by dedupe key when it answers another reply', () => {
    const status = aStatus({ in_reply_to_id: '103270115800000001' });

    const draft = replyDraft(status, { target: TARGET, rootStatusId: ROOT_ID });

    expect(draft?.inReplyTo).toEqual({ source: 'mastodon', dedupeKey: '103270115800000001' });
  });

  it('should fall back to the uri when the status has no url', () => {
    const status = aStatus({ url: null });

    const draft = replyDraft(status, { target: TARGET, rootStatusId: ROOT_ID });

    expect(draft?.url).toBe('https://mastodon.social/users/Gargron/statuses/103270115826048975');
    expect(draft?.sourceUrl).toBe(draft?.url);
  });

  it('should keep an unlisted reply and skip private and direct ones', () => {
    const drafts = ['unlisted', 'private', 'direct', 'limited'].map((visibility) =>
      replyDraft(aStatus({ visibility }), { target: TARGET, rootStatusId: ROOT_ID }),
    );

    expect(drafts.map((d) => d?.kind ?? null)).toEqual(['reply', null, null, null]);
  });

  it('should skip a reply when its author says #nobot in the profile note', () => {
    const note =
      '<p>Human. <a href="https://x.example/tags/nobot" class="mention hashtag" rel="tag">#<span>NoBot</span></a></p>';
    const status = aStatus({}, { note });

    expect(replyDraft(status, { target: TARGET, rootStatusId: ROOT_ID })).toBeNull();
  });

  it('should skip a reply when its author says #nobridge in a profile field', () => {
    const status = aStatus(
      {},
      { fields: [{ name: 'Bridges', value: '#nobridge please', verified_at: null }] },
    );

    expect(replyDraft(status, { target: TARGET, rootStatusId: ROOT_ID })).toBeNull();
  });

  it('should not mistake a longer hashtag such as #nobotany for an opt-out', () => {
    const status = aStatus({}, { note: '<p>#nobotany fan</p>' });

    expect(replyDraft(status, { target: TARGET, rootStatusId: ROOT_ID })).not.toBeNull();
  });

  it('should keep custom emoji shortcodes in the display name and fall back to the username when it is empty', () => {
    const withEmoji = replyDraft(aStatus({}, { display_name: ':blobcat: Alice ' }), {
      target: TARGET,
      rootStatusId: ROOT_ID,
    });
    const withoutName = replyDraft(aStatus({}, { display_name: '' }), {
      target: TARGET,
      rootStatusId: ROOT_ID,
    });

    expect(withEmoji?.author.name).toBe(':blobcat: Alice');
    expect(withoutName?.author.name).toBe('Gargron');
  });

  it('should sanitize hostile content when mapping a reply', () => {
    const content =
      '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(2)">x</a> <img src=x onerror=alert(3)> :blobcat:</p>';

    const draft = replyDraft(aStatus({ content }), { target: TARGET, rootStatusId: ROOT_ID });

    expect(draft?.content?.html).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(draft?.content?.text).toBe('Hi x :blobcat:');
  });
});

describe('likeDraft', () => {
  it('should map a favourite to a like keyed by account and status, with the profile as url', () => {
    const account = anAccount();

    const draft = likeDraft(account, { target: TARGET, statusId: ROOT_ID });

    expect(draft).toEqual({
      source: 'mastodon',
      dedupeKey: `favourite:23634:${ROOT_ID}`,
      target: TARGET,
      kind: 'like',
      url: 'https://awoo.space/@noiob',
      sourceUrl: 'https://awoo.space/@noiob',
      author: {
        name: 'ikea shark fan account',
        url: 'https://awoo.space/@noiob',
        photo: 'https://files.mastodon.social/accounts/avatars/000/023/634/original/6ca8804dc46800ad.png',
      },
      content: null,
      rsvp: null,
      published: null,
      inReplyTo: null,
      verification: null,
      raw: account,
    });
  });

  it('should skip a favourite when the account opted out with #nobot', () => {
    const account = anAccount({ fields: [{ name: '#NoBot', value: 'thanks' }] });

    expect(likeDraft(account, { target: TARGET, statusId: ROOT_ID })).toBeNull();
  });
});

describe('boostDraft', () => {
  it('should map a boost to a repost keyed by account and status', () => {
    const draft = boostDraft(anAccount(), { target: TARGET, statusId: ROOT_ID });

    expect(draft).toMatchObject({
      kind: 'repost',
      dedupeKey: `reblog:23634:${ROOT_ID}`,
      url: 'https://awoo.space/@noiob',
      published: null,
    });
  });
});

describe('linksInStatus', () => {
  it('should list content links and the card url once each, dropping non-http links', () => {
    const content =
      '<p>New post: <a href="https://blog.example/2026/11/hello?a=1&amp;b=2">blog.example/2026…</a> <a href="mailto:x@y.z">mail</a> <a href="/relative">r</a></p>';
    const status = aStatus({ content, card: { url: 'https://blog.example/2026/11/hello?a=1&b=2' } });

    expect(linksInStatus(status)).toEqual(['https://blog.example/2026/11/hello?a=1&b=2']);
  });

  it("should find the docs example's link in content and card", () => {
    expect(linksInStatus(aStatus())).toEqual([
      'https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code',
    ]);
  });
});

describe('applyTitlePattern', () => {
  it('should extract the named group title when the pattern matches', () => {
    expect(applyTitlePattern('Hello world | My Blog', /^(?<title>.+?) \| My Blog$/)).toBe('Hello world');
  });

  it('should keep the title unchanged when the pattern does not match or is absent', () => {
    expect(applyTitlePattern('Hello world', /^(?<title>.+?) \| My Blog$/)).toBe('Hello world');
    expect(applyTitlePattern('Hello world', null)).toBe('Hello world');
  });
});

describe('idempotencyKeyForPost', () => {
  it('should give the same hex key for lenient variants of a post URL and another for another post', () => {
    const key = idempotencyKeyForPost('https://blog.example/2026/11/hello');

    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyKeyForPost('http://www.blog.example/2026/11/hello/?utm_source=x')).toBe(key);
    expect(idempotencyKeyForPost('https://blog.example/2026/11/other')).not.toBe(key);
  });
});

describe('composeToot', () => {
  const url =
    'https://blog.example/2026/11/a-rather-long-url-that-mastodon-counts-as-twenty-three-characters';
  const base = { url, suffix: null, maxCharacters: 500, urlLength: 23 };

  it('should put title, description, suffix and url on their own lines when everything fits', () => {
    const toot = composeToot({
      ...base,
      title: 'Hello',
      description: 'A short post.',
      suffix: '#blog #indieweb',
    });

    expect(toot).toBe(`Hello\n\nA short post.\n\n#blog #indieweb\n${url}`);
  });

  it('should count every URL as urlLength characters when checking the limit', () => {
    const title = 'x'.repeat(100 - 2 - 23);

    const toot = composeToot({ ...base, title, description: null, maxCharacters: 100 });

    expect(toot).toBe(`${title}\n\n${url}`);
    expect(tootLength(toot, 23)).toBe(100);
  });

  it('should shorten the description at a word boundary with an ellipsis when it is too long', () => {
    const description = 'word '.repeat(200).trim();

    const toot = composeToot({ ...base, title: 'Title', description, suffix: '#blog', maxCharacters: 120 });

    expect(tootLength(toot, 23)).toBeLessThanOrEqual(120);
    expect(toot).toMatch(/^Title\n\n(word )+word…\n\n#blog\nhttps:/);
    expect(toot.endsWith(url)).toBe(true);
    expect(tootLength(toot, 23)).toBeGreaterThan(110);
  });

  it('should drop the description and shorten the title when the title alone is too long', () => {
    const title = 'Title words '.repeat(30).trim();

    const toot = composeToot({
      ...base,
      title,
      description: 'Some description',
      suffix: '#blog',
      maxCharacters: 80,
    });

    expect(toot).toMatch(/^(Title words )*Title( words)?…\n\n#blog\nhttps:/);
    expect(toot).not.toContain('Some description');
    expect(tootLength(toot, 23)).toBeLessThanOrEqual(80);
  });

  it('should never cut the url or the suffix even when nothing else fits', () => {
    const suffix = '#a '.repeat(30).trim();

    const toot = composeToot({ ...base, title: 'Title', description: 'Desc', suffix, maxCharacters: 50 });

    expect(toot).toBe(`${suffix}\n${url}`);
  });

  it('should count emoji and other astral characters as Mastodon does, one per grapheme', () => {
    const title = '👩‍👩‍👧‍👦🎉𝒳'.repeat(10);
    const description = '🙂 '.repeat(100).trim();

    const toot = composeToot({ ...base, title, description, maxCharacters: 100 });

    expect(tootLength(title, 23)).toBe(30);
    expect(toot.startsWith(`${title}\n\n🙂 🙂`)).toBe(true);
    expect(toot).toMatch(/🙂…\n\nhttps:/);
    expect(tootLength(toot, 23)).toBeLessThanOrEqual(100);
    expect(tootLength(toot, 23)).toBeGreaterThanOrEqual(98);
  });

  it('should cut a single over-long word when there is no word boundary', () => {
    const title = 'x'.repeat(300);

    const toot = composeToot({ ...base, title, description: null, maxCharacters: 60 });

    expect(toot).toBe(`${'x'.repeat(34)}…\n\n${url}`);
  });
});
