import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, waitFor } from '../support/http';
import { emailItem, emailItems, freePort, smtpGreeting, smtpTransport, swaks } from '../support/mail';
import { startServer, type RunningServer } from '../support/server';
import { ensurePackages } from '../support/system-packages';

const POST = 'https://blog.example/2026/11/hello';
const FIXTURES = resolve(__dirname, '..', '..', 'libs', 'adapters', 'src', 'email', 'fixtures');

/** Each test sends from its own loopback address, so the per-client limits of one never touch another. */
let nextClient = 10;
const clientAddress = () => `127.0.0.${nextClient++}`;

function message(fields: { from?: string; to: string; messageId: string; inReplyTo?: string; extraHeaders?: string; body: string; contentType?: string }): string {
  return [
    `From: ${fields.from ?? 'Alice Example <alice@sender.example>'}`,
    `To: ${fields.to}`,
    'Subject: Re: Hello',
    'Date: Sat, 21 Nov 2026 10:00:00 +0000',
    `Message-ID: <${fields.messageId}>`,
    ...(fields.inReplyTo ? [`In-Reply-To: <${fields.inReplyTo}>`, `References: <${fields.inReplyTo}>`] : []),
    ...(fields.extraHeaders ? [fields.extraHeaders] : []),
    'MIME-Version: 1.0',
    `Content-Type: ${fields.contentType ?? 'text/plain; charset=utf-8'}`,
    '',
    fields.body,
    '',
  ].join('\r\n');
}

