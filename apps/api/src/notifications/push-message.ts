import type { InteractionKind, InteractionSource, RsvpValue } from '@chorus/shared';

/** What the service worker shows (apps/web/src/sw/sw.ts `PushPayload`). */
export interface PushMessage {
  title: string;
  body: string;
  /** The inbox's route for the item, opened when the notification is tapped. */
  url: string;
  /** One notification per interaction: a resend replaces it instead of adding another. */
  tag: string;
}

export interface NotifiedInteraction {
  id: number;
  kind: InteractionKind;
  source: InteractionSource;
  rsvp: RsvpValue | null;
  authorName: string | null;
  contentText: string | null;
}

const BODY_LENGTH = 120;

const VERBS: Record<InteractionKind, string> = {
  reply: 'replied to',
  like: 'liked',
  repost: 'boosted',
  bookmark: 'bookmarked',
  mention: 'mentioned',
  rsvp: 'RSVPed to',
};

const SOURCE_NAMES: Record<InteractionSource, string> = {
  webmention: 'a webmention',
  pingback: 'a pingback',
  mastodon: 'Mastodon',
  email: 'email',
};

/** The inbox's client route for one interaction (apps/web `routeHref`). */
export function inboxPath(id: number): string {
  return `/inbox/${id}`;
}

/** Who did what where: "Alice replied to “Hello world”", and the first words of what they wrote. */
export function pushMessage(interaction: NotifiedInteraction, post: { url: string; title: string | null }): PushMessage {
  const who = interaction.authorName?.trim() || 'Someone';
  const verb = interaction.kind === 'rsvp' && interaction.rsvp ? `RSVPed ${interaction.rsvp} to` : VERBS[interaction.kind];
  const where = post.title?.trim() || post.url.replace(/^https?:\/\/(www\.)?/, '');
  const text = interaction.contentText?.replace(/\s+/g, ' ').trim() ?? '';
  return {
    title: `${who} ${verb} “${where}”`,
    body: text ? truncate(text, BODY_LENGTH) : `via ${SOURCE_NAMES[interaction.source]}`,
    url: inboxPath(interaction.id),
    tag: `interaction-${interaction.id}`,
  };
}

function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > length / 2 ? atWord : cut}…`;
}
