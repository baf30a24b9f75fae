/** Wire types shared by the server, the inbox and the widget (API.md "Data model"). */

export const INTERACTION_KINDS = ['reply', 'like', 'repost', 'bookmark', 'mention', 'rsvp'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const INTERACTION_SOURCES = ['webmention', 'pingback', 'mastodon', 'email'] as const;
export type InteractionSource = (typeof INTERACTION_SOURCES)[number];

export const INTERACTION_STATUSES = ['pending', 'approved', 'rejected', 'spam', 'deleted'] as const;
export type InteractionStatus = (typeof INTERACTION_STATUSES)[number];

export const RSVP_VALUES = ['yes', 'no', 'maybe', 'interested'] as const;
export type RsvpValue = (typeof RSVP_VALUES)[number];

export interface Author {
  name: string | null;
  url: string | null;
  photo: string | null;
}

export interface Content {
  /** Sanitized HTML (allowlist); safe to insert into a page. */
  html: string;
  text: string;
}

/** An interaction as every public endpoint shows it. */
export interface PublicInteraction {
  id: number;
  post: string;
  kind: InteractionKind;
  source: InteractionSource;
  url: string | null;
  author: Author;
  content: Content | null;
  rsvp: RsvpValue | null;
  published: string | null;
  received: string;
  parentId: number | null;
}

/** The admin view adds moderation state and private fields. */
export interface AdminInteraction extends PublicInteraction {
  status: InteractionStatus;
  sourceUrl: string | null;
  author: Author & { email: string | null };
  verification: Record<string, unknown> | null;
  postTitle: string | null;
  updated: string;
}

export interface PostSummary {
  url: string;
  title: string | null;
  tootUrl: string | null;
  replyAddress: string | null;
}

export type InteractionCounts = Record<InteractionKind | 'total', number>;

/** `GET /api/interactions?url=` */
export interface PostInteractionsResponse {
  post: PostSummary;
  counts: InteractionCounts;
  items: PublicInteraction[];
}

/** `GET /api/admin/interactions` */
export interface AdminInteractionPage {
  items: AdminInteraction[];
  nextCursor: string | null;
}

export interface ErrorBody {
  error: string;
  message: string;
}
