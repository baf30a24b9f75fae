import type { InteractionDraft } from '@chorus/adapters';
import type { InteractionSource, InteractionStatus } from '@chorus/shared';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, QueryFailedError, type Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { sha256 } from '../common/hash';
import { ClusterBus } from '../events/cluster-bus.service';
import { ModerationPolicy } from '../moderation/moderation-policy.service';
import { InteractionEntity } from './entities/interaction.entity';
import { PostEntity } from './entities/post.entity';
import { PostsService } from './posts.service';

export type StoreOutcome =
  | { outcome: 'created' | 'updated' | 'unchanged'; interaction: InteractionEntity; post: PostEntity }
  | { outcome: 'dropped'; reason: string };

export interface StoreOptions {
  /** The status a new interaction starts in when no rule decides (email failing DMARC: `spam`). */
  initialStatus?: Extract<InteractionStatus, 'pending' | 'spam'>;
  /** When the interaction was received, if not now (imports). */
  receivedAt?: number;
}

/**
 * The one way interactions enter the store: upsert by `(source, dedupeKey)`, apply the blocklist and
 * auto-approve rules, keep moderation decisions unless the content changed materially, and tell
 * caches and listeners.
 */
@Injectable()
export class InteractionStore {
  private readonly logger = new Logger(InteractionStore.name);

  constructor(
    @InjectRepository(InteractionEntity) private readonly interactions: Repository<InteractionEntity>,
    @InjectRepository(PostEntity) private readonly postRows: Repository<PostEntity>,
    private readonly posts: PostsService,
    private readonly policy: ModerationPolicy,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
  ) {}

  async upsert(draft: InteractionDraft, options: StoreOptions = {}): Promise<StoreOutcome> {
    const decision = this.policy.decide(draft);
    if (decision.block === 'drop') {
      this.logger.debug(`dropped ${draft.source} ${draft.dedupeKey}: blocklisted (${decision.blockedBy})`);
      return { outcome: 'dropped', reason: `blocklisted: ${decision.blockedBy}` };
    }
    const post = await this.posts.ensure(draft.target);
    const dedupeHash = sha256(draft.dedupeKey);
    for (let attempt = 0; ; attempt++) {
      const existing = await this.interactions.findOneBy({ source: draft.source, dedupeHash });
      try {
        return existing
          ? await this.update(existing, draft, post, decision.block === 'spam')
          : await this.create(draft, post, dedupeHash, this.initialStatus(decision, options), options.receivedAt);
      } catch (error) {
        // A concurrent writer stored the same key first: go round once more as an update.
        if (!(error instanceof QueryFailedError) || existing || attempt > 0) throw error;
      }
    }
  }

  /** Marks an interaction deleted at its source (410, link removed, toot deleted). */
  async markDeleted(source: InteractionSource, dedupeKey: string): Promise<InteractionEntity | null> {
    const existing = await this.interactions.findOneBy({ source, dedupeHash: sha256(dedupeKey) });
    if (!existing || existing.status === 'deleted') return existing;
    return this.setStatus([existing], 'deleted').then(([entity]) => entity ?? null);
  }

  async setStatus(entities: InteractionEntity[], status: InteractionStatus): Promise<InteractionEntity[]> {
    if (!entities.length) return [];
    const now = this.clock.now();
    await this.interactions.update({ id: In(entities.map((entity) => entity.id)) }, { status, updatedAt: now });
    for (const entity of entities) Object.assign(entity, { status, updatedAt: now });
    await this.changed(entities, 'updated');
    return entities;
  }

  async remove(entities: InteractionEntity[]): Promise<void> {
    if (!entities.length) return;
    await this.interactions.update({ parentId: In(entities.map((entity) => entity.id)) }, { parentId: null });
    await this.interactions.delete({ id: In(entities.map((entity) => entity.id)) });
    await this.changed(entities, 'deleted');
  }

  findById(id: number): Promise<InteractionEntity | null> {
    return this.interactions.findOneBy({ id });
  }

