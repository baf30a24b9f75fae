import { describe, expect, it } from 'vitest';
import { anInteraction } from '../../../test-support/interaction.factory';
import { buildThreads, type ThreadNode } from './thread';

const shape = (nodes: ThreadNode[]): unknown[] => nodes.map((node) => [node.item.id, shape(node.replies)]);

describe(buildThreads.name, () => {
  it('should nest replies under their parent, oldest first at each level', () => {
    // Arrange
    const items = [
      anInteraction({ id: 1, published: '2026-11-21T10:00:00Z' }),
      anInteraction({ id: 2, published: '2026-11-21T09:00:00Z' }),
      anInteraction({ id: 3, published: '2026-11-21T12:00:00Z', parentId: 1 }),
      anInteraction({ id: 4, published: '2026-11-21T11:00:00Z', parentId: 1 }),
      anInteraction({ id: 5, published: '2026-11-21T13:00:00Z', parentId: 4 }),
    ];

    // Act
    const threads = buildThreads(items);

    // Assert
    expect(shape(threads)).toEqual([
      [2, []],
      [1, [[4, [[5, []]]], [3, []]]],
    ]);
  });

  it('should leave likes and boosts out and start a thread when the parent is unknown', () => {
    // Arrange
    const items = [anInteraction({ id: 1, kind: 'like' }), anInteraction({ id: 2, parentId: 99 }), anInteraction({ id: 3, kind: 'repost' })];

    // Act
    const threads = buildThreads(items);

    // Assert
    expect(shape(threads)).toEqual([[2, []]]);
  });
});
