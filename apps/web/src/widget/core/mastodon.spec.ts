import { describe, expect, it } from 'vitest';
import { authorizeInteractionUrl, InstanceMemory, normalizeInstance } from './mastodon';

describe(normalizeInstance.name, () => {
  it.each([
    ['mastodon.social', 'mastodon.social'],
    ['  Mastodon.Social ', 'mastodon.social'],
    ['https://mastodon.social/@me', 'mastodon.social'],
    ['@me@hachyderm.io', 'hachyderm.io'],
    ['me@fosstodon.org', 'fosstodon.org'],
    ['https://social.example:8443/', 'social.example:8443'],
  ])('should read %j as %j', (input, expected) => {
    // Act
    const instance = normalizeInstance(input);

    // Assert
    expect(instance).toBe(expected);
  });

  it.each(['', 'localhost', 'javascript:alert(1)', 'https://user@evil.example', 'not a host', 'ftp://files.example'])(
    'should reject %j',
    (input) => {
      expect(normalizeInstance(input)).toBeNull();
    },
  );
});

describe(authorizeInteractionUrl.name, () => {
  it('should point at the remote-interaction page with the toot URL encoded', () => {
    const url = authorizeInteractionUrl('mastodon.social', 'https://owner.example/@me/123?x=1&y=2');

    expect(url).toBe('https://mastodon.social/authorize_interaction?uri=https%3A%2F%2Fowner.example%2F%40me%2F123%3Fx%3D1%26y%3D2');
  });
});

describe(InstanceMemory.name, () => {
  function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
    const values = new Map<string, string>();
    return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
  }

  it('should recall the instance it remembered', () => {
    // Arrange
    const memory = new InstanceMemory(memoryStorage());

    // Act
    memory.remember('hachyderm.io');

    // Assert
    expect(memory.recall()).toBe('hachyderm.io');
  });

  it('should recall nothing and not throw when storage is blocked', () => {
    const blocked = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('QuotaExceededError');
      },
    };
    const memory = new InstanceMemory(blocked);

    memory.remember('mastodon.social');

    expect(memory.recall()).toBeNull();
  });
});
