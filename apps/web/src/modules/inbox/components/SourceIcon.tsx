import type { InteractionSource } from '@chorus/shared';
import { SOURCE_LABELS } from '../utils/labels';

const PATHS: Record<InteractionSource, string> = {
  // Two chain links.
  webmention: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  // A curved arrow pointing back.
  pingback: 'M9 7 4 12l5 5M4 12h10a6 6 0 0 1 6 6',
  // A speech bubble (Mastodon's shape, simplified).
  mastodon: 'M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-7l-5 4v-4H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2ZM8 13V9m4 4V9m4 4V9',
  // An envelope.
  email: 'M3 6h18v12H3zM3 7l9 6 9-6',
};

export function SourceIcon({ source }: { source: InteractionSource }) {
  return (
    <svg className={`source-icon source-${source}`} viewBox="0 0 24 24" role="img" aria-label={SOURCE_LABELS[source]}>
      <title>{SOURCE_LABELS[source]}</title>
      <path d={PATHS[source]} />
    </svg>
  );
}
