import { Tokenizer, TokenizerMode, type Token } from 'parse5';

/** What one linear pass over a source page yields (no tree is built, so hostile nesting costs nothing). */
export interface HtmlScan {
  /** The document base URL: the first `<base href>` resolved against the page URL, else the page URL. */
  baseUrl: string;
  /** Every `href`, `src`, `cite` and `poster` value (but `<base href>`), resolved against `baseUrl`, in document order. */
  links: string[];
  title: string | null;
  /** `<meta name|property|itemprop>` contents by lower-case key; the first occurrence wins. */
  meta: Map<string, string>;
  /** True when the page declares itself deleted with `<meta http-equiv="Status" content="410 Gone">`. */
  gone: boolean;
  /** Deepest element nesting seen (approximate), to decide whether building a tree is safe. */
  depth: number;
}

const LINK_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster']);
const META_KEYS = ['property', 'name', 'itemprop'];
const MAX_TITLE_CHARS = 1_000;
// Elements that never hold children or whose end tag is optional do not deepen the tree.
// prettier-ignore
const FLAT_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'html', 'head', 'body', 'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot',
  'colgroup', 'caption', 'rb', 'rt', 'rp',
]);
// What the tree builder would tell the tokenizer after these start tags (scripting enabled, as microformats-parser parses).
const TEXT_MODES: Record<string, number> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  noscript: TokenizerMode.RAWTEXT,
  title: TokenizerMode.RCDATA,
  textarea: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};

/** Scans an HTML page once with the parse5 tokenizer: links, base, title, meta data and nesting depth. */
export function scanHtml(html: string, pageUrl: string): HtmlScan {
  const rawLinks: string[] = [];
  const meta = new Map<string, string>();
  let base: string | null = null;
  let title = '';
  let titleState: 'before' | 'inside' | 'done' = 'before';
  let gone = false;
  let depth = 0;
  let maxDepth = 0;

  const onText = (token: Token.CharacterToken): void => {
    if (titleState === 'inside' && title.length < MAX_TITLE_CHARS) title += token.chars;
  };
  const tokenizer: Tokenizer = new Tokenizer(
    {},
    {
      onStartTag(token) {
        const attrs = new Map(token.attrs.map((attr) => [attr.name, attr.value]));
        if (token.tagName === 'base') base ??= attrs.get('href') ?? null;
        else for (const [name, value] of attrs) if (LINK_ATTRIBUTES.has(name)) rawLinks.push(value);
        if (token.tagName === 'meta') gone = readMeta(attrs, meta) || gone;
        if (token.tagName === 'title' && titleState === 'before') titleState = 'inside';
        if (!FLAT_ELEMENTS.has(token.tagName)) maxDepth = Math.max(maxDepth, ++depth);
        const mode = TEXT_MODES[token.tagName];
        if (mode !== undefined) tokenizer.state = mode;
      },
      onEndTag(token) {
        if (token.tagName === 'title' && titleState === 'inside') titleState = 'done';
        if (!FLAT_ELEMENTS.has(token.tagName) && depth > 0) depth -= 1;
      },
      onCharacter: onText,
      onWhitespaceCharacter: onText,
      onNullCharacter: () => undefined,
      onComment: () => undefined,
      onDoctype: () => undefined,
      onEof: () => undefined,
    },
  );
  tokenizer.write(html, true);

  const baseUrl = resolve(base ?? '', pageUrl) ?? pageUrl;
  const links = rawLinks.flatMap((link) => resolve(link, baseUrl) ?? []);
  return { baseUrl, links, title: title.replace(/\s+/g, ' ').trim() || null, meta, gone, depth: maxDepth };
}

/** Records a `<meta>` and reports whether it is an HTTP-equivalent `Status: 410`. */
function readMeta(attrs: Map<string, string>, meta: Map<string, string>): boolean {
  const content = attrs.get('content');
  if (content === undefined) return false;
  for (const name of META_KEYS) {
    const key = attrs.get(name)?.trim().toLowerCase();
    if (key && !meta.has(key)) meta.set(key, content.trim());
  }
  return attrs.get('http-equiv')?.trim().toLowerCase() === 'status' && /^\s*410\b/.test(content);
}

function resolve(link: string, base: string): string | null {
  try {
    return new URL(link.trim(), base).href;
  } catch {
    return null;
  }
}
