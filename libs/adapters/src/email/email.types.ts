import type { InteractionDraft } from '../adapter';

/** One authentication verdict as RFC 8601 names it: pass, fail, softfail, neutral, none, temperror, permerror, policy. */
export type AuthVerdict = string;

/** SPF, DKIM, DMARC and ARC results of one message, stored as the interaction's `verification`. */
export interface EmailAuthSummary {
  spf: AuthVerdict;
  /** `pass` when any signature passes, else the first signature's result, else `none`. */
  dkim: AuthVerdict;
  dmarc: AuthVerdict;
  arc: AuthVerdict;
  /** Whether Chorus checked the message itself or took a trusted relay's `Authentication-Results`. */
  source: 'mailauth' | 'trusted-relay';
  details?: Record<string, unknown>;
}

/** What the SMTP session (or the IMAP poller) knows about a message besides its bytes. */
export interface EmailEnvelope {
  /** The connecting client's IP address. */
  remoteAddress: string;
  clientHostname?: string;
  helo?: string;
  /** `MAIL FROM`; `''` for the null sender of bounces. */
  mailFrom: string;
  /** `RCPT TO` addresses (for IMAP: the mailbox address(es) the message was delivered to). */
  recipients: string[];
}

/** The address every per-post reply address is built from: `<localPart>+<token>@<domain>`. */
export interface ReplyAddressBase {
  localPart: string;
  domain: string;
}

export type EmailDropReason = 'auto_reply' | 'bounce' | 'no_reply_address' | 'empty_reply' | 'malformed';

/**
 * The adapter's verdict on one message. `accepted` carries the reply token so the server can find
 * the post; it then sets `draft.target` (the post URL) and the permalink `url` itself.
 * `dropped` never creates an interaction; the caller logs `reason` and `detail`.
 */
export type EmailParseResult =
  | { outcome: 'accepted'; token: string; draft: InteractionDraft; suggestedStatus: 'pending' | 'spam' }
  | { outcome: 'dropped'; reason: EmailDropReason; detail: string };

/** DNS lookup in the shape of `dns.promises.resolve(name, rrtype)`; errors carry a `code` such as `ENOTFOUND`. */
export type DnsResolver = (name: string, rrtype: string) => Promise<unknown>;

export interface EmailAdapterOptions {
  replyAddress: ReplyAddressBase;
  /**
   * A relay (e.g. Postfix) in front of Chorus that already checked the message. Mail from one of
   * `addresses` is judged by the topmost `Authentication-Results` header whose authserv-id is
   * `authservId` (any, when not given) instead of being checked again.
   */
  trustedRelay?: { addresses: string[]; authservId?: string };
  /** DNS resolver for SPF/DKIM/DMARC/ARC lookups; the system resolver when not given. */
  resolver?: DnsResolver;
}
