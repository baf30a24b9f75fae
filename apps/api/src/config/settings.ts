import * as parse from './parsers';

interface Setting<T, D extends string | undefined> {
  parse: parse.Parser<T>;
  /** Raw default, parsed like any other value; `undefined` means "not set". */
  default: D;
  secret?: boolean;
  description: string;
}

function setting<T, D extends string | undefined = undefined>(spec: Omit<Setting<T, D>, 'default'> & { default?: D }): Setting<T, D> {
  return { ...spec, default: spec.default as D };
}

/**
 * Every setting Chorus reads, by environment variable (API.md "Configuration"). The same names
 * work in `chorus.config.json` / `.env`, and as `--kebab-case` flags without the prefix.
 */
export const SETTINGS = {
  CHORUS_PORT: setting({ parse: parse.port, default: '8080', description: 'HTTP port (0 = pick a free one)' }),
  CHORUS_HOST: setting({ parse: parse.nonEmpty, default: '127.0.0.1', description: 'bind address' }),
  CHORUS_TRUSTED_PROXIES: setting({ parse: parse.ipList, default: '127.0.0.1,::1', description: 'reverse proxies whose X-Forwarded-For is believed (client addresses for rate limits)' }),
  CHORUS_PUBLIC_URL: setting({ parse: parse.httpUrl, description: 'public base URL of the hub' }),
  CHORUS_DATA_DIR: setting({ parse: parse.nonEmpty, default: './data', description: 'SQLite file, VAPID keys, secrets' }),
  CHORUS_DATABASE_URL: setting({ parse: parse.databaseUrl, secret: true, description: 'sqlite:<path> or postgres://…' }),
  CHORUS_TARGET_DOMAINS: setting({ parse: parse.hostList, default: '', description: 'hosts whose pages may receive interactions' }),
  CHORUS_POST_PATTERN: setting({ parse: parse.regex, description: 'regular expression a post URL must match' }),
  CHORUS_ADMIN_PASSWORD: setting({ parse: parse.nonEmpty, secret: true, description: 'password for the web app' }),
  CHORUS_API_TOKEN: setting({ parse: parse.nonEmpty, secret: true, description: 'bearer token for the admin API' }),
  CHORUS_MASTODON_URL: setting({ parse: parse.httpUrl, description: "the owner's Mastodon instance" }),
  CHORUS_MASTODON_TOKEN: setting({ parse: parse.nonEmpty, secret: true, description: 'Mastodon access token' }),
  CHORUS_TOOT_VISIBILITY: setting({ parse: parse.oneOf('public', 'unlisted'), default: 'public', description: 'visibility of published toots' }),
  CHORUS_TOOT_SUFFIX: setting({ parse: parse.text, description: 'line appended to every toot' }),
  CHORUS_TITLE_PATTERN: setting({ parse: parse.titlePattern, description: 'regex with a named group title' }),
  CHORUS_POLL_INTERVAL: setting({ parse: parse.duration, default: '5m', description: 'base Mastodon poll interval' }),
  CHORUS_SMTP_PORT: setting({ parse: parse.port, default: '2525', description: 'inbound SMTP port (0 disables)' }),
  CHORUS_SMTP_HOST: setting({ parse: parse.nonEmpty, description: 'SMTP bind address (defaults to CHORUS_HOST)' }),
  CHORUS_SMTP_MAX_SIZE: setting({ parse: parse.size, default: '1MB', description: 'largest accepted email' }),
  CHORUS_REPLY_DOMAIN: setting({ parse: parse.nonEmpty, description: 'domain of per-post reply addresses' }),
  CHORUS_SMTP_TLS_CERT: setting({ parse: parse.nonEmpty, description: 'PEM certificate file for SMTP STARTTLS' }),
  CHORUS_SMTP_TLS_KEY: setting({ parse: parse.nonEmpty, description: 'PEM private key file for SMTP STARTTLS' }),
  CHORUS_SMTP_TRUSTED_RELAYS: setting({ parse: parse.ipList, description: "relays whose Authentication-Results are trusted" }),
  CHORUS_SMTP_TRUSTED_AUTHSERV_ID: setting({ parse: parse.nonEmpty, description: "the trusted relay's authserv-id" }),
  CHORUS_SMTP_RATE_LIMIT: setting({ parse: parse.rateLimit, default: '30/min', description: 'messages per SMTP client address' }),
  CHORUS_SMTP_MAX_CONNECTIONS: setting({ parse: parse.positiveInteger, default: '5', description: 'open SMTP connections per client address' }),
  CHORUS_SMTP_IDLE_TIMEOUT: setting({ parse: parse.duration, default: '60s', description: 'idle SMTP clients are disconnected after this' }),
  CHORUS_DNS_SERVERS: setting({ parse: parse.dnsServers, description: 'DNS servers for SPF/DKIM/DMARC (default: the system resolver)' }),
  CHORUS_IMAP_URL: setting({ parse: parse.imapUrl, secret: true, description: 'IMAP mailbox polled for email replies' }),
  CHORUS_IMAP_ADDRESS: setting({ parse: parse.emailAddress, description: 'address of that mailbox (reply addresses are its +tags)' }),
  CHORUS_IMAP_POLL_INTERVAL: setting({ parse: parse.duration, default: '2m', description: 'IMAP poll interval besides IDLE' }),
  CHORUS_PUSH_CONTACT: setting({ parse: parse.pushContact, description: 'contact for Web Push services: an email address or https URL' }),
  CHORUS_VERIFY_DELAY: setting({ parse: parse.durationRange, default: '5s-60s', description: 'random delay before verifying' }),
  CHORUS_FETCH_TIMEOUT: setting({ parse: parse.duration, default: '10s', description: 'whole-request timeout of outbound fetches' }),
  CHORUS_FETCH_MAX_BYTES: setting({ parse: parse.size, default: '1MB', description: 'largest fetched document' }),
  CHORUS_FETCH_MAX_REDIRECTS: setting({ parse: parse.positiveInteger, default: '10', description: 'most redirects followed' }),
  CHORUS_RATE_LIMIT: setting({ parse: parse.rateLimit, default: '60/min', description: 'accepted webmentions per source host and client' }),
  CHORUS_ALLOW_PRIVATE_ADDRESSES: setting({ parse: parse.boolean, default: 'false', description: 'allow fetches to private addresses' }),
  CHORUS_LOG_LEVEL: setting({ parse: parse.logLevel, default: 'info', description: 'fatal, error, warn, info, debug or trace' }),
  CHORUS_JOB_LEASE: setting({ parse: parse.duration, default: '60s', description: 'how long a claimed job is held before another worker may take it' }),
  CHORUS_SHUTDOWN_GRACE: setting({ parse: parse.duration, default: '10s', description: 'how long running jobs may finish on SIGTERM before they are released' }),
  CHORUS_CACHE_SIZE: setting({ parse: parse.size, default: '256MB', description: 'memory for serialized public responses (per-post API, JF2)' }),
} as const;

export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

type Parsed<K extends SettingName> = ReturnType<(typeof SETTINGS)[K]['parse']>;
type HasDefault<K extends SettingName> = (typeof SETTINGS)[K] extends { default: string } ? K : never;

/** Raw parsed settings: a value for every setting with a default, `undefined` for the others. */
export type ParsedSettings = { [K in SettingName]: K extends HasDefault<K> ? Parsed<K> : Parsed<K> | undefined };

/** `CHORUS_FETCH_TIMEOUT` ↔ `--fetch-timeout`. */
export function flagName(name: SettingName): string {
  return `--${name.replace(/^CHORUS_/, '').toLowerCase().replace(/_/g, '-')}`;
}