describe('email replies over SMTP', () => {
  let server: RunningServer;
  let smtpPort: number;
  let replyAddress: string;
  /** How many email interactions must exist: checked after every test (nothing lost, nothing duplicated). */
  let expected = 0;

  beforeAll(async () => {
    ensurePackages(['swaks']);
    smtpPort = await freePort();
    server = await startServer({
      env: {
        CHORUS_SMTP_PORT: String(smtpPort),
        CHORUS_SMTP_HOST: '127.0.0.1',
        CHORUS_REPLY_DOMAIN: 'hub.example',
        CHORUS_PUBLIC_URL: 'https://hub.example',
        CHORUS_TARGET_DOMAINS: 'blog.example',
        // Mail authentication must never leave the machine: lookups fail at once (temperror).
        CHORUS_DNS_SERVERS: `127.0.0.1:${await freePort()}`,
        CHORUS_SMTP_MAX_SIZE: '64KB',
        CHORUS_SMTP_RATE_LIMIT: '5/min',
        CHORUS_SMTP_MAX_CONNECTIONS: '3',
        CHORUS_SMTP_IDLE_TIMEOUT: '2s',
      },
    });
    const post = await http<{ post: { replyAddress: string } }>(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`);
    replyAddress = post.json.post.replyAddress;
  });
  afterEach(async () => {
    expect((await http(server, 'GET', '/health')).status).toBe(200);
    expect(await emailItems(server)).toHaveLength(expected);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('should give every post a reply address on the reply domain and report the listener as a source', async () => {
    // Assert
    expect(replyAddress).toMatch(/^reply\+[a-z2-7]{28}@hub\.example$/);
    const sources = await http<{ sources: { id: string; state: string; message: string }[] }>(server, 'GET', '/api/admin/sources', { auth: 'token' });
    expect(sources.json.sources.find((source) => source.id === 'email')).toMatchObject({ state: 'ok', message: expect.stringContaining(`SMTP listening on 127.0.0.1:${smtpPort}`) });
  });

  it('should store a plain-text reply sent with swaks as a pending email reply, advertising SIZE and no AUTH or STARTTLS', async () => {
    // Act
    const sent = await swaks(
      smtpPort,
      ['--from', 'alice@sender.example', '--to', replyAddress, '--data', message({ to: replyAddress, messageId: 'plain-1@sender.example', body: 'Lovely post!\r\n\r\nOn Fri, Nov 20, 2026 at 9:00 AM Owner <owner@blog.example> wrote:\r\n> the post' })],
      clientAddress(),
    );
    expected++;
    // Assert
    expect(sent.code).toBe(0);
    expect(sent.output).toMatch(/250[- ]SIZE 65536/);
    expect(sent.output).not.toMatch(/250[- ]AUTH|250[- ]STARTTLS/);
    expect(sent.output).toMatch(/250 2\.6\.0 Reply received/);
    const item = await emailItem(server, 'plain-1@sender.example');
    expect(item).toMatchObject({ status: 'pending', parentId: null, author: { name: 'Alice Example', email: 'alice@sender.example' }, content: { text: 'Lovely post!' } });
    expect(item?.url).toBe(`https://hub.example/interactions/${item?.id}`);
    expect(item?.verification).toMatchObject({ source: 'mailauth', spf: 'temperror', dmarc: expect.any(String) });
  });

  it('should store multipart/alternative and HTML-only mail sent with nodemailer, keeping the text part or sanitized HTML', async () => {
    // Arrange
    const transport = smtpTransport(smtpPort, { localAddress: clientAddress() });
    // Act
    await transport.sendMail({ from: 'Bob <bob@sender.example>', to: replyAddress, subject: 'Re: Hello', messageId: '<multi-1@sender.example>', text: 'Plain version wins.', html: '<p>HTML <b>version</b></p>' });
    await transport.sendMail({ from: 'Carol <carol@sender.example>', to: replyAddress, subject: 'Re: Hello', messageId: '<html-1@sender.example>', html: '<p>Only <b>HTML</b><script>alert(1)</script><img src="https://tracker.example/p.gif" onerror="x()"></p>' });
    transport.close();
    expected += 2;
    // Assert
    expect((await emailItem(server, 'multi-1@sender.example'))?.content?.text).toBe('Plain version wins.');
    const html = await emailItem(server, 'html-1@sender.example');
    expect(html?.content?.text).toBe('Only HTML');
    expect(html?.content?.html).toContain('<b>HTML</b>');
    expect(html?.content?.html).not.toMatch(/script|onerror|tracker/);
  });

  it.each([
    ['iso-8859-1.eml', 'latin1-1@example.de', 'Schöner Beitrag über Café crème!', 'André Müller'],
    ['windows-1252.eml', 'cp1252-1@example.com', 'It costs €5 – “cheap”, isn’t it?', 'Chris'],
    ['iso-2022-jp.eml', 'jis-1@example.jp', '素敵な記事でした。', '山田'],
  ])('should decode %s into Unicode', async (file, messageId, text, name) => {
    // Arrange
    const path = join(FIXTURES, 'ok', file);
    expect(readFileSync(path, 'latin1')).toContain(`<${messageId}>`);
    // Act
    const sent = await swaks(smtpPort, ['--from', 'someone@sender.example', '--to', replyAddress, '--data', `@${path}`], clientAddress());
    expected++;
    // Assert
    expect(sent.code).toBe(0);
    expect(await emailItem(server, messageId)).toMatchObject({ author: { name }, content: { text } });
  });

  it('should thread a reply to a stored reply by In-Reply-To and store a re-delivery once', async () => {
    // Arrange
    const transport = smtpTransport(smtpPort, { localAddress: clientAddress() });
    const first = message({ to: replyAddress, messageId: 'thread-1@sender.example', body: 'First!' });
    const answer = message({ from: 'Dan <dan@other.example>', to: replyAddress, messageId: 'thread-2@other.example', inReplyTo: 'thread-1@sender.example', body: 'Replying to Alice.' });
    // Act
    await transport.sendMail({ envelope: { from: 'alice@sender.example', to: replyAddress }, raw: first });
    await transport.sendMail({ envelope: { from: 'dan@other.example', to: replyAddress }, raw: answer });
    await transport.sendMail({ envelope: { from: 'dan@other.example', to: replyAddress }, raw: answer });
    transport.close();
    expected += 2;
    // Assert
    const parent = await emailItem(server, 'thread-1@sender.example');
    expect((await emailItem(server, 'thread-2@other.example'))?.parentId).toBe(parent?.id);
  });

  it('should refuse a message over the size limit with 552 and store nothing', async () => {
    // Act
    const sent = await swaks(smtpPort, ['--from', 'big@sender.example', '--to', replyAddress, '--data', message({ to: replyAddress, messageId: 'big-1@sender.example', body: 'x'.repeat(70 * 1024) })], clientAddress());
    // Assert
    expect(sent.code).not.toBe(0);
    expect(sent.output).toMatch(/552 5\.\d\.\d The message is larger than the 65536 bytes/);
  });

  it('should refuse unknown reply addresses and foreign domains with 550 (never an open relay)', async () => {
    // Act
    const unknown = await swaks(smtpPort, ['--from', 'x@sender.example', '--to', `reply+${'a'.repeat(28)}@hub.example`], clientAddress());
    const relay = await swaks(smtpPort, ['--from', 'x@sender.example', '--to', 'victim@elsewhere.example'], clientAddress());
    // Assert
    expect(unknown.output).toMatch(/550 5\.1\.1 .*is not the reply address of any post/);
    expect(relay.output).toMatch(/550 5\.1\.1 victim@elsewhere\.example is not a reply address: .*relays nothing/);
  });

  it('should store what is readable of malformed MIME', async () => {
    // Act
    const sent = await swaks(smtpPort, ['--from', 'erin@example.org', '--to', replyAddress, '--data', `@${join(FIXTURES, 'ok', 'broken-mime.eml')}`], clientAddress());
    expected++;
    // Assert
    expect(sent.code).toBe(0);
    expect((await emailItem(server, 'broken-1@example.org'))?.content?.text).toBe('Still readable.');
  });

  it('should accept and discard auto-replies and bounces, logging why', async () => {
    // Arrange
    const vacation = message({ to: replyAddress, messageId: 'ooo-1@sender.example', extraHeaders: 'Auto-Submitted: auto-replied', body: 'I am away until Monday.' });
    // Act
    const auto = await swaks(smtpPort, ['--from', 'alice@sender.example', '--to', replyAddress, '--data', vacation], clientAddress());
    const bounce = await swaks(smtpPort, ['--from', '<>', '--to', replyAddress, '--data', message({ to: replyAddress, messageId: 'dsn-1@mx.example', body: 'Delivery failed.' })], clientAddress());
    // Assert
    expect(auto.output).toMatch(/250 2\.6\.0 Automatic message received and discarded \(Auto-Submitted: auto-replied\)/);
    expect(bounce.output).toMatch(/250 2\.6\.0 Automatic message received and discarded/);
    await waitFor(() => Promise.resolve(server.logs().includes('dropped: auto_reply: Auto-Submitted: auto-replied') && server.logs().includes('dropped: bounce')), 'drop log lines');
  });

  it('should refuse a reply that is nothing but the quote with a reason', async () => {
    // Act
    const sent = await swaks(smtpPort, ['--from', 'alice@sender.example', '--to', replyAddress, '--data', message({ to: replyAddress, messageId: 'quote-only@sender.example', body: 'On Fri, Nov 20, 2026 at 9:00 AM Owner <owner@blog.example> wrote:\r\n> the post' })], clientAddress());
    // Assert
    expect(sent.output).toMatch(/554 5\.6\.0 The message has no text of its own/);
  });

  it('should refuse a flood from one address with 451 after the per-client message limit', async () => {
    // Arrange
    const from = clientAddress();
    const transport = smtpTransport(smtpPort, { localAddress: from });
    // Act
    const results = [];
    for (let i = 0; i < 8; i++) {
      results.push(await transport.sendMail({ envelope: { from: 'flood@sender.example', to: replyAddress }, raw: message({ to: replyAddress, messageId: `flood-${i}@sender.example`, body: `Flood ${i}` }) }).then(() => 'sent', (error: Error) => error.message));
    }
    transport.close();
    expected += 5;
    // Assert
    expect(results.slice(0, 5)).toEqual(Array(5).fill('sent'));
    for (const refused of results.slice(5)) expect(refused).toMatch(/451 4\.3\.0 Too many messages from 127\.0\.0\.\d+: at most 5 per 60 s; try again in \d+ s\./);
  });

  it('should refuse connections beyond the per-client limit with 421 and drop idle clients', async () => {
    // Arrange
    const from = clientAddress();
    const open = await Promise.all([1, 2, 3].map(() => smtpGreeting(smtpPort, from)));
    // Act
    const fourth = await smtpGreeting(smtpPort, from);
    // Assert
    expect(open.every((connection) => connection.greeting.startsWith('220 '))).toBe(true);
    expect(fourth.greeting).toMatch(/^421 Too many connections from 127\.0\.0\.\d+: at most 3 at a time/);
    const idleFor = await open[0]!.closed;
    expect(idleFor).toBeGreaterThanOrEqual(1500);
    expect(idleFor).toBeLessThan(10_000);
    for (const connection of [...open, fourth]) connection.socket.destroy();
  });

  it('should serve an approved email reply at its permalink as an h-entry, 404 before, and never show the address publicly', async () => {
    // Arrange
    const item = (await emailItem(server, 'plain-1@sender.example'))!;
    const before = await http(server, 'GET', `/interactions/${item.id}`);
    const beforeHtml = await http(server, 'GET', `/interactions/${item.id}`, { headers: { accept: 'text/html' } });
    // Act
    expect((await http(server, 'PATCH', `/api/admin/interactions/${item.id}`, { body: { status: 'approved' }, auth: 'token' })).status).toBe(200);
    const page = await http(server, 'GET', `/interactions/${item.id}`, { headers: { accept: 'text/html' } });
    // Assert
    expect(before.status).toBe(404);
    expect(before.json).toMatchObject({ error: 'not_found' });
    expect(beforeHtml.status).toBe(404);
    expect(beforeHtml.headers['content-type']).toContain('text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('class="h-entry"');
    expect(page.text).toContain(`<a class="u-in-reply-to" href="${POST}">`);
    expect(page.text).toContain('<span class="p-name">Alice Example</span>');
    expect(page.text).toContain('<div class="e-content"><p>Lovely post!</p></div>');
    expect(page.text).toContain('class="dt-published" datetime="2026-11-21T10:00:00Z"');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const publicAnswers = await Promise.all([
      http(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`),
      http(server, 'GET', `/api/interactions.html?url=${encodeURIComponent(POST)}`),
      http(server, 'GET', `/api/mentions.jf2?target=${encodeURIComponent(POST)}`),
      http(server, 'GET', `/api/mentions.json?target=${encodeURIComponent(POST)}`),
    ]);
    expect(publicAnswers[0].json.items).toEqual([expect.objectContaining({ id: item.id, source: 'email', url: `https://hub.example/interactions/${item.id}`, author: { name: 'Alice Example', url: null, photo: null } })]);
    expect(publicAnswers[2].json.children[0]).toMatchObject({ url: `https://hub.example/interactions/${item.id}`, 'wm-protocol': 'email' });
    for (const answer of [...publicAnswers, page]) expect(answer.text).not.toContain('alice@sender.example');
  });

  it('should have stored a message before answering 250: a kill -9 right after it loses nothing', async () => {
    // Arrange
    const transport = smtpTransport(smtpPort, { localAddress: clientAddress() });
    // Act
    const info = await transport.sendMail({ envelope: { from: 'alice@sender.example', to: replyAddress }, raw: message({ to: replyAddress, messageId: 'crash-1@sender.example', body: 'Stored before the crash.' }) });
    await server.kill();
    server = await server.restart();
    expected++;
    // Assert
    expect(info.response).toMatch(/^250 /);
    expect((await emailItem(server, 'crash-1@sender.example'))?.content?.text).toBe('Stored before the crash.');
  });
});

describe('email replies over SMTP with STARTTLS and a trusted relay', () => {
  let server: RunningServer;
  let smtpPort: number;
  let replyAddress: string;
  let certDir: string;

  beforeAll(async () => {
    ensurePackages(['swaks']);
    certDir = mkdtempSync(join(tmpdir(), 'chorus-smtp-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=hub.example', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
    smtpPort = await freePort();
    server = await startServer({
      env: {
        CHORUS_SMTP_PORT: String(smtpPort),
        CHORUS_REPLY_DOMAIN: 'hub.example',
        CHORUS_TARGET_DOMAINS: 'blog.example',
        CHORUS_DNS_SERVERS: `127.0.0.1:${await freePort()}`,
        CHORUS_SMTP_TLS_CERT: join(certDir, 'cert.pem'),
        CHORUS_SMTP_TLS_KEY: join(certDir, 'key.pem'),
        CHORUS_SMTP_TRUSTED_RELAYS: '127.0.0.2',
        CHORUS_SMTP_TRUSTED_AUTHSERV_ID: 'relay.hub.example',
      },
    });
    replyAddress = (await http<{ post: { replyAddress: string } }>(server, 'GET', `/api/interactions?url=${encodeURIComponent(POST)}`)).json.post.replyAddress;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(certDir, { recursive: true, force: true });
  });

  it('should offer STARTTLS with the configured certificate and take mail over it', async () => {
    // Act
    const sent = await swaks(smtpPort, ['--tls', '--from', 'tls@sender.example', '--to', replyAddress, '--data', message({ to: replyAddress, messageId: 'tls-1@sender.example', body: 'Over TLS.' })], '127.0.0.1');
    // Assert
    expect(sent.output).toContain('250-STARTTLS');
    expect(sent.output).toMatch(/TLS started with cipher/);
    expect(sent.code).toBe(0);
    expect((await emailItem(server, 'tls-1@sender.example'))?.content?.text).toBe('Over TLS.');
  });

  it("should take SPF/DKIM/DMARC from the trusted relay's Authentication-Results and send a DMARC failure to spam", async () => {
    // Arrange
    const verdict = (dmarc: string) => `Authentication-Results: relay.hub.example; spf=pass smtp.mailfrom=sender.example; dkim=pass header.d=sender.example; dmarc=${dmarc} header.from=sender.example`;
    const relayed = smtpTransport(smtpPort, { localAddress: '127.0.0.2' });
    const direct = smtpTransport(smtpPort, { localAddress: '127.0.0.3' });
    // Act
    await relayed.sendMail({ envelope: { from: 'a@sender.example', to: replyAddress }, raw: message({ to: replyAddress, messageId: 'relay-pass@sender.example', extraHeaders: verdict('pass'), body: 'Relayed and fine.' }) });
    await relayed.sendMail({ envelope: { from: 'a@sender.example', to: replyAddress }, raw: message({ to: replyAddress, messageId: 'relay-fail@sender.example', extraHeaders: verdict('fail'), body: 'Relayed and forged.' }) });
    await direct.sendMail({ envelope: { from: 'a@sender.example', to: replyAddress }, raw: message({ to: replyAddress, messageId: 'forged@sender.example', extraHeaders: verdict('pass'), body: 'Claims to be checked.' }) });
    relayed.close();
    direct.close();
    // Assert
    expect(await emailItem(server, 'relay-pass@sender.example')).toMatchObject({ status: 'pending', verification: { source: 'trusted-relay', spf: 'pass', dkim: 'pass', dmarc: 'pass' } });
    expect(await emailItem(server, 'relay-fail@sender.example')).toMatchObject({ status: 'spam', verification: { source: 'trusted-relay', dmarc: 'fail' } });
    expect(await emailItem(server, 'forged@sender.example')).toMatchObject({ verification: { source: 'mailauth', spf: 'temperror' } });
    expect((await http(server, 'GET', '/health')).status).toBe(200);
    expect(await emailItems(server)).toHaveLength(4);
  });
});
