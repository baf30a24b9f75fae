import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { In, type DataSource, type Repository } from 'typeorm';
import { ChorusException } from '../common/chorus.exception';
import { Clock } from '../common/clock';
import { sha256 } from '../common/hash';
import { PublicUrl } from '../common/public-url';
import { RateLimiter } from '../common/rate-limiter';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { GroupCommit } from '../jobs/group-commit';
import { JobQueue } from '../jobs/job-queue.service';
import { insertReturning } from '../jobs/returning';
import { ModerationPolicy } from '../moderation/moderation-policy.service';
import { SourceStatusRegistry, type SourceStatus } from '../sources/source-status.registry';
import { WebmentionRequestEntity, type WebmentionProtocol, type WebmentionRequestStatus } from './entities/webmention-request.entity';
import { checkRequest, type RefusalCode } from './request-checks';

export const VERIFY_JOB = 'webmention.verify';
/** Attempts of a verification whose source is unreachable or answers 5xx/429 (5 s and 10 s apart) before it is rejected. */
export const VERIFY_ATTEMPTS = 3;
const DAY_MS = 86_400_000;
/** Most webmentions written by one group commit (well under both databases' limits on statement parameters). */
const MAX_BATCH = 256;
const REQUEST_COLUMNS = ['source', 'target', 'pair_hash', 'protocol', 'status', 'client_address', 'created_at', 'updated_at'] as const;

/** A refused webmention or pingback: the HTTP answer, plus the parameter at fault (for pingback faults). */
export class WebmentionRefusal extends ChorusException {
  constructor(
    status: number,
    code: RefusalCode | 'rate_limited',
    message: string,
    readonly parameter: 'source' | 'target' | null,
    headers: Record<string, string> = {},
  ) {
    super(status, code, message, headers);
  }
}

export interface IncomingMention {
  source: unknown;
  target: unknown;
  protocol: WebmentionProtocol;
  clientAddress: string;
}

/** A received webmention: its request id, and false when it collapsed into one already queued. */
export interface Admission {
  id: number;
  created: boolean;
}

type Candidate = Pick<WebmentionRequestEntity, 'source' | 'target' | 'protocol' | 'pairHash' | 'clientAddress'>;

/** What a batch does with one candidate. */
type Plan = { queuedId: number } | { sameAs: number } | { refusal: WebmentionRefusal } | { insert: number };

/**
 * Receives webmentions and pingbacks: the cheap checks, duplicate collapse and rate limits in the
 * request, then a verification job after a random delay. The source is never fetched here.
 * Accepted requests are written by group commit: what arrives while one batch is being written goes
 * into the next (one query for queued duplicates, one INSERT of request rows, one of job rows); each
 * sender is answered once its batch is committed.
 */
@Injectable()
export class WebmentionIntake implements OnModuleInit {
  private readonly logger = new Logger(WebmentionIntake.name);
  private readonly byClient: RateLimiter;
  private readonly bySourceHost: RateLimiter;
  private readonly admissions = new GroupCommit<Candidate, Admission | WebmentionRefusal>((batch) => this.admit(batch), MAX_BATCH);

  constructor(
    @InjectRepository(WebmentionRequestEntity) private readonly requests: Repository<WebmentionRequestEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly jobs: JobQueue,
    private readonly policy: ModerationPolicy,
    private readonly publicUrl: PublicUrl,
    private readonly sources: SourceStatusRegistry,
    private readonly clock: Clock,
  ) {
    const { count, windowMs } = config.rateLimit;
    this.byClient = new RateLimiter(count, windowMs, () => clock.now());
    this.bySourceHost = new RateLimiter(count, windowMs, () => clock.now());
  }

  onModuleInit(): void {
    this.sources.register('webmention', () => this.sourceStatus());
  }

  /**
   * Accepts one webmention or pingback, or throws a `WebmentionRefusal`. The same source and target
   * while a verification is still queued collapse into that request (`created: false`).
   */
  async receive(mention: IncomingMention): Promise<Admission> {
    const checked = checkRequest(mention, { targetDomains: this.config.targetDomains, isBlockedSource: (url) => this.policy.isBlockedSource(url) });
    if ('code' in checked) {
      this.logger.log(`refused ${mention.protocol} from ${mention.clientAddress} (${describe(mention)}): ${checked.code}: ${checked.message}`);
      throw new WebmentionRefusal(400, checked.code, checked.message, checked.parameter);
    }
    const pairHash = sha256(`${mention.protocol} ${checked.source} ${checked.target}`);
    const admission = await this.admissions.submit({ ...checked, protocol: mention.protocol, pairHash, clientAddress: mention.clientAddress });
    if (admission instanceof WebmentionRefusal) throw admission;
    return admission;
  }

  find(id: number): Promise<WebmentionRequestEntity | null> {
    return this.requests.findOneBy({ id });
  }

  statusUrl(id: number): string {
    return `${this.publicUrl.get()}/webmention/${id}`;
  }

