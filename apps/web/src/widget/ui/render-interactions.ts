import type { Author, Content, InteractionCounts, PostInteractionsResponse, PublicInteraction } from '@chorus/shared';
import { splitFacepile } from '../core/facepile';
import type { Translator } from '../core/i18n';
import { formatDateTime, formatRelativeTime, parseDate } from '../core/relative-time';
import { absoluteHttpUrl } from '../core/resolve-urls';
import { countReplies, groupInteractions, type ReplyNode } from '../core/thread';
import { h } from './dom';
import { safeHtmlFragment } from './safe-html';

/** How many faces a pile shows, and how many threads (top level) and answers (nested) before "show more". */
const FACEPILE_SLOTS = 12;
const VISIBLE_THREADS = 10;
const VISIBLE_NESTED = 3;

const EXTERNAL_REL = 'nofollow ugc noopener noreferrer';

interface RenderContext {
  t: Translator;
  now: Date;
}

/** Counts, facepiles, the threaded replies and the compact list of a post's interactions. */
export function renderInteractions(data: PostInteractionsResponse, t: Translator, now: Date): HTMLElement {
  const context = { t, now };
  const grouped = groupInteractions(data.items);
  return h(
    'div',
    { class: 'interactions' },
    renderCounts(data.counts, t),
    grouped.likes.length > 0 && renderFacepile('likes', t.text('likesHeading'), grouped.likes, context),
    grouped.reposts.length > 0 && renderFacepile('reposts', t.text('repostsHeading'), grouped.reposts, context),
    grouped.replies.length > 0 &&
      h('section', { 'aria-labelledby': 'replies-heading' }, h('h3', { id: 'replies-heading' }, t.text('repliesHeading')), renderThreadList(grouped.replies, VISIBLE_THREADS, 'thread', context)),
    grouped.others.length > 0 &&
      h(
        'section',
        { 'aria-labelledby': 'others-heading' },
        h('h3', { id: 'others-heading' }, t.text('othersHeading')),
        h('ul', { class: 'compact' }, ...grouped.others.map((item) => renderCompactItem(item, context))),
      ),
  );
}

function renderCounts(counts: InteractionCounts, t: Translator): HTMLElement {
  const parts = [
    counts.reply && t.count('replies', counts.reply),
    counts.like && t.count('likes', counts.like),
    counts.repost && t.count('reposts', counts.repost),
    counts.mention && t.count('mentions', counts.mention),
    counts.bookmark && t.count('bookmarks', counts.bookmark),
    counts.rsvp && t.count('rsvps', counts.rsvp),
  ].filter((part): part is string => typeof part === 'string');
  if (!parts.length) return h('p', { class: 'quiet' }, t.text('empty'));
  return h('ul', { class: 'counts', part: 'counts' }, ...parts.map((part) => h('li', {}, part)));
}

function renderFacepile(name: string, heading: string, items: PublicInteraction[], { t }: RenderContext): HTMLElement {
  const pile = splitFacepile(items, FACEPILE_SLOTS);
  return h(
    'section',
    { class: name, 'aria-labelledby': `${name}-heading` },
    h('h3', { id: `${name}-heading` }, heading),
    h(
      'ul',
      { class: 'faces' },
      ...pile.shown.map((item) => h('li', { class: 'face' }, renderFace(item.author, t))),
      pile.more > 0 && h('li', { class: 'face-more' }, t.text('more', { n: pile.more })),
    ),
  );
}

/** An avatar whose name is its accessible label, linked to the person when they have a page. */
function renderFace(author: Author, t: Translator): HTMLElement {
  const name = authorName(author, t);
  const avatar = renderAvatar(author, name, name);
  const href = absoluteHttpUrl(author.url);
  return href ? h('a', { href, rel: EXTERNAL_REL, target: '_blank', title: name }, avatar) : h('span', { title: name }, avatar);
}

