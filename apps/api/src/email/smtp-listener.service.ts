import { replyTokenFromAddress, type EmailEnvelope, type ReplyAddressBase } from '@chorus/adapters';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerError, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { RateLimiter } from '../common/rate-limiter';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { PostsService } from '../interactions/posts.service';
import { EmailIntake, type IntakeResult } from './email-intake.service';

export type SmtpState =
  | { state: 'disabled' }
  | { state: 'listening'; host: string; port: number; starttls: boolean }
  | { state: 'failing'; port: number; error: string; fix: string };

/** The SMTP answer for a message that was not simply stored; null means `250` with `message`. */
export interface SmtpAnswer {
  code: number;
  message: string;
}

const SMTP_FIXES: Record<string, string> = {
  EADDRINUSE: 'Another program uses this port: stop it, or set CHORUS_SMTP_PORT to a free port (0 disables the listener).',
  EACCES: 'Ports below 1024 need privileges: use CHORUS_SMTP_PORT=2525 and forward port 25 to it (or from your MTA), or set CHORUS_SMTP_PORT=0.',
  EADDRNOTAVAIL: 'CHORUS_SMTP_HOST is not an address of this machine: set it to one (or 0.0.0.0).',
  ENOENT: 'CHORUS_SMTP_TLS_CERT / CHORUS_SMTP_TLS_KEY name a file that does not exist: fix the paths.',
};

/**
 * The inbound SMTP listener for email replies (CHORUS_SMTP_PORT). It is no open relay: RCPT is
 * accepted only for the reply address of a known post. It advertises and enforces SIZE, limits
 * connections and messages per client address (trusted relays excepted), offers STARTTLS only with
 * a configured certificate, never offers AUTH, and drops idle clients.
 *
 * A message is answered `250` only after it is stored (or deliberately dropped): a crash or a
 * storage failure before that leaves the message with the sender, whose MTA tries again.
 */
