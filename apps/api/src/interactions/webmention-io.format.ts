import type { InteractionKind, PublicInteraction } from '@chorus/shared';

/** webmention.io's `wm-property` for each kind. */
export const WM_PROPERTY: Record<InteractionKind, string> = {
  reply: 'in-reply-to',
  like: 'like-of',
  repost: 'repost-of',
  bookmark: 'bookmark-of',
  mention: 'mention-of',
  rsvp: 'rsvp',
};

export const KIND_BY_WM_PROPERTY = new Map(Object.entries(WM_PROPERTY).map(([kind, property]) => [property, kind as InteractionKind]));

/** One JF2 entry exactly as webmention.io's `Formats.build_jf2_from_link`. */
export function toJf2Entry(item: PublicInteraction, wmSource: string | null) {
  const property = WM_PROPERTY[item.kind];
  return {
    type: 'entry',
    author: { type: 'card', name: item.author.name ?? '', photo: item.author.photo ?? '', url: item.author.url ?? '' },
    url: item.url,
    published: item.published,
    'wm-received': item.received,
    'wm-id': item.id,
    'wm-source': wmSource ?? item.url,
    'wm-target': item.post,
    'wm-protocol': item.source,
    ...(item.content ? { content: { html: item.content.html, text: item.content.text } } : {}),
    ...(item.kind === 'rsvp' ? { rsvp: item.rsvp, 'in-reply-to': item.post } : { [property]: item.post }),
    'wm-property': property,
    'wm-private': false,
  };
}

const VERBS: Record<InteractionKind, string> = {
  reply: 'commented on',
  like: 'liked',
  repost: 'reposted',
  bookmark: 'bookmarked',
  mention: 'mentioned',
  rsvp: 'RSVPed to',
};

/** One link of webmention.io's legacy `/api/mentions` answer. */
export function toLegacyLink(item: PublicInteraction, wmSource: string | null) {
  const name = item.author.name ?? item.author.url ?? 'someone';
  const sentence = `${name} ${VERBS[item.kind]} a post ${item.post}`;
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const who = item.author.url ? `<a href="${escape(item.author.url)}">${escape(name)}</a>` : escape(name);
  return {
    source: wmSource ?? item.url,
    verified: true,
    verified_date: item.received,
    id: item.id,
    private: false,
    data: {
      author: { name: item.author.name ?? '', url: item.author.url ?? '', photo: item.author.photo ?? '' },
      url: item.url,
      name: null,
      content: item.content?.html ?? null,
      published: item.published,
      published_ts: item.published ? Math.floor(Date.parse(item.published) / 1000) : null,
    },
    activity: {
      type: item.kind === 'reply' ? 'reply' : item.kind === 'mention' ? 'link' : item.kind,
      sentence,
      sentence_html: `${who} ${VERBS[item.kind]} a post <a href="${escape(item.post)}">${escape(item.post)}</a>`,
    },
    target: item.post,
  };
}