  findByIds(ids: number[]): Promise<InteractionEntity[]> {
    return ids.length ? this.interactions.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findByDedupeKey(source: InteractionSource, dedupeKey: string): Promise<InteractionEntity | null> {
    return this.interactions.findOneBy({ source, dedupeHash: sha256(dedupeKey) });
  }

  private initialStatus(decision: { block: string | null; autoApprove: boolean }, options: StoreOptions): InteractionStatus {
    if (decision.block === 'spam' || options.initialStatus === 'spam') return 'spam';
    return decision.autoApprove ? 'approved' : 'pending';
  }

  private async create(draft: InteractionDraft, post: PostEntity, dedupeHash: string, status: InteractionStatus, receivedAt?: number) {
    const now = this.clock.now();
    const entity = this.interactions.create({
      ...this.fields(draft, post),
      postId: post.id,
      source: draft.source,
      dedupeKey: draft.dedupeKey,
      dedupeHash,
      status,
      receivedAt: receivedAt ?? now,
      updatedAt: now,
      parentId: await this.parentId(draft),
    });
    const saved = await this.interactions.save(entity, { transaction: false });
    this.logger.debug(`stored ${draft.source} ${draft.kind} #${saved.id} for ${post.url} as ${status}`);
    await this.changed([saved], 'created', [post]);
    return { outcome: 'created' as const, interaction: saved, post };
  }

  private async update(existing: InteractionEntity, draft: InteractionDraft, post: PostEntity, spam: boolean) {
    const fields = this.fields(draft, post);
    const material = existing.contentHash !== fields.contentHash || existing.kind !== fields.kind;
    const status = nextStatus(existing.status, material, spam);
    const parentId = (await this.parentId(draft)) ?? existing.parentId;
    const changed =
      material ||
      status !== existing.status ||
      parentId !== existing.parentId ||
      (Object.keys(fields) as (keyof typeof fields)[]).some((key) => JSON.stringify(existing[key]) !== JSON.stringify(fields[key]));
    if (!changed) return { outcome: 'unchanged' as const, interaction: existing, post };
    Object.assign(existing, fields, { postId: post.id, status, parentId, updatedAt: this.clock.now() });
    const saved = await this.interactions.save(existing, { transaction: false });
    if (material && status === 'pending') this.logger.log(`#${saved.id} changed materially at its source and is back to pending`);
    await this.changed([saved], 'updated', [post]);
    return { outcome: 'updated' as const, interaction: saved, post };
  }

  private fields(draft: InteractionDraft, post: PostEntity) {
    return {
      postId: post.id,
      kind: draft.kind,
      url: draft.url,
      sourceUrl: draft.sourceUrl,
      authorName: draft.author.name,
      authorUrl: draft.author.url,
      authorPhoto: draft.author.photo,
      authorEmail: draft.author.email ?? null,
      contentHtml: draft.content?.html ?? null,
      contentText: draft.content?.text ?? null,
      contentHash: draft.content ? sha256(draft.content.text.replace(/\s+/g, ' ').trim()) : null,
      rsvp: draft.rsvp,
      publishedAt: draft.published ? draft.published.getTime() : null,
      verification: draft.verification,
      raw: boundedRaw(draft.raw),
    };
  }

  private async parentId(draft: InteractionDraft): Promise<number | null> {
    if (!draft.inReplyTo) return null;
    const parent = await this.findByDedupeKey(draft.inReplyTo.source, draft.inReplyTo.dedupeKey);
    return parent?.id ?? null;
  }

  /** Tells caches and listeners; `known` posts are not looked up again, the others in one query. */
  private async changed(entities: InteractionEntity[], type: 'created' | 'updated' | 'deleted', known: PostEntity[] = []): Promise<void> {
    const keys = new Map(known.map((post) => [post.id, post.urlKey]));
    const missing = [...new Set(entities.map((entity) => entity.postId))].filter((id) => !keys.has(id));
    if (missing.length) {
      const found = await this.postRows.find({ select: { id: true, urlKey: true }, where: { id: In(missing) } });
      for (const post of found) keys.set(post.id, post.urlKey);
    }
    await this.bus.publish('posts-changed', { keys: [...new Set(keys.values())] });
    for (const entity of entities) await this.bus.publish('interaction-changed', { id: entity.id, type });
  }
}

/**
 * Moderation decisions survive an update unless the content changed materially; an interaction that
 * was deleted at its source and comes back is reconsidered.
 */
export function nextStatus(current: InteractionStatus, material: boolean, spam: boolean): InteractionStatus {
  if (spam) return 'spam';
  if (current === 'deleted') return 'pending';
  if (material && current === 'approved') return 'pending';
  return current;
}

/** Raw payloads are kept for debugging, not archiving: past 16 KB only their start is kept. */
const RAW_LIMIT = 16 * 1024;

export function boundedRaw(raw: unknown): unknown {
  const json = JSON.stringify(raw) ?? 'null';
  return json.length <= RAW_LIMIT ? raw : { truncated: true, bytes: json.length, start: json.slice(0, 4096) };
}