  /**
   * One group commit: collapses candidates into requests already queued (or earlier in the batch),
   * applies the rate limits to the rest, and writes those with their verification jobs.
   */
  private async admit(batch: Candidate[]): Promise<(Admission | WebmentionRefusal)[]> {
    const queued = await this.queuedIds(batch.map((candidate) => candidate.pairHash));
    const firstInBatch = new Map<string, number>();
    const inserts: Candidate[] = [];
    const plans = batch.map((candidate): Plan => {
      const queuedId = queued.get(candidate.pairHash);
      if (queuedId !== undefined) return { queuedId };
      const earlier = firstInBatch.get(candidate.pairHash);
      if (earlier !== undefined) return { sameAs: earlier };
      const refusal = this.rateLimitRefusal(candidate.source, candidate.clientAddress);
      if (refusal) return { refusal };
      firstInBatch.set(candidate.pairHash, inserts.length);
      return { insert: inserts.push(candidate) - 1 };
    });
    const ids = await this.queue(inserts);
    return plans.map((plan, index) => {
      const { protocol, source, target } = batch[index]!;
      if ('refusal' in plan) return plan.refusal;
      if ('insert' in plan) return { id: ids[plan.insert]!, created: true };
      const id = 'queuedId' in plan ? plan.queuedId : ids[plan.sameAs]!;
      this.logger.debug(`${protocol} ${source} → ${target} collapsed into queued request #${id}`);
      return { id, created: false };
    });
  }

  private async queuedIds(pairHashes: string[]): Promise<Map<string, number>> {
    const rows = await this.requests.find({ select: { id: true, pairHash: true }, where: { pairHash: In([...new Set(pairHashes)]), status: 'queued' } });
    return new Map(rows.map((row) => [row.pairHash, row.id]));
  }

  private rateLimitRefusal(source: string, clientAddress: string): WebmentionRefusal | null {
    const sourceHost = new URL(source).hostname.toLowerCase();
    for (const [limiter, key, who] of [
      [this.byClient, clientAddress, `your address (${clientAddress})`],
      [this.bySourceHost, sourceHost, `source host ${sourceHost}`],
    ] as const) {
      const limit = limiter.hit(key);
      if (limit.allowed) continue;
      const { count, windowMs } = this.config.rateLimit;
      this.logger.debug(`rate limited ${who}: more than ${count} in ${windowMs} ms`);
      return new WebmentionRefusal(
        429,
        'rate_limited',
        `Too many webmentions from ${who} (at most ${count} per ${windowMs / 1000} s); try again in ${limit.retryAfterSeconds} s.`,
        null,
        { 'retry-after': String(limit.retryAfterSeconds) },
      );
    }
    return null;
  }

  /** Writes the requests and their verification jobs (two statements); their ids, in order. */
  private async queue(candidates: Candidate[]): Promise<number[]> {
    if (!candidates.length) return [];
    const now = this.clock.now();
    const rows = candidates.map((c) => [c.source, c.target, c.pairHash, c.protocol, 'queued', c.clientAddress, now, now]);
    const inserted = await insertReturning(this.dataSource, 'webmention_requests', REQUEST_COLUMNS, rows, 'id, pair_hash');
    const idByPair = new Map(inserted.map((row) => [String(row.pair_hash), Number(row.id)]));
    const ids = candidates.map((c) => idByPair.get(c.pairHash)!);
    const { min, max } = this.config.verifyDelayMs;
    const runAts = ids.map(() => now + min + Math.round(Math.random() * (max - min)));
    try {
      await this.jobs.enqueueMany(VERIFY_JOB, ids.map((requestId, index) => ({ payload: { requestId }, runAt: runAts[index], maxAttempts: VERIFY_ATTEMPTS })));
    } catch (error) {
      await this.requests.delete({ id: In(ids) });
      throw error;
    }
    candidates.forEach((c, index) => this.logger.debug(`accepted ${c.protocol} #${ids[index]} ${c.source} → ${c.target}; verifying in ${runAts[index]! - now} ms`));
    return ids;
  }

  private async sourceStatus(): Promise<SourceStatus> {
    const endpoint = `${this.publicUrl.get()}/webmention`;
    const base = { id: 'webmention', displayName: 'Webmention and Pingback' };
    if (!this.config.targetDomains.length) {
      return {
        ...base,
        state: 'not_configured',
        message: 'No target domains are set, so every webmention and pingback is refused.',
        fix: "Set CHORUS_TARGET_DOMAINS to your site's host names (e.g. CHORUS_TARGET_DOMAINS=your-site.example) and restart.",
        details: { endpoint },
      };
    }
    return {
      ...base,
      state: 'ok',
      message: `Receiving for ${this.config.targetDomains.join(', ')} at ${endpoint}.`,
      fix: null,
      details: {
        endpoint,
        pingbackEndpoint: `${this.publicUrl.get()}/xmlrpc`,
        advertise: `<link rel="webmention" href="${endpoint}">`,
        targetDomains: this.config.targetDomains,
        lastDay: await this.countsSince(this.clock.now() - DAY_MS),
      },
    };
  }

  private async countsSince(since: number): Promise<Record<WebmentionRequestStatus, number>> {
    const rows = await this.requests
      .createQueryBuilder('r')
      .select('r.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('r.createdAt > :since', { since })
      .groupBy('r.status')
      .getRawMany<{ status: WebmentionRequestStatus; n: string | number }>();
    const counts: Record<WebmentionRequestStatus, number> = { queued: 0, verified: 0, rejected: 0, deleted: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }
}

function describe(mention: IncomingMention): string {
  const show = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : typeof value);
  return `source ${show(mention.source)}, target ${show(mention.target)}`;
}
