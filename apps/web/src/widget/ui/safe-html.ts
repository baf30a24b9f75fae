/** Elements that can run code, load other documents, rewrite a link (SVG animation) or restyle the widget; removed with their content. */
const DROPPED_ELEMENTS =
  'script,style,link,meta,base,iframe,frame,frameset,object,embed,applet,form,noscript,template,animate,animateMotion,animateTransform,set';

/** Attributes whose value is a URL, checked for `javascript:` and other executable schemes. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'data']);

/**
 * Turns the hub's sanitized content HTML into nodes. The hub already sanitizes with an allowlist;
 * this is a second, defensive pass: parsing inside a `<template>` keeps everything inert (no script
 * runs, no image loads) while scripts, event-handler attributes, style attributes and
 * non-http(s) URLs are stripped. Links open as user-generated content.
 */
export function safeHtmlFragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = trusted(html) as string;
  const fragment = template.content;
  fragment.querySelectorAll(DROPPED_ELEMENTS).forEach((element) => element.remove());
  fragment.querySelectorAll('*').forEach(cleanAttributes);
  fragment.querySelectorAll('a[href]').forEach((link) => {
    link.setAttribute('rel', 'nofollow ugc noopener noreferrer');
    link.setAttribute('target', '_blank');
  });
  return document.importNode(fragment, true);
}

function cleanAttributes(element: Element): void {
  for (const { name, value } of [...element.attributes]) {
    const lower = name.toLowerCase();
    const unsafe = lower.startsWith('on') || lower === 'style' || lower === 'srcset' || (URL_ATTRIBUTES.has(lower) && !isSafeUrl(value));
    if (unsafe) element.removeAttribute(name);
  }
}

/** http(s), mailto and relative URLs; everything else (javascript:, data:, vbscript: …) is refused. */
function isSafeUrl(value: string): boolean {
  // Browsers ignore tabs, newlines and other control characters inside a scheme ("java\tscript:").
  const compact = [...value].filter((char) => char > ' ').join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return !scheme || ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase());
}

interface TrustedTypePolicy {
  createHTML(input: string): unknown;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML(input: string): string }): TrustedTypePolicy;
}

let policy: TrustedTypePolicy | undefined;

/**
 * Under `require-trusted-types-for 'script'` a plain string may not be assigned to `innerHTML`.
 * The `chorus-comments` policy passes the hub's HTML on only into the inert template above,
 * whose result is cleaned before use. Owners allow it with `trusted-types chorus-comments`.
 */
function trusted(html: string): unknown {
  const factory = (window as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return html;
  policy ??= factory.createPolicy('chorus-comments', { createHTML: (input) => input });
  return policy.createHTML(html);
}
