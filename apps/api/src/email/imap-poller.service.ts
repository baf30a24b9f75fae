import { replyTokenFromAddress, type EmailEnvelope, type ReplyAddressBase } from '@chorus/adapters';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { Clock } from '../common/clock';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { EmailIntake } from './email-intake.service';

export type ImapState =
  | { state: 'not_configured' }
  | { state: 'connecting' | 'connected'; mailbox: string; lastPollAt: number | null; idle: boolean }
  | { state: 'failing'; mailbox: string; lastPollAt: number | null; error: string; fix: string; retryAt: number | null };

type ImapConfig = NonNullable<ChorusConfig['imap']>;

const MAX_BACKOFF_MS = 5 * 60_000;
const RECIPIENT_HEADERS = ['to', 'cc', 'delivered-to', 'x-original-to', 'return-path'];

/**
 * Polls one IMAP folder (CHORUS_IMAP_URL) for replies sent to `<owner>+<token>@<domain>`, on
 * connect, whenever the server announces new mail (IDLE), and every CHORUS_IMAP_POLL_INTERVAL.
 *
 * Other mail in the folder is never touched. A reply is moved to the processed folder only after it
 * is stored or deliberately dropped, so the mailbox itself is the durable queue: a crash or a
 * storage failure leaves it where it is for the next poll (re-ingesting is idempotent by
 * Message-ID). Lost connections are retried with exponential backoff.
 */
@Injectable()
export class ImapPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ImapPoller.name);
  private client: ImapFlow | null = null;
  private current: ImapState = { state: 'not_configured' };
  private stopped = false;
  private failures = 0;
  private lastPollAt: number | null = null;
  /** Highest UID already looked at in this UIDVALIDITY; after a restart the folder is scanned again. */
  private cursor = { uidValidity: 0n, lastUid: 0 };
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly totals = { stored: 0, dropped: 0 };

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly intake: EmailIntake,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.imap) return;
    void this.connect(this.config.imap);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const client = this.client;
    this.client = null;
    await this.polling;
    if (client) await client.logout().catch(() => client.close());
  }

  status(): ImapState & { totals: { stored: number; dropped: number } } {
    return { ...this.current, totals: { ...this.totals } };
  }

  private async connect(imap: ImapConfig): Promise<void> {
    if (this.stopped) return;
    const mailbox = mailboxName(imap);
    this.current = { state: 'connecting', mailbox, lastPollAt: this.lastPollAt, idle: false };
    const { ImapFlow } = await import('imapflow'); // loaded only when an IMAP mailbox is configured
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.pass },
      logger: false,
      autoIdleDelay: 1000,
      connectionTimeout: 15_000,
    });
    client.on('error', (error: Error) => this.logger.debug(`IMAP ${mailbox}: ${error.message}`));
    client.on('close', () => this.lost(client, imap, 'the server closed the connection'));
    client.on('exists', () => this.requestPoll());
    try {
      await client.connect();
      await this.ensureFolder(client, imap.processedFolder);
      await client.mailboxOpen(imap.folder);
      if (this.stopped) return void (await client.logout().catch(() => client.close()));
      this.client = client;
      this.failures = 0;
      this.current = { state: 'connected', mailbox, lastPollAt: this.lastPollAt, idle: client.capabilities.has('IDLE') };
      this.logger.log(`IMAP connected to ${mailbox}; replies to ${imap.address.localPart}+<token>@${imap.address.domain} are read from it`);
      this.pollTimer = setInterval(() => this.requestPoll(), imap.pollIntervalMs);
      this.pollTimer.unref();
      this.requestPoll();
    } catch (error) {
      client.close();
      this.fail(imap, error);
    }
  }

  private lost(client: ImapFlow, imap: ImapConfig, reason: string): void {
    if (this.client !== client) return;
    this.client = null;
    this.clearTimers();
    if (!this.stopped) this.fail(imap, new Error(reason));
  }

  private fail(imap: ImapConfig, error: unknown): void {
    const message = describeImapError(error);
    this.failures++;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
    const retryAt = this.stopped ? null : this.clock.now() + delay;
    this.current = { state: 'failing', mailbox: mailboxName(imap), lastPollAt: this.lastPollAt, error: message, fix: imapFix(error), retryAt };
    this.logger.warn(`IMAP ${imap.host}:${imap.port} failing (${message}); retrying in ${Math.round(delay / 1000)} s`);
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(() => void this.connect(imap), delay);
    this.reconnectTimer.unref();
  }

  /** One poll at a time; a request during a poll runs one more right after it. */
  private requestPoll(): void {
    const client = this.client;
    const imap = this.config.imap;
    if (!client || !imap || this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.poll(client, imap)
      .then(() => {
        this.lastPollAt = this.clock.now();
        if (this.client === client) this.current = { state: 'connected', mailbox: mailboxName(imap), lastPollAt: this.lastPollAt, idle: client.capabilities.has('IDLE') };
      })
      .catch((error: unknown) => {
        this.logger.warn(`IMAP poll of ${imap.folder} failed (${describeImapError(error)}); the messages stay for the next poll`);
        if (this.client === client) this.current = { state: 'failing', mailbox: mailboxName(imap), lastPollAt: this.lastPollAt, error: describeImapError(error), fix: imapFix(error), retryAt: null };
      })
      .finally(() => {
        this.polling = null;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.requestPoll();
        }
      });
  }

  private async poll(client: ImapFlow, imap: ImapConfig): Promise<void> {
    const lock = await client.getMailboxLock(imap.folder);
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return;
      const uidValidity = client.mailbox.uidValidity;
      if (uidValidity !== this.cursor.uidValidity) this.cursor = { uidValidity, lastUid: 0 };
      const fresh = await client.fetchAll(`${this.cursor.lastUid + 1}:*`, { uid: true, size: true, envelope: true, headers: RECIPIENT_HEADERS }, { uid: true });
      const messages = fresh.filter((message) => message.uid > this.cursor.lastUid).sort((a, b) => a.uid - b.uid);
      this.logger.debug(`IMAP poll of ${imap.folder}: ${messages.length} new message(s) after UID ${this.cursor.lastUid}`);
      for (const message of messages) {
        if (isReply(message, imap.address)) await this.handle(client, imap, message);
        else this.logger.debug(`IMAP UID ${message.uid} is not addressed to a reply address; left alone`);
        this.cursor.lastUid = message.uid;
      }
    } finally {
      lock.release();
    }
  }

  private async handle(client: ImapFlow, imap: ImapConfig, message: FetchMessageObject): Promise<void> {
    if ((message.size ?? 0) > this.config.smtp.maxSize) {
      this.logger.log(`IMAP UID ${message.uid} dropped: ${message.size} bytes is over CHORUS_SMTP_MAX_SIZE`);
      this.totals.dropped++;
    } else {
      const full = await client.fetchOne(String(message.uid), { source: true }, { uid: true });
      if (!full || !full.source) throw new Error(`UID ${message.uid} vanished while it was read`);
      const result = await this.intake.ingest(full.source, envelopeOf(message, imap), {
        replyAddress: imap.address,
        // The mailbox provider received the mail: its Authentication-Results speak for it.
        trustedRelay: { addresses: [imap.host], ...(imap.authservId ? { authservId: imap.authservId } : {}) },
      });
      if (result.outcome === 'stored') this.totals.stored++;
      else this.totals.dropped++;
    }
    await client.messageMove(String(message.uid), imap.processedFolder.split('/'), { uid: true });
    this.logger.debug(`IMAP UID ${message.uid} moved to ${imap.processedFolder}`);
  }

  private async ensureFolder(client: ImapFlow, path: string): Promise<void> {
    const folders = await client.list();
    const wanted = path.split('/');
    if (folders.some((folder) => folder.path === path || folder.path === wanted.join(folder.delimiter))) return;
    await client.mailboxCreate(wanted);
    this.logger.log(`IMAP folder ${path} created for processed replies`);
  }

  private clearTimers(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.pollTimer = null;
    this.reconnectTimer = null;
  }
}

