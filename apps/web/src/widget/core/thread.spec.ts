import { describe, expect, it } from 'vitest';
import { makeInteraction } from './interaction.factory';
import { buildThreads, countReplies, groupInteractions, type ReplyNode } from './thread';

/** The tree as nested ids, which reads well in assertions. */
function shape(nodes: ReplyNode[]): unknown[] {
  return nodes.map((node) => (node.children.length ? [node.interaction.id, shape(node.children)] : node.interaction.id));
}

describe(buildThreads.name, () => {
  it('should nest replies under their parent when parentId names a reply in the list', () => {
    // Arrange
    const replies = [
      makeInteraction({ id: 1 }),
      makeInteraction({ id: 2, parentId: 1 }),
      makeInteraction({ id: 3 }),
      makeInteraction({ id: 4, parentId: 2 }),
      makeInteraction({ id: 5, parentId: 1 }),
    ];

    // Act
    const threads = buildThreads(replies);

    // Assert
    expect(shape(threads)).toEqual([[1, [[2, [4]], 5]], 3]);
  });

  it('should nest a reply whose parent comes later in the list', () => {
    const threads = buildThreads([makeInteraction({ id: 7, parentId: 8 }), makeInteraction({ id: 8 })]);

    expect(shape(threads)).toEqual([[8, [7]]]);
  });

  it('should make a reply a root when its parent is not in the list', () => {
    const threads = buildThreads([makeInteraction({ id: 1, parentId: 99 }), makeInteraction({ id: 2 })]);

    expect(shape(threads)).toEqual([1, 2]);
  });

  it('should keep every reply when parent ids form a loop', () => {
    const replies = [makeInteraction({ id: 1, parentId: 2 }), makeInteraction({ id: 2, parentId: 1 }), makeInteraction({ id: 3, parentId: 3 })];

    const threads = buildThreads(replies);

    expect(countReplies(threads)).toBe(3);
  });
});

describe(groupInteractions.name, () => {
  it('should sort interactions by kind into replies, likes, reposts and the compact list', () => {
    const items = [
      makeInteraction({ id: 1, kind: 'like', content: null }),
      makeInteraction({ id: 2, kind: 'reply' }),
      makeInteraction({ id: 3, kind: 'repost', content: null }),
      makeInteraction({ id: 4, kind: 'mention' }),
      makeInteraction({ id: 5, kind: 'bookmark' }),
      makeInteraction({ id: 6, kind: 'rsvp', rsvp: 'yes' }),
      makeInteraction({ id: 7, kind: 'reply', parentId: 2 }),
    ];

    const grouped = groupInteractions(items);

    expect(shape(grouped.replies)).toEqual([[2, [7]]]);
    expect(grouped.likes.map((item) => item.id)).toEqual([1]);
    expect(grouped.reposts.map((item) => item.id)).toEqual([3]);
    expect(grouped.others.map((item) => item.id)).toEqual([4, 5, 6]);
  });
});
