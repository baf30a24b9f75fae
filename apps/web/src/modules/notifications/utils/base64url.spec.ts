import { describe, expect, it } from 'vitest';
import { base64UrlToBytes } from './base64url';

describe(base64UrlToBytes.name, () => {
  it('should decode URL-safe characters and missing padding', () => {
    // Arrange: 0xfb 0xff 0xbf is "-_-_" in base64url ("+/+/" in base64).
    const encoded = '-_-_';

    // Act
    const bytes = base64UrlToBytes(encoded);

    // Assert
    expect([...bytes]).toEqual([0xfb, 0xff, 0xbf]);
  });

  it('should decode a 65-byte VAPID key when given one', () => {
    // Arrange
    const key = Buffer.from(Uint8Array.from({ length: 65 }, (_, index) => index)).toString('base64url');

    // Act
    const bytes = base64UrlToBytes(key);

    // Assert
    expect([...bytes]).toEqual(Array.from({ length: 65 }, (_, index) => index));
  });
});
