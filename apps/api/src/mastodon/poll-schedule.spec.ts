import type { Status } from '@chorus/adapters';
import { describe, expect, it } from 'vitest';
import { failureBackoffMs, FULL_SYNC_EVERY_MS, jittered, partsToSync, pollIntervalMs, type SeenCounters } from './poll-schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 21, 12);

function aStatus(counts: { replies?: number; likes?: number; boosts?: number; editedAt?: string | null } = {}): Status {
  return {
    id: '1',
    uri: null,
    url: null,
    created_at: null,
    edited_at: counts.editedAt ?? null,
    in_reply_to_id: null,
    visibility: 'public',
    content: '',
    replies_count: counts.replies ?? 0,
    favourites_count: counts.likes ?? 0,
    reblogs_count: counts.boosts ?? 0,
    account: { id: '1', username: 'owner', acct: 'owner', display_name: '', note: '', url: null, avatar: null, fields: [] },
    card: null,
  };
}

function seen(overrides: Partial<SeenCounters> = {}): SeenCounters {
  return { repliesCount: 2, favouritesCount: 5, reblogsCount: 1, editedAt: null, lastFullSyncAt: NOW - HOUR, ...overrides };
}

describe(pollIntervalMs.name, () => {
  it.each([
    [0, 5 * MINUTE],
    [2 * DAY - 1, 5 * MINUTE],
    [2 * DAY, HOUR],
    [14 * DAY - 1, HOUR],
    [14 * DAY, DAY],
    [400 * DAY, DAY],
  ])('should poll a post of age %i ms every %i ms when the base interval is 5 minutes', (age, expected) => {
    expect(pollIntervalMs(age, 5 * MINUTE)).toBe(expected);
  });

  it('should never poll faster than the base interval when the base is longer than a tier', () => {
    expect(pollIntervalMs(3 * DAY, 2 * HOUR)).toBe(2 * HOUR);
  });
});

describe(jittered.name, () => {
  it('should stay within ±10 % when the random source is at its extremes', () => {
    expect(jittered(1000, () => 0)).toBe(900);
    expect(jittered(1000, () => 0.999999)).toBe(1100);
  });
});

describe(failureBackoffMs.name, () => {
  it('should double per failure and stop at a day when failures pile up', () => {
    expect([1, 2, 3].map((failures) => failureBackoffMs(failures, 5 * MINUTE))).toEqual([10 * MINUTE, 20 * MINUTE, 40 * MINUTE]);
    expect(failureBackoffMs(50, 5 * MINUTE)).toBe(DAY);
  });
});

describe(partsToSync.name, () => {
  it('should read nothing when no counter and no edit time moved since a recent full sync', () => {
    expect(partsToSync(seen(), aStatus({ replies: 2, likes: 5, boosts: 1 }), NOW)).toEqual({ replies: false, likes: false, boosts: false, full: false });
  });

  it('should read only the part whose counter moved when one did', () => {
    expect(partsToSync(seen(), aStatus({ replies: 2, likes: 4, boosts: 1 }), NOW)).toEqual({ replies: false, likes: true, boosts: false, full: false });
  });

  it('should read the thread when the toot was edited', () => {
    expect(partsToSync(seen(), aStatus({ replies: 2, likes: 5, boosts: 1, editedAt: '2026-11-21T11:00:00Z' }), NOW).replies).toBe(true);
  });

  it('should read every part with activity, and skip empty ones, on the first poll', () => {
    const parts = partsToSync(seen({ repliesCount: null, favouritesCount: null, reblogsCount: null, lastFullSyncAt: null }), aStatus({ replies: 0, likes: 3, boosts: 0 }), NOW);

    expect(parts).toEqual({ replies: false, likes: true, boosts: false, full: true });
  });

  it('should re-read every part with activity when the last full sync is older than a day', () => {
    const parts = partsToSync(seen({ lastFullSyncAt: NOW - FULL_SYNC_EVERY_MS }), aStatus({ replies: 2, likes: 5, boosts: 0 }), NOW);

    expect(parts).toEqual({ replies: true, likes: true, boosts: true, full: true });
  });
});
