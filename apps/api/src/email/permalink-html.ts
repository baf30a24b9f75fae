import type { PublicInteraction } from '@chorus/shared';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? escape(url) : null);

/** Stored HTML was sanitized on the way in; the page still allows no script, frame or form. */
export const PERMALINK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src http: https:; base-uri 'none'; form-action 'none'; frame-ancestors *";

/**
 * The permalink page of one approved interaction: a small h-entry (author h-card, content,
 * `u-in-reply-to` the post, `dt-published`), so an email reply has a page of its own to link to.
 */
export function renderPermalink(item: PublicInteraction, post: { url: string; title: string | null }): string {
  const author = escape(item.author.name ?? 'Someone');
  const authorUrl = safeUrl(item.author.url);
  const photo = safeUrl(item.author.photo);
  const postUrl = safeUrl(post.url) ?? '#';
  const postName = escape(post.title ?? post.url);
  const when = item.published ?? item.received;
  const self = safeUrl(item.url);
  const card = `${photo ? `<img class="u-photo" src="${photo}" alt="" width="48" height="48">` : ''}<span class="p-name">${author}</span>`;
  const content = item.content ? item.content.html || escape(item.content.text) : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${author} on ${postName}</title>`,
    `<link rel="canonical" href="${self ?? ''}">`,
    '<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}.u-photo{border-radius:50%;vertical-align:middle;margin-right:.5rem}</style>',
    '</head>',
    '<body>',
    '<article class="h-entry">',
    `<p>In reply to <a class="u-in-reply-to" href="${postUrl}">${postName}</a></p>`,
    `<p class="p-author h-card">${authorUrl ? `<a class="u-url" href="${authorUrl}" rel="nofollow ugc">${card}</a>` : card}</p>`,
    `<div class="e-content">${content}</div>`,
    `<p><a class="u-url" href="${self ?? ''}"><time class="dt-published" datetime="${escape(when)}">${escape(when.replace('T', ' ').replace(/Z$/, ' UTC'))}</time></a></p>`,
    '</article>',
    '</body>',
    '</html>',
  ].join('\n');
}

/** The page shown for an interaction that does not exist or is not approved (yet). */
export function renderNotFound(): string {
  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><p>There is no published response at this address. It may still be awaiting moderation.</p></body></html>';
}
