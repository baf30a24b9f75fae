import sanitizeHtml from 'sanitize-html';
import type { Content } from '@chorus/shared';
import { sanitizeContent } from '../html/sanitize';

/** "On … wrote:" and its translations, as the last words of an attribution line. */
const WROTE =
  /(wrote|schrieb|a\s+écrit|escribió|ha\s+scritto|scrisse|schreef|heeft\s+geschreven|escreveu|skrev|kirjoitti|napisał(?:a|\(a\))?|написал(?:а|\(а\))?|пишет|napsal(?:a)?)\s*:?\s*$/iu;
/** Attributions that name no verb: `30.09.2017, 18.30, "John" <john@example.com>:`. */
const ADDRESS_THEN_COLON = /@[^\s]+\s*>\s*:\s*$/u;
const MAX_ATTRIBUTION_LENGTH = 300;

const QUOTED_LINE = /^\s*>/;
const SIGNATURE_DELIMITER = /^--\s?$/;
const UNDERSCORE_RULE = /^\s*_{2,}\s*$/;
const OTHER_RULE = /^\s*(?:={3,}|-{3,}|\*{3,})\s*$/;
const ORIGINAL_MESSAGE = new RegExp(
  '^\\s*[-_=*]{2,}\\s*(?:' +
    [
      'original message',
      'forwarded message',
      'ursprüngliche nachricht',
      'weitergeleitete nachricht',
      "message d['’]origine",
      'message transféré',
      'mensaje original',
      'mensaje reenviado',
      'messaggio originale',
      'messaggio inoltrato',
      'oorspronkelijk bericht',
      'doorgestuurd bericht',
      'mensagem original',
      'mensagem encaminhada',
      'oprindelig besked',
      'videresendt besked',
      'opprinnelig melding',
      'videresendt melding',
      'ursprungligt meddelande',
      'vidarebefordrat meddelande',
      'alkuperäinen viesti',
      'välitetty viesti',
      'oryginalna wiadomość',
      'przekazana wiadomość',
      'исходное сообщение',
      'пересылаемое сообщение',
    ].join('|') +
    ')\\s*[-_=*]{2,}\\s*$',
  'iu',
);
/** The first field of a quoted Outlook-style header block, in the languages we support. */
const FROM_FIELD =
  /^\s*\*?(?:from|von|de|van|da|fra|från|frå|lähettäjä|od|от|mittente|remetente|remitente|afzender|avsändare|nadawca)\s*\*?\s*:/iu;
/** Any further header field (`Sent:`, `Envoyé le :`, `À :`, `Betreff:` …). */
const HEADER_FIELD = /^\s*\*?\p{L}[\p{L} .'’-]{0,24}\*?\s*:/u;
const MOBILE_SIGNATURE =
  /^\s*(?:sent from my|sent from (?:outlook|mail|yahoo)|sent with|sent via|get outlook for|envoyé de mon|envoyé depuis mon|envoyé à partir de|von meinem .* gesendet|gesendet von|gesendet mit|enviado desde|enviado do meu|enviado de meu|inviato da|verzonden (?:vanaf|met) mijn|verstuurd vanaf mijn|sendt fra min|skickat från min|lähetetty|wysłane z|отправлено с)/iu;
const MAX_SIGNATURE_LINE_LENGTH = 100;

type QuoteStartKind = 'attribution' | 'quote' | 'history';

interface QuoteStart {
  index: number;
  /** Only an attribution or a `>` block may be followed by new text (bottom posting). */
  kind: QuoteStartKind;
}

/**
 * Keeps only the new text of a plain-text reply: everything from the first quoted-history marker
 * (`>` lines, "On … wrote:" in many languages, Outlook header blocks, "-----Original Message-----")
 * or signature (`-- `, "Sent from my …") on is dropped. A bottom-posted reply (attribution and
 * quote first) keeps the text that follows the quote.
 */
export function extractReplyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let from = 0;
  for (;;) {
    const start = findQuoteStart(lines, from);
    const reply = lines.slice(from, start?.index).join('\n').trim();
    if (!start || reply || start.kind === 'history') return reply;
    from = skipQuoteBlock(lines, start.index);
  }
}

/**
 * The HTML counterpart of `extractReplyText` for HTML-only mail: drops Outlook's history (everything
 * from `#appendonsend` / `#divRplyFwdMsg` on), cited blockquotes, Gmail/Thunderbird/Yahoo quote and
 * signature containers, blocks that are only an attribution or a mobile signature, and images; then sanitizes.
 */
export function extractReplyHtml(html: string): Content {
  const withoutHistory = sanitizeHtml(cutAtOutlookHistory(html), {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    exclusiveFilter: isDropped,
  });
  return sanitizeContent(withoutHistory);
}

/** Whether a line (or a few joined lines) introduces quoted text, e.g. "On Mon, 1 Jan 2024, Ann <a@b.c> wrote:". */
function isAttribution(text: string): boolean {
  const line = text.trim();
  if (line.length > MAX_ATTRIBUTION_LENGTH || !/[\d@]/.test(line)) return false;
  return WROTE.test(line) || (/\d/.test(line) && ADDRESS_THEN_COLON.test(line));
}

