import bytes from 'bytes';
import { isIP } from 'node:net';

/** A value parser returns the parsed value, or throws `InvalidValue` saying what is accepted. */
export class InvalidValue extends Error {}

export type Parser<T> = (raw: string) => T;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `500ms`, `30s`, `5m`, `12h`, `7d` (a bare `0` is zero) → milliseconds. */
export const duration: Parser<number> = (raw) => {
  const text = raw.trim();
  if (text === '0') return 0;
  const match = DURATION.exec(text);
  if (!match) throw new InvalidValue('a duration such as 500ms, 30s, 5m, 12h or 7d');
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!);
};

/** `5s-60s` (a random delay in that range), a single duration, or `0`. */
export const durationRange: Parser<{ min: number; max: number }> = (raw) => {
  const parts = raw.split('-').map((part) => part.trim());
  try {
    const [min, max] = parts.length === 2 ? [duration(parts[0]!), duration(parts[1]!)] : [duration(raw), duration(raw)];
    if (parts.length > 2 || min > max) throw new InvalidValue('');
    return { min, max };
  } catch {
    throw new InvalidValue('a duration or a range such as 5s-60s (or 0 for none)');
  }
};

/** `512KB`, `1MB`, `1048576` → bytes. */
export const size: Parser<number> = (raw) => {
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : /^\d+(\.\d+)?\s*(b|kb|mb|gb)$/i.test(text) ? bytes.parse(text) : null;
  if (value === null || !Number.isFinite(value) || value <= 0) throw new InvalidValue('a size such as 512KB or 1MB');
  return value;
};

export const port: Parser<number> = (raw) => {
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value > 65535) throw new InvalidValue('a port number from 0 to 65535');
  return value;
};

export const positiveInteger: Parser<number> = (raw) => {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new InvalidValue('a whole number of at least 1');
  return Number(raw.trim());
};

export const boolean: Parser<boolean> = (raw) => {
  const text = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  throw new InvalidValue('true or false');
};

export const httpUrl: Parser<string> = (raw) => {
  try {
    const url = new URL(raw.trim());
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href.replace(/\/$/, '');
  } catch {
    /* reported below */
  }
  throw new InvalidValue('an absolute http:// or https:// URL');
};

export const databaseUrl: Parser<string> = (raw) => {
  const text = raw.trim();
  if (/^sqlite:.+/.test(text) || /^postgres(ql)?:\/\/.+/.test(text)) return text;
  throw new InvalidValue('sqlite:<path> or postgres://user:pass@host:5432/db');
};

export const hostList: Parser<string[]> = (raw) => {
  const hosts = raw
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean)
    .map((item) => {
      const host = item.includes('://') ? safeHost(item) : item.replace(/:\d+$/, '');
      if (!host || !/^[a-z0-9.-]+$/.test(host)) throw new InvalidValue('comma-separated host names such as blog.example,www.blog.example');
      return host;
    });
  return hosts;
};

export const regex: Parser<RegExp> = (raw) => {
  try {
    return new RegExp(raw);
  } catch (error) {
    throw new InvalidValue(`a valid regular expression (${(error as Error).message})`);
  }
};

export const titlePattern: Parser<RegExp> = (raw) => {
  const pattern = regex(raw);
  if (!raw.includes('(?<title>')) throw new InvalidValue('a regular expression with a named group (?<title>…)');
  return pattern;
};

export const rateLimit: Parser<{ count: number; windowMs: number }> = (raw) => {
  const match = /^(\d+)\s*\/\s*(\d*\s*[a-z]+)$/i.exec(raw.trim());
  const per: Record<string, number> = { s: 1000, sec: 1000, second: 1000, min: 60_000, minute: 60_000, m: 60_000, h: 3_600_000, hour: 3_600_000, d: 86_400_000, day: 86_400_000 };
  if (match) {
    const unit = match[2]!.replace(/\s+/g, '');
    const windowMs = per[unit.toLowerCase()] ?? tryDuration(unit);
    if (windowMs && Number(match[1]) > 0) return { count: Number(match[1]), windowMs };
  }
  throw new InvalidValue('a rate such as 60/min, 10/s or 1000/hour');
};

