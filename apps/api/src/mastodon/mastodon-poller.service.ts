import { MastodonError, type Status } from '@chorus/adapters';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThanOrEqual, type Repository } from 'typeorm';
import { Clock } from '../common/clock';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { PostEntity } from '../interactions/entities/post.entity';
import { JobQueue, RetryLaterError, type JobRerun } from '../jobs/job-queue.service';
import { MastodonTootEntity } from './entities/mastodon-toot.entity';
import { MastodonConnection } from './mastodon-connection.service';
import { failureBackoffMs, jittered, partsToSync, pollIntervalMs } from './poll-schedule';
import { TootDiscovery } from './toot-discovery.service';
import { TootSync } from './toot-sync.service';

export const POLL_JOB = 'mastodon.poll';
/** The scheduler job never sleeps less than this between cycles. */
const MIN_CYCLE_GAP_MS = 1_000;

export interface PollReport {
  polled: number;
  added: number;
  updated: number;
  removed: number;
}

/**
 * Polls every mapped toot on an age-based schedule. One cycle checks the counters of all due toots
 * in batches (`GET /api/v1/statuses?id[]=`) and reads threads, favourites and boosts only for the
 * toots whose counters moved. A rate limit ends the cycle until the reset; a refused token stops
 * polling; a deleted toot is flagged and no longer polled.
 */
