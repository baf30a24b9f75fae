import type { AdminInteraction, InteractionKind, InteractionSource, InteractionStatus } from '@chorus/shared';

export const SOURCE_LABELS: Record<InteractionSource, string> = {
  webmention: 'Webmention',
  pingback: 'Pingback',
  mastodon: 'Mastodon',
  email: 'Email',
};

export const KIND_LABELS: Record<InteractionKind, string> = {
  reply: 'Reply',
  like: 'Like',
  repost: 'Boost',
  bookmark: 'Bookmark',
  mention: 'Mention',
  rsvp: 'RSVP',
};

export const STATUS_LABELS: Record<InteractionStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  spam: 'Spam',
  deleted: 'Deleted',
};

const VERBS: Record<InteractionKind, string> = {
  reply: 'replied',
  like: 'liked',
  repost: 'boosted',
  bookmark: 'bookmarked',
  mention: 'mentioned',
  rsvp: 'RSVPed',
};

export function authorName(item: Pick<AdminInteraction, 'author' | 'source'>): string {
  return item.author.name?.trim() || (item.source === 'email' ? 'Someone by email' : 'Someone');
}

/** "Alice replied", "Bob RSVPed yes". */
export function headline(item: AdminInteraction): string {
  const rsvp = item.kind === 'rsvp' && item.rsvp ? ` ${item.rsvp}` : '';
  return `${authorName(item)} ${VERBS[item.kind]}${rsvp}`;
}

export function postLabel(item: Pick<AdminInteraction, 'post' | 'postTitle'>): string {
  return item.postTitle?.trim() || item.post.replace(/^https?:\/\/(www\.)?/, '');
}

/** Past tense for the message line after a status change. */
export const STATUS_DONE: Record<InteractionStatus, string> = {
  pending: 'Moved back to pending',
  approved: 'Approved',
  rejected: 'Rejected',
  spam: 'Marked as spam',
  deleted: 'Deleted',
};
