import { describe, expect, it } from 'vitest';
import { formatDetail, humanizeKey } from './details';

describe(humanizeKey.name, () => {
  it.each([
    ['lastPoll', 'Last poll'],
    ['endpointURL', 'Endpoint url'],
    ['smtp_port', 'Smtp port'],
  ])('should turn %s into %j', (key, expected) => {
    expect(humanizeKey(key)).toBe(expected);
  });
});

describe(formatDetail.name, () => {
  it('should show booleans, empties and lists readably', () => {
    expect([formatDetail(true), formatDetail(null), formatDetail(['a', 2])]).toEqual(['Yes', '—', 'a, 2']);
  });

  it('should format an ISO timestamp as a local date when the value is one', () => {
    expect(formatDetail('2026-11-21T10:00:00Z', 'en-GB')).toBe(new Date('2026-11-21T10:00:00Z').toLocaleString('en-GB'));
  });
});
