import type { Status } from '@chorus/adapters';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Counters miss nested replies and edits of replies, so every toot with any activity is fully re-read this often. */
export const FULL_SYNC_EVERY_MS = DAY_MS;

/** New posts every base interval, after two days hourly, after two weeks daily (never faster than the base). */
export function pollIntervalMs(ageMs: number, baseMs: number): number {
  if (ageMs < 2 * DAY_MS) return baseMs;
  if (ageMs < 14 * DAY_MS) return Math.max(baseMs, HOUR_MS);
  return Math.max(baseMs, DAY_MS);
}

/** ±10 %, so toots mapped together do not stay in lockstep. */
export function jittered(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (0.9 + random() * 0.2));
}

/** After a temporary failure: the base interval doubled per failure, at most a day. */
export function failureBackoffMs(failures: number, baseMs: number): number {
  return Math.min(DAY_MS, baseMs * 2 ** Math.min(failures, 16));
}

/** What a toot's state remembers from its last poll. */
export interface SeenCounters {
  repliesCount: number | null;
  favouritesCount: number | null;
  reblogsCount: number | null;
  editedAt: string | null;
  lastFullSyncAt: number | null;
}

/** Which expensive endpoints to read for a toot. */
export interface SyncParts {
  replies: boolean;
  likes: boolean;
  boosts: boolean;
  /** All parts with any activity are read, whether their counters changed or not. */
  full: boolean;
}

/**
 * Reads only what changed since the last poll: the thread when `replies_count` or the edit time
 * moved, `favourited_by` / `reblogged_by` when their counter did. A full re-read (every non-zero
 * part) happens on the first poll and then once per `FULL_SYNC_EVERY_MS`.
 */
export function partsToSync(seen: SeenCounters, status: Status, now: number): SyncParts {
  const full = seen.lastFullSyncAt === null || now - seen.lastFullSyncAt >= FULL_SYNC_EVERY_MS;
  const moved = (before: number | null, after: number) => after !== (before ?? 0) || (full && after > 0);
  return {
    replies: moved(seen.repliesCount, status.replies_count) || status.edited_at !== seen.editedAt,
    likes: moved(seen.favouritesCount, status.favourites_count),
    boosts: moved(seen.reblogsCount, status.reblogs_count),
    full,
  };
}
