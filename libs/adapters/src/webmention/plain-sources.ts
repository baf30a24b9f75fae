import { isSamePost, RSVP_VALUES, type InteractionKind } from '@chorus/shared';
import type { DraftAuthor } from '../adapter';
import { contentFromHtml, contentFromText, meaningfulName, parsePublished } from './content';
import { KINDS_WITHOUT_CONTENT, RESPONSE_PROPERTIES } from './entry';
import { httpUrl } from './mf2';
import type { InteractionFields } from './webmention.types';

type JsonRecord = Record<string, unknown>;

/** A plain-text source: a mention whose content is the text. */
export function textFields(body: string, source: string): InteractionFields {
  return {
    kind: 'mention',
    url: source,
    author: { name: null, url: null, photo: null },
    content: contentFromText(body, source),
    rsvp: null,
    published: null,
    name: null,
    photo: null,
    raw: { format: 'text' },
  };
}

/**
 * A JSON source read as JF2 (`{"type": "entry", "in-reply-to": …, "content": …, "author": {…}}`),
 * with the same kind precedence as HTML; any other JSON that links to the target is a bare mention.
 */
export function jsonFields(body: string, target: string, source: string): InteractionFields {
  const entry = parseRecord(body);
  const names = (property: string): boolean =>
    listOf(entry[property]).some((value) => isSamePost(urlOf(value) ?? '', target));
  const rsvp = RSVP_VALUES.find((value) => value === stringOf(entry.rsvp)?.toLowerCase()) ?? null;
  const kind: InteractionKind =
    rsvp && names('in-reply-to')
      ? 'rsvp'
      : (RESPONSE_PROPERTIES.find(([property]) => names(property))?.[1] ?? 'mention');
  const url = httpUrl(stringOf(entry.url)) ?? source;
  const content = KINDS_WITHOUT_CONTENT.includes(kind) ? null : jf2Content(entry.content, source, url);
  return {
    kind,
    url,
    author: jf2Author(entry.author),
    content,
    rsvp: kind === 'rsvp' ? rsvp : null,
    published: parsePublished(stringOf(entry.published)),
    name: meaningfulName(stringOf(entry.name), content),
    photo: httpUrl(urlOf(listOf(entry.photo)[0])),
    raw: { format: 'jf2', entry },
  };
}

function jf2Content(value: unknown, base: string, fullPageUrl: string): InteractionFields['content'] {
  if (typeof value === 'string') return contentFromText(value, fullPageUrl);
  if (!isRecord(value)) return null;
  const html = stringOf(value.html);
  if (html) return contentFromHtml(html, base, fullPageUrl);
  return contentFromText(stringOf(value.text) ?? stringOf(value.value) ?? '', fullPageUrl);
}

function jf2Author(value: unknown): DraftAuthor {
  if (isRecord(value)) {
    return {
      name: stringOf(value.name),
      url: httpUrl(stringOf(value.url)),
      photo: httpUrl(urlOf(value.photo)),
    };
  }
  const text = stringOf(value);
  const url = httpUrl(text);
  return { name: url ? null : text, url, photo: null };
}

function parseRecord(body: string): JsonRecord {
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** A URL given as a string or as an object with `url` (JF2 cites) or `value` (mf2-JSON photos). */
function urlOf(value: unknown): string | null {
  if (isRecord(value)) return stringOf(value.url) ?? stringOf(value.value);
  return stringOf(value);
}
