import { isSamePost, RSVP_VALUES, type InteractionKind, type RsvpValue } from '@chorus/shared';
import { findAuthor } from './authorship';
import { contentFromHtml, contentFromText, meaningfulName, parsePublished } from './content';
import {
  firstString,
  firstUrl,
  hasType,
  isItem,
  urlsOf,
  type Mf2Document,
  type Mf2Item,
  type Mf2Value,
} from './mf2';
import type { InteractionFields } from './webmention.types';

/** The h-entry chosen to stand for a source page, with what it is to the target. */
export interface EntryChoice {
  entry: Mf2Item;
  kind: InteractionKind;
  /** The h-feed the entry sits in, whose author is the entry's fallback author. */
  feed: Mf2Item | null;
}

// webmention.io's precedence after rsvp (helpers/webmention_processor.rb `get_mention_type`).
export const RESPONSE_PROPERTIES: ReadonlyArray<readonly [string, InteractionKind]> = [
  ['repost-of', 'repost'],
  ['like-of', 'like'],
  ['bookmark-of', 'bookmark'],
  ['in-reply-to', 'reply'],
];
export const KINDS_WITHOUT_CONTENT: readonly InteractionKind[] = ['like', 'repost'];
const LINK_IN_HTML = /\s(?:href|src|cite|poster)="([^"]*)"/gi;

/**
 * Picks the h-entry that answers the target: the first (in document order, nested ones included)
 * whose reply/like/repost/bookmark properties name it; else the first that links to it anywhere;
 * else, if the page has exactly one h-entry, that one as a mention; else none.
 */
export function chooseEntry(document: Mf2Document, target: string): EntryChoice | null {
  const entries = collectEntries(document).map((found) => ({ ...found, kind: kindOf(found.entry, target) }));
  const answer = entries.find((found) => found.kind !== null && found.kind !== 'mention');
  const mention = entries.find((found) => found.kind === 'mention');
  const chosen = answer ?? mention ?? (entries.length === 1 ? entries[0] : undefined);
  return chosen ? { ...chosen, kind: chosen.kind ?? 'mention' } : null;
}

/** The interaction's fields from the chosen entry (`baseUrl` resolves links in its content). */
export function entryFields(
  choice: EntryChoice,
  document: Mf2Document,
  page: { url: string; baseUrl: string; source: string },
): InteractionFields {
  const { entry, kind } = choice;
  const url = firstUrl(entry, 'url') ?? page.source;
  const content = KINDS_WITHOUT_CONTENT.includes(kind) ? null : entryContent(entry, page.baseUrl, url);
  return {
    kind,
    url,
    author: findAuthor(document, choice, page.url),
    content,
    rsvp: kind === 'rsvp' ? rsvpOf(entry) : null,
    published: parsePublished(firstString(entry, 'published')),
    name: meaningfulName(firstString(entry, 'name'), content),
    photo: firstUrl(entry, 'photo'),
    raw: { format: 'mf2', entry },
  };
}

function collectEntries(document: Mf2Document): Array<{ entry: Mf2Item; feed: Mf2Item | null }> {
  const entries: Array<{ entry: Mf2Item; feed: Mf2Item | null }> = [];
  const stack = [...document.items].reverse().map((item) => ({ item, feed: null as Mf2Item | null }));
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { item, feed } = next;
    if (hasType(item, 'h-entry')) entries.push({ entry: item, feed });
    const childFeed = hasType(item, 'h-feed') ? item : feed;
    const children = item.children ?? [];
    for (let index = children.length - 1; index >= 0; index -= 1)
      stack.push({ item: children[index]!, feed: childFeed });
  }
  return entries;
}

function kindOf(entry: Mf2Item, target: string): InteractionKind | null {
  const names = (property: string): boolean =>
    (entry.properties[property] ?? []).some((value) => urlsOf(value).some((url) => isSamePost(url, target)));
  if (rsvpOf(entry) && names('in-reply-to')) return 'rsvp';
  const response = RESPONSE_PROPERTIES.find(([property]) => names(property));
  if (response) return response[1];
  return linksAnywhere(entry, target) ? 'mention' : null;
}

/** Whether any property of the entry (embedded items and e-* HTML included) links to the target. */
function linksAnywhere(entry: Mf2Item, target: string): boolean {
  const stack: Mf2Value[] = Object.values(entry.properties).flat();
  for (let value = stack.pop(); value !== undefined; value = stack.pop()) {
    if (isItem(value)) {
      for (const nested of Object.values(value.properties).flat()) stack.push(nested);
      if (value.value !== undefined) stack.push(value.value);
    } else if (typeof value === 'string') {
      if (isSamePost(value, target)) return true;
    } else if ('html' in value) {
      if (linksInSerializedHtml(value.html).some((link) => isSamePost(link, target))) return true;
    } else if (isSamePost(value.value ?? '', target)) {
      return true;
    }
  }
  return false;
}

function entryContent(entry: Mf2Item, baseUrl: string, fullPageUrl: string): InteractionFields['content'] {
  for (const property of ['content', 'summary']) {
    const value = entry.properties[property]?.[0];
    if (value === undefined || isItem(value)) continue;
    if (typeof value === 'object' && 'html' in value)
      return contentFromHtml(value.html, baseUrl, fullPageUrl);
    const text = typeof value === 'string' ? value : (value.value ?? '');
    if (text.trim()) return contentFromText(text, fullPageUrl);
  }
  return null;
}

function rsvpOf(entry: Mf2Item): RsvpValue | null {
  const value = firstString(entry, 'rsvp')?.toLowerCase();
  return RSVP_VALUES.find((rsvp) => rsvp === value) ?? null;
}

// microformats-parser serialises e-* HTML with parse5: links already absolute, attribute values
// double-quoted, and only `&`, `"` and U+00A0 escaped in them.
function linksInSerializedHtml(html: string): string[] {
  return Array.from(html.matchAll(LINK_IN_HTML), ([, link = '']) =>
    link
      .replace(/&quot;/g, '"')
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&amp;/g, '&'),
  );
}
