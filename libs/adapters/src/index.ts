export * from './adapter';
export * from './html/sanitize';
export * from './email/email.types';
export { parseEmailReply, replyTokenFromAddress, emailSource } from './email/email.adapter';
export { detectAutoReply, type AutoReplyVerdict } from './email/auto-reply';
export { extractReplyText, extractReplyHtml } from './email/reply-text';
export {
  mastodonSource,
  replyDraft,
  likeDraft,
  boostDraft,
  linksInStatus,
  composeToot,
  tootLength,
  applyTitlePattern,
  idempotencyKeyForPost,
  type TootInput,
} from './mastodon/mastodon.adapter';
export {
  MastodonClient,
  MastodonError,
  type MastodonClientOptions,
  type MastodonErrorKind,
} from './mastodon/mastodon.client';
export type {
  Account,
  AccountField,
  Context,
  InstanceInfo,
  PreviewCard,
  Status,
} from './mastodon/mastodon.types';
export { tootIdFromUrl } from './mastodon/toot-url';
export {
  summarizePostPage,
  parseSitemap,
  parseFeed,
  InvalidListingError,
  type PostPageSummary,
  type ListedPost,
  type SitemapContents,
} from './mastodon/post-pages';
export * from './http/safe-fetcher.types';
export { SafeFetcher, DEFAULT_ACCEPTED_TYPES } from './http/safe-fetcher';
export { isPublicAddress, type AddressPolicy } from './http/address-policy';
export type { SourceInput, VerificationOutcome } from './webmention/webmention.types';
export { interpretSource, webmentionSource, pingbackSource, webmentionDedupeKey } from './webmention/webmention.adapter';
export { findLinks } from './webmention/link-check';
export * from './webmention/pingback';
