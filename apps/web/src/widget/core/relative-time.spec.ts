import { describe, expect, it } from 'vitest';
import { formatRelativeTime, parseDate } from './relative-time';

describe(formatRelativeTime.name, () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it.each([
    [3, 'now'],
    [45, '45 seconds ago'],
    [5 * 60, '5 minutes ago'],
    [2 * 3600, '2 hours ago'],
    [24 * 3600, 'yesterday'],
    [3 * 24 * 3600, '3 days ago'],
    [14 * 24 * 3600, '2 weeks ago'],
    [65 * 24 * 3600, '2 months ago'],
    [800 * 24 * 3600, '2 years ago'],
  ])('should say %i seconds before now as %j in English', (seconds, expected) => {
    // Arrange
    const then = before(seconds);

    // Act
    const text = formatRelativeTime(then, now, 'en');

    // Assert
    expect(text).toBe(expected);
  });

  it('should speak German when the language is de', () => {
    expect(formatRelativeTime(before(3 * 24 * 3600), now, 'de')).toBe('vor 3 Tagen');
  });

  it('should speak French when the language is fr', () => {
    expect(formatRelativeTime(before(3 * 24 * 3600), now, 'fr')).toBe('il y a 3 jours');
  });

  it('should treat a slightly future time (clock skew) as now', () => {
    expect(formatRelativeTime(new Date(now.getTime() + 4000), now, 'en')).toBe('now');
  });
});

describe(parseDate.name, () => {
  it('should give null when the date is missing or unreadable', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate('yesterday-ish')).toBeNull();
  });

  it('should read an ISO date', () => {
    expect(parseDate('2026-11-21T10:00:00Z')?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });
});