@Injectable()
export class SmtpListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpListener.name);
  private readonly messagesPerClient: RateLimiter;
  private readonly connections = new Map<string, number>();
  /** Sessions counted in `connections`, so each is released once on close. */
  private readonly counted = new Set<string>();
  private server: SMTPServer | null = null;
  private current: SmtpState = { state: 'disabled' };
  private readonly totals = { stored: 0, dropped: 0, refused: 0 };

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly posts: PostsService,
    private readonly intake: EmailIntake,
  ) {
    this.messagesPerClient = new RateLimiter(config.smtp.rateLimit.count, config.smtp.rateLimit.windowMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.smtp;
    if (port === 0) {
      this.logger.debug('SMTP listener disabled (CHORUS_SMTP_PORT=0)');
      return;
    }
    try {
      const server = new SMTPServer(this.serverOptions());
      server.on('error', (error) => this.logger.debug(`SMTP connection error: ${error.message}`));
      await listen(server, port, host);
      this.server = server;
      this.current = { state: 'listening', host, port, starttls: this.config.smtp.tls !== null };
      this.logger.log(`SMTP listening on ${host}:${port} for ${this.replyAddress().localPart}+<token>@${this.replyAddress().domain}${this.config.smtp.tls ? ' (STARTTLS)' : ''}`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const message = error instanceof Error ? error.message : String(error);
      this.current = { state: 'failing', port, error: message, fix: SMTP_FIXES[code] ?? 'Check CHORUS_SMTP_PORT, CHORUS_SMTP_HOST and the TLS files, then restart.' };
      this.logger.error(`SMTP listener could not start on ${host}:${port}: ${message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  status(): SmtpState & { totals: { stored: number; dropped: number; refused: number } } {
    return { ...this.current, totals: { ...this.totals } };
  }

  private replyAddress(): ReplyAddressBase {
    return this.intake.smtpReplyAddress();
  }

  private serverOptions(): SMTPServerOptions {
    const { smtp } = this.config;
    const tls = smtp.tls ? { key: readFileSync(smtp.tls.keyPath), cert: readFileSync(smtp.tls.certPath) } : null;
    return {
      name: this.replyAddress().domain,
      banner: 'Chorus accepts replies to its reply addresses only',
      size: smtp.maxSize,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      hideSTARTTLS: !tls,
      ...(tls ?? {}),
      hideENHANCEDSTATUSCODES: false,
      disableReverseLookup: true,
      socketTimeout: smtp.idleTimeoutMs,
      closeTimeout: Math.min(this.config.shutdownGraceMs, 5000),
      maxRecipients: 1,
      logger: false,
      onConnect: (session, callback) => callback(this.admitConnection(session)),
      onClose: (session) => this.releaseConnection(session),
      onMailFrom: (address, session, callback) => callback(this.admitMessage(address, session)),
      onRcptTo: (address, session, callback) => {
        this.checkRecipient(address, session).then(callback, (error: Error) => callback(smtpError(451, `The recipient could not be checked (${error.message}); please try again later.`)));
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          (answer) => (answer.code === 250 ? callback(null, answer.message) : callback(smtpError(answer.code, answer.message))),
          (error: Error) => callback(smtpError(451, `The reply could not be stored (${error.message}); please try again later.`)),
        );
      },
    };
  }

  private isTrustedRelay(address: string): boolean {
    return this.config.smtp.trustedRelay?.addresses.some((relay) => normalizeIp(relay) === normalizeIp(address)) ?? false;
  }

  private admitConnection(session: SMTPServerSession): SMTPServerError | null {
    const client = normalizeIp(session.remoteAddress);
    if (this.isTrustedRelay(client)) return null;
    const open = this.connections.get(client) ?? 0;
    if (open >= this.config.smtp.maxConnectionsPerClient) {
      this.totals.refused++;
      this.logger.debug(`SMTP connection from ${client} refused: ${open} already open`);
      return smtpError(421, `Too many connections from ${client}: at most ${this.config.smtp.maxConnectionsPerClient} at a time; try again later.`);
    }
    this.connections.set(client, open + 1);
    this.counted.add(session.id);
    return null;
  }

  private releaseConnection(session: SMTPServerSession): void {
    if (!this.counted.delete(session.id)) return;
    const client = normalizeIp(session.remoteAddress);
    const open = (this.connections.get(client) ?? 1) - 1;
    if (open > 0) this.connections.set(client, open);
    else this.connections.delete(client);
  }

  private admitMessage(address: SMTPServerAddress, session: SMTPServerSession): SMTPServerError | null {
    const client = normalizeIp(session.remoteAddress);
    if (this.isTrustedRelay(client)) return null;
    const verdict = this.messagesPerClient.hit(client);
    if (verdict.allowed) return null;
    this.totals.refused++;
    const { count, windowMs } = this.config.smtp.rateLimit;
    this.logger.debug(`SMTP MAIL FROM:<${address.address}> from ${client} refused: over ${count} messages per ${windowMs / 1000} s`);
    return smtpError(451, `Too many messages from ${client}: at most ${count} per ${windowMs / 1000} s; try again in ${verdict.retryAfterSeconds} s.`);
  }

  private async checkRecipient(address: SMTPServerAddress, session: SMTPServerSession): Promise<SMTPServerError | null> {
    const base = this.replyAddress();
    const token = replyTokenFromAddress(address.address, base);
    const refuse = (reason: string) => {
      this.totals.refused++;
      this.logger.debug(`SMTP RCPT TO:<${address.address}> from ${session.remoteAddress} refused: ${reason}`);
      return smtpError(550, reason);
    };
    if (!token) return refuse(`${address.address} is not a reply address: this server only accepts mail for ${base.localPart}+<token>@${base.domain} and relays nothing.`);
    if (!(await this.posts.findByReplyToken(token))) return refuse(`${address.address} is not the reply address of any post; check the address on the post's page.`);
    this.logger.debug(`SMTP RCPT TO:<${address.address}> from ${session.remoteAddress} accepted`);
    return null;
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<SmtpAnswer> {
    const raw = await readCapped(stream, this.config.smtp.maxSize);
    if (raw === null) {
      this.totals.refused++;
      this.logger.debug(`SMTP message from ${session.remoteAddress} refused: over ${this.config.smtp.maxSize} bytes`);
      return { code: 552, message: `The message is larger than the ${this.config.smtp.maxSize} bytes this server accepts; send a shorter reply without attachments.` };
    }
    const envelope: EmailEnvelope = {
      remoteAddress: normalizeIp(session.remoteAddress),
      clientHostname: session.clientHostname,
      helo: session.hostNameAppearsAs,
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
    };
    const result = await this.intake.ingest(raw, envelope, { replyAddress: this.replyAddress(), ...(this.config.smtp.trustedRelay ? { trustedRelay: this.config.smtp.trustedRelay } : {}) });
    if (result.outcome === 'stored') this.totals.stored++;
    else this.totals.dropped++;
    return smtpAnswer(result);
  }
}

/**
 * How a result is told to the sender. Automatic mail is accepted and discarded (refusing it would
 * only make more automatic mail); a reply that cannot be used is refused with the reason, so its
 * human author learns why from their own mail server.
 */
export function smtpAnswer(result: IntakeResult): SmtpAnswer {
  if (result.outcome === 'stored') return { code: 250, message: 'Reply received; it will appear once the author of the post approves it.' };
  switch (result.reason) {
    case 'auto_reply':
    case 'bounce':
      return { code: 250, message: `Automatic message received and discarded (${result.detail}).` };
    case 'empty_reply':
      return { code: 554, message: 'The message has no text of its own once quoted text and signatures are removed; write your reply above the quote.' };
    case 'malformed':
      return { code: 554, message: `The message could not be read (${result.detail}).` };
    case 'blocked':
      return { code: 550, message: 'Replies from this sender are not accepted here.' };
    default:
      return { code: 550, message: `The message is not a reply to a known post (${result.detail}).` };
  }
}

/** The whole message, or null once it is over `maxBytes` (the rest is read and thrown away). */
function readCapped(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(size > maxBytes || stream.sizeExceeded ? null : Buffer.concat(chunks, size)));
  });
}

function smtpError(code: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode: code });
}

function normalizeIp(address: string): string {
  return address.trim().toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

function listen(server: SMTPServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.removeListener('error', reject);
      resolve();
    });
  });
}
