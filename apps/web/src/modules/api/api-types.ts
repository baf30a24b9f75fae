import type { AdminInteraction, InteractionKind, InteractionSource, InteractionStatus } from '@chorus/shared';

/** Admin-API shapes that only the inbox uses (the interaction types come from `@chorus/shared`). */

export interface SetupInfo {
  passwordGenerated: boolean;
  dataDir: string;
}

export interface InteractionFilters {
  status: InteractionStatus | '';
  source: InteractionSource | '';
  kind: InteractionKind | '';
  post: string;
  q: string;
}

export type SourceState = 'ok' | 'not_configured' | 'error';

export interface SourceStatus {
  id: string;
  displayName: string;
  state: SourceState;
  message: string;
  fix: string | null;
  details: Record<string, unknown>;
}

export interface PostRecord {
  url: string;
  title: string | null;
  tootUrl: string | null;
  replyAddress: string | null;
  ignored?: boolean;
}

export interface SavePostRequest {
  url: string;
  tootUrl?: string;
  ignored?: boolean;
}

export type BlockAction = 'drop' | 'spam';

/** A domain (with its subdomains) or an author/source URL whose interactions are dropped or marked spam. */
export interface BlocklistEntry {
  id: number;
  type: 'domain' | 'url';
  value: string;
  action: BlockAction;
  note: string | null;
}

export interface NewBlocklistEntry {
  value: string;
  action: BlockAction;
}

/**
 * An auto-approve rule: interactions matching every given field skip the pending queue; absent
 * fields match anything (`{source: 'mastodon', kind: 'like'}` approves Mastodon likes).
 */
export interface AutoApproveRule {
  source: InteractionSource | null;
  kind: InteractionKind | null;
  /** A trusted author: a domain (with subdomains) or an author URL. */
  author: string | null;
  note: string | null;
}

/** A browser that receives Web Push notifications. */
export interface PushSubscriptionRecord {
  endpoint: string;
  created: string;
}

export type NotificationSwitches = Record<InteractionSource, boolean>;

export interface NotificationSettings {
  sources: NotificationSwitches;
}

/** Data of the SSE `interaction` event; a deletion carries only the id. */
export type InteractionEvent =
  | { type: 'created' | 'updated'; interaction: AdminInteraction }
  | { type: 'deleted'; interaction: { id: number } };

/** Data of the SSE `counts` event. */
export interface CountsEvent {
  pending: number;
}

export type ExportFormat = 'json' | 'jf2';
