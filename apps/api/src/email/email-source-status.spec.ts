import { describe, expect, it } from 'vitest';
import { SourceStatusRegistry } from '../sources/source-status.registry';
import { EmailSourceStatus } from './email-source-status';
import type { ImapPoller } from './imap-poller.service';
import type { SmtpListener } from './smtp-listener.service';

type SmtpStatus = ReturnType<SmtpListener['status']>;
type ImapStatus = ReturnType<ImapPoller['status']>;

const totals = { stored: 0, dropped: 0, refused: 0 };

async function statusOf(smtp: SmtpStatus, imap: ImapStatus) {
  const registry = new SourceStatusRegistry();
  const source = new EmailSourceStatus(registry, { status: () => smtp } as SmtpListener, { status: () => imap } as ImapPoller);
  source.onModuleInit();
  const [status] = await registry.all();
  return status!;
}

describe(EmailSourceStatus.name, () => {
  it('should say how to switch email on when neither SMTP nor IMAP is configured', async () => {
    // Act
    const status = await statusOf({ state: 'disabled', totals }, { state: 'not_configured', totals });
    // Assert
    expect(status).toMatchObject({ id: 'email', state: 'not_configured', fix: expect.stringContaining('CHORUS_SMTP_PORT') });
  });

  it('should be ok and name the port and mailbox when both work', async () => {
    // Act
    const status = await statusOf(
      { state: 'listening', host: '0.0.0.0', port: 2525, starttls: true, totals },
      { state: 'connected', mailbox: 'owner@mail.example.org/INBOX', lastPollAt: Date.UTC(2026, 10, 21, 10), idle: true, totals },
    );
    // Assert
    expect(status.state).toBe('ok');
    expect(status.fix).toBeNull();
    expect(status.message).toBe('SMTP listening on 0.0.0.0:2525 with STARTTLS; IMAP connected to owner@mail.example.org/INBOX (IDLE), last poll 2026-11-21T10:00:00.000Z.');
  });

  it('should be an error with the exact fix when the listener or the mailbox fails', async () => {
    // Act
    const status = await statusOf(
      { state: 'failing', port: 25, error: 'listen EACCES: permission denied 0.0.0.0:25', fix: 'Use CHORUS_SMTP_PORT=2525.', totals },
      { state: 'failing', mailbox: 'owner@mail.example.org/INBOX', lastPollAt: null, error: 'Authentication failed', fix: 'Fix the password.', retryAt: null, totals },
    );
    // Assert
    expect(status.state).toBe('error');
    expect(status.message).toContain('SMTP failing on port 25: listen EACCES');
    expect(status.message).toContain('IMAP failing for owner@mail.example.org/INBOX: Authentication failed (not polled yet)');
    expect(status.fix).toBe('Use CHORUS_SMTP_PORT=2525. Fix the password.');
  });
});
