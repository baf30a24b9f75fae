import type { PublicInteraction } from '@chorus/shared';

/** One reply and the replies that answer it. */
export interface ReplyNode {
  interaction: PublicInteraction;
  children: ReplyNode[];
}

/** A post's interactions, sorted into what the widget shows in each place. */
export interface GroupedInteractions {
  replies: ReplyNode[];
  likes: PublicInteraction[];
  reposts: PublicInteraction[];
  /** Mentions, bookmarks and RSVPs: shown as a compact list. */
  others: PublicInteraction[];
}

export function groupInteractions(items: readonly PublicInteraction[]): GroupedInteractions {
  return {
    replies: buildThreads(items.filter((item) => item.kind === 'reply')),
    likes: items.filter((item) => item.kind === 'like'),
    reposts: items.filter((item) => item.kind === 'repost'),
    others: items.filter((item) => item.kind === 'mention' || item.kind === 'bookmark' || item.kind === 'rsvp'),
  };
}

/**
 * Nests replies under the reply their `parentId` names, keeping the given order among siblings.
 * A reply whose parent is unknown, or whose parent chain loops back to itself, becomes a root
 * so that nothing the server sent is ever dropped.
 */
export function buildThreads(replies: readonly PublicInteraction[]): ReplyNode[] {
  const byId = new Map(replies.map((interaction) => [interaction.id, interaction]));
  const nodes = new Map(replies.map((interaction): [number, ReplyNode] => [interaction.id, { interaction, children: [] }]));
  const roots: ReplyNode[] = [];
  for (const interaction of replies) {
    const node = nodes.get(interaction.id)!;
    const parent = interaction.parentId === null ? undefined : nodes.get(interaction.parentId);
    if (parent && parent !== node && !loopsBack(interaction.id, byId)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function loopsBack(id: number, byId: ReadonlyMap<number, PublicInteraction>): boolean {
  const seen = new Set<number>([id]);
  let parentId = byId.get(id)?.parentId ?? null;
  while (parentId !== null && byId.has(parentId)) {
    if (seen.has(parentId)) return true;
    seen.add(parentId);
    parentId = byId.get(parentId)?.parentId ?? null;
  }
  return false;
}

/** How many replies a list of threads holds, nested ones included. */
export function countReplies(nodes: readonly ReplyNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countReplies(node.children), 0);
}
