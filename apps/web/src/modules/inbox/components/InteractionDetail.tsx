import type { AdminInteraction, InteractionStatus } from '@chorus/shared';
import { SafeHtml } from '../../content/components/SafeHtml';
import { safeHttpUrl } from '../../content/utils/safe-url';
import { Link } from '../../router/components/Link';
import { headline, KIND_LABELS, postLabel, SOURCE_LABELS, STATUS_LABELS } from '../utils/labels';
import { relativeTime } from '../utils/relative-time';
import { Avatar } from './Avatar';
import { SourceIcon } from './SourceIcon';
import { StatusActions } from './StatusActions';

interface InteractionDetailProps {
  item: AdminInteraction;
  onStatus: (status: InteractionStatus) => void;
  onDelete: () => void;
}

/** Everything about one interaction, with its sanitized HTML content. */
export function InteractionDetail({ item, onStatus, onDelete }: InteractionDetailProps) {
  const authorUrl = safeHttpUrl(item.author.url);
  const ownUrl = safeHttpUrl(item.url);
  const sourceUrl = safeHttpUrl(item.sourceUrl);
  return (
    <article className="detail" aria-labelledby="detail-title">
      <header className="detail-header">
        <Avatar author={item.author} size={56} />
        <div>
          <h2 id="detail-title">{headline(item)}</h2>
          <p className="detail-badges">
            <SourceIcon source={item.source} /> {SOURCE_LABELS[item.source]} · {KIND_LABELS[item.kind]} ·{' '}
            <span className={`badge status-${item.status}`}>{STATUS_LABELS[item.status]}</span>
          </p>
        </div>
      </header>
      {item.content ? <SafeHtml className="content" html={item.content.html} /> : <p className="muted">No text: a {KIND_LABELS[item.kind].toLowerCase()}.</p>}
      <dl className="facts">
        <dt>Post</dt>
        <dd>
          <Link to={{ name: 'post', url: item.post }}>{postLabel(item)}</Link>
        </dd>
        <dt>Author</dt>
        <dd>
          {authorUrl ? (
            <a href={authorUrl} rel="noopener noreferrer nofollow ugc" target="_blank">
              {item.author.name ?? authorUrl}
            </a>
          ) : (
            (item.author.name ?? 'Unknown')
          )}
          {item.author.email && <> · {item.author.email}</>}
        </dd>
        {ownUrl && (
          <>
            <dt>Link</dt>
            <dd>
              <a href={ownUrl} rel="noopener noreferrer nofollow ugc" target="_blank">
                {ownUrl}
              </a>
            </dd>
          </>
        )}
        {sourceUrl && sourceUrl !== ownUrl && (
          <>
            <dt>Source</dt>
            <dd>
              <a href={sourceUrl} rel="noopener noreferrer nofollow ugc" target="_blank">
                {sourceUrl}
              </a>
            </dd>
          </>
        )}
        <dt>Received</dt>
        <dd>
          <time dateTime={item.received}>{relativeTime(item.received)}</time> ({new Date(item.received).toLocaleString()})
        </dd>
      </dl>
      {item.verification && (
        <details className="verification">
          <summary>Verification details</summary>
          <pre>{JSON.stringify(item.verification, null, 2)}</pre>
        </details>
      )}
      <StatusActions
        status={item.status}
        onStatus={onStatus}
        onDelete={() => {
          if (confirm('Delete this interaction for good?')) onDelete();
        }}
      />
    </article>
  );
}
