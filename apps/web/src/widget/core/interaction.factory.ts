import type { PublicInteraction } from '@chorus/shared';

/** Test data: a public interaction with sensible defaults (spec helper). */
export function makeInteraction(overrides: Partial<PublicInteraction> & Pick<PublicInteraction, 'id'>): PublicInteraction {
  return {
    post: 'https://blog.example/2026/11/hello',
    kind: 'reply',
    source: 'webmention',
    url: `https://alice.example/notes/${overrides.id}`,
    author: { name: `Author ${overrides.id}`, url: 'https://alice.example/', photo: null },
    content: { html: '<p>Nice post!</p>', text: 'Nice post!' },
    rsvp: null,
    published: '2026-11-21T10:00:00Z',
    received: '2026-11-21T10:00:05Z',
    parentId: null,
    ...overrides,
  };
}
