import type { PostInteractionsResponse, PublicInteraction } from '@chorus/shared';
import { describe, expect, it } from 'vitest';
import { renderInteractionsHtml } from './interactions-html';

function reply(id: number, parentId: number | null, overrides: Partial<PublicInteraction> = {}): PublicInteraction {
  return {
    id,
    post: 'https://blog.example/a',
    kind: 'reply',
    source: 'webmention',
    url: `https://reader.example/${id}`,
    author: { name: `Reader ${id}`, url: null, photo: null },
    content: { html: `<p>Reply ${id}</p>`, text: `Reply ${id}` },
    rsvp: null,
    published: '2026-11-20T10:00:00Z',
    received: '2026-11-20T10:00:00Z',
    parentId,
    ...overrides,
  };
}

function page(items: PublicInteraction[]): PostInteractionsResponse {
  const counts = { reply: 0, like: 0, repost: 0, bookmark: 0, mention: 0, rsvp: 0, total: items.length };
  for (const item of items) counts[item.kind] += 1;
  return { post: { url: 'https://blog.example/a', title: 'A', tootUrl: null, replyAddress: null }, counts, items };
}

/** The nesting as text: "1(2(3)) 4" for 2 under 1, 3 under 2, 4 a root. */
function shape(html: string): string {
  const tokens = html.match(/<ol class="chorus-replies">|<li class="p-comment h-cite" id="chorus-\d+">|<ol>|<\/ol>|<\/li>/g) ?? [];
  return tokens
    .slice(1, -1)
    .map((token) => /chorus-(\d+)/.exec(token)?.[1] ?? (token === '<ol>' ? '(' : token === '</ol>' ? ')' : ' '))
    .join('')
    .trim()
    .replace(/ +\)/g, ')')
    .replace(/ +/g, ' ');
}

describe(renderInteractionsHtml.name, () => {
  it('should nest replies under their parents and keep replies to unknown parents as roots', () => {
    // Arrange
    const items = [reply(1, null), reply(2, 1), reply(3, 2), reply(4, 99), reply(5, 1)];

    // Act
    const html = renderInteractionsHtml(page(items));

    // Assert
    expect(shape(html)).toBe('1(2(3) 5) 4');
  });

  it('should show every reply once when parent links form a loop, the loop members as roots', () => {
    // Arrange: 1 → 2 → 1 is a loop, 3 answers 2, 4 answers itself.
    const items = [reply(1, 2), reply(2, 1), reply(3, 2), reply(4, 4)];

    // Act
    const html = renderInteractionsHtml(page(items));

    // Assert
    expect(shape(html)).toBe('1 2(3) 4');
  });

  it('should render a thousand-deep chain of replies without dropping any', () => {
    // Arrange
    const items = Array.from({ length: 1000 }, (_, index) => reply(index + 1, index === 0 ? null : index));

    // Act
    const html = renderInteractionsHtml(page(items));

    // Assert
    expect(html.match(/class="p-comment h-cite"/g)).toHaveLength(1000);
  });

  it('should render a mention without a URL as plain text instead of a link to #', () => {
    // Arrange
    const items = [reply(7, null, { kind: 'mention', url: null, content: { html: '<p>Saw this</p>', text: 'Saw this' } })];

    // Act
    const html = renderInteractionsHtml(page(items));

    // Assert
    expect(html).not.toContain('href="#"');
    expect(html).toContain('<span>Saw this</span>');
  });
});
