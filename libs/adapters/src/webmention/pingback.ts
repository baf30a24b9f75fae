/** Fault codes of Pingback 1.0 and of the XML-RPC fault-code interoperability spec. */
export const PingbackFault = {
  generic: 0,
  sourceNotFound: 16,
  noLinkToTarget: 17,
  targetNotFound: 32,
  targetCannotBeUsed: 33,
  alreadyRegistered: 48,
  accessDenied: 49,
  upstreamError: 50,
  parseError: -32700,
  methodNotFound: -32601,
  invalidParams: -32602,
} as const;

export type PingbackCall = { source: string; target: string } | { fault: number; message: string };

/** A pingback call is two short URLs; anything far larger is not one. */
export const MAX_PINGBACK_CALL_BYTES = 64 * 1024;
const MAX_XML_DEPTH = 16;
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

/**
 * Reads a `pingback.ping(sourceURI, targetURI)` XML-RPC call. Hostile XML is refused rather than
 * processed: any DOCTYPE, entity declaration or CDATA, undefined entities, attributes on the
 * XML-RPC elements, oversized bodies and deep nesting are parse errors; nothing is ever expanded.
 */
export function parsePingbackCall(xml: string): PingbackCall {
  const root = Buffer.byteLength(xml) <= MAX_PINGBACK_CALL_BYTES ? parseXml(xml) : null;
  if (!root || root.name !== 'methodCall')
    return fault(PingbackFault.parseError, 'parse error. not well formed');
  const methodName = child(root, 'methodName')?.text.trim();
  if (methodName !== 'pingback.ping')
    return fault(PingbackFault.methodNotFound, 'server error. requested method not found');
  const params = (child(root, 'params')?.children ?? [])
    .filter((param) => param.name === 'param')
    .map(stringParam);
  const [source, target] = params;
  if (params.length !== 2 || !source || !target) {
    return fault(
      PingbackFault.invalidParams,
      'server error. invalid method parameters: expected sourceURI and targetURI',
    );
  }
  return { source, target };
}

/** The XML-RPC answer for a successful ping. */
export function pingbackResponse(message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param><value><string>${escapeXml(message)}</string></value></param></params></methodResponse>\n`;
}

/** The XML-RPC fault answer, e.g. `pingbackFault(PingbackFault.noLinkToTarget, '…')`. */
export function pingbackFault(code: number, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><fault><value><struct>' +
    `<member><name>faultCode</name><value><int>${Math.trunc(code)}</int></value></member>` +
    `<member><name>faultString</name><value><string>${escapeXml(message)}</string></value></member>` +
    '</struct></value></fault></methodResponse>\n'
  );
}

function fault(code: number, message: string): PingbackCall {
  return { fault: code, message };
}

/** A `<param><value>` holding `<string>…</string>` or bare text (XML-RPC's default type). */
function stringParam(param: XmlElement): string | null {
  const value = child(param, 'value');
  if (!value) return null;
  if (value.children.length === 0) return value.text.trim();
  const string = value.children.length === 1 ? child(value, 'string') : undefined;
  return string && string.children.length === 0 ? string.text.trim() : null;
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

/**
 * A deliberately tiny XML reader for XML-RPC's attribute-free elements: one linear pass,
 * an explicit stack, and only the five predefined entities and numeric references decoded.
 */
function parseXml(xml: string): XmlElement | null {
  const body = xml.replace(/^\uFEFF?\s*<\?xml[^?]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  if (body.includes('<!') || body.includes('<?')) return null;
  const token = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)|(<)/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  for (let match = token.exec(body); match; match = token.exec(body)) {
    const [, closing, name, selfClosing, text, strayBracket] = match;
    const open = stack[stack.length - 1];
    if (strayBracket) return null;
    if (text !== undefined) {
      if (!open) {
        if (text.trim()) return null;
        continue;
      }
      const decoded = decodeEntities(text);
      if (decoded === null) return null;
      open.text += decoded;
    } else if (closing) {
      if (!open || open.name !== name) return null;
      stack.pop();
    } else {
      if (root && !open) return null;
      const element: XmlElement = { name: name ?? '', children: [], text: '' };
      if (open) open.children.push(element);
      else root = element;
      if (!selfClosing) stack.push(element);
      if (stack.length > MAX_XML_DEPTH) return null;
    }
  }
  return root && stack.length === 0 ? root : null;
}

function decodeEntities(text: string): string | null {
  let valid = true;
  const decoded = text.replace(/&([^;&\s]*);?/g, (whole, entity: string) => {
    const code = /^#x[0-9a-f]+$/i.test(entity)
      ? parseInt(entity.slice(2), 16)
      : /^#\d+$/.test(entity)
        ? parseInt(entity.slice(1), 10)
        : NaN;
    const character = Number.isNaN(code)
      ? XML_ENTITIES[entity]
      : code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : undefined;
    if (character === undefined || !whole.endsWith(';')) valid = false;
    return character ?? '';
  });
  return valid ? decoded : null;
}

function escapeXml(text: string): string {
  return withoutControlCharacters(text).replace(
    /[&<>"']/g,
    (c) => `&${Object.keys(XML_ENTITIES).find((name) => XML_ENTITIES[name] === c)};`,
  );
}

/** XML 1.0 cannot carry control characters other than tab, newline and carriage return, escaped or not. */
function withoutControlCharacters(text: string): string {
  return Array.from(text)
    .filter((character) => character >= ' ' || character === '\t' || character === '\n' || character === '\r')
    .join('');
}
