import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { duration, durationRange, rateLimit, size } from './parsers';

const load = (env: Record<string, string>, argv: string[] = []) => loadConfig({ env, argv, cwd: '/tmp/chorus-config-spec' });

describe('config parsers', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['12h', 43_200_000],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
    ['0', 0],
  ])('should read the duration %s as %d ms', (raw, ms) => {
    expect(duration(raw)).toBe(ms);
  });

  it.each(['', 'soon', '10', '-5s', '5 minutes'])('should refuse the duration %j', (raw) => {
    expect(() => duration(raw)).toThrow('a duration such as 500ms, 30s, 5m, 12h or 7d');
  });

  it('should read sizes as people write them', () => {
    expect(size('512KB')).toBe(524_288);
    expect(size('1MB')).toBe(1_048_576);
    expect(size('2048')).toBe(2048);
    expect(() => size('big')).toThrow('a size such as 512KB or 1MB');
  });

  it('should read a delay range, a single delay and none', () => {
    expect(durationRange('5s-60s')).toEqual({ min: 5000, max: 60_000 });
    expect(durationRange('10s')).toEqual({ min: 10_000, max: 10_000 });
    expect(durationRange('0')).toEqual({ min: 0, max: 0 });
    expect(() => durationRange('60s-5s')).toThrow();
  });

  it('should read rates per unit', () => {
    expect(rateLimit('60/min')).toEqual({ count: 60, windowMs: 60_000 });
    expect(rateLimit('10/s')).toEqual({ count: 10, windowMs: 1000 });
    expect(rateLimit('1000/hour')).toEqual({ count: 1000, windowMs: 3_600_000 });
    expect(rateLimit('5/10m')).toEqual({ count: 5, windowMs: 600_000 });
    expect(() => rateLimit('lots')).toThrow('a rate such as 60/min');
  });
});

describe(loadConfig.name, () => {
  it('should give the documented defaults with no configuration at all', () => {
    const config = load({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: null,
      dataDir: '/tmp/chorus-config-spec/data',
      database: { type: 'sqlite', path: '/tmp/chorus-config-spec/data/chorus.sqlite' },
      targetDomains: [],
      mastodon: null,
      smtp: { port: 2525, maxSize: 1_048_576 },
      verifyDelayMs: { min: 5000, max: 60_000 },
      fetch: { timeoutMs: 10_000, maxBytes: 1_048_576, maxRedirects: 10, allowPrivateAddresses: false },
      rateLimit: { count: 60, windowMs: 60_000 },
      logLevel: 'info',
    });
  });

  it('should let flags beat the environment', () => {
    expect(load({ CHORUS_PORT: '9000' }, ['--port', '9100']).port).toBe(9100);
    expect(load({ CHORUS_PORT: '9000' }, ['--port=9200']).port).toBe(9200);
  });

  it('should read target domains without ports or schemes', () => {
    expect(load({ CHORUS_TARGET_DOMAINS: 'Blog.example:8443, https://www.blog.example/' }).targetDomains).toEqual(['blog.example', 'www.blog.example']);
  });

  it('should read PostgreSQL URLs and keep secrets out of error messages', () => {
    expect(load({ CHORUS_DATABASE_URL: 'postgres://u:p@db:5432/chorus' }).database).toEqual({ type: 'postgres', url: 'postgres://u:p@db:5432/chorus' });
    expect(() => load({ CHORUS_DATABASE_URL: 'mysql://u:secret@db/chorus' })).toThrow('CHORUS_DATABASE_URL=(hidden) is invalid');
  });

  it('should collect every problem, one line each', () => {
    try {
      load({ CHORUS_PORT: 'eighty', CHORUS_LOG_LEVEL: 'loud', CHORUS_TITLE_PATTERN: '(.*) - Blog' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'CHORUS_PORT="eighty" is invalid: expected a port number from 0 to 65535.',
        'CHORUS_TITLE_PATTERN="(.*) - Blog" is invalid: expected a regular expression with a named group (?<title>…).',
        'CHORUS_LOG_LEVEL="loud" is invalid: expected fatal, error, warn, info, debug or trace.',
      ]);
    }
  });

  it('should need both the Mastodon URL and token', () => {
    expect(() => load({ CHORUS_MASTODON_URL: 'https://social.example' })).toThrow('CHORUS_MASTODON_TOKEN is missing');
    expect(load({ CHORUS_MASTODON_URL: 'https://social.example/', CHORUS_MASTODON_TOKEN: 't' }).mastodon).toMatchObject({ url: 'https://social.example', visibility: 'public', pollIntervalMs: 300_000 });
  });

  it('should warn about unknown CHORUS_ variables with the closest known name', () => {
    expect(load({ CHORUS_FETCH_TIMEOT: '5s', HOME: '/root' }).warnings).toEqual(['Unknown environment variable CHORUS_FETCH_TIMEOT is ignored; did you mean CHORUS_FETCH_TIMEOUT?']);
  });
});
