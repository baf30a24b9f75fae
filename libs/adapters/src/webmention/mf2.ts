import { createRequire } from 'node:module';
import type * as Mf2Parser from 'microformats-parser' with { 'resolution-mode': 'import' };

export type Mf2Document = ReturnType<typeof Mf2Parser.mf2>;
export type Mf2Item = Mf2Document['items'][number];
export type Mf2Value = Mf2Item['properties'][string][number];

// microformats-parser ships CommonJS (dist/index.cjs), but its package.json says "type": "module",
// so TypeScript reads its typings as ESM and refuses a static import from our CommonJS build.
const { mf2 } = createRequire(__filename)('microformats-parser') as typeof Mf2Parser;

/**
 * Pages nested deeper than this are not handed to the tree builder: parse5's tree construction
 * is quadratic in nesting depth and microformats-parser recurses per level, so a hostile page
 * (100,000 nested divs) would take minutes or overflow the stack. Real pages stay far below.
 */
export const MAX_TREE_DEPTH = 256;

/** Parses microformats2, or returns null when the page is too deeply nested to parse safely. */
export function parseMicroformats(html: string, baseUrl: string, depth: number): Mf2Document | null {
  if (depth > MAX_TREE_DEPTH) return null;
  return mf2(html, { baseUrl });
}

export function isItem(value: Mf2Value | undefined): value is Mf2Item {
  return typeof value === 'object' && 'properties' in value;
}

export function hasType(item: Mf2Item, type: string): boolean {
  return item.type?.includes(type) ?? false;
}

/** The plain value of a property value: the string, an image's URL, HTML's text, or an item's `value`. */
export function plainValue(value: Mf2Value | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (isItem(value)) return plainValue(value.value);
  return value.value ?? null;
}

/** The first plain value of a property, trimmed; null when missing or empty. */
export function firstString(item: Mf2Item, property: string): string | null {
  return plainValue(item.properties[property]?.[0])?.trim() || null;
}

/** The first value of a URL property that is an absolute http(s) URL. */
export function firstUrl(item: Mf2Item, property: string): string | null {
  for (const value of item.properties[property] ?? []) {
    const url = httpUrl(isItem(value) ? firstUrl(value, 'url') : plainValue(value));
    if (url) return url;
  }
  return null;
}

/** The URLs a property value stands for: a plain URL, or an embedded item's `url`, `uid` and value. */
export function urlsOf(value: Mf2Value): string[] {
  if (!isItem(value)) return [plainValue(value) ?? ''];
  const own = [...(value.properties.url ?? []), ...(value.properties.uid ?? [])].map(
    (v) => plainValue(v) ?? '',
  );
  return [...own, plainValue(value.value) ?? ''];
}

/** The value as an absolute http(s) URL (resolved against `base` when given), else null. */
export function httpUrl(value: string | null | undefined, base?: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Every item of the document, depth first: top-level items, their `children` and embedded property items. */
export function allItems(document: Mf2Document): Mf2Item[] {
  const found: Mf2Item[] = [];
  const stack = [...document.items].reverse();
  for (let item = stack.pop(); item; item = stack.pop()) {
    found.push(item);
    const nested = [...Object.values(item.properties).flat().filter(isItem), ...(item.children ?? [])];
    for (let index = nested.length - 1; index >= 0; index -= 1) stack.push(nested[index]!);
  }
  return found;
}
