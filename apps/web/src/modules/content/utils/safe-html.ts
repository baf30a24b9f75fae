import { isSafeUrl } from './safe-url';

const DROPPED_ELEMENTS = 'script, style, iframe, frame, frameset, object, embed, link, meta, base, form, noscript, template, svg, math';
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'background', 'cite', 'data']);

/**
 * Parses the server's already-sanitized HTML into an inert `<template>` (nothing runs or loads
 * while it is parsed) and strips anything active once more, as defence in depth.
 */
export function toSafeFragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  const fragment = template.content;
  for (const element of fragment.querySelectorAll(DROPPED_ELEMENTS)) element.remove();
  for (const element of fragment.querySelectorAll('*')) scrubAttributes(element);
  return fragment;
}

function scrubAttributes(element: Element): void {
  for (const { name, value } of [...element.attributes]) {
    const lower = name.toLowerCase();
    const unsafe = lower.startsWith('on') || lower === 'style' || lower === 'srcdoc' || lower === 'srcset';
    if (unsafe || (URL_ATTRIBUTES.has(lower) && !isSafeUrl(value))) element.removeAttribute(name);
  }
  if (element instanceof HTMLAnchorElement) {
    element.target = '_blank';
    element.rel = 'noopener noreferrer nofollow ugc';
  }
}
