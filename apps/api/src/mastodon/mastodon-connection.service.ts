import { MastodonClient, MastodonError, tootIdFromUrl, type Account, type InstanceInfo } from '@chorus/adapters';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { badRequest, ChorusException } from '../common/chorus.exception';
import { Clock } from '../common/clock';
import { PublicUrl } from '../common/public-url';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { SourceStatusRegistry, type SourceStatus } from '../sources/source-status.registry';
import { chorusUserAgent } from './user-agent';

export type MastodonSettings = NonNullable<ChorusConfig['mastodon']>;

interface PollState {
  lastAt: number | null;
  nextAt: number | null;
  lastError: string | null;
}

/** Rate-limit pauses up to this long are waited out inline; longer ones end the call with `rate_limited`. */
const MAX_INLINE_WAIT_MS = 2_000;
const NEW_TOKEN_FIX = 'Create a new access token with scopes read write:statuses and set CHORUS_MASTODON_TOKEN, then restart Chorus.';

/**
 * The owner's Mastodon account as Chorus uses it: one client for the instance (so its rate-limit
 * pause is shared by every caller), the instance limits and own account read once, and the state
 * shown in `/health` and the inbox. A refused token stops every Mastodon call until restart.
 */
@Injectable()
export class MastodonConnection implements OnModuleInit {
  private readonly logger = new Logger(MastodonConnection.name);
  private builtClient: MastodonClient | null = null;
  private instanceInfo: Promise<InstanceInfo> | null = null;
  private account: Account | null = null;
  private tokenRefused: string | null = null;
  private poll: PollState = { lastAt: null, nextAt: null, lastError: null };

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly publicUrl: PublicUrl,
    private readonly registry: SourceStatusRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register('mastodon', () => this.status());
  }

  get settings(): MastodonSettings | null {
    return this.config.mastodon;
  }

  /** Configured and its token not refused. */
  get usable(): boolean {
    return this.config.mastodon !== null && this.tokenRefused === null;
  }

  /** The client, or a coded error saying what to set up (not configured, token refused). */
  client(): MastodonClient {
    const settings = this.config.mastodon;
    if (!settings) {
      throw new ChorusException(503, 'mastodon_not_configured', 'Mastodon is not connected: set CHORUS_MASTODON_URL and CHORUS_MASTODON_TOKEN.');
    }
    if (this.tokenRefused) throw new ChorusException(502, 'mastodon_error', `${this.tokenRefused} ${NEW_TOKEN_FIX}`);
    this.builtClient ??= new MastodonClient({
      baseUrl: settings.url,
      token: settings.token,
      userAgent: chorusUserAgent(this.publicUrl.get()),
      timeoutMs: this.config.fetch.timeoutMs,
      maxWaitMs: MAX_INLINE_WAIT_MS,
    });
    return this.builtClient;
  }

  /** Every request sent to the instance by this process. */
  get requestCount(): number {
    return this.builtClient?.requestCount ?? 0;
  }

  /** Character limits and capabilities, read once (a failed read is retried on the next call). */
  instance(): Promise<InstanceInfo> {
    const pending = (this.instanceInfo ??= this.client().instance());
    pending.catch(() => (this.instanceInfo = null));
    return pending;
  }

  /** The token's own account (`verify_credentials`), read once. */
  async ownAccount(): Promise<Account> {
    this.account ??= await this.client().verifyCredentials();
    return this.account;
  }

  /** Call with every Mastodon failure: a refused token is remembered and reported. */
  noteFailure(error: unknown): void {
    if (!(error instanceof MastodonError) || error.kind !== 'unauthorized' || this.tokenRefused) return;
    this.tokenRefused = `${new URL(this.config.mastodon?.url ?? 'http://unknown').host} refused the access token (HTTP ${error.status ?? 401} on ${error.endpoint}).`;
    this.logger.warn(`${this.tokenRefused} Mastodon publishing and polling are stopped. ${NEW_TOKEN_FIX}`);
  }

  notePoll(poll: Partial<PollState>): void {
    this.poll = { ...this.poll, ...poll };
  }

  /**
   * The status id of a toot URL on the owner's instance (every URL form Mastodon and Pleroma use),
   * verified and made canonical by asking the instance when Mastodon is configured.
   */
  async resolveToot(tootUrl: string): Promise<{ tootId: string; tootUrl: string }> {
    const instanceUrl = this.config.mastodon?.url ?? originOf(tootUrl);
    const tootId = instanceUrl ? tootIdFromUrl(tootUrl, instanceUrl) : null;
    if (tootId === null) {
      const otherInstance = instanceUrl !== null && originOf(tootUrl) !== null && new URL(tootUrl).host !== new URL(instanceUrl).host;
      throw otherInstance
        ? badRequest('toot_not_on_instance', `${tootUrl} is not on your instance ${new URL(instanceUrl).host}: map the toot by its URL there (e.g. ${instanceUrl}/@you/<id>).`)
        : badRequest('invalid_toot_url', `${tootUrl} is not the URL of a toot (expected https://<instance>/@<user>/<id>).`);
    }
    if (!this.config.mastodon) return { tootId, tootUrl };
    try {
      const status = await this.client().getStatus(tootId);
      return { tootId: status.id, tootUrl: status.url ?? status.uri ?? tootUrl };
    } catch (error) {
      this.noteFailure(error);
      if (error instanceof MastodonError && error.kind === 'gone') {
        throw badRequest('toot_not_found', `Your instance has no toot ${tootId} (${tootUrl}); check the URL.`);
      }
      throw mastodonFailure(error, this.clock.now());
    }
  }

  status(): SourceStatus {
    const base = { id: 'mastodon', displayName: 'Mastodon' };
    const settings = this.config.mastodon;
    if (!settings) {
      return {
        ...base,
        state: 'not_configured',
        message: 'Mastodon is not connected: no toots are published or polled.',
        fix: 'Set CHORUS_MASTODON_URL (your instance, e.g. https://mastodon.social) and CHORUS_MASTODON_TOKEN (an access token with scopes read write:statuses), then restart.',
        details: {},
      };
    }
    const details = {
      instance: settings.url,
      acct: this.account ? `@${this.account.acct}` : null,
      lastPollAt: isoOrNull(this.poll.lastAt),
      nextPollAt: isoOrNull(this.poll.nextAt),
      lastError: this.poll.lastError,
    };
    if (this.tokenRefused) return { ...base, state: 'error', message: this.tokenRefused, fix: NEW_TOKEN_FIX, details };
    const who = this.account ? `@${this.account.acct} on ${new URL(settings.url).host}` : new URL(settings.url).host;
    const polled = this.poll.lastAt ? `; last poll ${new Date(this.poll.lastAt).toISOString()}` : '; not polled yet';
    return { ...base, state: 'ok', message: `Connected as ${who}${polled}.`, fix: null, details };
  }
}

/** Mastodon failures as the API answers them: `502 mastodon_error` with the instance's reason. */
export function mastodonFailure(error: unknown, now: number): ChorusException {
  if (error instanceof ChorusException) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof MastodonError && error.kind === 'rate_limited' && error.resetAt) {
    const seconds = Math.max(1, Math.ceil((error.resetAt.getTime() - now) / 1000));
    return new ChorusException(503, 'mastodon_rate_limited', `Your instance asks to wait until ${error.resetAt.toISOString()}: ${reason}.`, { 'retry-after': String(seconds) });
  }
  return new ChorusException(502, 'mastodon_error', `Mastodon failed: ${reason}. Nothing was stored; try again later.`);
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
