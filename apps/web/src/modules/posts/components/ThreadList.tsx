import { SafeHtml } from '../../content/components/SafeHtml';
import { Avatar } from '../../inbox/components/Avatar';
import { SourceIcon } from '../../inbox/components/SourceIcon';
import { headline, STATUS_LABELS } from '../../inbox/utils/labels';
import { relativeTime } from '../../inbox/utils/relative-time';
import { Link } from '../../router/components/Link';
import type { ThreadNode } from '../utils/thread';

/** Replies and mentions, nested as threads. */
export function ThreadList({ nodes }: { nodes: ThreadNode[] }) {
  return (
    <ol className="thread">
      {nodes.map(({ item, replies }) => (
        <li key={item.id}>
          <article className="comment" aria-label={headline(item)} data-status={item.status}>
            <header>
              <Avatar author={item.author} size={32} />
              <Link to={{ name: 'interaction', id: item.id }}>{headline(item)}</Link>
              <SourceIcon source={item.source} />
              <span className={`badge status-${item.status}`}>{STATUS_LABELS[item.status]}</span>
              <time dateTime={item.published ?? item.received}>{relativeTime(item.published ?? item.received)}</time>
            </header>
            {item.content && <SafeHtml className="content" html={item.content.html} />}
          </article>
          {replies.length > 0 && <ThreadList nodes={replies} />}
        </li>
      ))}
    </ol>
  );
}
