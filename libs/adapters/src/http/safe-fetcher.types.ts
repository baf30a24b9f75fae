/** Why an outbound fetch failed; each is also a webmention rejection reason (API.md). */
export type FetchFailureCode =
  | 'source_unreachable'
  | 'source_not_found'
  | 'source_too_large'
  | 'unsupported_content_type'
  | 'too_many_redirects'
  | 'address_not_allowed';

/** The one error `SafeFetcher.fetch` throws: a code, the URL of the hop that failed and, if any, its HTTP status. */
export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
  readonly status?: number;

  constructor(
    readonly code: FetchFailureCode,
    readonly url: string,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

export interface SafeFetcherOptions {
  /** Whole request, every redirect hop and the body included. */
  timeoutMs: number;
  /** Cap on the body, counted both as received and after decompression. */
  maxBytes: number;
  /** More redirects than this fail with `too_many_redirects`. */
  maxRedirects: number;
  /** Allow loopback, private, link-local and other non-public addresses (tests and LANs only). */
  allowPrivateAddresses: boolean;
  userAgent: string;
  /** Media types whose bodies are read; defaults to HTML, XHTML, plain text and JSON. */
  acceptedTypes?: readonly string[];
}

export interface FetchInit {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** `'ok'` (default): a non-2xx answer throws `source_not_found`. `'any'`: it is returned (e.g. to see a 410). */
  acceptStatuses?: 'ok' | 'any';
}

export interface FetchedDocument {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** The Content-Type header as sent (empty when absent). */
  contentType: string;
  /** Decoded text; empty for a non-2xx answer whose media type is not accepted. */
  body: string;
  /** Response headers, names in lower case, repeated headers joined with `, `. */
  headers: Record<string, string>;
}
