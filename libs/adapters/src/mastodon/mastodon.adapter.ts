import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import { postKey } from '@chorus/shared';
import type { InteractionDraft, SourceDescriptor } from '../adapter';
import { htmlToText, sanitizeContent } from '../html/sanitize';
import type { Account, Status } from './mastodon.types';

export const mastodonSource: SourceDescriptor = {
  id: 'mastodon',
  displayName: 'Mastodon',
  settings: [
    {
      env: 'CHORUS_MASTODON_URL',
      required: false,
      secret: false,
      description: "Base URL of the owner's Mastodon (or compatible) instance, with scheme",
    },
    {
      env: 'CHORUS_MASTODON_TOKEN',
      required: false,
      secret: true,
      description: 'OAuth access token with `read write:statuses`',
    },
    {
      env: 'CHORUS_TOOT_SUFFIX',
      required: false,
      secret: false,
      description: 'Line appended to every published toot (e.g. hashtags)',
    },
    {
      env: 'CHORUS_TITLE_PATTERN',
      required: false,
      secret: false,
      description: 'Regex with a named group `title` applied to the page title',
    },
    {
      env: 'CHORUS_POLL_INTERVAL',
      required: false,
      secret: false,
      description: 'Base Mastodon poll interval',
    },
  ],
};

const PUBLIC_VISIBILITIES = new Set(['public', 'unlisted']);
/** The community's opt-out tags for bots and bridges, in a profile's bio or fields. */
const OPT_OUT = /#no(bot|bridge)\b/i;

/** A reply from the toot's thread, or null when its author opted out or it is not public. */
export function replyDraft(
  status: Status,
  ctx: { target: string; rootStatusId: string },
): InteractionDraft | null {
  if (!PUBLIC_VISIBILITIES.has(status.visibility) || hasOptedOut(status.account)) return null;
  const url = status.url ?? status.uri;
  const parentId = status.in_reply_to_id;
  return {
    source: 'mastodon',
    dedupeKey: status.id,
    target: ctx.target,
    kind: 'reply',
    url,
    sourceUrl: url,
    author: authorOf(status.account),
    content: sanitizeContent(status.content, url ?? undefined),
    rsvp: null,
    published: parseDate(status.created_at),
    inReplyTo:
      parentId === null || parentId === ctx.rootStatusId ? null : { source: 'mastodon', dedupeKey: parentId },
    verification: null,
    raw: status,
  };
}

/** A favourite of the toot; Mastodon does not say when it happened, so `published` is null. */
export function likeDraft(
  account: Account,
  ctx: { target: string; statusId: string },
): InteractionDraft | null {
  return reactionDraft('like', `favourite:${account.id}:${ctx.statusId}`, account, ctx.target);
}

/** A boost of the toot; like favourites, it has no time and no page of its own. */
export function boostDraft(
  account: Account,
  ctx: { target: string; statusId: string },
): InteractionDraft | null {
  return reactionDraft('repost', `reblog:${account.id}:${ctx.statusId}`, account, ctx.target);
}

function reactionDraft(
  kind: 'like' | 'repost',
  dedupeKey: string,
  account: Account,
  target: string,
): InteractionDraft | null {
  if (hasOptedOut(account)) return null;
  return {
    source: 'mastodon',
    dedupeKey,
    target,
    kind,
    url: account.url,
    sourceUrl: account.url,
    author: authorOf(account),
    content: null,
    rsvp: null,
    published: null,
    inReplyTo: null,
    verification: null,
    raw: account,
  };
}

function hasOptedOut(account: Account): boolean {
  const texts = [account.note, ...account.fields.flatMap((field) => [field.name, field.value])];
  return texts.some((html) => OPT_OUT.test(htmlToText(html)));
}

/** Custom emoji shortcodes stay as text (`:blobcat: Alice`); an empty display name falls back to the username. */
function authorOf(account: Account): InteractionDraft['author'] {
  return { name: account.display_name.trim() || account.username, url: account.url, photo: account.avatar };
}

function parseDate(value: string | null): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Every http(s) link of a status (content links and its preview card), for post discovery. */
export function linksInStatus(status: Status): string[] {
  const hrefs: string[] = [];
  sanitizeHtml(status.content, {
    allowedTags: ['a'],
    allowedAttributes: { a: ['href'] },
    transformTags: {
      a: (tagName, attribs) => {
        if (attribs.href) hrefs.push(attribs.href);
        return { tagName, attribs };
      },
    },
  });
  if (status.card) hrefs.push(status.card.url);
  const links = hrefs.map((href) => absoluteHttpUrl(href)).filter((href): href is string => href !== null);
  return [...new Set(links)];
}

function absoluteHttpUrl(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The page title without the site's decoration, by the named group `title`; unchanged when it does not match. */
export function applyTitlePattern(title: string, pattern: RegExp | null): string {
  const extracted = pattern?.exec(title)?.groups?.['title']?.trim();
  return extracted || title;
}

/** Stable per post (the same for every lenient variant of its URL), so a retried publish is deduplicated by Mastodon. */
export function idempotencyKeyForPost(postUrl: string): string {
  return createHash('sha256')
    .update(postKey(postUrl) ?? postUrl)
    .digest('hex');
}

export interface TootInput {
  title: string | null;
  description: string | null;
  url: string;
  suffix: string | null;
  maxCharacters: number;
  urlLength: number;
}

/**
 * The announcing toot: title, description, suffix and URL. When it is too long, the description is
 * shortened first, then the title, at word boundaries with '…'; the URL and the suffix are never cut.
 */
export function composeToot(input: TootInput): string {
  const suffix = clean(input.suffix);
  const render = (title: string | null, description: string | null): string => {
    const head = [title, description].filter(Boolean).join('\n\n');
    const tail = [suffix, input.url].filter(Boolean).join('\n');
    return head ? `${head}\n\n${tail}` : tail;
  };
  const fits = (text: string) => tootLength(text, input.urlLength) <= input.maxCharacters;
  const title = clean(input.title);
  const description = clean(input.description);

  if (fits(render(title, description))) return render(title, description);
  if (description && fits(render(title, null))) {
    return render(
      title,
      longestFitting(description, (d) => fits(render(title, d))),
    );
  }
  if (title && fits(render(null, null))) {
    return render(
      longestFitting(title, (t) => fits(render(t, null))),
      null,
    );
  }
  return render(null, null);
}

/**
 * Length as Mastodon's `StatusLengthValidator` counts it: grapheme clusters (an emoji, even a
 * ZWJ sequence, is one), with every http(s) URL counted as `urlLength`.
 */
export function tootLength(text: string, urlLength: number): number {
  return graphemes(text.replace(/https?:\/\/\S+/gi, 'x'.repeat(urlLength))).length;
}

/** The longest word-boundary shortening of `text` that `fits`, or null when none does. */
function longestFitting(text: string, fits: (candidate: string | null) => boolean): string | null {
  let low = 1;
  let high = graphemes(text).length;
  let best: string | null = null;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const candidate = shorten(text, middle);
    if (candidate !== null && fits(candidate)) {
      best = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best;
}

/** At most `limit` graphemes, cut after a whole word and ended with '…'; null when not even a word fits. */
function shorten(text: string, limit: number): string | null {
  const chars = graphemes(text);
  if (chars.length <= limit) return text;
  const kept = chars.slice(0, limit - 1).join('');
  const atWord = /\s/.test(chars[limit - 1] ?? '') ? kept : kept.replace(/\s+\S*$/, '');
  const trimmed = atWord.replace(/[\s,;:.–—-]+$/, '');
  return trimmed ? `${trimmed}…` : null;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

function clean(value: string | null): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}