function mailboxName(imap: ImapConfig): string {
  return `${imap.user}@${imap.host}/${imap.folder}`;
}

/** Whether any recipient header names a `<owner>+<token>` address of the mailbox. */
function isReply(message: FetchMessageObject, base: ReplyAddressBase): boolean {
  const text = message.headers?.toString('utf8') ?? '';
  return [...text.matchAll(/[^\s<>,;:"']+@[^\s<>,;:"']+/g)].some((match) => replyTokenFromAddress(match[0], base) !== null);
}

/** IMAP has no SMTP envelope: the sender is Return-Path (else From), the recipient the mailbox. */
function envelopeOf(message: FetchMessageObject, imap: ImapConfig): EmailEnvelope {
  const returnPath = /^return-path:\s*<([^>]*)>/im.exec(message.headers?.toString('utf8') ?? '');
  const from = message.envelope?.from?.[0]?.address ?? 'unknown';
  return {
    remoteAddress: imap.host,
    mailFrom: returnPath ? returnPath[1]! : from,
    recipients: [`${imap.address.localPart}@${imap.address.domain}`],
  };
}

function describeImapError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = error as Error & { responseText?: string; code?: string };
  return [details.code, details.responseText ?? error.message].filter(Boolean).join(': ');
}

function imapFix(error: unknown): string {
  const details = (error ?? {}) as { authenticationFailed?: boolean; code?: string; responseText?: string };
  if (details.authenticationFailed) return 'The IMAP server refused the user name or password: fix them in CHORUS_IMAP_URL (URL-encode special characters, e.g. @ as %40).';
  if (details.code === 'ECONNREFUSED' || details.code === 'ENOTFOUND' || details.code === 'ETIMEDOUT') {
    return 'The IMAP server cannot be reached: check the host and port in CHORUS_IMAP_URL (imaps:// uses 993, imap:// 143) and the firewall.';
  }
  if (/mailbox|folder|nonexistent/i.test(details.responseText ?? '')) return 'The folder in CHORUS_IMAP_URL does not exist: create it or fix the path (e.g. /INBOX).';
  return 'Check CHORUS_IMAP_URL (imaps://user:password@host:993/INBOX?processed=Chorus%2FProcessed); Chorus keeps retrying.';
}
