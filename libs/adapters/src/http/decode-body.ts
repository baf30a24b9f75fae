import { TextDecoder } from 'node:util';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const PRESCAN_BYTES = 1024;

/** The media type and charset parameter of a Content-Type header, both lower case. */
export function parseContentType(header: string): { mediaType: string; charset: string | null } {
  const [type = ''] = header.split(';');
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(header)?.[1] ?? null;
  return { mediaType: type.trim().toLowerCase(), charset: charset?.toLowerCase() ?? null };
}

/**
 * Decodes a body the way a browser would: a byte-order mark wins, then the Content-Type charset,
 * then (for HTML) a `<meta charset>` / `http-equiv` declaration or an XML declaration in the first
 * 1,024 bytes; otherwise UTF-8. JSON is always UTF-8 (RFC 8259). Invalid bytes become U+FFFD.
 */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const { mediaType, charset } = parseContentType(contentType);
  const declared =
    mediaType === 'application/json'
      ? null
      : (charset ?? (HTML_TYPES.has(mediaType) ? sniffCharset(bytes) : null));
  const decoder = decoderFor(bomEncoding(bytes) ?? declared ?? 'utf-8');
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function sniffCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?-->/g, '');
  const label =
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(head)?.[1] ??
    /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  if (!label) return null;
  // A page cannot declare itself UTF-16 in ASCII-compatible bytes; HTML says to read that as UTF-8.
  return /^utf-?16/i.test(label) ? 'utf-8' : label.toLowerCase();
}

// Node 20's TextDecoder reads every "latin1" label as ISO-8859-1, but the Encoding Standard maps
// them all to windows-1252, whose 0x80-0x9F bytes are typographic characters (curly quotes, dashes).
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}
