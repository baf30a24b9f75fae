import type { AuthenticateResult, DNSResolver } from 'mailauth';
import type { AuthVerdict, EmailAdapterOptions, EmailAuthSummary, EmailEnvelope } from './email.types';

const KNOWN_VERDICTS = new Set([
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
  'policy',
]);
const VERDICT_ALIASES: Record<string, string> = { temperr: 'temperror', hardfail: 'fail', skipped: 'none' };

/** One `Authentication-Results` header: who wrote it and each method's verdicts, in order. */
export interface AuthenticationResults {
  authservId: string;
  results: Record<string, AuthVerdict[]>;
}

/**
 * SPF, DKIM, DMARC and ARC for one message: checked with mailauth, or, when the client is a trusted
 * relay, read from the relay's own `Authentication-Results` header. Never throws: a failed check
 * becomes `temperror`.
 */
export async function checkMailAuth(
  raw: Buffer,
  envelope: EmailEnvelope,
  authResultsHeaders: readonly string[],
  options: Pick<EmailAdapterOptions, 'trustedRelay' | 'resolver' | 'replyAddress'>,
): Promise<EmailAuthSummary> {
  const relay = options.trustedRelay;
  if (relay && relay.addresses.map(normalizeIp).includes(normalizeIp(envelope.remoteAddress))) {
    return summaryFromRelay(authResultsHeaders, relay.authservId);
  }
  try {
    // Loaded on first use: mailauth is large and only needed when mail arrives.
    const { authenticate } = await import('mailauth');
    const result = await authenticate(raw, {
      ip: envelope.remoteAddress,
      helo: envelope.helo,
      sender: envelope.mailFrom || undefined,
      mta: options.replyAddress.domain,
      resolver: options.resolver as DNSResolver | undefined,
      disableBimi: true,
    });
    return summaryFromMailauth(result);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      spf: 'temperror',
      dkim: 'temperror',
      dmarc: 'temperror',
      arc: 'temperror',
      source: 'mailauth',
      details: { error: message },
    };
  }
}

/** Parses one `Authentication-Results` header value (RFC 8601); null when it names no authserv-id. */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const [authserv, ...resinfos] = splitOutsideQuotes(stripComments(value.replace(/\r?\n[ \t]+/g, ' ')));
  const authservId = authserv?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const results: Record<string, AuthVerdict[]> = {};
  for (const resinfo of resinfos) {
    const match = /^\s*([a-z][a-z0-9_-]*)\s*(?:\/\s*\d+\s*)?=\s*([a-z]+)/i.exec(resinfo);
    if (!match?.[1] || !match[2]) continue;
    const method = match[1].toLowerCase();
    (results[method] ??= []).push(normalizeVerdict(match[2]));
  }
  return { authservId, results };
}

function summaryFromRelay(headers: readonly string[], authservId: string | undefined): EmailAuthSummary {
  // The topmost header is the one the relay added; anything below it came with the message.
  const parsed = headers
    .map(parseAuthenticationResults)
    .find((header) => header !== null && (!authservId || header.authservId === authservId.toLowerCase()));
  if (!parsed) {
    return {
      spf: 'none',
      dkim: 'none',
      dmarc: 'none',
      arc: 'none',
      source: 'trusted-relay',
      details: { error: `no Authentication-Results header from ${authservId ?? 'the relay'}` },
    };
  }
  const first = (method: string): AuthVerdict => parsed.results[method]?.[0] ?? 'none';
  return {
    spf: first('spf'),
    dkim: bestDkim(parsed.results['dkim'] ?? []),
    dmarc: first('dmarc'),
    arc: first('arc'),
    source: 'trusted-relay',
    details: { authservId: parsed.authservId },
  };
}

function summaryFromMailauth(result: AuthenticateResult): EmailAuthSummary {
  const signatures = result.dkim.results ?? [];
  return {
    spf: result.spf ? normalizeVerdict(result.spf.status.result) : 'none',
    dkim: bestDkim(signatures.map((signature) => normalizeVerdict(signature.status.result))),
    dmarc: result.dmarc ? normalizeVerdict(result.dmarc.status.result) : 'none',
    arc: result.arc ? normalizeVerdict(result.arc.status.result) : 'none',
    source: 'mailauth',
    details: {
      dkimDomains: signatures
        .filter((signature) => signature.status.result === 'pass')
        .map((signature) => signature.signingDomain),
      dmarcPolicy: result.dmarc ? result.dmarc.policy : null,
      authenticationResults: result.headers.trim(),
    },
  };
}

/** One passing signature is enough; otherwise the first signature speaks for the message. */
function bestDkim(verdicts: readonly AuthVerdict[]): AuthVerdict {
  return verdicts.includes('pass') ? 'pass' : (verdicts[0] ?? 'none');
}

function normalizeVerdict(value: string): AuthVerdict {
  const verdict = value.toLowerCase();
  const known = VERDICT_ALIASES[verdict] ?? verdict;
  return KNOWN_VERDICTS.has(known) ? known : 'none';
}

function normalizeIp(address: string): string {
  return address
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** Drops RFC 5322 comments `( … )`, which may nest, but not parentheses inside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (char === '\\') {
      if (depth === 0) out += char + (value[i + 1] ?? '');
      i++;
    } else if (quoted) {
      out += char;
      if (char === '"') quoted = false;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      if (char === '"') quoted = true;
      out += char;
    }
  }
  return out;
}

function splitOutsideQuotes(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