/** Whether a line is a client-added signature such as "Sent from my iPhone". */
function isMobileSignature(text: string): boolean {
  const line = text.trim();
  return line.length <= MAX_SIGNATURE_LINE_LENGTH && MOBILE_SIGNATURE.test(line);
}

function findQuoteStart(lines: readonly string[], from: number): QuoteStart | null {
  for (let index = from; index < lines.length; index++) {
    const kind = quoteStartAt(lines, index);
    if (kind) return { index, kind };
  }
  return null;
}

function quoteStartAt(lines: readonly string[], index: number): QuoteStartKind | null {
  const line = lines[index] ?? '';
  if (QUOTED_LINE.test(line)) return 'quote';
  if (isAttribution(line) || isWrappedAttribution(lines, index)) return 'attribution';
  if (
    SIGNATURE_DELIMITER.test(line) ||
    UNDERSCORE_RULE.test(line) ||
    ORIGINAL_MESSAGE.test(line) ||
    isMobileSignature(line) ||
    (OTHER_RULE.test(line) && HEADER_FIELD.test(nextNonBlank(lines, index + 1))) ||
    isHeaderBlock(lines, index)
  ) {
    return 'history';
  }
  return null;
}

/**
 * Clients wrap long attributions over two or three lines. The block starts with a date (a digit
 * outside any address); when its tail alone is such an attribution, this line is still reply text.
 */
function isWrappedAttribution(lines: readonly string[], index: number): boolean {
  for (const extra of [1, 2]) {
    const chunk = lines.slice(index, index + extra + 1);
    if (chunk.length <= extra || chunk.some(isBlank)) return false;
    if (startsAttribution(chunk) && !startsAttribution(chunk.slice(1))) return true;
  }
  return false;
}

function startsAttribution(chunk: readonly string[]): boolean {
  // isAttribution first: it bounds the length before the address-stripping regex runs.
  return isAttribution(chunk.join(' ')) && /\d/.test((chunk[0] ?? '').replace(/\S+@\S+/g, ''));
}

/** `From: …` followed within three lines by another header field (`Sent:`, `Gesendet:`, `Envoyé le :` …). */
function isHeaderBlock(lines: readonly string[], index: number): boolean {
  if (!FROM_FIELD.test(lines[index] ?? '')) return false;
  return lines.slice(index + 1, index + 4).some((line) => HEADER_FIELD.test(line));
}

/** Index of the first line after an attribution and the quoted block that follows it. */
function skipQuoteBlock(lines: readonly string[], start: number): number {
  let index = start;
  while (index < lines.length && !QUOTED_LINE.test(lines[index] ?? '') && !isBlank(lines[index])) index++;
  while (index < lines.length && (QUOTED_LINE.test(lines[index] ?? '') || isBlank(lines[index]))) index++;
  return Math.max(index, start + 1);
}

function nextNonBlank(lines: readonly string[], from: number): string {
  return lines.slice(from).find((line) => !isBlank(line)) ?? '';
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** Outlook puts the quoted message after these elements as siblings, so everything from them on goes. */
const OUTLOOK_HISTORY_ID =
  /\bid\s*=\s*["']?(?:appendonsend|divRplyFwdMsg|stopSpelling|mail-editor-reference-message-container)\b/i;

function cutAtOutlookHistory(html: string): string {
  const match = OUTLOOK_HISTORY_ID.exec(html);
  if (!match) return html;
  const tagStart = html.lastIndexOf('<', match.index);
  return tagStart === -1 ? html : html.slice(0, tagStart);
}

const QUOTE_CLASSES = new Set([
  'gmail_quote',
  'gmail_quote_container',
  'gmail_attr',
  'gmail_signature',
  'gmail_signature_prefix',
  'yahoo_quoted',
  'moz-cite-prefix',
  'moz-signature',
  'protonmail_quote',
  'zmail_extra',
]);
const SIGNATURE_IDS = new Set(['signature', 'ms-outlook-mobile-signature']);
const TEXT_BLOCKS = new Set(['div', 'p', 'span', 'font']);

function isDropped(frame: sanitizeHtml.IFrame): boolean {
  const { tag, attribs } = frame;
  // Images in mail are cid: attachments we cannot show or remote tracking pixels.
  if (tag === 'img') return true;
  if (tag === 'blockquote' && attribs['type']?.toLowerCase() === 'cite') return true;
  if (attribs['data-smartmail'] === 'gmail_signature') return true;
  if (SIGNATURE_IDS.has((attribs['id'] ?? '').toLowerCase())) return true;
  if ((attribs['class'] ?? '').split(/\s+/).some((name) => QUOTE_CLASSES.has(name))) return true;
  // Attributions and signatures are short; skipping long blocks keeps deep nesting linear.
  if (!TEXT_BLOCKS.has(tag) || frame.text.length > MAX_ATTRIBUTION_LENGTH * 2) return false;
  const text = frame.text.replace(/\s+/g, ' ').trim();
  return text !== '' && (isAttribution(text) || isMobileSignature(text));
}
