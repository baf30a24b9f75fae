import { createHash } from 'node:crypto';
import type { ParsedMail, SimpleParserOptions } from 'mailparser';
import type { Content } from '@chorus/shared';
import type { DraftAuthor, InteractionDraft, SourceDescriptor } from '../adapter';
import { textToHtml } from '../html/sanitize';
import { detectAutoReply } from './auto-reply';
import type {
  EmailAdapterOptions,
  EmailAuthSummary,
  EmailDropReason,
  EmailEnvelope,
  EmailParseResult,
  ReplyAddressBase,
} from './email.types';
import { checkMailAuth } from './mail-auth';
import { extractReplyHtml, extractReplyText } from './reply-text';

/** Reply tokens are base64url or hex; 22 base64url characters carry 128 bits. */
const REPLY_TOKEN = /^[A-Za-z0-9_-]{22,128}$/;
/** Longer Message-IDs are not identities but abuse; such mail is keyed by its content hash. */
const MAX_MESSAGE_ID_LENGTH = 512;
/** Cap for each header value kept in `raw`, so huge headers never bloat the store. */
const MAX_RAW_HEADER_LENGTH = 1000;

const PARSER_OPTIONS: SimpleParserOptions = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
};

export const emailSource: SourceDescriptor = {
  id: 'email',
  displayName: 'Email replies',
  settings: [
    {
      env: 'CHORUS_SMTP_PORT',
      required: false,
      secret: false,
      description: 'Inbound SMTP port for email replies; 0 disables the listener.',
    },
    {
      env: 'CHORUS_REPLY_DOMAIN',
      required: false,
      secret: false,
      description: 'Domain of the per-post reply addresses reply+<token>@<domain>.',
    },
  ],
};

/**
 * Turns one received message into a `reply` draft, or says why it was dropped. Never throws for bad
 * input: unparseable MIME is a `malformed` drop. The draft's `target` is empty and `url` null: the
 * server finds the post by `token` and fills both in.
 */
