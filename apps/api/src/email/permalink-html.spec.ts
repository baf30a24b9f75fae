import type { PublicInteraction } from '@chorus/shared';
import { describe, expect, it } from 'vitest';
import { renderPermalink } from './permalink-html';

function reply(overrides: Partial<PublicInteraction> = {}): PublicInteraction {
  return {
    id: 12,
    post: 'https://blog.example/2026/11/hello',
    kind: 'reply',
    source: 'email',
    url: 'https://hub.example/interactions/12',
    author: { name: 'Alice Example', url: null, photo: null },
    content: { html: '<p>Nice <b>post</b></p>', text: 'Nice post' },
    rsvp: null,
    published: '2026-11-21T10:00:00Z',
    received: '2026-11-21T10:00:05Z',
    parentId: null,
    ...overrides,
  };
}

describe(renderPermalink.name, () => {
  it('should mark the reply up as an h-entry with author, content, in-reply-to and published time', () => {
    // Act
    const html = renderPermalink(reply(), { url: 'https://blog.example/2026/11/hello', title: 'Hello world' });
    // Assert
    expect(html).toContain('<article class="h-entry">');
    expect(html).toContain('<a class="u-in-reply-to" href="https://blog.example/2026/11/hello">Hello world</a>');
    expect(html).toContain('<p class="p-author h-card"><span class="p-name">Alice Example</span></p>');
    expect(html).toContain('<div class="e-content"><p>Nice <b>post</b></p></div>');
    expect(html).toContain('<a class="u-url" href="https://hub.example/interactions/12"><time class="dt-published" datetime="2026-11-21T10:00:00Z">2026-11-21 10:00:00 UTC</time></a>');
  });

  it('should escape the author name and title and drop non-http links when they carry markup', () => {
    // Act
    const html = renderPermalink(
      reply({ author: { name: '<script>x()</script>', url: 'javascript:alert(1)', photo: 'data:image/png;base64,AAAA' }, published: null }),
      { url: 'https://blog.example/p', title: '"Quotes" & <tags>' },
    );
    // Assert
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('data:image');
    expect(html).toContain('&#60;script&#62;x()&#60;/script&#62;');
    expect(html).toContain('&#34;Quotes&#34; &#38; &#60;tags&#62;');
    expect(html).toContain('datetime="2026-11-21T10:00:05Z"');
  });

  it('should link the author card when the author has an http URL and photo', () => {
    // Act
    const html = renderPermalink(reply({ author: { name: 'Bob', url: 'https://bob.example/', photo: 'https://bob.example/me.jpg' } }), { url: 'https://blog.example/p', title: null });
    // Assert
    expect(html).toContain('<a class="u-url" href="https://bob.example/" rel="nofollow ugc"><img class="u-photo" src="https://bob.example/me.jpg" alt="" width="48" height="48"><span class="p-name">Bob</span></a>');
    expect(html).toContain('<a class="u-in-reply-to" href="https://blog.example/p">https://blog.example/p</a>');
  });
});
