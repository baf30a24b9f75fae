import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SourceStatusRegistry, type SourceStatus } from '../sources/source-status.registry';
import { ImapPoller } from './imap-poller.service';
import { SmtpListener } from './smtp-listener.service';

/** Registers the `email` source: the SMTP listener and the IMAP poller, each with its exact fix. */
@Injectable()
export class EmailSourceStatus implements OnModuleInit {
  constructor(
    private readonly registry: SourceStatusRegistry,
    private readonly smtp: SmtpListener,
    private readonly imap: ImapPoller,
  ) {}

  onModuleInit(): void {
    this.registry.register('email', () => this.status());
  }

  status(): SourceStatus {
    const smtp = this.smtp.status();
    const imap = this.imap.status();
    const base = { id: 'email', displayName: 'Email replies', details: { smtp, imap } };
    if (smtp.state === 'disabled' && imap.state === 'not_configured') {
      return {
        ...base,
        state: 'not_configured',
        message: 'Email replies are off: the SMTP listener is disabled and no IMAP mailbox is set.',
        fix: 'Set CHORUS_SMTP_PORT (e.g. 2525) and route mail for CHORUS_REPLY_DOMAIN to it, or set CHORUS_IMAP_URL and CHORUS_IMAP_ADDRESS.',
      };
    }
    const parts = [smtpSentence(smtp), imapSentence(imap)].filter((part) => part !== null);
    const failing = [smtp, imap].flatMap((part) => (part.state === 'failing' ? [part.fix] : []));
    return { ...base, state: failing.length ? 'error' : 'ok', message: `${parts.join('; ')}.`, fix: failing.length ? failing.join(' ') : null };
  }
}

function smtpSentence(smtp: ReturnType<SmtpListener['status']>): string | null {
  switch (smtp.state) {
    case 'disabled':
      return null;
    case 'listening':
      return `SMTP listening on ${smtp.host}:${smtp.port}${smtp.starttls ? ' with STARTTLS' : ''}`;
    case 'failing':
      return `SMTP failing on port ${smtp.port}: ${smtp.error}`;
  }
}

function imapSentence(imap: ReturnType<ImapPoller['status']>): string | null {
  const lastPoll = (at: number | null) => (at === null ? 'not polled yet' : `last poll ${new Date(at).toISOString()}`);
  switch (imap.state) {
    case 'not_configured':
      return null;
    case 'connecting':
      return `IMAP connecting to ${imap.mailbox}`;
    case 'connected':
      return `IMAP connected to ${imap.mailbox}${imap.idle ? ' (IDLE)' : ''}, ${lastPoll(imap.lastPollAt)}`;
    case 'failing':
      return `IMAP failing for ${imap.mailbox}: ${imap.error} (${lastPoll(imap.lastPollAt)})`;
  }
}
