import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

describe(relativeTime.name, () => {
  const now = new Date('2026-11-21T12:00:00Z');

  it.each([
    ['2026-11-21T11:59:40Z', 'just now'],
    ['2026-11-21T11:57:00Z', '3 minutes ago'],
    ['2026-11-21T09:00:00Z', '3 hours ago'],
    ['2026-11-20T12:00:00Z', 'yesterday'],
    ['2026-11-07T12:00:00Z', '2 weeks ago'],
    ['2025-11-21T12:00:00Z', 'last year'],
  ])('should describe %s as %j when it is noon on 21 November', (iso, expected) => {
    expect(relativeTime(iso, now)).toBe(expected);
  });

  it('should give an empty string when the date is not valid', () => {
    expect(relativeTime('nonsense', now)).toBe('');
  });
});
