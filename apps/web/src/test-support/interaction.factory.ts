import type { AdminInteraction } from '@chorus/shared';

let nextId = 1;

/** A plausible pending webmention reply; override what a test cares about. */
export function anInteraction(overrides: Partial<AdminInteraction> = {}): AdminInteraction {
  const id = overrides.id ?? nextId++;
  return {
    id,
    post: 'https://blog.example/2026/11/hello',
    kind: 'reply',
    source: 'webmention',
    url: `https://alice.example/notes/${id}`,
    author: { name: 'Alice', url: 'https://alice.example/', photo: null, email: null },
    content: { html: '<p>Nice post!</p>', text: 'Nice post!' },
    rsvp: null,
    published: '2026-11-21T10:00:00Z',
    received: `2026-11-21T10:${String(id % 60).padStart(2, '0')}:00Z`,
    parentId: null,
    status: 'pending',
    sourceUrl: `https://alice.example/notes/${id}`,
    verification: null,
    postTitle: 'Hello',
    updated: '2026-11-21T10:00:00Z',
    ...overrides,
  };
}
