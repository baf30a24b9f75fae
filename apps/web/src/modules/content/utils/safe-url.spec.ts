import { describe, expect, it } from 'vitest';
import { isSafeUrl, safeHttpUrl } from './safe-url';

describe(isSafeUrl.name, () => {
  it.each(['https://a.example/', 'http://a.example', 'mailto:a@b.example', '/relative', '#frag', 'page.html'])(
    'should accept %s',
    (url) => {
      expect(isSafeUrl(url)).toBe(true);
    },
  );

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'vbscript:x'])(
    'should refuse %j',
    (url) => {
      expect(isSafeUrl(url)).toBe(false);
    },
  );
});

describe(safeHttpUrl.name, () => {
  it('should keep an absolute https URL when given one', () => {
    expect(safeHttpUrl('https://alice.example/me.jpg')).toBe('https://alice.example/me.jpg');
  });

  it.each([null, '', 'javascript:alert(1)', '/relative', 'not a url'])('should drop %j', (value) => {
    expect(safeHttpUrl(value)).toBeUndefined();
  });
});
