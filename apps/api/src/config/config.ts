import { closest } from 'fastest-levenshtein';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { emailAddress, InvalidValue, type ImapUrl } from './parsers';
import { flagName, SETTING_NAMES, SETTINGS, type ParsedSettings, type SettingName } from './settings';

/** The typed configuration every other module receives (nothing else reads `process.env`). */
export interface ChorusConfig {
  port: number;
  host: string;
  trustedProxies: string[];
  /** Set when CHORUS_PUBLIC_URL was given; otherwise derived from the bound port at listen time. */
  publicUrl: string | null;
  dataDir: string;
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };
  targetDomains: string[];
  postPattern: RegExp | null;
  adminPassword: string | null;
  apiToken: string | null;
  mastodon: { url: string; token: string; visibility: 'public' | 'unlisted'; tootSuffix: string | null; titlePattern: RegExp | null; pollIntervalMs: number } | null;
  smtp: {
    port: number;
    host: string;
    maxSize: number;
    tls: { certPath: string; keyPath: string } | null;
    trustedRelay: { addresses: string[]; authservId?: string } | null;
    rateLimit: { count: number; windowMs: number };
    maxConnectionsPerClient: number;
    idleTimeoutMs: number;
  };
  /** DNS servers for mail authentication; null = the system resolver. */
  dnsServers: string[] | null;
  imap: (ImapUrl & { address: { localPart: string; domain: string }; pollIntervalMs: number }) | null;
  replyDomain: string | null;
  /** The VAPID subject (`mailto:` or https URL) push services may use to reach the owner; null = derived from the public URL. */
  pushContact: string | null;
  verifyDelayMs: { min: number; max: number };
  fetch: { timeoutMs: number; maxBytes: number; maxRedirects: number; allowPrivateAddresses: boolean };
  rateLimit: { count: number; windowMs: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  jobLeaseMs: number;
  shutdownGraceMs: number;
  cacheBytes: number;
  /** Settings-level notes for the log: unknown variables and the like. */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export interface ConfigSources {
  env: Record<string, string | undefined>;
  argv: string[];
  cwd: string;
}

/** Reads flags > env > file, validates every value, and fails with one line per problem. */
export function loadConfig(sources: ConfigSources): ChorusConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const flags = readFlags(sources.argv, problems);
  const file = readFile(sources, flags, problems);
  const raw: Partial<Record<SettingName, { value: string; origin: string }>> = {};
  for (const [origin, values] of [['file', file], ['environment', sources.env], ['flag', flags]] as const) {
    for (const name of SETTING_NAMES) {
      const value = values[name];
      if (value !== undefined && value !== '') raw[name] = { value, origin };
    }
  }
  warnings.push(...unknownVariables(sources.env, 'environment variable'), ...unknownVariables(file, `setting in the config file`));

  const parsed = {} as Record<SettingName, unknown>;
  for (const name of SETTING_NAMES) {
    const spec = SETTINGS[name];
    const given = raw[name];
    const value = given?.value ?? ('default' in spec ? spec.default : undefined);
    if (value === undefined) continue;
    try {
      parsed[name] = spec.parse(value);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      const shown = 'secret' in spec && spec.secret ? '(hidden)' : JSON.stringify(value);
      problems.push(`${name}=${shown} is invalid: expected ${error.message}.`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return toConfig(parsed as ParsedSettings, sources.cwd, warnings);
}

function toConfig(s: ParsedSettings, cwd: string, warnings: string[]): ChorusConfig {
  const dataDir = isAbsolute(s.CHORUS_DATA_DIR) ? s.CHORUS_DATA_DIR : resolve(cwd, s.CHORUS_DATA_DIR);
  const databaseUrl = s.CHORUS_DATABASE_URL ?? `sqlite:${join(dataDir, 'chorus.sqlite')}`;
  const database = databaseUrl.startsWith('sqlite:')
    ? { type: 'sqlite' as const, path: resolve(cwd, databaseUrl.slice('sqlite:'.length)) }
    : { type: 'postgres' as const, url: databaseUrl };
  const mastodonProblems = [s.CHORUS_MASTODON_URL, s.CHORUS_MASTODON_TOKEN].filter((v) => v === undefined).length;
  if (mastodonProblems === 1) {
    const missing = s.CHORUS_MASTODON_URL === undefined ? 'CHORUS_MASTODON_URL' : 'CHORUS_MASTODON_TOKEN';
    throw new ConfigError([`${missing} is missing: the Mastodon source needs both CHORUS_MASTODON_URL and CHORUS_MASTODON_TOKEN.`]);
  }
  if (Boolean(s.CHORUS_SMTP_TLS_CERT) !== Boolean(s.CHORUS_SMTP_TLS_KEY)) {
    const missing = s.CHORUS_SMTP_TLS_CERT ? 'CHORUS_SMTP_TLS_KEY' : 'CHORUS_SMTP_TLS_CERT';
    throw new ConfigError([`${missing} is missing: SMTP STARTTLS needs both CHORUS_SMTP_TLS_CERT and CHORUS_SMTP_TLS_KEY.`]);
  }
  return {
    port: s.CHORUS_PORT,
    host: s.CHORUS_HOST,
    trustedProxies: s.CHORUS_TRUSTED_PROXIES,
    publicUrl: s.CHORUS_PUBLIC_URL ?? null,
    dataDir,
    database,
    targetDomains: s.CHORUS_TARGET_DOMAINS,
    postPattern: s.CHORUS_POST_PATTERN ?? null,
    adminPassword: s.CHORUS_ADMIN_PASSWORD ?? null,
    apiToken: s.CHORUS_API_TOKEN ?? null,
    mastodon:
      s.CHORUS_MASTODON_URL && s.CHORUS_MASTODON_TOKEN
        ? {
            url: s.CHORUS_MASTODON_URL,
            token: s.CHORUS_MASTODON_TOKEN,
            visibility: s.CHORUS_TOOT_VISIBILITY,
            tootSuffix: s.CHORUS_TOOT_SUFFIX ?? null,
            titlePattern: s.CHORUS_TITLE_PATTERN ?? null,
            pollIntervalMs: s.CHORUS_POLL_INTERVAL,
          }
        : null,
    smtp: {
      port: s.CHORUS_SMTP_PORT,
      host: s.CHORUS_SMTP_HOST ?? s.CHORUS_HOST,
      maxSize: s.CHORUS_SMTP_MAX_SIZE,
      tls: s.CHORUS_SMTP_TLS_CERT && s.CHORUS_SMTP_TLS_KEY ? { certPath: resolve(cwd, s.CHORUS_SMTP_TLS_CERT), keyPath: resolve(cwd, s.CHORUS_SMTP_TLS_KEY) } : null,
      trustedRelay: s.CHORUS_SMTP_TRUSTED_RELAYS
        ? { addresses: s.CHORUS_SMTP_TRUSTED_RELAYS, ...(s.CHORUS_SMTP_TRUSTED_AUTHSERV_ID ? { authservId: s.CHORUS_SMTP_TRUSTED_AUTHSERV_ID } : {}) }
        : null,
      rateLimit: s.CHORUS_SMTP_RATE_LIMIT,
      maxConnectionsPerClient: s.CHORUS_SMTP_MAX_CONNECTIONS,
      idleTimeoutMs: s.CHORUS_SMTP_IDLE_TIMEOUT,
    },
    dnsServers: s.CHORUS_DNS_SERVERS ?? null,
    imap: s.CHORUS_IMAP_URL ? { ...s.CHORUS_IMAP_URL, address: imapAddress(s), pollIntervalMs: s.CHORUS_IMAP_POLL_INTERVAL } : null,
    replyDomain: s.CHORUS_REPLY_DOMAIN ?? null,
    pushContact: s.CHORUS_PUSH_CONTACT ?? null,
    verifyDelayMs: s.CHORUS_VERIFY_DELAY,
    fetch: {
      timeoutMs: s.CHORUS_FETCH_TIMEOUT,
      maxBytes: s.CHORUS_FETCH_MAX_BYTES,
      maxRedirects: s.CHORUS_FETCH_MAX_REDIRECTS,
      allowPrivateAddresses: s.CHORUS_ALLOW_PRIVATE_ADDRESSES,
    },
    rateLimit: s.CHORUS_RATE_LIMIT,
    logLevel: s.CHORUS_LOG_LEVEL,
    jobLeaseMs: s.CHORUS_JOB_LEASE,
    shutdownGraceMs: s.CHORUS_SHUTDOWN_GRACE,
    cacheBytes: s.CHORUS_CACHE_SIZE,
    warnings,
  };
}

/** CHORUS_IMAP_ADDRESS, or the IMAP user name when it is an address. */
function imapAddress(s: ParsedSettings): { localPart: string; domain: string } {
  if (s.CHORUS_IMAP_ADDRESS) return s.CHORUS_IMAP_ADDRESS;
  try {
    return emailAddress(s.CHORUS_IMAP_URL?.user ?? '');
  } catch {
    throw new ConfigError(['CHORUS_IMAP_ADDRESS is missing: set it to the address of the IMAP mailbox (e.g. owner@example.org); reply addresses are its +tags.']);
  }
}

const FLAG_TO_NAME = new Map(SETTING_NAMES.map((name) => [flagName(name), name]));

function readFlags(argv: string[], problems: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      problems.push(`Unexpected argument ${JSON.stringify(arg)}: settings are given as --name value or --name=value.`);
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--config') {
      values.CHORUS_CONFIG = inline ?? argv[++i] ?? '';
      continue;
    }
    const name = FLAG_TO_NAME.get(flag);
    if (!name) {
      problems.push(`Unknown flag ${flag}${suggest(flag, [...FLAG_TO_NAME.keys(), '--config'])}`);
      continue;
    }
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      problems.push(`${flag} needs a value.`);
      continue;
    }
    if (inline === undefined) i++;
    values[name] = value;
  }
  return values;
}