export async function parseEmailReply(
  raw: Buffer,
  envelope: EmailEnvelope,
  options: EmailAdapterOptions,
): Promise<EmailParseResult> {
  let mail: ParsedMail;
  try {
    const { simpleParser } = await import('mailparser'); // loaded on first use: large, only needed when mail arrives
    mail = await simpleParser(raw, PARSER_OPTIONS);
  } catch (error) {
    return dropped(
      'malformed',
      `unparseable message: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const automatic = detectAutoReply(mail.headers, envelope.mailFrom);
  if (automatic) return { outcome: 'dropped', ...automatic };

  const author = mailAuthor(mail);
  if (!author) return dropped('malformed', 'no sender address in the From header');

  const { localPart, domain } = options.replyAddress;
  const token = findReplyToken(mail, envelope, options.replyAddress);
  if (!token)
    return dropped('no_reply_address', `no recipient is a valid ${localPart}+<token>@${domain} address`);

  const content = replyContent(mail);
  if (!content.text)
    return dropped('empty_reply', 'nothing is left after removing quoted text and signatures');

  const verification = await checkMailAuth(
    raw,
    envelope,
    headerValues(mail, 'authentication-results'),
    options,
  );
  return {
    outcome: 'accepted',
    token,
    suggestedStatus: verification.dmarc === 'fail' ? 'spam' : 'pending',
    draft: buildDraft(raw, mail, author, content, verification),
  };
}

/**
 * The token of a reply address `<localPart>+<token>@<domain>` (also `"Name" <…>` and `<…>`), or null.
 * The domain and the local-part base compare case-insensitively; the token keeps its case.
 */
export function replyTokenFromAddress(address: string, replyAddress: ReplyAddressBase): string | null {
  const bare = (/<([^<>]*)>\s*$/.exec(address)?.[1] ?? address).trim();
  const at = bare.lastIndexOf('@');
  if (at <= 0) return null;
  if (normalizeDomain(bare.slice(at + 1)) !== normalizeDomain(replyAddress.domain)) return null;
  const local = bare.slice(0, at);
  const prefix = `${replyAddress.localPart}+`.toLowerCase();
  if (!local.toLowerCase().startsWith(prefix)) return null;
  const token = local.slice(prefix.length);
  return REPLY_TOKEN.test(token) ? token : null;
}

function buildDraft(
  raw: Buffer,
  mail: ParsedMail,
  author: DraftAuthor,
  content: Content,
  verification: EmailAuthSummary,
): InteractionDraft {
  const parent = lastMessageId(mail.inReplyTo) ?? lastMessageId(mail.references);
  return {
    source: 'email',
    dedupeKey: dedupeKey(raw, mail),
    target: '',
    kind: 'reply',
    url: null,
    sourceUrl: null,
    author,
    content,
    rsvp: null,
    published: publishedDate(mail),
    inReplyTo: parent ? { source: 'email', dedupeKey: parent } : null,
    verification: { ...verification },
    raw: { headers: rawHeaders(mail), size: raw.length },
  };
}

/** The envelope's recipients first; IMAP mailboxes may only show the reply address in the headers. */
function findReplyToken(
  mail: ParsedMail,
  envelope: EmailEnvelope,
  replyAddress: ReplyAddressBase,
): string | null {
  const headerRecipients = ['delivered-to', 'x-original-to', 'to', 'cc'].flatMap((name) =>
    addressesIn(mail.headers.get(name)),
  );
  for (const address of [...envelope.recipients, ...headerRecipients]) {
    const token = replyTokenFromAddress(address, replyAddress);
    if (token) return token;
  }
  return null;
}

function mailAuthor(mail: ParsedMail): DraftAuthor | null {
  const from = mail.from?.value.find((entry) => entry.address?.includes('@'));
  const email = from?.address?.trim();
  if (!from || !email) return null;
  const name = from.name.trim() || email.slice(0, email.lastIndexOf('@'));
  return { name, url: null, photo: null, email };
}

/** The plain-text part when there is one (quotes are easier to find there), else the HTML part. */
function replyContent(mail: ParsedMail): Content {
  if (mail.text?.trim()) {
    const text = extractReplyText(mail.text);
    return { html: text ? textToHtml(text) : '', text };
  }
  if (typeof mail.html === 'string') return extractReplyHtml(mail.html);
  return { html: '', text: '' };
}

/** The Message-ID without angle brackets; without a usable one, a hash of sender, date, subject and body. */
function dedupeKey(raw: Buffer, mail: ParsedMail): string {
  const messageId = mail.messageId?.trim().replace(/^<|>$/g, '').trim();
  if (messageId && messageId.length <= MAX_MESSAGE_ID_LENGTH) return messageId;
  const bodyStart = raw.indexOf('\r\n\r\n') === -1 ? raw.indexOf('\n\n') : raw.indexOf('\r\n\r\n');
  return `sha256:${createHash('sha256')
    .update([mail.from?.text ?? '', headerValues(mail, 'date')[0] ?? '', mail.subject ?? ''].join('\n'))
    .update(bodyStart === -1 ? raw : raw.subarray(bodyStart))
    .digest('hex')}`;
}

/** mailparser replaces an unreadable `Date` with "now", so the header itself is read. */
function publishedDate(mail: ParsedMail): Date | null {
  const header = headerValues(mail, 'date')[0];
  const date = header ? new Date(header) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function lastMessageId(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1] ?? '');
  const ids = bracketed.length > 0 ? bracketed : text.split(/\s+/);
  const last = ids.filter((id) => id !== '' && id.length <= MAX_MESSAGE_ID_LENGTH).at(-1);
  return last ?? null;
}

function rawHeaders(mail: ParsedMail): Record<string, string | null> {
  const references = mail.references;
  return {
    from: capped(mail.from?.text),
    to: capped(addressesIn(mail.headers.get('to')).join(', ')),
    subject: capped(mail.subject),
    'message-id': capped(mail.messageId),
    'in-reply-to': capped(mail.inReplyTo),
    references: capped(Array.isArray(references) ? references.join(' ') : references),
    date: capped(headerValues(mail, 'date')[0]),
  };
}

/** Unfolded raw values of every occurrence of a header, topmost first. */
function headerValues(mail: ParsedMail, name: string): string[] {
  return mail.headerLines
    .filter((header) => header.key === name)
    .map((header) =>
      header.line
        .slice(header.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

/** Addresses in a header value as mailparser shapes it (address objects, groups, lists or plain strings). */
function addressesIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(addressesIn);
  if (value && typeof value === 'object' && 'value' in value && Array.isArray(value.value)) {
    return value.value.flatMap((entry: unknown) => {
      if (!entry || typeof entry !== 'object') return [];
      const own = 'address' in entry && typeof entry.address === 'string' ? [entry.address] : [];
      return 'group' in entry ? [...own, ...addressesIn({ value: entry.group })] : own;
    });
  }
  return [];
}

function capped(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  return value.length > MAX_RAW_HEADER_LENGTH ? `${value.slice(0, MAX_RAW_HEADER_LENGTH)}…` : value;
}

function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

function dropped(reason: EmailDropReason, detail: string): EmailParseResult {
  return { outcome: 'dropped', reason, detail };
}
