import type { Content } from '@chorus/shared';
import { sanitizeContent, textToHtml } from '../html/sanitize';

/** Longer texts are cut to about this many characters, with a link to the full page. */
export const MAX_CONTENT_CHARS = 2_000;
const MAX_NAME_CHARS = 300;

/** Sanitized content from third-party HTML, shortened when long. */
export function contentFromHtml(html: string, baseUrl: string, fullPageUrl: string): Content | null {
  const content = sanitizeContent(html, baseUrl);
  return content.text ? shorten(content, fullPageUrl) : null;
}

/** Content from plain text (escaped, paragraphs kept), shortened when long. */
export function contentFromText(text: string, fullPageUrl: string): Content | null {
  const trimmed = text.trim();
  return trimmed ? shorten({ html: textToHtml(trimmed), text: trimmed }, fullPageUrl) : null;
}

/**
 * Keeps short content as it is. Long content becomes its text cut at a paragraph (or else word)
 * boundary, as escaped paragraphs, followed by a "Read more" link to the full page.
 */
export function shorten(content: Content, fullPageUrl: string): Content {
  if (content.text.length <= MAX_CONTENT_CHARS) return content;
  const excerpt = `${cutAtBoundary(content.text, MAX_CONTENT_CHARS)} …`;
  const link = sanitizeContent(`<p><a href="${escapeAttribute(fullPageUrl)}">Read more</a></p>`);
  return { html: `${textToHtml(excerpt)}${link.html}`, text: `${excerpt}\n\nRead more: ${fullPageUrl}` };
}

/** A post's title, or null when it only repeats the start of the content (an mf2 implied name). */
export function meaningfulName(name: string | null, content: Content | null): string | null {
  const clean = name?.replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  const text = content?.text.replace(/\s+/g, ' ').trim() ?? '';
  if (text && (clean.includes(text.slice(0, 60)) || text.startsWith(clean))) return null;
  return clean.length > MAX_NAME_CHARS ? `${cutAtBoundary(clean, MAX_NAME_CHARS)} …` : clean;
}

/**
 * Parses an ISO 8601 / mf2 date-time ("2015-11-07T12:00:00-0500", "2015-11-07 12:00:00",
 * "2015-11-07") to the instant it names. The offset decides the instant; a time without an
 * offset is read as UTC so the result never depends on the server's time zone.
 */
export function parsePublished(value: string | null): Date | null {
  const match =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      value?.trim() ?? '',
    );
  if (!match) return null;
  const [, date, time = '00:00:00', offset = 'Z'] = match;
  const normalisedOffset = offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const instant = new Date(`${date}T${time}${normalisedOffset}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function cutAtBoundary(text: string, max: number): string {
  const head = text.slice(0, max);
  const paragraph = head.lastIndexOf('\n\n');
  if (paragraph >= max / 2) return head.slice(0, paragraph).trimEnd();
  const word = head.search(/\s\S*$/);
  return (word >= max / 2 ? head.slice(0, word) : head).trimEnd();
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
