import type { FetchedDocument, FetchFailureCode } from '../http/safe-fetcher.types';
import type { InteractionDraft } from '../adapter';

/** What `interpretSource` works from: the request's URLs and the fetched source (any status). */
export interface SourceInput {
  source: string;
  target: string;
  document: FetchedDocument;
  protocol: 'webmention' | 'pingback';
}

/**
 * The verdict on one received webmention or pingback. `rejected` with `no_link_to_target`
 * becomes `deleted` in the caller when an interaction from this source already existed
 * (W3C Webmention 3.2.4).
 */
export type VerificationOutcome =
  | { outcome: 'verified'; draft: InteractionDraft }
  | { outcome: 'rejected'; reason: 'no_link_to_target' | FetchFailureCode; detail: string }
  | { outcome: 'deleted'; reason: 'source_gone' | 'no_link_to_target'; detail: string };

/** The parts of a draft that depend on what the source page says. */
export type InteractionFields = Pick<
  InteractionDraft,
  'kind' | 'url' | 'author' | 'content' | 'rsvp' | 'published' | 'name' | 'photo' | 'raw'
>;
