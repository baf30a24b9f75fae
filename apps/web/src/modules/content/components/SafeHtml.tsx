import { useCallback } from 'react';
import { toSafeFragment } from '../utils/safe-html';

interface SafeHtmlProps {
  /** Sanitized HTML from the server (`content.html`). */
  html: string;
  className?: string;
}

/** Renders third-party HTML without ever handing it to React's `dangerouslySetInnerHTML`. */
export function SafeHtml({ html, className }: SafeHtmlProps) {
  const fill = useCallback((node: HTMLDivElement | null) => node?.replaceChildren(toSafeFragment(html)), [html]);
  return <div className={className} ref={fill} />;
}
