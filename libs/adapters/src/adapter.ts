import type { Content, InteractionKind, InteractionSource, RsvpValue } from '@chorus/shared';

/** Who wrote an interaction. `email` is private: it never leaves the admin API. */
export interface DraftAuthor {
  name: string | null;
  url: string | null;
  photo: string | null;
  email?: string | null;
}

/**
 * What every adapter hands to the interaction store: one normalised interaction, named after
 * JF2 fields (docs/decisions/0001-normalised-interaction-draft.md). The store gives it an id and a
 * moderation status and upserts it by `(source, dedupeKey)`.
 */
export interface InteractionDraft {
  source: InteractionSource;
  /**
   * Stable identity within the source (DESIGN.md "Dedupe keys"): webmention `source URL + target URL`,
   * Mastodon reply `status id`, like `favourite:<account id>:<status id>`, email `Message-ID`.
   */
  dedupeKey: string;
  /** The owner's page this interaction is about; the store matches it leniently to a post. */
  target: string;
  kind: InteractionKind;
  /** The interaction's own page, if it has one (toot URL, h-entry `u-url`). */
  url: string | null;
  /** Where it came from: the webmention source URL or the status URL. */
  sourceUrl: string | null;
  author: DraftAuthor;
  /** Already sanitized (see `sanitizeContent`); null for likes and reposts. */
  content: Content | null;
  rsvp: RsvpValue | null;
  /** JF2 `name`: the interaction's own title, when it has one that is not just its content. */
  name?: string | null;
  /** JF2 `photo`: the first photo the interaction itself carries (not the author's). */
  photo?: string | null;
  published: Date | null;
  /** The interaction this one answers, by its dedupe key, when the source tells us (threads). */
  inReplyTo: { source: InteractionSource; dedupeKey: string } | null;
  /** Verification details shown to the owner (e.g. SPF/DKIM/DMARC results). */
  verification: Record<string, unknown> | null;
  /** The original payload, kept for debugging; never served publicly. */
  raw: unknown;
}

/** A setting an adapter reads, described once for validation, the settings UI and `/health`. */
export interface SourceSetting {
  /** The environment variable, e.g. `CHORUS_MASTODON_URL`. */
  env: string;
  required: boolean;
  secret: boolean;
  description: string;
}

/** What a source adapter says about itself (STYLE.md "Let adapters describe themselves"). */
export interface SourceDescriptor {
  id: InteractionSource;
  displayName: string;
  settings: readonly SourceSetting[];
}
