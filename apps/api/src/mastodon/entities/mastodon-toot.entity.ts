import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../../database/columns';

/**
 * The poll state of a post's toot: the counters last seen (to fetch threads only when they change),
 * when to poll next, and whether the toot is gone. Created by the poller for every mapped post.
 */
@Entity('mastodon_toots')
export class MastodonTootEntity {
  @PrimaryColumn('integer', { name: 'post_id' })
  postId!: number;

  @Column('varchar', { name: 'toot_id', length: 64 })
  tootId!: string;

  @Column('bigint', { name: 'toot_created_at', nullable: true, transformer: epochMs })
  tootCreatedAt!: number | null;

  /** Null until the first poll. */
  @Column('integer', { name: 'replies_count', nullable: true })
  repliesCount!: number | null;

  @Column('integer', { name: 'favourites_count', nullable: true })
  favouritesCount!: number | null;

  @Column('integer', { name: 'reblogs_count', nullable: true })
  reblogsCount!: number | null;

  @Column('varchar', { name: 'edited_at', length: 40, nullable: true })
  editedAt!: string | null;

  @Column('bigint', { name: 'last_polled_at', nullable: true, transformer: epochMs })
  lastPolledAt!: number | null;

  /** When replies, likes and boosts were last all fetched, changed or not. */
  @Column('bigint', { name: 'last_full_sync_at', nullable: true, transformer: epochMs })
  lastFullSyncAt!: number | null;

  @Column('bigint', { name: 'next_poll_at', transformer: epochMs })
  nextPollAt!: number;

  @Column('integer', { name: 'failure_count', default: 0 })
  failureCount!: number;

  /** The toot was deleted on Mastodon: no more polls; its interactions stay. */
  @Column('boolean', { default: false })
  gone!: boolean;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;
}
