import { applyTitlePattern, composeToot, FetchFailure, idempotencyKeyForPost, SafeFetcher, summarizePostPage, type PostPageSummary } from '@chorus/adapters';
import { postKey } from '@chorus/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { QueryFailedError, type Repository } from 'typeorm';
import { badRequest, ChorusException, notFound } from '../common/chorus.exception';
import { Clock } from '../common/clock';
import { RateLimiter } from '../common/rate-limiter';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import type { PostEntity } from '../interactions/entities/post.entity';
import { PostsService } from '../interactions/posts.service';
import { TootClaimEntity } from './entities/toot-claim.entity';
import { mastodonFailure, MastodonConnection } from './mastodon-connection.service';

/** `GET /api/mastodon/toot` (API.md). */
export type TootAnswer =
  | { url: string; tootId: string; tootUrl: string | null; instance: string; acct: string | null }
  | { url: string; tootId: null; ignored: true };

/** Longer than a page fetch plus a Mastodon call; a claim left by a crashed process expires after it. */
const CLAIM_LEASE_MS = 30_000;
/** How often a caller that lost the claim looks whether the winner has stored the toot. */
const CLAIM_POLL_MS = 100;
const CLAIM_WAIT_MS = 45_000;

/**
 * Publishes a post's toot on the first ask, exactly once: concurrent callers in one process share
 * one attempt, callers across processes race for a claim row (one atomic insert or update), the
 * losers wait for the winner's toot, and the Idempotency-Key makes a retry after a crash between
 * "Mastodon created it" and "we stored it" return the same status.
 */
@Injectable()
export class LazyTootService {
  private readonly logger = new Logger(LazyTootService.name);
  private readonly inFlight = new Map<string, Promise<TootAnswer>>();
  /** Each new publish attempt fetches a page: CHORUS_RATE_LIMIT per client bounds what one client can make the hub fetch. */
  private readonly attempts: RateLimiter;

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    @InjectRepository(TootClaimEntity) private readonly claims: Repository<TootClaimEntity>,
    private readonly posts: PostsService,
    private readonly connection: MastodonConnection,
    private readonly fetcher: SafeFetcher,
    private readonly clock: Clock,
  ) {
    this.attempts = new RateLimiter(config.rateLimit.count, config.rateLimit.windowMs, () => clock.now());
  }

  /** `client` is the caller's address, for the rate limit on publish attempts. */
  async tootFor(url: string, client: string): Promise<TootAnswer> {
    const key = postKey(url);
    if (key === null || !this.config.postPattern?.test(url)) {
      throw badRequest('url_not_handled', `${url} is not a post URL this hub handles: it must match CHORUS_POST_PATTERN${this.config.postPattern ? ` (${this.config.postPattern.source})` : ', which is not set'}.`);
    }
    const settled = await this.settledAnswer(url);
    if (settled) return settled;
    this.connection.client(); // throws when Mastodon is not configured or refused the token
    let attempt = this.inFlight.get(key);
    if (!attempt) {
      const allowed = this.attempts.hit(client);
      if (!allowed.allowed) {
        throw new ChorusException(429, 'rate_limited', `Too many first calls for unpublished posts from ${client}; try again in ${allowed.retryAfterSeconds} s.`, { 'retry-after': String(allowed.retryAfterSeconds) });
      }
      attempt = this.publishOnce(url, key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, attempt);
    }
    return attempt;
  }

  private async publishOnce(url: string, key: string): Promise<TootAnswer> {
    const page = await this.readPage(url);
    const deadline = this.clock.now() + CLAIM_WAIT_MS;
    for (;;) {
      const settled = await this.settledAnswer(page.url);
      if (settled) return settled;
      const claim = await this.claim(key);
      if (claim) {
        try {
          return (await this.settledAnswer(page.url)) ?? (await this.publish(page));
        } finally {
          await this.claims.delete({ urlKey: key, claimedBy: claim });
        }
      }
      if (this.clock.now() > deadline) {
        throw new ChorusException(503, 'toot_in_progress', `The toot for ${url} is still being published by another worker; ask again in a moment.`, { 'retry-after': '5' });
      }
      await delay(CLAIM_POLL_MS);
    }
  }

  /** The answer when nothing has to be published: the post has a toot, or is ignored. */
  private async settledAnswer(url: string): Promise<TootAnswer | null> {
    const post = await this.posts.find(url);
    if (post?.tootId) return this.answer(post, post.tootId);
    if (post?.ignored) return { url: post.url, tootId: null, ignored: true };
    return null;
  }

  private async answer(post: PostEntity, tootId: string): Promise<TootAnswer> {
    const settings = this.connection.settings;
    const instance = settings ? new URL(settings.url).host : new URL(post.tootUrl ?? post.url).host;
    const account = this.connection.usable
      ? await this.connection.ownAccount().catch((error: unknown) => {
          this.connection.noteFailure(error);
          return null;
        })
      : null;
    return { url: post.url, tootId, tootUrl: post.tootUrl, instance, acct: account ? `${account.acct}${account.acct.includes('@') ? '' : `@${instance}`}` : null };
  }

  /** The page must answer 200 before anything is stored or published. */
  private async readPage(url: string): Promise<PostPageSummary> {
    try {
      const page = await this.fetcher.fetch(url);
      return summarizePostPage(page.body, page.url);
    } catch (error) {
      if (!(error instanceof FetchFailure)) throw error;
      this.logger.debug(`no toot for ${url}: the page could not be read (${error.code}: ${error.message})`);
      throw notFound('post_not_found', `${url} did not answer 200 (${error.message}); nothing was published or stored.`);
    }
  }

  /** Inserts the claim row, or takes over an expired one; null when another caller holds it. */
  private async claim(key: string): Promise<string | null> {
    const me = randomUUID();
    const now = this.clock.now();
    try {
      await this.claims.insert({ urlKey: key, claimedBy: me, claimedUntil: now + CLAIM_LEASE_MS });
      return me;
    } catch (error) {
      if (!(error instanceof QueryFailedError)) throw error;
    }
    const taken = await this.claims
      .createQueryBuilder()
      .update()
      .set({ claimedBy: me, claimedUntil: now + CLAIM_LEASE_MS })
      .where('url_key = :key AND claimed_until < :now', { key, now })
      .execute();
    return taken.affected === 1 ? me : null;
  }

  private async publish(page: PostPageSummary): Promise<TootAnswer> {
    const settings = this.connection.settings!;
    const title = page.title === null ? null : applyTitlePattern(page.title, settings.titlePattern);
    let status;
    try {
      const instance = await this.connection.instance();
      const text = composeToot({ title, description: page.description, url: page.url, suffix: settings.tootSuffix, maxCharacters: instance.maxCharacters, urlLength: instance.urlLength });
      status = await this.connection.client().createStatus({ status: text, visibility: settings.visibility, idempotencyKey: idempotencyKeyForPost(page.url) });
    } catch (error) {
      this.connection.noteFailure(error);
      this.logger.warn(`publishing the toot for ${page.url} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw mastodonFailure(error, this.clock.now());
    }
    const post = await this.posts.ensure(page.url, { title });
    const mapped = await this.posts.update(post, { tootId: status.id, tootUrl: status.url ?? status.uri, title: post.title ?? title });
    this.logger.log(`published toot ${status.id} for ${mapped.url}`);
    return this.answer(mapped, status.id);
  }
}
