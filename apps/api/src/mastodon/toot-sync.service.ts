import { boostDraft, likeDraft, replyDraft, type Account, type InteractionDraft } from '@chorus/adapters';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { InteractionEntity } from '../interactions/entities/interaction.entity';
import type { PostEntity } from '../interactions/entities/post.entity';
import { InteractionStore } from '../interactions/interaction-store.service';
import { MastodonConnection } from './mastodon-connection.service';
import type { SyncParts } from './poll-schedule';

export interface SyncCounts {
  added: number;
  updated: number;
  removed: number;
}

type Known = Pick<InteractionEntity, 'id' | 'postId' | 'kind' | 'dedupeKey' | 'status'>;

/**
 * Brings one toot's replies, likes and boosts into the store and takes out what disappeared: a
 * reply gone from the thread is marked `deleted` (it had content the owner may have moderated); a
 * withdrawn favourite or boost is removed for good, as there is nothing of it left to show.
 */
@Injectable()
export class TootSync {
  private readonly logger = new Logger(TootSync.name);

  constructor(
    @InjectRepository(InteractionEntity) private readonly interactions: Repository<InteractionEntity>,
    private readonly store: InteractionStore,
    private readonly connection: MastodonConnection,
  ) {}

  async sync(post: PostEntity, tootId: string, parts: SyncParts): Promise<SyncCounts> {
    const client = this.connection.client();
    const counts: SyncCounts = { added: 0, updated: 0, removed: 0 };
    const known: Known[] = await this.interactions.find({
      select: { id: true, postId: true, kind: true, dedupeKey: true, status: true },
      where: { postId: post.id, source: 'mastodon' },
    });
    if (parts.replies) {
      const { descendants } = await client.context(tootId);
      const drafts = descendants.map((status) => replyDraft(status, { target: post.url, rootStatusId: tootId }));
      const present = await this.upsertAll(drafts, counts);
      for (const reply of known.filter((entry) => entry.kind === 'reply' && entry.status !== 'deleted' && !present.has(entry.dedupeKey))) {
        await this.store.markDeleted('mastodon', reply.dedupeKey);
        counts.removed++;
      }
    }
    if (parts.likes) await this.syncReactions(await client.favouritedBy(tootId), likeDraft, `favourite:`, { post, tootId, known, counts });
    if (parts.boosts) await this.syncReactions(await client.rebloggedBy(tootId), boostDraft, `reblog:`, { post, tootId, known, counts });
    this.logger.debug(`synced toot ${tootId} of ${post.url} (${describeParts(parts)}): +${counts.added} ~${counts.updated} -${counts.removed}`);
    return counts;
  }

  private async syncReactions(
    accounts: Account[],
    toDraft: typeof likeDraft,
    prefix: string,
    ctx: { post: PostEntity; tootId: string; known: Known[]; counts: SyncCounts },
  ): Promise<void> {
    const present = await this.upsertAll(
      accounts.map((account) => toDraft(account, { target: ctx.post.url, statusId: ctx.tootId })),
      ctx.counts,
    );
    const withdrawn = ctx.known.filter((entry) => entry.dedupeKey.startsWith(prefix) && entry.dedupeKey.endsWith(`:${ctx.tootId}`) && !present.has(entry.dedupeKey));
    await this.store.remove(withdrawn as InteractionEntity[]);
    ctx.counts.removed += withdrawn.length;
  }

  /** In the order given (a thread lists parents before their replies, so `parentId` resolves); returns the keys seen. */
  private async upsertAll(drafts: (InteractionDraft | null)[], counts: SyncCounts): Promise<Set<string>> {
    const present = new Set<string>();
    for (const draft of drafts) {
      if (!draft) continue;
      present.add(draft.dedupeKey);
      const stored = await this.store.upsert(draft);
      if (stored.outcome === 'created') counts.added++;
      if (stored.outcome === 'updated') counts.updated++;
    }
    return present;
  }
}

function describeParts(parts: SyncParts): string {
  const read = (['replies', 'likes', 'boosts'] as const).filter((part) => parts[part]);
  return `${parts.full ? 'full' : 'changed'}: ${read.join(', ') || 'nothing'}`;
}
