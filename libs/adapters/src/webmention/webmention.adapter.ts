import type { InteractionDraft, SourceDescriptor, SourceSetting } from '../adapter';
import { chooseEntry, entryFields } from './entry';
import { scanHtml } from './html-scan';
import { linksInJson, linksInText, linksToTarget, sourceFormat } from './link-check';
import { metaFields } from './meta-fallback';
import { parseMicroformats } from './mf2';
import { jsonFields, textFields } from './plain-sources';
import type { InteractionFields, SourceInput, VerificationOutcome } from './webmention.types';

/** The settings that shape webmention and pingback verification (read by the API's config module). */
const VERIFICATION_SETTINGS: readonly SourceSetting[] = [
  {
    env: 'CHORUS_TARGET_DOMAINS',
    required: false,
    secret: false,
    description: 'Host names whose pages may receive interactions.',
  },
  {
    env: 'CHORUS_VERIFY_DELAY',
    required: false,
    secret: false,
    description: 'Random delay range before a source is fetched.',
  },
  {
    env: 'CHORUS_FETCH_TIMEOUT',
    required: false,
    secret: false,
    description: 'Whole-request timeout for fetching a source.',
  },
  {
    env: 'CHORUS_FETCH_MAX_BYTES',
    required: false,
    secret: false,
    description: 'Largest source document accepted.',
  },
  {
    env: 'CHORUS_FETCH_MAX_REDIRECTS',
    required: false,
    secret: false,
    description: 'Most redirects followed.',
  },
  {
    env: 'CHORUS_ALLOW_PRIVATE_ADDRESSES',
    required: false,
    secret: false,
    description: 'Allow fetching loopback/private addresses.',
  },
];

export const webmentionSource: SourceDescriptor = {
  id: 'webmention',
  displayName: 'Webmention',
  settings: VERIFICATION_SETTINGS,
};
export const pingbackSource: SourceDescriptor = {
  id: 'pingback',
  displayName: 'Pingback',
  settings: VERIFICATION_SETTINGS,
};

/** The store's identity for a webmention or pingback: `"<source URL> <target URL>"`, both as received. */
export function webmentionDedupeKey(source: string, target: string): string {
  return `${source} ${target}`;
}

/**
 * Decides what a fetched source says about the target (W3C Webmention 3.2.2–3.2.4), without I/O:
 * a 410 (or `<meta http-equiv="Status" content="410 …">`) is `deleted`; any other non-2xx is
 * rejected as `source_not_found`; a source that does not link to the target (lenient post rule,
 * links resolved against the document base) is rejected as `no_link_to_target`; otherwise the
 * interaction is built from the h-entry that answers the target, or from the page's meta data.
 */
export function interpretSource(input: SourceInput): VerificationOutcome {
  const { document, target } = input;
  if (document.status === 410)
    return { outcome: 'deleted', reason: 'source_gone', detail: 'The source answered 410 Gone.' };
  if (document.status < 200 || document.status >= 300) {
    return {
      outcome: 'rejected',
      reason: 'source_not_found',
      detail: `The source answered HTTP ${document.status}.`,
    };
  }
  const fields = readSource(input);
  if (fields === 'gone')
    return { outcome: 'deleted', reason: 'source_gone', detail: 'The source page declares itself 410 Gone.' };
  if (fields === 'unsupported') {
    return {
      outcome: 'rejected',
      reason: 'unsupported_content_type',
      detail: `Content type "${document.contentType}" cannot be verified.`,
    };
  }
  if (fields === null) {
    return {
      outcome: 'rejected',
      reason: 'no_link_to_target',
      detail: `The source ${document.url} does not link to ${target}.`,
    };
  }
  return { outcome: 'verified', draft: toDraft(input, fields) };
}

/** The interaction's fields, or why there are none: no link (null), a deleted page, an unreadable type. */
function readSource({
  source,
  target,
  document,
}: SourceInput): InteractionFields | null | 'gone' | 'unsupported' {
  const format = sourceFormat(document.contentType);
  switch (format) {
    case 'html': {
      const scan = scanHtml(document.body, document.url);
      if (scan.gone) return 'gone';
      if (!linksToTarget(scan.links, target)) return null;
      const microformats = parseMicroformats(document.body, document.url, scan.depth);
      const choice = microformats && chooseEntry(microformats, target);
      if (microformats && choice)
        return entryFields(choice, microformats, { url: document.url, baseUrl: scan.baseUrl, source });
      return metaFields(scan, source);
    }
    case 'json':
      return linksToTarget(linksInJson(document.body), target)
        ? jsonFields(document.body, target, source)
        : null;
    case 'text':
      return linksToTarget(linksInText(document.body), target) ? textFields(document.body, source) : null;
    case 'other':
      return 'unsupported';
  }
}

function toDraft(
  { source, target, document, protocol }: SourceInput,
  fields: InteractionFields,
): InteractionDraft {
  return {
    ...fields,
    source: protocol,
    dedupeKey: webmentionDedupeKey(source, target),
    target,
    sourceUrl: source,
    inReplyTo: null,
    verification: {
      protocol,
      fetchedUrl: document.url,
      contentType: document.contentType,
      status: document.status,
    },
  };
}
