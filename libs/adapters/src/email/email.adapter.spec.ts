import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InteractionDraft } from '../adapter';
import { emailSource, parseEmailReply, replyTokenFromAddress } from './email.adapter';
import type { EmailParseResult } from './email.types';
import {
  FIXTURES,
  TOKEN,
  fixtureResolver,
  footballDns,
  makeEnvelope,
  makeOptions,
  readFixture,
} from './fixtures/email-fixtures';

type Accepted = Extract<EmailParseResult, { outcome: 'accepted' }>;

function expectAccepted(result: EmailParseResult): Accepted {
  if (result.outcome !== 'accepted')
    throw new Error(`expected an accepted reply, got ${result.reason}: ${result.detail}`);
  return result;
}

async function parseFixture(name: string): Promise<InteractionDraft> {
  return expectAccepted(await parseEmailReply(readFixture('ok', name), makeEnvelope(), makeOptions())).draft;
}

const OFFLINE_VERIFICATION = { spf: 'none', dkim: 'none', dmarc: 'none', arc: 'none', source: 'mailauth' };

describe(parseEmailReply.name, () => {
  it('should build a reply draft with only the new text when a plain-text reply quotes the post', async () => {
    // Arrange
    const raw = readFixture('ok', 'plain-reply.eml');

    // Act
    const result = expectAccepted(await parseEmailReply(raw, makeEnvelope(), makeOptions()));

    // Assert
    expect(result.token).toBe(TOKEN);
    expect(result.suggestedStatus).toBe('pending');
    expect(result.draft).toEqual({
      source: 'email',
      dedupeKey: 'CAF=reply-1@mail.example.org',
      target: '',
      kind: 'reply',
      url: null,
      sourceUrl: null,
      author: { name: 'Alice Example', url: null, photo: null, email: 'alice@example.org' },
      content: {
        html: '<p>Nice post! I &#60;3 the part about &#34;feeds&#34; &#38; links.</p><p>Second paragraph.</p>',
        text: 'Nice post! I <3 the part about "feeds" & links.\n\nSecond paragraph.',
      },
      rsvp: null,
      published: new Date('2026-11-21T10:00:00Z'),
      inReplyTo: { source: 'email', dedupeKey: 'owner-post-1@blog.example' },
      verification: expect.objectContaining(OFFLINE_VERIFICATION),
      raw: {
        headers: {
          from: '"Alice Example" <alice@example.org>',
          to: `reply+${TOKEN}@blog.example`,
          subject: 'Re: Hello world',
          'message-id': '<CAF=reply-1@mail.example.org>',
          'in-reply-to': '<owner-post-1@blog.example>',
          references: '<root@blog.example> <owner-post-1@blog.example>',
          date: 'Sat, 21 Nov 2026 10:00:00 +0000',
        },
        size: raw.length,
      },
    });
  });

  it('should keep the sender address out of every public field when the sender signs with it', async () => {
    // Arrange
    const raw = Buffer.from(
      'From: frank@example.org\r\nTo: reply+' +
        TOKEN +
        '@blog.example\r\nMessage-ID: <p1@example.org>\r\n' +
        'Content-Type: text/plain\r\n\r\nAgreed.\r\n\r\n-- \r\nfrank@example.org\r\n',
    );

    // Act
    const { draft } = expectAccepted(await parseEmailReply(raw, makeEnvelope(), makeOptions()));

    // Assert
    const { email, ...publicAuthor } = draft.author;
    expect(email).toBe('frank@example.org');
    expect(JSON.stringify({ ...draft, author: publicAuthor, raw: null, verification: null })).not.toContain(
      'frank@example.org',
    );
    expect(draft.author.name).toBe('frank');
  });

  it('should sanitize HTML-only mail, drop the Gmail quote and never keep scripts, handlers or images', async () => {
    // Act
    const draft = await parseFixture('html-only.eml');

    // Assert
    expect(draft.content).toEqual({
      html:
        '<p>Great <b>post</b>, see <a rel="nofollow ugc noopener">this</a> and ' +
        '<a href="https://bob.example/notes/1" rel="nofollow ugc noopener">my note</a>.</p>',
      text: 'Great post, see this and my note.',
    });
  });

  it('should cut Outlook history when HTML-only mail carries #appendonsend and #divRplyFwdMsg', async () => {
    // Act
    const draft = await parseFixture('html-outlook.eml');

    // Assert
    expect(draft.content?.text).toBe('Thanks for writing this.');
  });

  it.each([
    ['iso-8859-1.eml', 'André Müller', 'Schöner Beitrag über Café crème!'],
    ['windows-1252.eml', 'Chris', 'It costs €5 – “cheap”, isn’t it?'],
    ['iso-2022-jp.eml', '山田', '素敵な記事でした。'],
  ])('should decode %s into Unicode text and author name', async (file, name, text) => {
    // Act
    const draft = await parseFixture(file);

    // Assert
    expect(draft.author.name).toBe(name);
    expect(draft.content?.text).toBe(text);
  });

  it('should key the reply by a stable content hash and leave published empty when Message-ID is missing and Date is invalid', async () => {
    // Arrange
    const raw = readFixture('ok', 'no-message-id.eml');
    const relayed = Buffer.concat([
      Buffer.from('Received: from mx.example.org by blog.example; Sat, 21 Nov 2026 10:00:01 +0000\r\n'),
      raw,
    ]);

    // Act
    const first = await parseFixture('no-message-id.eml');
    const again = expectAccepted(await parseEmailReply(relayed, makeEnvelope(), makeOptions())).draft;

    // Assert
    expect(first.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.dedupeKey).toBe(first.dedupeKey);
    expect(first.published).toBeNull();
    expect(first.author).toEqual({ name: 'dave', url: null, photo: null, email: 'dave@example.org' });
  });

  it('should take the last References id as the parent when In-Reply-To is missing', async () => {
    // Arrange
    const raw = Buffer.from(
      `From: A <a@example.org>\r\nTo: reply+${TOKEN}@blog.example\r\nReferences: <root@x>\r\n <parent@x>\r\n` +
        'Content-Type: text/plain\r\n\r\nHi\r\n',
    );

    // Act
    const { draft } = expectAccepted(await parseEmailReply(raw, makeEnvelope(), makeOptions()));

    // Assert
    expect(draft.inReplyTo).toEqual({ source: 'email', dedupeKey: 'parent@x' });
  });

  it('should parse what is there when the MIME structure is broken', async () => {
    // Act
    const draft = await parseFixture('broken-mime.eml');

    // Assert
    expect(draft.content).toEqual({ html: '<p>Still readable.</p>', text: 'Still readable.' });
  });

  it('should cap raw header values and hash an abusive Message-ID when the headers are huge', async () => {
    // Arrange
    const filler = Array.from({ length: 2000 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(50)}\r\n`).join('');
    const raw = Buffer.from(
      `From: A <a@example.org>\r\nTo: reply+${TOKEN}@blog.example\r\nSubject: ${'s'.repeat(200_000)}\r\n` +
        `Message-ID: <${'m'.repeat(5000)}@example.org>\r\n${filler}Content-Type: text/plain\r\n\r\nStill here.\r\n`,
    );

    // Act
    const { draft } = expectAccepted(await parseEmailReply(raw, makeEnvelope(), makeOptions()));

    // Assert
    const headers = (draft.raw as { headers: Record<string, string | null> }).headers;
    expect(headers['subject']?.length).toBe(1001);
    expect(draft.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(draft.content?.text).toBe('Still here.');
  });

  it('should find the token in the To header when the envelope names only the IMAP mailbox', async () => {
    // Arrange
    const raw = Buffer.from(
      `From: A <a@example.org>\r\nTo: owner+${TOKEN}@their-domain.example\r\nContent-Type: text/plain\r\n\r\nHi\r\n`,
    );
    const options = makeOptions({ replyAddress: { localPart: 'owner', domain: 'their-domain.example' } });

    // Act
    const result = expectAccepted(
      await parseEmailReply(raw, makeEnvelope({ recipients: ['owner@their-domain.example'] }), options),
    );

    // Assert
    expect(result.token).toBe(TOKEN);
  });

  it('should record passing SPF and DKIM when the RFC 8463 message comes from its permitted address', async () => {
    // Arrange
    const raw = readFixture('mailauth-dkim', 'signed.eml');
    const envelope = makeEnvelope({ remoteAddress: '213.165.64.12', mailFrom: 'joe@football.example.com' });

    // Act
    const result = expectAccepted(
      await parseEmailReply(raw, envelope, makeOptions({ resolver: fixtureResolver(footballDns()) })),
    );

    // Assert
    expect(result.suggestedStatus).toBe('pending');
    expect(result.draft.verification).toMatchObject({
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'none',
      arc: 'none',
      source: 'mailauth',
    });
  });

  it('should suggest spam when DMARC fails', async () => {
    // Arrange
    const raw = Buffer.from(
      readFixture('mailauth-dkim', 'signed.eml')
        .toString('utf8')
        .replace('We lost the game.', 'We won the game.'),
    );
    const dns = { ...footballDns(), '_dmarc.football.example.com': { TXT: [['v=DMARC1; p=reject']] } };
    const envelope = makeEnvelope({ remoteAddress: '192.0.2.99', mailFrom: 'joe@football.example.com' });

    // Act
    const result = expectAccepted(
      await parseEmailReply(raw, envelope, makeOptions({ resolver: fixtureResolver(dns) })),
    );

    // Assert (mailauth reports a body-hash mismatch as `neutral`)
    expect(result.draft.verification).toMatchObject({ spf: 'softfail', dkim: 'neutral', dmarc: 'fail' });
    expect(result.suggestedStatus).toBe('spam');
  });

  it("should trust the relay's Authentication-Results and skip DNS when the client is the trusted relay", async () => {
    // Arrange
    const raw = Buffer.from(
      'Authentication-Results: relay.blog.example; spf=pass smtp.mailfrom=a@example.org;\r\n dkim=pass header.d=example.org; dmarc=fail (p=reject) header.from=example.org\r\n' +
        'Authentication-Results: relay.blog.example; dmarc=pass\r\n' +
        `From: A <a@example.org>\r\nTo: reply+${TOKEN}@blog.example\r\nContent-Type: text/plain\r\n\r\nHi\r\n`,
    );
    const dnsCalls: string[] = [];
    const options = makeOptions({
      trustedRelay: { addresses: ['10.0.0.5'], authservId: 'relay.blog.example' },
      resolver: fixtureResolver({}, dnsCalls),
    });

    // Act
    const result = expectAccepted(
      await parseEmailReply(raw, makeEnvelope({ remoteAddress: '::ffff:10.0.0.5' }), options),
    );

    // Assert
    expect(result.draft.verification).toEqual({
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'fail',
      arc: 'none',
      source: 'trusted-relay',
      details: { authservId: 'relay.blog.example' },
    });
    expect(result.suggestedStatus).toBe('spam');
    expect(dnsCalls).toEqual([]);
  });

  it('should ignore forged Authentication-Results and check itself when the client is not the trusted relay', async () => {
    // Arrange
    const raw = Buffer.from(
      `Authentication-Results: relay.blog.example; spf=pass; dkim=pass; dmarc=pass\r\nFrom: A <a@example.org>\r\nTo: reply+${TOKEN}@blog.example\r\n` +
        'Content-Type: text/plain\r\n\r\nHi\r\n',
    );
    const options = makeOptions({
      trustedRelay: { addresses: ['10.0.0.5'], authservId: 'relay.blog.example' },
    });

    // Act
    const result = expectAccepted(
      await parseEmailReply(raw, makeEnvelope({ remoteAddress: '198.51.100.7' }), options),
    );

    // Assert
    expect(result.draft.verification).toMatchObject(OFFLINE_VERIFICATION);
  });

  it('should drop a bounce when the envelope sender is null', async () => {
    // Act
    const result = await parseEmailReply(
      readFixture('ok', 'plain-reply.eml'),
      makeEnvelope({ mailFrom: '' }),
      makeOptions(),
    );

    // Assert
    expect(result).toEqual({ outcome: 'dropped', reason: 'bounce', detail: 'null sender (MAIL FROM:<>)' });
  });

  const notOk = readdirSync(join(FIXTURES, 'not-ok')).filter((file) => file.endsWith('.eml'));

  it.each(notOk)('should drop not-ok/%s with the reason its name starts with', async (file) => {
    // Arrange
    const expectedReason = file.split('.')[0];

    // Act
    const result = await parseEmailReply(
      readFixture('not-ok', file),
      makeEnvelope({ recipients: [] }),
      makeOptions(),
    );

    // Assert
    expect(result).toMatchObject({ outcome: 'dropped', reason: expectedReason });
    expect(result.outcome === 'dropped' && result.detail.length > 0).toBe(true);
  });
});

describe(replyTokenFromAddress.name, () => {
  const replyAddress = { localPart: 'reply', domain: 'blog.example' };

  it.each([
    [`reply+${TOKEN}@blog.example`, TOKEN],
    [`Reply+${TOKEN}@BLOG.Example.`, TOKEN],
    [`"Blog replies" <reply+${TOKEN}@blog.example>`, TOKEN],
    [`<reply+${TOKEN}@blog.example>`, TOKEN],
    ['reply+0123456789abcdef0123456789abcdef@blog.example', '0123456789abcdef0123456789abcdef'],
  ])('should extract the token when the address is %s', (address, token) => {
    // Act & Assert
    expect(replyTokenFromAddress(address, replyAddress)).toBe(token);
  });

  it.each([
    [`reply+${TOKEN}@other.example`, 'another domain'],
    [`reply+${TOKEN}@blog.example.evil`, 'a longer domain'],
    ['reply@blog.example', 'no token'],
    ['reply+short@blog.example', 'a token under 128 bits'],
    [`reply+${TOKEN}.x@blog.example`, 'characters outside base64url'],
    [`other+${TOKEN}@blog.example`, 'another local part'],
    [`replyx+${TOKEN}@blog.example`, 'a longer local part'],
    ['not an address', 'no @'],
  ])('should return null when the address %s has %s', (address) => {
    // Act & Assert
    expect(replyTokenFromAddress(address, replyAddress)).toBeNull();
  });

  it('should use the configured local-part base when an IMAP mailbox uses plus-addressing', () => {
    // Act
    const token = replyTokenFromAddress(`owner+${TOKEN}@their-domain.example`, {
      localPart: 'owner',
      domain: 'their-domain.example',
    });

    // Assert
    expect(token).toBe(TOKEN);
  });
});

describe('emailSource', () => {
  it('should describe the email source and the settings it reads', () => {
    // Assert
    expect(emailSource.id).toBe('email');
    expect(emailSource.settings.map((setting) => setting.env)).toEqual([
      'CHORUS_SMTP_PORT',
      'CHORUS_REPLY_DOMAIN',
    ]);
  });
});
