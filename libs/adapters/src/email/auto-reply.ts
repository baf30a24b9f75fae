import type { ParsedMail } from 'mailparser';

export interface AutoReplyVerdict {
  reason: 'auto_reply' | 'bounce';
  detail: string;
}

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);
const SUPPRESSED_RESPONSES = new Set(['all', 'oof', 'autoreply']);
const SYSTEM_SENDERS = new Set(['mailer-daemon', 'postmaster']);

/**
 * Recognises mail no person wrote, so it never becomes an interaction: bounces (null sender,
 * `multipart/report`, MAILER-DAEMON/postmaster) and automatic replies (RFC 3834 `Auto-Submitted`,
 * `Precedence`, the X-Autoreply family, Exchange's `X-Auto-Response-Suppress`).
 *
 * Mailing-list mail (`List-Id`, `List-Unsubscribe`) is dropped too: reply addresses are per post and
 * not meant to be subscribed anywhere, so a list copy is either bulk mail or a duplicate of the copy
 * the reader sent directly, and answering lists invites amplification.
 *
 * Takes mailparser's header map (lower-case keys) or any map of header names to values.
 */
export function detectAutoReply(
  headers: Map<string, unknown> | ParsedMail['headers'],
  mailFrom: string,
): AutoReplyVerdict | null {
  const header = (name: string): string => headerText(headers.get(name)).trim();
  const has = (name: string): boolean => headers.has(name);

  if (mailFrom.trim() === '' || mailFrom.trim() === '<>') return bounce('null sender (MAIL FROM:<>)');
  const sender = [mailFrom, header('from')].find((address) => SYSTEM_SENDERS.has(localPart(address)));
  if (sender !== undefined) return bounce(`sent by ${localPart(sender)}`);
  if (contentType(headers.get('content-type')) === 'multipart/report')
    return bounce('multipart/report delivery status notification');

  const autoSubmitted = header('auto-submitted').toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return autoReply(`Auto-Submitted: ${autoSubmitted}`);
  const precedence = header('precedence').toLowerCase();
  if (BULK_PRECEDENCE.has(precedence)) return autoReply(`Precedence: ${precedence}`);
  for (const name of ['x-autoreply', 'x-autorespond']) {
    if (has(name)) return autoReply(`${name} header present`);
  }
  const suppress = header('x-auto-response-suppress')
    .split(/[\s,]+/)
    .find((value) => SUPPRESSED_RESPONSES.has(value.toLowerCase()));
  if (suppress) return autoReply(`X-Auto-Response-Suppress: ${suppress}`);
  if (has('list-id') || has('list-unsubscribe') || has('list'))
    return autoReply('mailing-list mail (List-Id/List-Unsubscribe)');
  return null;
}

function bounce(detail: string): AutoReplyVerdict {
  return { reason: 'bounce', detail };
}

function autoReply(detail: string): AutoReplyVerdict {
  return { reason: 'auto_reply', detail };
}

/** The text of a header value as mailparser shapes it: a string, `{ text }` for addresses, `{ value }`, or a list. */
function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(headerText).join(', ');
  if (value && typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('value' in value && typeof value.value === 'string') return value.value;
  }
  return '';
}

function contentType(value: unknown): string {
  return headerText(value).split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The local part of the (last) address in `text`, lower-cased: `"Mail Delivery" <MAILER-DAEMON@x>` → `mailer-daemon`. */
function localPart(text: string): string {
  const address = /<([^<>]*)>\s*$/.exec(text)?.[1] ?? text;
  return (address.split('@')[0] ?? '').trim().toLowerCase();
}
