import { describe, expect, it } from 'vitest';
import { contentFromText, MAX_CONTENT_CHARS, meaningfulName, parsePublished, shorten } from './content';

const PAGE = 'https://alice.example/notes/7';

describe(parsePublished.name, () => {
  it.each([
    ['2015-11-07T12:00:00-0500', '2015-11-07T17:00:00.000Z'],
    ['2015-11-07T12:00:00-05:00', '2015-11-07T17:00:00.000Z'],
    ['2015-11-07 12:00:00+0100', '2015-11-07T11:00:00.000Z'],
    ['2015-11-07T12:00:00Z', '2015-11-07T12:00:00.000Z'],
    ['2015-11-07T12:00:00.250z', '2015-11-07T12:00:00.250Z'],
    ['2015-11-07T12:00', '2015-11-07T12:00:00.000Z'],
    ['2015-11-07 12:00:00', '2015-11-07T12:00:00.000Z'],
    ['2015-11-07', '2015-11-07T00:00:00.000Z'],
  ])('should read %s as %s', (value, instant) => {
    expect(parsePublished(value)?.toISOString()).toBe(instant);
  });

  it.each([null, '', 'yesterday', '2015-13-45T99:00:00Z', '07/11/2015'])(
    'should give null for %s',
    (value) => {
      expect(parsePublished(value)).toBeNull();
    },
  );
});

describe(shorten.name, () => {
  it('should keep content at or under the limit unchanged', () => {
    const content = { html: '<p>short</p>', text: 'x'.repeat(MAX_CONTENT_CHARS) };

    expect(shorten(content, PAGE)).toBe(content);
  });

  it('should cut at the last paragraph break when one is in the second half', () => {
    const first = 'word '.repeat(300).trim();
    const text = `${first}\n\n${'more '.repeat(400)}`;

    const short = shorten({ html: '', text }, PAGE);

    expect(short.text).toBe(`${first} …\n\nRead more: ${PAGE}`);
    expect(short.html).toBe(
      `<p>${first} …</p><p><a href="${PAGE}" rel="nofollow ugc noopener">Read more</a></p>`,
    );
  });

  it('should cut at a word boundary when there is no paragraph break', () => {
    const text = 'lorem ipsum '.repeat(400);

    const short = shorten({ html: '', text }, PAGE);

    expect(short.text.startsWith('lorem ipsum lorem')).toBe(true);
    expect(short.text).toMatch(/(lorem|ipsum) …\n\nRead more:/);
    expect(short.text.split('\n')[0]!.length).toBeLessThanOrEqual(MAX_CONTENT_CHARS + 2);
  });

  it('should escape the text and the link', () => {
    const short = shorten(
      { html: '', text: `<script>alert(1)</script> ${'a '.repeat(MAX_CONTENT_CHARS)}` },
      'https://x.example/?a="b"&c=<d>',
    );

    expect(short.html).not.toContain('<script>');
    expect(short.html).toContain('&#60;script&#62;');
    expect(short.html).toContain('href="https://x.example/?a=&quot;b&quot;&amp;c=&lt;d&gt;"');
  });
});

describe(contentFromText.name, () => {
  it('should give null for blank text', () => {
    expect(contentFromText(' \n ', PAGE)).toBeNull();
  });

  it('should escape text into paragraphs', () => {
    expect(contentFromText('a < b\n\nc', PAGE)).toEqual({
      html: '<p>a &#60; b</p><p>c</p>',
      text: 'a < b\n\nc',
    });
  });
});

describe(meaningfulName.name, () => {
  const content = { html: '', text: 'Thanks for the information, it was super helpful.' };

  it('should keep an explicit title', () => {
    expect(meaningfulName('  Re:   Hello ', content)).toBe('Re: Hello');
  });

  it('should drop a name that only repeats the content (an implied name)', () => {
    expect(
      meaningfulName('in reply to Thanks for the information, it was super helpful. Source Author', content),
    ).toBeNull();
    expect(meaningfulName('Thanks for the information', content)).toBeNull();
  });

  it('should shorten an overlong name', () => {
    expect(meaningfulName('word '.repeat(200), null)!.length).toBeLessThanOrEqual(302);
  });
});
