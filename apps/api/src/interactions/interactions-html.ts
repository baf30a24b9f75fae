import type { PostInteractionsResponse, PublicInteraction } from '@chorus/shared';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? escape(url) : null);

/**
 * The per-post thread as plain HTML marked up with microformats (h-cite comments, likes and reposts
 * with h-card authors), for static-site builds and readers without JavaScript. Content HTML was
 * sanitized when it was stored; everything else is escaped here.
 */
export function renderInteractionsHtml(data: PostInteractionsResponse): string {
  const byKind = (kind: PublicInteraction['kind']) => data.items.filter((item) => item.kind === kind);
  const replies = data.items.filter((item) => item.kind === 'reply' || item.kind === 'rsvp');
  const others = data.items.filter((item) => item.kind === 'mention' || item.kind === 'bookmark');
  return [
    `<section class="chorus-interactions" data-post="${escape(data.post.url)}">`,
    `<p class="chorus-counts">${counts(data)}</p>`,
    facepile('like', byKind('like')),
    facepile('repost', byKind('repost')),
    replies.length ? `<ol class="chorus-replies">${thread(replies)}</ol>` : '',
    others.length ? `<ul class="chorus-mentions">${others.map(mention).join('')}</ul>` : '',
    '</section>',
  ].join('\n');
}

function counts(data: PostInteractionsResponse): string {
  const parts = (
    [
      ['reply', 'reply', 'replies'],
      ['like', 'like', 'likes'],
      ['repost', 'repost', 'reposts'],
      ['mention', 'mention', 'mentions'],
      ['bookmark', 'bookmark', 'bookmarks'],
      ['rsvp', 'RSVP', 'RSVPs'],
    ] as const
  )
    .filter(([kind]) => data.counts[kind] > 0)
    .map(([kind, one, many]) => `<span class="chorus-count-${kind}">${data.counts[kind]} ${data.counts[kind] === 1 ? one : many}</span>`);
  return parts.length ? parts.join(' · ') : 'No responses yet.';
}

function facepile(kind: 'like' | 'repost', items: PublicInteraction[]): string {
  if (!items.length) return '';
  const property = kind === 'like' ? 'p-like' : 'p-repost';
  const faces = items.map((item) => `<li class="${property} h-cite">${card(item, true)}</li>`).join('');
  return `<ul class="chorus-facepile chorus-${kind}s" aria-label="${kind === 'like' ? 'Likes' : 'Reposts'}">${faces}</ul>`;
}

/**
 * Replies nested under the reply their `parentId` names, siblings in the given order. A reply whose
 * parent is unknown, or that is part of a parent loop, is a root, so nothing is ever dropped.
 */
function thread(items: PublicInteraction[]): string {
  const loops = loopMembers(items);
  const known = new Set(items.map((item) => item.id));
  const children = new Map<number | null, PublicInteraction[]>();
  for (const item of items) {
    const parent = item.parentId !== null && known.has(item.parentId) && !loops.has(item.id) ? item.parentId : null;
    const siblings = children.get(parent) ?? [];
    if (!siblings.length) children.set(parent, siblings);
    siblings.push(item);
  }
  const render = (item: PublicInteraction): string => {
    const replies = (children.get(item.id) ?? []).map(render).join('');
    return `<li class="p-comment h-cite" id="chorus-${item.id}">${card(item, false)}${body(item)}${replies ? `<ol>${replies}</ol>` : ''}</li>`;
  };
  return (children.get(null) ?? []).map(render).join('');
}

/** The ids on a cycle of parent links, found by walking each chain once (linear overall). */
function loopMembers(items: PublicInteraction[]): Set<number> {
  const parentOf = new Map(items.map((item) => [item.id, item.parentId]));
  const loops = new Set<number>();
  const walked = new Set<number>();
  for (const start of parentOf.keys()) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let id: number | null | undefined = start;
    while (id !== null && id !== undefined && parentOf.has(id) && !walked.has(id) && !onPath.has(id)) {
      onPath.set(id, path.length);
      path.push(id);
      id = parentOf.get(id);
    }
    const loopStart = id === null || id === undefined ? undefined : onPath.get(id);
    if (loopStart !== undefined) for (const member of path.slice(loopStart)) loops.add(member);
    for (const member of path) walked.add(member);
  }
  return loops;
}

function mention(item: PublicInteraction): string {
  const url = safeUrl(item.url);
  const title = escape(item.content?.text.slice(0, 140) || item.url || '');
  const link = url ? `<a class="u-url" href="${url}">${title}</a>` : `<span>${title}</span>`;
  return `<li class="p-mention h-cite">${card(item, false)} ${link}</li>`;
}

function card(item: PublicInteraction, compact: boolean): string {
  const name = escape(item.author.name ?? 'Someone');
  const photo = safeUrl(item.author.photo);
  const url = safeUrl(item.author.url);
  const img = photo ? `<img class="u-photo" src="${photo}" alt="${compact ? name : ''}" width="48" height="48" loading="lazy">` : '';
  const label = compact ? (img || `<span class="p-name">${name}</span>`) : `${img}<span class="p-name">${name}</span>`;
  const inner = url ? `<a class="u-url" href="${url}" rel="nofollow ugc">${label}</a>` : label;
  return `<span class="u-author h-card"${compact ? ` title="${name}"` : ''}>${inner}</span>`;
}

function body(item: PublicInteraction): string {
  const when = item.published ?? item.received;
  const url = safeUrl(item.url);
  const time = `<time class="dt-published" datetime="${escape(when)}">${escape(when.slice(0, 10))}</time>`;
  const rsvp = item.kind === 'rsvp' && item.rsvp ? `<data class="p-rsvp" value="${escape(item.rsvp)}">RSVP ${escape(item.rsvp)}</data> ` : '';
  const content = item.content ? `<div class="e-content">${item.content.html || escape(item.content.text)}</div>` : '';
  return ` ${url ? `<a class="u-url" href="${url}" rel="nofollow ugc">${time}</a>` : time} <span class="chorus-source">${escape(item.source)}</span>${rsvp}${content}`;
}
