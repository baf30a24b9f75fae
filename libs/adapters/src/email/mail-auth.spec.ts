import { describe, expect, it } from 'vitest';
import { checkMailAuth, parseAuthenticationResults } from './mail-auth';
import {
  REPLY_ADDRESS,
  fixtureResolver,
  footballDns,
  makeEnvelope,
  readFixture,
} from './fixtures/email-fixtures';

describe(parseAuthenticationResults.name, () => {
  it('should read every method, ignoring comments, versions, properties and folding', () => {
    // Arrange
    const header =
      ' mx.example.net 1; (the relay) spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org;\r\n' +
      '\tdkim=fail (bad signature) header.d=example.org header.b="ab;cd";\r\n dkim=pass header.d=example.org;\r\n' +
      ' dmarc/1=fail (p=REJECT sp=REJECT) header.from=example.org; arc=none';

    // Act
    const parsed = parseAuthenticationResults(header);

    // Assert
    expect(parsed).toEqual({
      authservId: 'mx.example.net',
      results: { spf: ['pass'], dkim: ['fail', 'pass'], dmarc: ['fail'], arc: ['none'] },
    });
  });

  it('should report no results when the relay says none', () => {
    // Act
    const parsed = parseAuthenticationResults('MX.Example.NET; none');

    // Assert
    expect(parsed).toEqual({ authservId: 'mx.example.net', results: {} });
  });

  it('should map unknown verdicts to none and aliases to their RFC names', () => {
    // Act
    const parsed = parseAuthenticationResults('mx.example.net; spf=bogus; dkim=temperr; dmarc=hardfail');

    // Assert
    expect(parsed?.results).toEqual({ spf: ['none'], dkim: ['temperror'], dmarc: ['fail'] });
  });

  it('should return null when the header has no authserv-id', () => {
    // Act & Assert
    expect(parseAuthenticationResults('  ')).toBeNull();
  });
});

describe(checkMailAuth.name, () => {
  const relay = { addresses: ['10.0.0.5'], authservId: 'relay.blog.example' };
  const raw = Buffer.from('From: a@example.org\r\n\r\nHi\r\n');

  it('should use the topmost header of the named relay when another authserv-id is above it', async () => {
    // Arrange
    const headers = [
      'other.example; spf=fail; dkim=fail; dmarc=fail',
      'relay.blog.example; spf=softfail; dkim=pass; dmarc=pass; arc=pass',
      'relay.blog.example; spf=pass',
    ];

    // Act
    const summary = await checkMailAuth(raw, makeEnvelope({ remoteAddress: '10.0.0.5' }), headers, {
      replyAddress: REPLY_ADDRESS,
      trustedRelay: relay,
    });

    // Assert
    expect(summary).toEqual({
      spf: 'softfail',
      dkim: 'pass',
      dmarc: 'pass',
      arc: 'pass',
      source: 'trusted-relay',
      details: { authservId: 'relay.blog.example' },
    });
  });

  it('should report none with a reason when the trusted relay added no Authentication-Results', async () => {
    // Act
    const summary = await checkMailAuth(raw, makeEnvelope({ remoteAddress: '10.0.0.5' }), [], {
      replyAddress: REPLY_ADDRESS,
      trustedRelay: relay,
    });

    // Assert
    expect(summary).toEqual({
      spf: 'none',
      dkim: 'none',
      dmarc: 'none',
      arc: 'none',
      source: 'trusted-relay',
      details: { error: 'no Authentication-Results header from relay.blog.example' },
    });
  });

  it('should verify both RFC 8463 DKIM signatures offline when DNS answers from the fixture', async () => {
    // Arrange
    const signed = readFixture('mailauth-dkim', 'signed.eml');
    const envelope = makeEnvelope({ remoteAddress: '213.165.64.12', mailFrom: 'joe@football.example.com' });

    // Act
    const summary = await checkMailAuth(signed, envelope, [], {
      replyAddress: REPLY_ADDRESS,
      resolver: fixtureResolver(footballDns()),
    });

    // Assert
    expect(summary).toMatchObject({
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'none',
      arc: 'none',
      source: 'mailauth',
    });
    expect(summary.details?.['dkimDomains']).toEqual(['football.example.com', 'football.example.com']);
  });

  it('should report none for every check when DNS knows no record (ENOTFOUND)', async () => {
    // Act
    const summary = await checkMailAuth(raw, makeEnvelope(), [], {
      replyAddress: REPLY_ADDRESS,
      resolver: fixtureResolver({}),
    });

    // Assert
    expect(summary).toMatchObject({
      spf: 'none',
      dkim: 'none',
      dmarc: 'none',
      arc: 'none',
      source: 'mailauth',
    });
  });

  it('should report temperror for SPF when DNS times out', async () => {
    // Arrange
    const timingOut = (): Promise<unknown> =>
      Promise.reject(Object.assign(new Error('queryTxt ETIMEOUT'), { code: 'ETIMEOUT' }));

    // Act
    const summary = await checkMailAuth(raw, makeEnvelope(), [], {
      replyAddress: REPLY_ADDRESS,
      resolver: timingOut,
    });

    // Assert
    expect(summary.spf).toBe('temperror');
  });
});