/** `chorus.config.json` or `.env` in the working directory, or the file named by --config / CHORUS_CONFIG. */
function readFile(sources: ConfigSources, flags: Record<string, string>, problems: string[]): Record<string, string> {
  const named = flags.CHORUS_CONFIG ?? sources.env.CHORUS_CONFIG;
  const candidates = named ? [resolve(sources.cwd, named)] : [join(sources.cwd, 'chorus.config.json'), join(sources.cwd, '.env')];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) {
    if (named) problems.push(`CHORUS_CONFIG=${JSON.stringify(named)} is invalid: no such file.`);
    return {};
  }
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.json') ? parseJsonConfig(text, path, problems) : parseDotEnv(text);
}

function parseJsonConfig(text: string, path: string, problems: string[]): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push(`${path} is not valid JSON: ${(error as Error).message}.`);
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push(`${path} must hold one JSON object of settings, e.g. {"CHORUS_PORT": 8080}.`);
    return {};
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    const name = key.startsWith('CHORUS_') ? key : `CHORUS_${key.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase()}`;
    values[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return values;
}

function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) values[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

function unknownVariables(values: Record<string, string | undefined>, what: string): string[] {
  return Object.keys(values)
    .filter((name) => name.startsWith('CHORUS_') && name !== 'CHORUS_CONFIG' && !(SETTINGS as Record<string, unknown>)[name])
    .map((name) => `Unknown ${what} ${name} is ignored${suggest(name, SETTING_NAMES)}`);
}

function suggest(name: string, known: readonly string[]): string {
  return `; did you mean ${closest(name, [...known])}?`;
}

/** The one place that reads the process environment. */
export function loadConfigFromProcess(): ChorusConfig {
  return loadConfig({ env: process.env, argv: process.argv.slice(2), cwd: process.cwd() });
}
