/**
 * The parts of Mastodon's entities Chorus uses, parsed defensively from untrusted JSON. Field names
 * follow the wire format (docs.joinmastodon.org/entities) so they read like Mastodon's docs.
 * Identity fields are required; everything else defaults when absent or null, and a value of the
 * wrong type is an error: nothing typed `any` leaves the adapter.
 */

export interface AccountField {
  name: string;
  /** HTML. */
  value: string;
}

export interface Account {
  id: string;
  username: string;
  acct: string;
  /** May contain custom emoji shortcodes (`:blobcat:`), kept as text. */
  display_name: string;
  /** HTML. */
  note: string;
  url: string | null;
  avatar: string | null;
  fields: AccountField[];
}

export interface PreviewCard {
  url: string;
}

export interface Status {
  id: string;
  uri: string | null;
  url: string | null;
  /** ISO 8601. */
  created_at: string | null;
  edited_at: string | null;
  in_reply_to_id: string | null;
  /** `public`, `unlisted`, `private`, `direct` (or an extension's own value). */
  visibility: string;
  /** HTML. */
  content: string;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  account: Account;
  card: PreviewCard | null;
}

export interface Context {
  ancestors: Status[];
  descendants: Status[];
}

/** What `/api/v2/instance` (or `/api/v1/instance`) tells about limits and capabilities. */
export interface InstanceInfo {
  maxCharacters: number;
  urlLength: number;
  version: string;
  /** `GET /api/v1/statuses?id[]=` exists (Mastodon ≥ 4.3). */
  supportsMultiGet: boolean;
}

const DEFAULT_MAX_CHARACTERS = 500;
const DEFAULT_URL_LENGTH = 23;

/** Thrown by the parsers when JSON does not have the expected shape; the client wraps it. */
export class InvalidShapeError extends Error {
  override readonly name = 'InvalidShapeError';
}

export function parseStatus(json: unknown, path = 'status'): Status {
  const o = object(json, path);
  return {
    id: requiredString(o, 'id', path),
    uri: optionalString(o, 'uri', path),
    url: optionalString(o, 'url', path),
    created_at: optionalString(o, 'created_at', path),
    edited_at: optionalString(o, 'edited_at', path),
    in_reply_to_id: optionalString(o, 'in_reply_to_id', path),
    visibility: optionalString(o, 'visibility', path) ?? 'unknown',
    content: optionalString(o, 'content', path) ?? '',
    replies_count: count(o, 'replies_count', path),
    reblogs_count: count(o, 'reblogs_count', path),
    favourites_count: count(o, 'favourites_count', path),
    account: parseAccount(o['account'], `${path}.account`),
    card: parseCard(o['card'], `${path}.card`),
  };
}

export function parseAccount(json: unknown, path = 'account'): Account {
  const o = object(json, path);
  const username = requiredString(o, 'username', path);
  return {
    id: requiredString(o, 'id', path),
    username,
    acct: optionalString(o, 'acct', path) ?? username,
    display_name: optionalString(o, 'display_name', path) ?? '',
    note: optionalString(o, 'note', path) ?? '',
    url: optionalString(o, 'url', path),
    avatar: optionalString(o, 'avatar', path),
    fields: optionalArray(o, 'fields', path).map((field, i) => parseField(field, `${path}.fields[${i}]`)),
  };
}

export function parseContext(json: unknown): Context {
  const o = object(json, 'context');
  return {
    ancestors: optionalArray(o, 'ancestors', 'context').map((s, i) =>
      parseStatus(s, `context.ancestors[${i}]`),
    ),
    descendants: optionalArray(o, 'descendants', 'context').map((s, i) =>
      parseStatus(s, `context.descendants[${i}]`),
    ),
  };
}

export function parseStatuses(json: unknown): Status[] {
  return array(json, 'statuses').map((s, i) => parseStatus(s, `statuses[${i}]`));
}

export function parseAccounts(json: unknown): Account[] {
  return array(json, 'accounts').map((a, i) => parseAccount(a, `accounts[${i}]`));
}

/** Reads both the v2 (`configuration.statuses`) and the v1 (`configuration` or top-level) shapes. */
export function parseInstance(json: unknown): InstanceInfo {
  const o = object(json, 'instance');
  const version = optionalString(o, 'version', 'instance') ?? '';
  const configuration = optionalObject(o, 'configuration', 'instance');
  const statuses = configuration ? optionalObject(configuration, 'statuses', 'instance.configuration') : null;
  const maxCharacters = statuses
    ? optionalNumber(statuses, 'max_characters', 'instance.configuration.statuses')
    : null;
  const urlLength = statuses
    ? optionalNumber(statuses, 'characters_reserved_per_url', 'instance.configuration.statuses')
    : null;
  return {
    maxCharacters: maxCharacters ?? optionalNumber(o, 'max_toot_chars', 'instance') ?? DEFAULT_MAX_CHARACTERS,
    urlLength: urlLength ?? DEFAULT_URL_LENGTH,
    version,
    supportsMultiGet: isAtLeastMastodon43(version),
  };
}

/** Compatible servers report e.g. `2.7.2 (compatible; Pleroma 2.5.0)`: only the leading version counts. */
function isAtLeastMastodon43(version: string): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!match || version.includes('compatible')) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 4 || (major === 4 && minor >= 3);
}

function parseField(json: unknown, path: string): AccountField {
  const o = object(json, path);
  return { name: optionalString(o, 'name', path) ?? '', value: optionalString(o, 'value', path) ?? '' };
}

function parseCard(json: unknown, path: string): PreviewCard | null {
  if (json === undefined || json === null) return null;
  const url = optionalString(object(json, path), 'url', path);
  return url ? { url } : null;
}

type JsonObject = Record<string, unknown>;

function object(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidShapeError(`${path} should be an object`);
  }
  return value as JsonObject;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidShapeError(`${path} should be an array`);
  return value;
}

function requiredString(o: JsonObject, key: string, path: string): string {
  const value = o[key];
  if (typeof value !== 'string' || value === '')
    throw new InvalidShapeError(`${path}.${key} should be a non-empty string`);
  return value;
}

function optionalString(o: JsonObject, key: string, path: string): string | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InvalidShapeError(`${path}.${key} should be a string`);
  return value;
}

function optionalNumber(o: JsonObject, key: string, path: string): number | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new InvalidShapeError(`${path}.${key} should be a number`);
  return value;
}

function count(o: JsonObject, key: string, path: string): number {
  return optionalNumber(o, key, path) ?? 0;
}

function optionalArray(o: JsonObject, key: string, path: string): unknown[] {
  const value = o[key];
  if (value === undefined || value === null) return [];
  return array(value, `${path}.${key}`);
}

function optionalObject(o: JsonObject, key: string, path: string): JsonObject | null {
  const value = o[key];
  if (value === undefined || value === null) return null;
  return object(value, `${path}.${key}`);
}
