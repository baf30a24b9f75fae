import type { Author } from '@chorus/shared';
import type { CSSProperties } from 'react';
import { safeHttpUrl } from '../../content/utils/safe-url';

/** A stable hue per name, so initials discs are told apart at a glance. */
function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

/** The author's photo, or their initial on a coloured disc when there is none. */
export function Avatar({ author, size = 40 }: { author: Author; size?: number }) {
  const photo = safeHttpUrl(author.photo);
  if (photo) {
    return <img className="avatar" src={photo} alt="" width={size} height={size} loading="lazy" referrerPolicy="no-referrer" />;
  }
  const name = author.name?.trim() ?? '';
  const style = { width: size, height: size, fontSize: size * 0.42, '--hue': hueOf(name) } as CSSProperties;
  return (
    <span className="avatar avatar-initial" style={style} aria-hidden="true">
      {(name[0] ?? '?').toUpperCase()}
    </span>
  );
}
