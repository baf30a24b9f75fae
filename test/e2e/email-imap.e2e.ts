import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { http, waitFor } from '../support/http';
import { emailItem, emailItems } from '../support/mail';
import { startServer, type RunningServer } from '../support/server';

const POST = 'https://blog.example/2026/11/hello';
const PROCESSED = 'Chorus/Done';

interface EmailSource {
  state: string;
  message: string;
  details: { imap: { state: string; lastPollAt: number | null } };
}

function message(fields: { to: string; messageId: string; extraHeaders?: string[]; body: string }): string {
  return [
    'Return-Path: <alice@sender.example>',
    'From: Alice Example <alice@sender.example>',
    `To: ${fields.to}`,
    'Subject: Re: Hello',
    'Date: Sat, 21 Nov 2026 10:00:00 +0000',
    `Message-ID: <${fields.messageId}>`,
    ...(fields.extraHeaders ?? []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.body,
    '',
  ].join('\r\n');
}

describe('email replies from an IMAP mailbox (dovecot)', () => {
  let dovecot: Dovecot;
  let server: RunningServer;
  let replyAddress: string;
  let expected = 0;

  const emailSource = async () => {
    const response = await http<{ sources: (EmailSource & { id: string })[] }>(server, 'GET', '/api/admin/sources', { auth: 'token' });
    return response.json.sources.find((source) => source.id === 'email')!;
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    server = await startServer({
      env: {
        CHORUS_IMAP_URL: dovecot.url('INBOX', `processed=${encodeURIComponent(PROCESSED)}&authserv-id=mx.their-domain.example`),
        CHORUS_IMAP_ADDRESS: 'owner@their-domain.example',
        CHORUS_IMAP_POLL_INTERVAL: '30s',
        CHORUS_TARGET_DOMAINS: 'blog.example',
        CHORUS_PUBLIC_URL: 'https://hub.example',
      },
    });
    replyAddress = (await http<{ post: { replyAddress: string } }>(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`)).json.post.replyAddress;
    await waitFor(async () => (await emailSource()).details.imap.lastPollAt !== null, 'the first IMAP poll');
  });
  afterEach(async () => {
    expect((await http(server, 'GET', '/health')).status).toBe(200);
    expect(await emailItems(server)).toHaveLength(expected);
  });
  afterAll(async () => {
    await server?.stop();
    await dovecot?.stop();
  });

  it('should make reply addresses +tags of the mailbox and report the poller as connected', async () => {
    // Act
    const source = await emailSource();
    // Assert
    expect(replyAddress).toMatch(/^owner\+[a-z2-7]{28}@their-domain\.example$/);
    expect(source.state).toBe('ok');
    expect(source.message).toMatch(/IMAP connected to owner@127\.0\.0\.1\/INBOX \(IDLE\), last poll /);
  });

  it('should store a reply delivered to the mailbox, move it to the processed folder and leave personal mail alone', async () => {
    // Arrange
    const personal = message({ to: 'owner@their-domain.example', messageId: 'personal-1@sender.example', body: 'Dinner on Friday?' });
    // Act
    await dovecot.append(personal);
    await dovecot.append(message({ to: replyAddress, messageId: 'imap-1@sender.example', body: 'Read it in my mail client. Great post!' }));
    expected++;
    // Assert
    const item = await waitFor(() => emailItem(server, 'imap-1@sender.example'), 'the reply from IMAP');
    expect(item).toMatchObject({ status: 'pending', author: { name: 'Alice Example', email: 'alice@sender.example' }, content: { text: 'Read it in my mail client. Great post!' } });
    await waitFor(async () => (await dovecot.count(PROCESSED)) === 1, 'the reply to be moved');
    expect(await dovecot.count('INBOX')).toBe(1);
  });

  it('should store a re-delivered Message-ID once and still move the copy', async () => {
    // Act
    await dovecot.append(message({ to: replyAddress, messageId: 'imap-1@sender.example', body: 'Read it in my mail client. Great post!' }));
    // Assert
    await waitFor(async () => (await dovecot.count(PROCESSED)) === 2, 'the copy to be moved');
    expect(await dovecot.count('INBOX')).toBe(1);
  });

  it("should drop auto-replies, and judge mail by the provider's Authentication-Results (DMARC fail → spam)", async () => {
    // Arrange
    const results = (dmarc: string) => `Authentication-Results: mx.their-domain.example; spf=pass smtp.mailfrom=sender.example; dkim=pass header.d=sender.example; dmarc=${dmarc} header.from=sender.example`;
    // Act
    await dovecot.append(message({ to: replyAddress, messageId: 'ooo@sender.example', extraHeaders: ['Auto-Submitted: auto-replied'], body: 'Out of office.' }));
    await dovecot.append(message({ to: replyAddress, messageId: 'forged@sender.example', extraHeaders: [results('fail')], body: 'Pretending to be Alice.' }));
    expected++;
    // Assert
    const forged = await waitFor(() => emailItem(server, 'forged@sender.example'), 'the forged reply');
    expect(forged).toMatchObject({ status: 'spam', verification: { source: 'trusted-relay', spf: 'pass', dmarc: 'fail' } });
    await waitFor(async () => (await dovecot.count(PROCESSED)) === 4, 'both to be moved');
    expect(server.logs()).toContain('dropped: auto_reply: Auto-Submitted: auto-replied');
  });

  it('should report the mailbox as failing while the server is down and reconnect with backoff', async () => {
    // Act
    await dovecot.pause();
    const failing = await waitFor(async () => ((await emailSource()).state === 'error' ? emailSource() : null), 'the failing state');
    await dovecot.resume();
    await dovecot.append(message({ to: replyAddress, messageId: 'after-outage@sender.example', body: 'Sent while you were away.' }));
    expected++;
    // Assert
    expect(failing.message).toMatch(/IMAP failing for owner@127\.0\.0\.1\/INBOX/);
    expect(await waitFor(() => emailItem(server, 'after-outage@sender.example'), 'the reply after the outage', 40_000)).toMatchObject({ content: { text: 'Sent while you were away.' } });
    expect((await emailSource()).state).toBe('ok');
  });
});
