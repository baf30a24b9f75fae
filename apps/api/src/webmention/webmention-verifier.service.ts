import { FetchFailure, SafeFetcher, webmentionDedupeKey, type FetchedDocument, type VerificationOutcome } from '@chorus/adapters';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { InteractionStore } from '../interactions/interaction-store.service';
import { JobQueue, PermanentJobError, type JobContext } from '../jobs/job-queue.service';
import { WebmentionRequestEntity, type WebmentionRequestStatus } from './entities/webmention-request.entity';
import { ParsePool, WorkerTaskError } from './parse-pool';
import { VERIFY_ATTEMPTS, VERIFY_JOB } from './webmention-intake.service';

interface Resolution {
  status: Exclude<WebmentionRequestStatus, 'queued'>;
  reason: string | null;
  detail: string;
  interactionId: number | null;
}

/** What the page says, or that it could not be read at all (its parse timed out, ran out of memory or crashed). */
type Reading = VerificationOutcome | { outcome: 'rejected'; reason: 'source_unparseable'; detail: string };

/** A reading, and whether trying again later could change it (unreachable, 5xx, 429). */
type Verdict = Reading & { transient: boolean };

/** Verifications in flight per process: mostly waiting on sources, the parsing itself runs in the pool. */
const VERIFY_CONCURRENCY = 32;

/**
 * The verification job (W3C Webmention 3.2.2–3.2.4): fetch the source with the guarded fetcher,
 * let the adapter read it, then store, update or delete the interaction and record the outcome
 * on the request, where the sender sees it.
 */
@Injectable()
export class WebmentionVerifier implements OnModuleInit {
  private readonly logger = new Logger(WebmentionVerifier.name);

  constructor(
    @InjectRepository(WebmentionRequestEntity) private readonly requests: Repository<WebmentionRequestEntity>,
    private readonly jobs: JobQueue,
    private readonly fetcher: SafeFetcher,
    private readonly parser: ParsePool,
    private readonly store: InteractionStore,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(VERIFY_JOB, (payload, context) => this.verify(payload, context), { concurrency: VERIFY_CONCURRENCY });
  }

  async verify(payload: unknown, context: Pick<JobContext, 'attempt'>): Promise<void> {
    const request = await this.requests.findOneBy({ id: requestId(payload) });
    if (!request || request.status !== 'queued') return; // resolved with a collapsed duplicate
    const verdict = await this.check(request);
    if (verdict.outcome === 'rejected' && verdict.transient && context.attempt < VERIFY_ATTEMPTS) {
      // Still queued; the reason shows the sender why it is taking longer.
      await this.requests.update({ id: request.id }, { reason: verdict.reason, detail: verdict.detail, updatedAt: this.clock.now() });
      this.logger.debug(`#${request.id} ${request.source}: ${verdict.reason} on attempt ${context.attempt} of ${VERIFY_ATTEMPTS}; trying again later`);
      throw new Error(`${verdict.reason}: ${verdict.detail}`);
    }
    await this.resolve(request, await this.apply(request, verdict));
  }

  private async check(request: WebmentionRequestEntity): Promise<Verdict> {
    try {
      const document = await this.fetcher.fetch(request.source, { acceptStatuses: 'any' });
      this.logger.debug(`#${request.id} fetched ${document.url}: HTTP ${document.status}, ${document.contentType || 'no content type'}, ${document.body.length} characters`);
      const transient = document.status >= 500 || document.status === 429;
      return { ...(await this.interpret(request, document)), transient };
    } catch (error) {
      if (!(error instanceof FetchFailure)) throw error;
      return { outcome: 'rejected', reason: error.code, detail: `${error.url}: ${error.message}`, transient: error.code === 'source_unreachable' };
    }
  }

  /** Reads the page in the parse pool; a page that hangs, exhausts or crashes its parser is `source_unparseable`. */
  private async interpret(request: WebmentionRequestEntity, document: FetchedDocument): Promise<Reading> {
    try {
      return await this.parser.interpret({ source: request.source, target: request.target, document, protocol: request.protocol });
    } catch (error) {
      if (!(error instanceof WorkerTaskError) || error.kind === 'closed') throw error;
      return { outcome: 'rejected', reason: 'source_unparseable', detail: `${document.url} could not be read: ${error.message}.` };
    }
  }

  private async apply(request: WebmentionRequestEntity, verdict: Verdict): Promise<Resolution> {
    const dedupeKey = webmentionDedupeKey(request.source, request.target);
    switch (verdict.outcome) {
      case 'verified': {
        const stored = await this.store.upsert(verdict.draft);
        if (stored.outcome === 'dropped') return { status: 'rejected', reason: 'blocked_source', detail: stored.reason, interactionId: null };
        return { status: 'verified', reason: null, detail: `${stored.outcome} interaction #${stored.interaction.id}`, interactionId: stored.interaction.id };
      }
      case 'rejected': {
        // A page that linked before and no longer does withdraws its interaction (3.2.4).
        const withdrawn = verdict.reason === 'no_link_to_target' ? await this.store.markDeleted(request.protocol, dedupeKey) : null;
        if (withdrawn) return { status: 'deleted', reason: verdict.reason, detail: verdict.detail, interactionId: withdrawn.id };
        return { status: 'rejected', reason: verdict.reason, detail: verdict.detail, interactionId: null };
      }
      case 'deleted': {
        const deleted = await this.store.markDeleted(request.protocol, dedupeKey);
        if (deleted) return { status: 'deleted', reason: verdict.reason, detail: verdict.detail, interactionId: deleted.id };
        return { status: 'rejected', reason: verdict.reason, detail: `${verdict.detail} Nothing had been received from it.`, interactionId: null };
      }
    }
  }

  /** Records the outcome on this request and on every duplicate that collapsed into it. */
  private async resolve(request: WebmentionRequestEntity, resolution: Resolution): Promise<void> {
    await this.requests.update({ pairHash: request.pairHash, status: 'queued' }, { ...resolution, updatedAt: this.clock.now() });
    const summary = `${request.protocol} #${request.id} ${request.source} → ${request.target}: ${resolution.status}${resolution.reason ? ` (${resolution.reason})` : ''}: ${resolution.detail}`;
    if (resolution.status === 'verified') this.logger.debug(summary);
    else this.logger.log(summary);
  }
}

function requestId(payload: unknown): number {
  const id = (payload as { requestId?: unknown } | null)?.requestId;
  if (typeof id !== 'number') throw new PermanentJobError(`a ${VERIFY_JOB} job needs {"requestId": <number>}, got ${JSON.stringify(payload)}`);
  return id;
}
