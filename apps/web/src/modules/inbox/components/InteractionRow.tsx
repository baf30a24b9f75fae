import type { AdminInteraction, InteractionStatus } from '@chorus/shared';
import type { MouseEvent } from 'react';
import { Link } from '../../router/components/Link';
import { navigate } from '../../router/hooks/useRoute';
import { relativeTime } from '../utils/relative-time';
import { headline, KIND_LABELS, postLabel, STATUS_LABELS } from '../utils/labels';
import { Avatar } from './Avatar';
import { SourceIcon } from './SourceIcon';
import { StatusActions } from './StatusActions';

interface InteractionRowProps {
  item: AdminInteraction;
  focused: boolean;
  selected: boolean;
  /** Shown in the detail pane. */
  open: boolean;
  onFocus: () => void;
  onToggleSelected: () => void;
  onStatus: (status: InteractionStatus) => void;
}

export const rowId = (id: number) => `interaction-${id}`;

/** One interaction in the list. The preview is plain text, so no third-party markup renders here. */
export function InteractionRow({ item, focused, selected, open, onFocus, onToggleSelected, onStatus }: InteractionRowProps) {
  const title = headline(item);
  const openDetail = (event: MouseEvent<HTMLElement>) => {
    if ((event.target as Element).closest('a, button, input, label')) return;
    navigate({ name: 'interaction', id: item.id });
  };

  return (
    <li>
      <article
        id={rowId(item.id)}
        className="row"
        data-focused={focused || undefined}
        data-selected={selected || undefined}
        tabIndex={focused ? 0 : -1}
        aria-labelledby={`${rowId(item.id)}-title`}
        onFocus={onFocus}
        aria-current={open || undefined}
        onClick={openDetail}
      >
        <input
          type="checkbox"
          className="row-check"
          checked={selected}
          onChange={onToggleSelected}
          aria-label={`Select: ${title}`}
        />
        <Avatar author={item.author} />
        <div className="row-body">
          <h3 className="row-title" id={`${rowId(item.id)}-title`}>
            <SourceIcon source={item.source} />
            <Link to={{ name: 'interaction', id: item.id }}>{title}</Link>
            <span className={`badge kind-${item.kind}`}>{KIND_LABELS[item.kind]}</span>
            {item.status !== 'pending' && <span className={`badge status-${item.status}`}>{STATUS_LABELS[item.status]}</span>}
          </h3>
          {item.content?.text && <p className="row-preview">{item.content.text}</p>}
          <p className="row-meta">
            <span>
              on <Link to={{ name: 'post', url: item.post }}>{postLabel(item)}</Link>
            </span>
            <time dateTime={item.received} title={new Date(item.received).toLocaleString()}>
              {relativeTime(item.received)}
            </time>
          </p>
        </div>
        <StatusActions status={item.status} onStatus={onStatus} compact />
      </article>
    </li>
  );
}
