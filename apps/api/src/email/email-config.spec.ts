import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config';
import { dnsServers, emailAddress, imapUrl, ipList } from '../config/parsers';

const load = (env: Record<string, string>) => loadConfig({ env, argv: [], cwd: '/tmp/chorus-email-config-spec' });

describe('email settings', () => {
  it('should read an imaps URL with folder, processed folder and authserv-id, decoding the credentials', () => {
    // Act
    const parsed = imapUrl('imaps://owner%40example.org:p%40ss%2Fw@mail.example.org/Replies?processed=Chorus%2FDone&authserv-id=mx.example.org');
    // Assert
    expect(parsed).toEqual({
      secure: true,
      host: 'mail.example.org',
      port: 993,
      user: 'owner@example.org',
      pass: 'p@ss/w',
      folder: 'Replies',
      processedFolder: 'Chorus/Done',
      authservId: 'mx.example.org',
    });
  });

  it('should default to INBOX, port 143 and Chorus/Processed when an imap URL names no more', () => {
    // Act
    const parsed = imapUrl('imap://owner:secret@127.0.0.1');
    // Assert
    expect(parsed).toMatchObject({ secure: false, port: 143, folder: 'INBOX', processedFolder: 'Chorus/Processed', authservId: null });
  });

  it.each(['https://owner:secret@mail.example.org', 'imaps://mail.example.org/INBOX', 'imaps://owner@mail.example.org', 'not a url'])(
    'should refuse %s as an IMAP URL',
    (raw) => {
      // Act & Assert
      expect(() => imapUrl(raw)).toThrow('imaps://user:password@host[:port]/FOLDER');
    },
  );

  it('should split an address into local part and domain and refuse a +tag', () => {
    // Act & Assert
    expect(emailAddress('Owner@Their-Domain.example')).toEqual({ localPart: 'Owner', domain: 'their-domain.example' });
    expect(() => emailAddress('owner+tag@example.org')).toThrow('an email address');
  });

  it('should accept IP lists and DNS servers with ports, and refuse host names', () => {
    // Act & Assert
    expect(ipList('127.0.0.1, ::1')).toEqual(['127.0.0.1', '::1']);
    expect(dnsServers('127.0.0.53,10.0.0.2:5353,[::1]:53')).toEqual(['127.0.0.53', '10.0.0.2:5353', '[::1]:53']);
    expect(() => ipList('relay.example.org')).toThrow('comma-separated IP addresses');
    expect(() => dnsServers('dns.example.org:53')).toThrow('DNS server addresses');
  });

  it('should build the email configuration with its defaults', () => {
    // Act
    const config = load({ CHORUS_SMTP_TRUSTED_RELAYS: '10.0.0.5', CHORUS_SMTP_TRUSTED_AUTHSERV_ID: 'mx.example.org', CHORUS_DNS_SERVERS: '127.0.0.53' });
    // Assert
    expect(config.smtp).toEqual({
      port: 2525,
      host: '127.0.0.1',
      maxSize: 1_048_576,
      tls: null,
      trustedRelay: { addresses: ['10.0.0.5'], authservId: 'mx.example.org' },
      rateLimit: { count: 30, windowMs: 60_000 },
      maxConnectionsPerClient: 5,
      idleTimeoutMs: 60_000,
    });
    expect(config.dnsServers).toEqual(['127.0.0.53']);
    expect(config.imap).toBeNull();
  });

  it('should take the IMAP user as the mailbox address when it is one', () => {
    // Act
    const config = load({ CHORUS_IMAP_URL: 'imaps://owner%40example.org:secret@mail.example.org' });
    // Assert
    expect(config.imap).toMatchObject({ address: { localPart: 'owner', domain: 'example.org' }, pollIntervalMs: 120_000 });
  });

  it.each([
    [{ CHORUS_IMAP_URL: 'imaps://owner:secret@mail.example.org' }, 'CHORUS_IMAP_ADDRESS is missing'],
    [{ CHORUS_SMTP_TLS_CERT: '/etc/chorus/cert.pem' }, 'CHORUS_SMTP_TLS_KEY is missing'],
    [{ CHORUS_SMTP_TLS_KEY: '/etc/chorus/key.pem' }, 'CHORUS_SMTP_TLS_CERT is missing'],
  ])('should stop with one clear line when %j is incomplete', (env, problem) => {
    // Act & Assert
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(problem);
  });
});
