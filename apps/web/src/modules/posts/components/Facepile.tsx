import type { AdminInteraction } from '@chorus/shared';
import { safeHttpUrl } from '../../content/utils/safe-url';
import { Avatar } from '../../inbox/components/Avatar';
import { authorName } from '../../inbox/utils/labels';

/** Avatars of everyone who liked (or boosted) the post, each linking to their profile. */
export function Facepile({ title, items }: { title: string; items: AdminInteraction[] }) {
  if (items.length === 0) return null;
  return (
    <section className="facepile-section" aria-label={title}>
      <h3>
        {title} <span className="muted">({items.length})</span>
      </h3>
      <ul className="facepile">
        {items.map((item) => {
          const href = safeHttpUrl(item.author.url ?? item.url);
          const face = <Avatar author={item.author} size={36} />;
          return (
            <li key={item.id} title={authorName(item)} data-status={item.status}>
              {href ? (
                <a href={href} rel="noopener noreferrer nofollow ugc" target="_blank" aria-label={authorName(item)}>
                  {face}
                </a>
              ) : (
                <span aria-label={authorName(item)}>{face}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