export const logLevel: Parser<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'> = (raw) => {
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
  const level = levels.find((candidate) => candidate === raw.trim().toLowerCase());
  if (!level) throw new InvalidValue(`${levels.slice(0, -1).join(', ')} or ${levels.at(-1)}`);
  return level;
};

export function oneOf<T extends string>(...values: T[]): Parser<T> {
  return (raw) => {
    const value = values.find((candidate) => candidate === raw.trim().toLowerCase());
    if (!value) throw new InvalidValue(values.join(' or '));
    return value;
  };
}

export const text: Parser<string> = (raw) => raw;

/** A contact for push services (the VAPID subject): an email address or an https URL. */
export const pushContact: Parser<string> = (raw) => {
  const value = raw.trim().replace(/^mailto:/i, '');
  if (/^[^\s@]+@[^\s@]+$/.test(value)) return `mailto:${value}`;
  if (/^https:\/\/[^\s/]+/i.test(value)) return value;
  throw new InvalidValue('an email address (owner@example.org) or an https:// URL');
};

export const nonEmpty: Parser<string> = (raw) => {
  if (!raw.trim()) throw new InvalidValue('a non-empty value');
  return raw.trim();
};

function tryDuration(unit: string): number | null {
  try {
    return duration(unit);
  } catch {
    return null;
  }
}

function safeHost(value: string): string | null {
  try {
    return new URL(value).hostname;
  } catch {
    return null;
  }
}

/** Comma-separated IP addresses, e.g. `127.0.0.1,::1`. */
export const ipList: Parser<string[]> = (raw) => {
  const addresses = raw.split(',').map((item) => item.trim()).filter(Boolean);
  if (!addresses.length || addresses.some((address) => isIP(address) === 0)) throw new InvalidValue('comma-separated IP addresses such as 127.0.0.1,::1');
  return addresses;
};

/** Comma-separated DNS servers, each `ip` or `ip:port` (`[v6]:port`). */
export const dnsServers: Parser<string[]> = (raw) => {
  const servers = raw.split(',').map((item) => item.trim()).filter(Boolean);
  const valid = (server: string) => isIP(server) !== 0 || isIP(/^(.+):\d{1,5}$/.exec(server)?.[1] ?? '') === 4 || isIP(/^\[(.+)\]:\d{1,5}$/.exec(server)?.[1] ?? '') === 6;
  if (!servers.length || !servers.every(valid)) throw new InvalidValue('comma-separated DNS server addresses such as 127.0.0.53 or 10.0.0.2:5353');
  return servers;
};

/** `owner@their-domain.example` → its local part and domain. */
export const emailAddress: Parser<{ localPart: string; domain: string }> = (raw) => {
  const match = /^([^\s@+]+)@([a-z0-9.-]+\.[a-z0-9-]+)$/i.exec(raw.trim());
  if (!match) throw new InvalidValue('an email address such as owner@example.org (without a +tag)');
  return { localPart: match[1]!, domain: match[2]!.toLowerCase() };
};

export interface ImapUrl {
  secure: boolean;
  host: string;
  port: number;
  user: string;
  pass: string;
  /** The folder polled for replies. */
  folder: string;
  /** Where handled mail is moved; `/` separates levels whatever the server's delimiter. */
  processedFolder: string;
  /** Only the mailbox provider's `Authentication-Results` with this authserv-id count. */
  authservId: string | null;
}

/** `imaps://user:pass@host:993/INBOX?processed=Chorus%2FProcessed&authserv-id=mx.example` (or `imap://`, STARTTLS when offered). */
export const imapUrl: Parser<ImapUrl> = (raw) => {
  const expected = 'imaps://user:password@host[:port]/FOLDER[?processed=FOLDER&authserv-id=ID] (or imap://…)';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidValue(expected);
  }
  if ((url.protocol !== 'imap:' && url.protocol !== 'imaps:') || !url.hostname || !url.username || !url.password) throw new InvalidValue(expected);
  const secure = url.protocol === 'imaps:';
  const folder = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')) || 'INBOX';
  return {
    secure,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    user: decodeURIComponent(url.username),
    pass: decodeURIComponent(url.password),
    folder,
    processedFolder: url.searchParams.get('processed') || 'Chorus/Processed',
    authservId: url.searchParams.get('authserv-id') || null,
  };
};
