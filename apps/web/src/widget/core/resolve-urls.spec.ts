import { describe, expect, it } from 'vitest';
import { absoluteHttpUrl, resolveHubUrl, resolvePostUrl } from './resolve-urls';

describe(resolvePostUrl.name, () => {
  const location = 'https://blog.example/2026/11/hello?ref=feed#comments';

  it('should use the url attribute when it is given', () => {
    // Arrange
    const inputs = { attribute: '/2026/11/other', canonicalHref: 'https://blog.example/canonical', location };

    // Act
    const url = resolvePostUrl(inputs);

    // Assert
    expect(url).toBe('https://blog.example/2026/11/other');
  });

  it('should use the canonical link when there is no url attribute', () => {
    const url = resolvePostUrl({ attribute: null, canonicalHref: 'https://blog.example/2026/11/hello/', location });

    expect(url).toBe('https://blog.example/2026/11/hello/');
  });

  it('should use the location without query and hash when nothing else is given', () => {
    const url = resolvePostUrl({ attribute: '  ', canonicalHref: null, location });

    expect(url).toBe('https://blog.example/2026/11/hello');
  });

  it('should ignore a url attribute with a non-http scheme', () => {
    const url = resolvePostUrl({ attribute: 'javascript:alert(1)', canonicalHref: null, location });

    expect(url).toBe('https://blog.example/2026/11/hello');
  });
});

describe(resolveHubUrl.name, () => {
  const location = 'https://blog.example/post';

  it('should use the origin of the script when there is no hub attribute', () => {
    const hub = resolveHubUrl({ attribute: null, scriptSrc: 'https://hub.example:8443/widget.js?v=2', location });

    expect(hub).toBe('https://hub.example:8443/');
  });

  it('should prefer the hub attribute and keep its path', () => {
    const hub = resolveHubUrl({ attribute: 'https://blog.example/chorus', scriptSrc: 'https://cdn.example/widget.js', location });

    expect(hub).toBe('https://blog.example/chorus/');
  });

  it('should give null when neither a hub attribute nor a script src is known', () => {
    const hub = resolveHubUrl({ attribute: null, scriptSrc: null, location });

    expect(hub).toBeNull();
  });
});

describe(absoluteHttpUrl.name, () => {
  it.each(['javascript:alert(1)', 'data:text/html,x', 'mailto:a@b.example', '', 'http://'])(
    'should reject %j',
    (value) => {
      expect(absoluteHttpUrl(value, 'https://blog.example/')).toBeNull();
    },
  );
});
