import type { AdminInteraction } from '@chorus/shared';

export interface ThreadNode {
  item: AdminInteraction;
  replies: ThreadNode[];
}

const when = (item: AdminInteraction) => item.published ?? item.received;
const oldestFirst = (a: ThreadNode, b: ThreadNode) => when(a.item).localeCompare(when(b.item)) || a.item.id - b.item.id;

/**
 * Nests everything that is not a like or boost under the interaction it answers (`parentId`),
 * oldest first at every level. Items whose parent is not in the list start their own thread.
 */
export function buildThreads(items: AdminInteraction[]): ThreadNode[] {
  const nodes = new Map<number, ThreadNode>();
  for (const item of items) {
    if (item.kind !== 'like' && item.kind !== 'repost') nodes.set(item.id, { item, replies: [] });
  }
  const roots: ThreadNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.item.parentId;
    const parent = parentId === null || parentId === node.item.id ? undefined : nodes.get(parentId);
    (parent ? parent.replies : roots).push(node);
  }
  const sort = (list: ThreadNode[]): ThreadNode[] => {
    list.sort(oldestFirst);
    for (const node of list) sort(node.replies);
    return list;
  };
  return sort(roots);
}
