import { describe, expect, it } from 'vitest';
import type { FetchedDocument } from '../http/safe-fetcher.types';
import { findLinks, linksToTarget } from './link-check';

function document(
  body: string,
  contentType = 'text/html; charset=utf-8',
  url = 'https://source.example/notes/1',
): FetchedDocument {
  return { url, status: 200, contentType, body, headers: {} };
}

describe(findLinks.name, () => {
  it('should resolve every href, src, cite and poster against the page URL when there is no <base>', () => {
    const page =
      '<a href="/a">a</a><img src="b.png"><video poster="p.jpg" src="//cdn.example/v.mp4"></video><blockquote cite="../c"></blockquote><area href="?q=1">';

    expect(findLinks(document(page))).toEqual([
      'https://source.example/a',
      'https://source.example/notes/b.png',
      'https://source.example/notes/p.jpg',
      'https://cdn.example/v.mp4',
      'https://source.example/c',
      'https://source.example/notes/1?q=1',
    ]);
  });

  it('should resolve against the first <base href>, even for links before it', () => {
    const page =
      '<a href="early">e</a><base href="https://base.example/dir/"><base href="https://ignored.example/"><a href="late">l</a>';

    expect(findLinks(document(page))).toEqual([
      'https://base.example/dir/early',
      'https://base.example/dir/late',
    ]);
  });

  it('should decode entities in attribute values and skip links in comments, scripts, styles and textareas', () => {
    const page =
      '<!-- <a href="/hidden"> --><script>"<a href=/s>"</script><style>a[href="/t"]{}</style><textarea><a href="/u"></textarea><a href="/x?a=1&amp;b=2">x</a>';

    expect(findLinks(document(page))).toEqual(['https://source.example/x?a=1&b=2']);
  });

  it('should drop values that cannot be resolved to a URL', () => {
    expect(findLinks(document('<a href="http://[broken">x</a><a href="/ok">y</a>'))).toEqual([
      'https://source.example/ok',
    ]);
  });

  it('should read XHTML like HTML', () => {
    expect(
      findLinks(
        document('<html xmlns="http://www.w3.org/1999/xhtml"><a href="/x"/></html>', 'application/xhtml+xml'),
      ),
    ).toEqual(['https://source.example/x']);
  });

  it('should take every URL-valued JSON string, however deeply nested, and nothing else', () => {
    const json = JSON.stringify({
      a: 'https://one.example/',
      b: [{ c: 'http://two.example/x' }],
      d: 'see https://three.example/',
      e: 42,
    });

    expect(findLinks(document(json, 'application/json'))).toEqual([
      'https://one.example/',
      'http://two.example/x',
    ]);
  });

  it('should walk deeply nested JSON without recursing', () => {
    const depth = 5_000;
    const json = `${'['.repeat(depth)}"https://deep.example/"${']'.repeat(depth)}`;

    expect(findLinks(document(json, 'application/json'))).toEqual(['https://deep.example/']);
  });

  it('should stop after 100,000 JSON values so that hostile JSON stays cheap', () => {
    const depth = 150_000;
    const json = `${'['.repeat(depth)}"https://deep.example/"${']'.repeat(depth)}`;

    expect(findLinks(document(json, 'application/json'))).toEqual([]);
  });

  it('should give no links for malformed JSON', () => {
    expect(findLinks(document('{"a": "https://x.example/"', 'application/json'))).toEqual([]);
  });

  it('should find URLs in plain text without trailing punctuation', () => {
    const text =
      'Read https://a.example/post/1. Also (https://b.example/x) and "https://c.example/?q=1", ok?';

    expect(findLinks(document(text, 'text/plain'))).toEqual([
      'https://a.example/post/1',
      'https://b.example/x',
      'https://c.example/?q=1',
    ]);
  });

  it('should give no links for other media types', () => {
    expect(findLinks(document('<a href="https://x.example/">x</a>', 'text/calendar'))).toEqual([]);
  });
});

describe(linksToTarget.name, () => {
  const target = 'https://blog.example/2026/11/hello';

  it.each([
    'https://blog.example/2026/11/hello',
    'http://www.blog.example/2026/11/hello/',
    'https://blog.example/2026/11/hello#comments',
    'https://blog.example/2026/11/hello?utm_source=x',
  ])('should match %s under the lenient post rule', (link) => {
    expect(linksToTarget([link], target)).toBe(true);
  });

  it.each([
    'https://blog.example/2026/11/hello-again',
    'https://blog.example/2026/11/hello?page=2',
    'https://evil.example/2026/11/hello',
  ])('should not match %s', (link) => {
    expect(linksToTarget([link], target)).toBe(false);
  });
});