@Injectable()
export class MastodonPoller implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(MastodonPoller.name);
  /** Cycles in this process run one at a time (the scheduled one and `POST /api/admin/mastodon/poll`). */
  private previous: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    @InjectRepository(MastodonTootEntity) private readonly toots: Repository<MastodonTootEntity>,
    @InjectRepository(PostEntity) private readonly posts: Repository<PostEntity>,
    private readonly connection: MastodonConnection,
    private readonly discovery: TootDiscovery,
    private readonly sync: TootSync,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    if (this.config.mastodon) this.jobs.register(POLL_JOB, () => this.scheduledCycle(), { concurrency: 1 });
  }

  /** One pending poll job across all replicas (its unique key); each cycle schedules the next (`rerunAt`). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.mastodon) await this.jobs.enqueue(POLL_JOB, {}, { uniqueKey: POLL_JOB, maxAttempts: 1_000 });
  }

  /** A cycle now; `all` polls every mapped toot whatever its schedule. */
  runCycle(options: { all: boolean }): Promise<PollReport> {
    const run = this.previous
      .then(() => this.cycle(options.all))
      .catch((error: unknown) => {
        this.connection.noteFailure(error);
        throw error;
      });
    this.previous = run.catch(() => undefined);
    return run;
  }

  /** One scheduled cycle; the job then runs again at the next cycle's time (the same row, so its unique key keeps exactly one poll pending). */
  private async scheduledCycle(): Promise<JobRerun | undefined> {
    if (!this.connection.usable) return undefined;
    try {
      await this.runCycle({ all: false });
    } catch (error) {
      if (error instanceof MastodonError && error.kind === 'rate_limited' && error.resetAt) {
        this.logger.warn(`Mastodon rate limit reached: polling resumes at ${error.resetAt.toISOString()}`);
        this.connection.notePoll({ nextAt: error.resetAt.getTime(), lastError: error.message });
        throw new RetryLaterError(error.message, error.resetAt.getTime());
      }
      if (!this.connection.usable) return undefined;
      this.logger.warn(`Mastodon poll cycle failed (${errorMessage(error)}); trying again next cycle`);
      this.connection.notePoll({ lastError: errorMessage(error) });
    }
    const nextAt = await this.nextCycleAt();
    this.connection.notePoll({ nextAt });
    return { rerunAt: nextAt };
  }

  private async cycle(all: boolean): Promise<PollReport> {
    const client = this.connection.client();
    const report: PollReport = { polled: 0, added: 0, updated: 0, removed: 0 };
    await this.discovery.discover().catch((error: unknown) => {
      if (stopsTheCycle(error)) throw error;
      this.logger.warn(`toot discovery failed (${errorMessage(error)}); polling the known toots anyway`);
    });
    await this.trackMappings();
    const now = this.clock.now();
    const due = await this.toots.find({
      where: all ? { gone: false } : { gone: false, nextPollAt: LessThanOrEqual(now) },
      order: { nextPollAt: 'ASC' },
    });
    if (!due.length) {
      this.connection.notePoll({ lastAt: now, lastError: null });
      return report;
    }
    const posts = new Map((await this.posts.findBy({ id: In(due.map((toot) => toot.postId)) })).map((post) => [post.id, post]));
    const statuses = new Map((await client.getStatuses(due.map((toot) => toot.tootId))).map((status) => [status.id, status]));
    for (const toot of due) {
      const post = posts.get(toot.postId);
      if (!post) continue;
      try {
        await this.pollToot(toot, post, statuses.get(toot.tootId) ?? null, report);
      } catch (error) {
        if (stopsTheCycle(error)) throw error;
        await this.recordFailure(toot, error);
      }
    }
    this.connection.notePoll({ lastAt: this.clock.now(), lastError: null });
    this.logger.debug(`poll cycle: ${JSON.stringify(report)} (${due.length} due, ${this.connection.requestCount} requests sent so far)`);
    return report;
  }

  private async pollToot(toot: MastodonTootEntity, post: PostEntity, listed: Status | null, report: PollReport): Promise<void> {
    const status = listed ?? (await this.confirmGone(toot));
    if (!status) return;
    const now = this.clock.now();
    const parts = partsToSync(toot, status, now);
    if (parts.replies || parts.likes || parts.boosts) {
      const counts = await this.sync.sync(post, toot.tootId, parts);
      report.added += counts.added;
      report.updated += counts.updated;
      report.removed += counts.removed;
    }
    const createdAt = status.created_at ? Date.parse(status.created_at) : NaN;
    Object.assign(toot, {
      repliesCount: status.replies_count,
      favouritesCount: status.favourites_count,
      reblogsCount: status.reblogs_count,
      editedAt: status.edited_at,
      tootCreatedAt: Number.isNaN(createdAt) ? toot.tootCreatedAt : createdAt,
      lastPolledAt: now,
      lastFullSyncAt: parts.full ? now : toot.lastFullSyncAt,
      nextPollAt: now + jittered(pollIntervalMs(now - (toot.tootCreatedAt ?? post.createdAt), this.baseIntervalMs)),
      failureCount: 0,
      lastError: null,
    });
    await this.toots.save(toot, { transaction: false });
    report.polled++;
  }

  /** Absent from the batch answer: deleted, or not visible any more. One direct look tells which. */
  private async confirmGone(toot: MastodonTootEntity): Promise<Status | null> {
    try {
      return await this.connection.client().getStatus(toot.tootId);
    } catch (error) {
      if (!(error instanceof MastodonError) || error.kind !== 'gone') throw error;
      await this.toots.update({ postId: toot.postId }, { gone: true, lastError: error.message, lastPolledAt: this.clock.now() });
      this.logger.log(`toot ${toot.tootId} was deleted on Mastodon: no longer polled; its interactions stay`);
      return null;
    }
  }

  private async recordFailure(toot: MastodonTootEntity, error: unknown): Promise<void> {
    const message = errorMessage(error);
    const failures = toot.failureCount + 1;
    const nextPollAt = this.clock.now() + jittered(failureBackoffMs(failures, this.baseIntervalMs));
    await this.toots.update({ postId: toot.postId }, { failureCount: failures, lastError: message, nextPollAt });
    this.logger.debug(`polling toot ${toot.tootId} failed (${message}); attempt ${failures}, next at ${new Date(nextPollAt).toISOString()}`);
  }

  /** Gives every mapped post a poll state (a fresh one when its toot changed) and drops states of unmapped posts. */
  private async trackMappings(): Promise<void> {
    const untracked = await this.posts
      .createQueryBuilder('p')
      .leftJoin(MastodonTootEntity, 't', 't.post_id = p.id')
      .where('p.toot_id IS NOT NULL')
      .andWhere('(t.post_id IS NULL OR t.toot_id <> p.toot_id)')
      .getMany();
    const now = this.clock.now();
    for (const post of untracked) {
      await this.toots.save(
        this.toots.create({
          postId: post.id,
          tootId: post.tootId!,
          tootCreatedAt: null,
          repliesCount: null,
          favouritesCount: null,
          reblogsCount: null,
          editedAt: null,
          lastPolledAt: null,
          lastFullSyncAt: null,
          nextPollAt: now,
          failureCount: 0,
          gone: false,
          lastError: null,
        }), { transaction: false });
    }
    await this.toots
      .createQueryBuilder()
      .delete()
      .where('post_id IN (SELECT id FROM posts WHERE toot_id IS NULL)')
      .execute();
  }

  /** The earliest due toot, but at least every base interval (discovery) and never in a tight loop. */
  private async nextCycleAt(): Promise<number> {
    const now = this.clock.now();
    const next = await this.toots.findOne({ where: { gone: false }, order: { nextPollAt: 'ASC' } });
    const at = Math.min(next?.nextPollAt ?? Infinity, now + this.baseIntervalMs);
    return Math.max(at, now + MIN_CYCLE_GAP_MS);
  }

  private get baseIntervalMs(): number {
    return this.config.mastodon?.pollIntervalMs ?? 300_000;
  }
}

/** A rate limit or a refused token ends the whole cycle; other failures only concern one toot. */
function stopsTheCycle(error: unknown): boolean {
  return error instanceof MastodonError && (error.kind === 'rate_limited' || error.kind === 'unauthorized');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
