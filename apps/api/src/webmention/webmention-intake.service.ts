import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ChorusException } from '../common/chorus.exception';
import { Clock } from '../common/clock';
import { sha256 } from '../common/hash';
import { PublicUrl } from '../common/public-url';
import { RateLimiter } from '../common/rate-limiter';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { ModerationPolicy } from '../moderation/moderation-policy.service';
import { SourceStatusRegistry, type SourceStatus } from '../sources/source-status.registry';
import { WebmentionRequestEntity, type WebmentionProtocol, type WebmentionRequestStatus } from './entities/webmention-request.entity';
import { checkRequest, type RefusalCode } from './request-checks';

export const VERIFY_JOB = 'webmention.verify';
/** Attempts of a verification whose source is unreachable or answers 5xx/429 (5 s and 10 s apart) before it is rejected. */
export const VERIFY_ATTEMPTS = 3;
const DAY_MS = 86_400_000;

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

/**
 * Receives webmentions and pingbacks: the cheap checks, duplicate collapse and rate limits in the
 * request, then a verification job after a random delay. The source is never fetched here.
 */
@Injectable()
export class WebmentionIntake implements OnModuleInit {
  private readonly logger = new Logger(WebmentionIntake.name);
  private readonly byClient: RateLimiter;
  private readonly bySourceHost: RateLimiter;

  constructor(
    @InjectRepository(WebmentionRequestEntity) private readonly requests: Repository<WebmentionRequestEntity>,
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
  async receive(mention: IncomingMention): Promise<{ request: WebmentionRequestEntity; created: boolean }> {
    const checked = checkRequest(mention, { targetDomains: this.config.targetDomains, isBlockedSource: (url) => this.policy.isBlockedSource(url) });
    if ('code' in checked) {
      this.logger.log(`refused ${mention.protocol} from ${mention.clientAddress} (${describe(mention)}): ${checked.code}: ${checked.message}`);
      throw new WebmentionRefusal(400, checked.code, checked.message, checked.parameter);
    }
    const pairHash = sha256(`${mention.protocol} ${checked.source} ${checked.target}`);
    const pending = await this.requests.findOneBy({ pairHash, status: 'queued' });
    if (pending) {
      this.logger.debug(`${mention.protocol} ${checked.source} → ${checked.target} collapsed into queued request #${pending.id}`);
      return { request: pending, created: false };
    }
    this.enforceRateLimits(checked.source, mention.clientAddress);
    const request = await this.queue({ ...checked, protocol: mention.protocol, pairHash, clientAddress: mention.clientAddress });
    return { request, created: true };
  }

  find(id: number): Promise<WebmentionRequestEntity | null> {
    return this.requests.findOneBy({ id });
  }

  statusUrl(id: number): string {
    return `${this.publicUrl.get()}/webmention/${id}`;
  }

  private enforceRateLimits(source: string, clientAddress: string): void {
    const sourceHost = new URL(source).hostname.toLowerCase();
    for (const [limiter, key, who] of [
      [this.byClient, clientAddress, `your address (${clientAddress})`],
      [this.bySourceHost, sourceHost, `source host ${sourceHost}`],
    ] as const) {
      const limit = limiter.hit(key);
      if (limit.allowed) continue;
      const { count, windowMs } = this.config.rateLimit;
      this.logger.debug(`rate limited ${who}: more than ${count} in ${windowMs} ms`);
      throw new WebmentionRefusal(
        429,
        'rate_limited',
        `Too many webmentions from ${who} (at most ${count} per ${windowMs / 1000} s); try again in ${limit.retryAfterSeconds} s.`,
        null,
        { 'retry-after': String(limit.retryAfterSeconds) },
      );
    }
  }

  private async queue(fields: Pick<WebmentionRequestEntity, 'source' | 'target' | 'protocol' | 'pairHash' | 'clientAddress'>): Promise<WebmentionRequestEntity> {
    const now = this.clock.now();
    const request = await this.requests.save(this.requests.create({ ...fields, status: 'queued', reason: null, detail: null, interactionId: null, createdAt: now, updatedAt: now }), { transaction: false });
    const { min, max } = this.config.verifyDelayMs;
    const runAt = now + min + Math.round(Math.random() * (max - min));
    try {
      await this.jobs.enqueue(VERIFY_JOB, { requestId: request.id }, { runAt, maxAttempts: VERIFY_ATTEMPTS });
    } catch (error) {
      await this.requests.delete({ id: request.id });
      throw error;
    }
    this.logger.debug(`accepted ${fields.protocol} #${request.id} ${fields.source} → ${fields.target}; verifying in ${runAt - now} ms`);
    return request;
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
