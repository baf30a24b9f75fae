import { useCallback, useEffect, useRef } from 'react';
import type { InteractionStatus } from '@chorus/shared';
import type { PostRecord } from '../../api/api-types';
import { Link } from '../../router/components/Link';
import { navigate } from '../../router/hooks/useRoute';
import type { Inbox } from '../hooks/useInbox';
import { useInboxKeyboard, type InboxKey } from '../hooks/useInboxKeyboard';
import { useInteraction } from '../hooks/useInteraction';
import { DEFAULT_FILTERS } from '../utils/filters';
import { targetIds } from '../utils/inbox-state';
import { BulkBar } from './BulkBar';
import { FilterBar } from './FilterBar';
import { InteractionDetail } from './InteractionDetail';
import { InteractionRow, rowId } from './InteractionRow';
import { KeyboardHelp } from './KeyboardHelp';

const KEY_STATUS: Partial<Record<InboxKey, InteractionStatus>> = { approve: 'approved', reject: 'rejected', spam: 'spam' };

interface InboxViewProps {
  inbox: Inbox;
  posts: PostRecord[];
  /** The interaction named in the URL (`/inbox/:id`), if any. */
  openId: number | null;
}

/** The list (with filters and bulk actions) and, beside it on wide screens, the open item. */
export function InboxView({ inbox, posts, openId }: InboxViewProps) {
  const { state, dispatch, changeFilters, loadMore, setStatus, remove } = inbox;
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const helpRef = useRef<HTMLDialogElement>(null);

  useInboxKeyboard((key) => {
    const status = KEY_STATUS[key];
    if (status) return void setStatus(targetIds(state), status);
    switch (key) {
      case 'next':
      case 'previous':
        return dispatch({ type: 'focusMoved', by: key === 'next' ? 1 : -1 });
      case 'select':
        return state.focusedId === null ? undefined : dispatch({ type: 'selectionToggled', id: state.focusedId });
      case 'search':
        return searchRef.current?.focus();
      case 'help':
        return helpRef.current?.showModal();
      case 'open':
        return state.focusedId === null ? undefined : navigate({ name: 'interaction', id: state.focusedId });
      case 'approve':
      case 'reject':
      case 'spam':
        return;
    }
  });

  // Keep DOM focus on the focused row (j/k, or its row vanished after a decision), unless the owner is elsewhere.
  useEffect(() => {
    if (state.focusedId === null) return;
    const active = document.activeElement;
    if (active !== document.body && active !== null && !listRef.current?.contains(active)) return;
    const row = document.getElementById(rowId(state.focusedId));
    row?.focus();
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [state.focusedId]);

  const observeEnd = useCallback(
    (node: HTMLButtonElement | null) => {
      if (!node) return;
      const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && loadMore(), {
        rootMargin: '400px',
      });
      observer.observe(node);
      return () => observer.disconnect();
    },
    [loadMore],
  );

  const removeSelected = () => {
    const ids = targetIds(state);
    if (ids.length > 0 && confirm(`Delete ${ids.length === 1 ? 'this interaction' : `${ids.length} interactions`} for good?`)) {
      void remove(ids);
    }
  };

  const detailId = openId ?? state.focusedId;
  const filtered = JSON.stringify(state.filters) !== JSON.stringify(DEFAULT_FILTERS);

  return (
    <div className="inbox" data-detail-open={openId !== null || undefined}>
      <section className="list-pane" aria-labelledby="inbox-title">
        <h1 id="inbox-title">Inbox</h1>
        <FilterBar filters={state.filters} posts={posts} searchRef={searchRef} onChange={changeFilters} />
        <BulkBar
          count={state.selected.size}
          allSelected={state.items.length > 0 && state.selected.size === state.items.length}
          onSelectAll={(selected) => dispatch({ type: 'allSelected', selected })}
          onStatus={(status) => void setStatus([...state.selected], status)}
          onDelete={removeSelected}
        />
        <ul className="rows" ref={listRef} aria-label="Interactions" aria-busy={state.loading}>
          {state.items.map((item) => (
            <InteractionRow
              key={item.id}
              item={item}
              focused={item.id === state.focusedId}
              selected={state.selected.has(item.id)}
              open={item.id === openId}
              onFocus={() => item.id !== state.focusedId && dispatch({ type: 'focused', id: item.id })}
              onToggleSelected={() => dispatch({ type: 'selectionToggled', id: item.id })}
              onStatus={(status) => void setStatus([item.id], status)}
            />
          ))}
        </ul>
        {state.loading && <p className="muted center">Loading…</p>}
        {!state.loading && state.items.length === 0 && (
          <p className="empty">{filtered ? 'Nothing matches these filters.' : 'All caught up: nothing is waiting for you.'}</p>
        )}
        {state.nextCursor !== null && !state.loading && (
          <button key={state.nextCursor} ref={observeEnd} type="button" className="button load-more" onClick={loadMore}>
            Load more
          </button>
        )}
        <p className="muted center hint">
          Press <kbd>?</kbd> for keyboard shortcuts.
        </p>
      </section>
      <section className="detail-pane" aria-label="Selected interaction">
        {openId !== null && (
          <Link to={{ name: 'inbox' }} className="back-link">
            ← Back to inbox
          </Link>
        )}
        {detailId === null ? (
          <p className="muted center">Choose an interaction to see it here.</p>
        ) : (
          <DetailFor id={detailId} inbox={inbox} />
        )}
      </section>
      <KeyboardHelp dialogRef={helpRef} />
    </div>
  );
}

function DetailFor({ id, inbox }: { id: number; inbox: Inbox }) {
  const fromList = inbox.state.items.find((item) => item.id === id);
  const { item, error } = useInteraction(id, fromList, inbox.state.notice ?? '');
  if (error) return <p className="form-error" role="alert">{error}</p>;
  if (!item) return <p className="muted center">Loading…</p>;
  return (
    <InteractionDetail
      key={item.id}
      item={item}
      onStatus={(status) => void inbox.setStatus([item.id], status)}
      onDelete={() => {
        void inbox.remove([item.id]);
        navigate({ name: 'inbox' });
      }}
    />
  );
}
