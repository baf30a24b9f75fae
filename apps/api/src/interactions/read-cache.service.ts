import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { ClusterBus } from '../events/cluster-bus.service';

/** A public answer ready to send (`sendPublic`); cached ones hold their body as bytes. */
export interface CachedResponse {
  body: Buffer | string;
  etag: string;
  contentType: string;
}

interface Entry extends CachedResponse {
  body: Buffer;
  tags: string[];
}

/**
 * Serialized public responses, keyed by request and tagged by the posts (and hosts) they show,
 * least recently used first out once `CHORUS_CACHE_SIZE` bytes are held. Every write to a post drops
 * its entries on every replica (through `ClusterBus`), so the hot read path touches the database
 * once per answer, not once per request.
 */
@Injectable()
export class ReadCache implements OnModuleInit {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private bytes = 0;
  /** Bumped on every invalidation: a fill computed across one is not cached (it may be stale). */
  private generation = 0;

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly bus: ClusterBus,
  ) {}

  onModuleInit(): void {
    this.bus.on('posts-changed', ({ keys }) => this.invalidate(keys));
  }

  /** Answers from the cache, or computes, stores and answers. */
  async get(key: string, tags: string[], compute: () => Promise<{ body: string; contentType: string }>): Promise<CachedResponse> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const generation = this.generation;
    const computed = await compute();
    const body = Buffer.from(computed.body);
    const entry = { body, contentType: computed.contentType, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, tags };
    if (generation === this.generation) this.store(key, entry);
    return entry;
  }

  /** Post keys touched by a write; their hosts' `domain=` answers go too. */
  invalidate(postKeys: string[]): void {
    this.generation++;
    for (const key of postKeys) {
      this.dropTag(postTag(key));
      this.dropTag(hostTag(hostOfKey(key)));
    }
  }

  private store(key: string, entry: Entry): void {
    if (entry.body.length > this.config.cacheBytes / 4) return;
    this.delete(key);
    while (this.bytes + entry.body.length > this.config.cacheBytes) this.evictOldest();
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.delete(oldest.value);
  }

  private dropTag(tag: string): void {
    for (const key of this.byTag.get(tag) ?? []) this.delete(key);
    this.byTag.delete(tag);
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}

export function postTag(postKey: string): string {
  return `post:${postKey}`;
}

export function hostTag(host: string): string {
  return `host:${host}`;
}

function hostOfKey(postKey: string): string {
  return postKey.split('/')[0]!.replace(/:\d+$/, '');
}
