import { describe, expect, it } from 'vitest';
import { isSamePost, postKey, postKeyHost } from './post-url';

describe('postKey', () => {
  const base = 'https://blog.example/2026/11/hello';

  it.each([
    'http://blog.example/2026/11/hello',
    'https://www.blog.example/2026/11/hello',
    'https://blog.example/2026/11/hello/',
    'https://blog.example/2026/11/hello#comments',
    'https://blog.example:443/2026/11/hello',
    'http://blog.example:80/2026/11/hello',
    'https://BLOG.example/2026/11/hello?utm_source=mastodon&utm_medium=social',
  ])('should match %s to the canonical post', (variant) => {
    expect(isSamePost(variant, base)).toBe(true);
  });

  it.each([
    'https://blog.example/2026/11/hello-again',
    'https://blog.example/2026/11/Hello',
    'https://blog.example:8443/2026/11/hello',
    'https://other.example/2026/11/hello',
    'https://blog.example/2026/11/hello?page=2',
  ])('should not match %s', (variant) => {
    expect(isSamePost(variant, base)).toBe(false);
  });

  it('should keep non-tracking query parameters', () => {
    expect(postKey('https://a.example/p?id=3&utm_campaign=x')).toBe('a.example/p?id=3');
  });

  it('should return null for URLs that cannot be posts', () => {
    expect(postKey('not a url')).toBeNull();
    expect(postKey('mailto:someone@example.com')).toBeNull();
    expect(postKey('javascript:alert(1)')).toBeNull();
  });

  it('should give the host of a domain or URL without www and port', () => {
    expect(postKeyHost('www.blog.example')).toBe('blog.example');
    expect(postKeyHost('https://blog.example:8080/x')).toBe('blog.example');
  });
});
