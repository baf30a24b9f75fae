import { linksInStatus, type Status } from '@chorus/adapters';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { SettingEntity } from '../database/setting.entity';
import { PostsService } from '../interactions/posts.service';
import { MastodonConnection } from './mastodon-connection.service';

/** The newest own status already looked at, so each cycle reads only what is new. */
export const DISCOVERY_CURSOR_KEY = 'mastodon.discovery.since_id';
/** Mastodon's largest page of an account's statuses. */
const PAGE_SIZE = 40;
const PUBLIC_VISIBILITIES = new Set(['public', 'unlisted']);

/**
 * Finds toots the owner wrote by hand: reads the owner's new statuses and maps each one that links
 * to (or carries a card for) a post URL matching CHORUS_POST_PATTERN to that post, unless the post
 * already has a toot. The first announcement of a post wins.
 */
@Injectable()
export class TootDiscovery {
  private readonly logger = new Logger(TootDiscovery.name);

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    @InjectRepository(SettingEntity) private readonly settings: Repository<SettingEntity>,
    private readonly posts: PostsService,
    private readonly connection: MastodonConnection,
  ) {}

  /** Returns how many posts got a toot. */
  async discover(): Promise<number> {
    const pattern = this.config.postPattern;
    if (!pattern) return 0;
    const account = await this.connection.ownAccount();
    const cursor = await this.settings.findOneBy({ key: DISCOVERY_CURSOR_KEY });
    const statuses = await this.connection
      .client()
      .accountStatuses(account.id, { limit: PAGE_SIZE, excludeReplies: true, ...(cursor ? { sinceId: cursor.value } : {}) });
    let mapped = 0;
    for (const status of [...statuses].reverse()) {
      if (await this.mapToPost(status, pattern)) mapped++;
    }
    const newest = statuses.reduce<string | null>((max, status) => (max === null || isNewer(status.id, max) ? status.id : max), cursor?.value ?? null);
    if (newest !== null && newest !== cursor?.value) await this.settings.save({ key: DISCOVERY_CURSOR_KEY, value: newest }, { transaction: false });
    return mapped;
  }

  private async mapToPost(status: Status, pattern: RegExp): Promise<boolean> {
    if (!PUBLIC_VISIBILITIES.has(status.visibility)) return false;
    const link = linksInStatus(status).find((url) => pattern.test(url));
    if (!link) return false;
    const existing = await this.posts.find(link);
    if (existing?.tootId) {
      if (existing.tootId !== status.id) this.logger.debug(`toot ${status.id} links to ${existing.url}, which already has toot ${existing.tootId}`);
      return false;
    }
    const post = existing ?? (await this.posts.ensure(link));
    await this.posts.update(post, { tootId: status.id, tootUrl: status.url ?? status.uri });
    this.logger.log(`discovered toot ${status.id} for ${post.url}`);
    return true;
  }
}

/** Mastodon ids are decimal snowflakes (Pleroma's are sortable strings): longer is newer, then by text. */
function isNewer(a: string, b: string): boolean {
  return a.length === b.length ? a > b : a.length > b.length;
}
