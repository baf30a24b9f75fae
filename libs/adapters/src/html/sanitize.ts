import sanitizeHtml from 'sanitize-html';
import type { Content } from '@chorus/shared';

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'cite', 'code', 'del', 'em', 'i', 'img', 'ins', 'li', 'mark',
  'ol', 'p', 'pre', 'q', 's', 'small', 'strong', 'sub', 'sup', 'u', 'ul',
];

const CONTENT_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'], abbr: ['title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'title'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' }),
  },
};
CONTENT_OPTIONS.allowedAttributes = { ...CONTENT_OPTIONS.allowedAttributes, a: ['href', 'title', 'rel'] };

const BLOCK_END = /<\/(p|div|li|blockquote|pre|h[1-6]|tr)>|<br\s*\/?>/gi;
const TAG = /<[^>]*>/g;

/**
 * Sanitizes third-party HTML with an allowlist and derives its plain text. Relative links are
 * resolved against `baseUrl` (in the same pass), so the stored HTML works wherever it is shown.
 */
export function sanitizeContent(html: string, baseUrl?: string): Content {
  const safe = sanitizeHtml(html, baseUrl ? resolvingLinks(baseUrl) : CONTENT_OPTIONS).trim();
  // The allowlist's output escapes every < and > in text and attribute values, so each < opens a
  // tag: dropping tags needs no second parse.
  return { html: safe, text: tidyText(safe.replace(BLOCK_END, (m) => `${m}\n`).replace(TAG, '')) };
}

/** Plain text from (possibly hostile) HTML: tags dropped, entities decoded, whitespace tidied. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(BLOCK_END, (m) => `${m}\n`);
  return tidyText(sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: CONTENT_OPTIONS.nonTextTags }));
}

/** Escaped text (tags already gone) to plain text: entities decoded, whitespace tidied. */
function tidyText(escaped: string): string {
  return decodeEntities(escaped)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Escapes plain text for use as HTML (for sources that only give text). */
export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return escaped
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br />')}</p>`)
    .join('');
}

/** The allowlist, with `<a href>` and `<img src>` resolved against `baseUrl` before they are checked. */
function resolvingLinks(baseUrl: string): sanitizeHtml.IOptions {
  return {
    ...CONTENT_OPTIONS,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...absolutize(attribs, 'href', baseUrl), rel: 'nofollow ugc noopener' } }),
      img: (tagName, attribs) => ({ tagName, attribs: absolutize(attribs, 'src', baseUrl) }),
    },
  };
}

function absolutize(attribs: sanitizeHtml.Attributes, name: string, baseUrl: string): sanitizeHtml.Attributes {
  const value = attribs[name];
  if (value === undefined) return attribs;
  try {
    return { ...attribs, [name]: new URL(value, baseUrl).href };
  } catch {
    const { [name]: _dropped, ...rest } = attribs;
    return rest;
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? match;
  });
}
