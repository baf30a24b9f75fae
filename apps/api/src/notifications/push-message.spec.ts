import { describe, expect, it } from 'vitest';
import { pushMessage, type NotifiedInteraction } from './push-message';

function interaction(overrides: Partial<NotifiedInteraction> = {}): NotifiedInteraction {
  return { id: 42, kind: 'reply', source: 'webmention', rsvp: null, authorName: 'Alice', contentText: 'Nice post!', ...overrides };
}

const POST = { url: 'https://blog.example/2026/11/hello', title: 'Hello world' };

describe(pushMessage.name, () => {
  it('should say who replied to which post, quote the text and link the inbox item when a reply arrives', () => {
    // Arrange / Act
    const message = pushMessage(interaction(), POST);

    // Assert
    expect(message).toEqual({ title: 'Alice replied to “Hello world”', body: 'Nice post!', url: '/inbox/42', tag: 'interaction-42' });
  });

  it('should cut long text at a word to at most 120 characters when the reply is long', () => {
    // Arrange
    const text = `${'word '.repeat(40)}end`;

    // Act
    const { body } = pushMessage(interaction({ contentText: text }), POST);

    // Assert
    expect(body.length).toBeLessThanOrEqual(120);
    expect(body).toMatch(/^word( word)+…$/);
  });

  it('should name the source and fall back to the post URL when a like has no text and the post no title', () => {
    // Arrange / Act
    const message = pushMessage(interaction({ kind: 'like', source: 'mastodon', contentText: null, authorName: null }), { url: 'https://www.blog.example/a', title: null });

    // Assert
    expect(message).toMatchObject({ title: 'Someone liked “blog.example/a”', body: 'via Mastodon' });
  });

  it('should give the answer when an RSVP arrives', () => {
    // Arrange / Act
    const message = pushMessage(interaction({ kind: 'rsvp', rsvp: 'maybe', authorName: 'Carol' }), POST);

    // Assert
    expect(message.title).toBe('Carol RSVPed maybe to “Hello world”');
  });
});