/** The photo, or the name's first letter when there is none or it fails to load. `label` empty = decorative. */
function renderAvatar(author: Author, name: string, label: string): HTMLElement {
  const initial = (): HTMLElement =>
    h('span', { class: 'avatar', part: 'avatar', role: label ? 'img' : null, 'aria-label': label || null, 'aria-hidden': label ? null : 'true' }, name.trim().charAt(0).toUpperCase() || '?');
  const photo = absoluteHttpUrl(author.photo);
  if (!photo) return initial();
  const image = h('img', { class: 'avatar', part: 'avatar', src: photo, alt: label, loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' });
  image.addEventListener('error', () => image.replaceWith(initial()), { once: true });
  return image;
}

/** A list of threads showing `visible` of them, with a "show more" button that reveals the rest in place. */
function renderThreadList(nodes: ReplyNode[], visible: number, className: string, context: RenderContext): HTMLElement {
  const list = h('ol', { class: className });
  list.append(...nodes.slice(0, visible).map((node) => renderReply(node, context)));
  const hidden = nodes.slice(visible);
  if (!hidden.length) return list;
  const button = h('button', { type: 'button', class: 'more', part: 'button' }, context.t.count('showMore', countReplies(hidden)));
  const moreItem = h('li', {}, button);
  button.addEventListener('click', () => {
    const revealed = hidden.map((node) => renderReply(node, context));
    moreItem.replaceWith(...revealed);
    revealed[0]?.querySelector<HTMLElement>('.author, .time')?.focus();
  });
  list.append(moreItem);
  return list;
}

function renderReply(node: ReplyNode, context: RenderContext): HTMLElement {
  const item = node.interaction;
  const name = authorName(item.author, context.t);
  return h(
    'li',
    { class: 'reply', part: 'reply' },
    h(
      'article',
      { 'aria-label': name },
      h('header', { class: 'meta' }, renderAvatar(item.author, name, ''), renderAuthorName(item.author, name), renderBadge(item, context.t), renderTime(item, context)),
      item.content && h('div', { class: 'content', part: 'content' }, renderContent(item.content)),
    ),
    node.children.length > 0 && renderThreadList(node.children, VISIBLE_NESTED, 'replies', context),
  );
}

/** The content as HTML; as plain text where the page's CSP forbids inserting HTML (Trusted Types without our policy). */
function renderContent(content: Content): DocumentFragment | string {
  try {
    return safeHtmlFragment(content.html);
  } catch {
    return content.text;
  }
}

function renderCompactItem(item: PublicInteraction, context: RenderContext): HTMLElement {
  const name = authorName(item.author, context.t);
  return h('li', {}, renderAuthorName(item.author, name), ' ', compactVerb(item, context.t), ' · ', renderTime(item, context));
}

function compactVerb(item: PublicInteraction, t: Translator): string {
  if (item.kind === 'bookmark') return t.text('bookmarked');
  if (item.kind !== 'rsvp') return t.text('mentioned');
  switch (item.rsvp) {
    case 'yes':
      return t.text('rsvpYes');
    case 'no':
      return t.text('rsvpNo');
    case 'maybe':
      return t.text('rsvpMaybe');
    case 'interested':
    case null:
      return t.text('rsvpInterested');
  }
}

function renderAuthorName(author: Author, name: string): HTMLElement {
  const href = absoluteHttpUrl(author.url);
  return href ? h('a', { class: 'author', href, rel: EXTERNAL_REL, target: '_blank' }, name) : h('span', { class: 'author' }, name);
}

function renderBadge(item: PublicInteraction, t: Translator): HTMLElement {
  return h('span', { class: 'badge', part: 'badge' }, sourceLabel(item, t));
}

function sourceLabel(item: PublicInteraction, t: Translator): string {
  switch (item.source) {
    case 'webmention':
    case 'pingback':
      return t.text('sourceSite');
    case 'mastodon':
      return t.text('sourceMastodon');
    case 'email':
      return t.text('sourceEmail');
  }
}

/** Relative time, linking to the original when it has a page; the exact date is in the tooltip. */
function renderTime(item: PublicInteraction, { t, now }: RenderContext): HTMLElement | string {
  const date = parseDate(item.published) ?? parseDate(item.received);
  const href = absoluteHttpUrl(item.url);
  const time = date ? h('time', { datetime: date.toISOString(), title: formatDateTime(date, t.language) }, formatRelativeTime(date, now, t.language)) : null;
  if (!href) return time ?? '';
  return h('a', { class: 'time', href, rel: EXTERNAL_REL, target: '_blank' }, time ?? href);
}

function authorName(author: Author, t: Translator): string {
  return author.name?.trim() || hostOf(author.url) || t.text('anonymous');
}

function hostOf(url: string | null): string | null {
  const href = absoluteHttpUrl(url);
  return href ? new URL(href).hostname : null;
}
