import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { InteractionStatus } from '@chorus/shared';
import { api } from '../../api/api';
import { errorMessage } from '../../api/api-error';
import type { InteractionEvent, InteractionFilters } from '../../api/api-types';
import { filtersFromSearch, filtersToSearch } from '../utils/filters';
import { inboxReducer, initialInboxState, type InboxAction, type InboxState } from '../utils/inbox-state';
import { STATUS_DONE } from '../utils/labels';

const PAGE_SIZE = 30;

export interface Inbox {
  state: InboxState;
  dispatch: (action: InboxAction) => void;
  changeFilters: (filters: InteractionFilters) => void;
  loadMore: () => void;
  setStatus: (ids: number[], status: InteractionStatus) => Promise<void>;
  remove: (ids: number[]) => Promise<void>;
  applyEvent: (event: InteractionEvent) => void;
}

function plural(count: number): string {
  return count === 1 ? '1 interaction' : `${count} interactions`;
}

/** The moderation queue: paged loading, optimistic status changes with rollback, live updates. */
export function useInbox(): Inbox {
  const [state, dispatch] = useReducer(inboxReducer, filtersFromSearch(location.search), initialInboxState);
  const stateRef = useRef(state);
  stateRef.current = state;
  // Answers to superseded requests (the filters changed meanwhile) are dropped.
  const latestRequest = useRef(0);

  const load = useCallback(async (filters: InteractionFilters, cursor: string | null) => {
    const request = ++latestRequest.current;
    try {
      const page = await api.listInteractions(filters, cursor, PAGE_SIZE);
      if (request === latestRequest.current) dispatch({ type: 'pageLoaded', page, append: cursor !== null });
    } catch (error) {
      if (request === latestRequest.current) dispatch({ type: 'loadFailed', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    void load(stateRef.current.filters, null);
  }, [load]);

  const changeFilters = useCallback(
    (filters: InteractionFilters) => {
      if (location.pathname === '/') history.replaceState(null, '', `/${filtersToSearch(filters)}`);
      dispatch({ type: 'filtersChanged', filters });
      void load(filters, null);
    },
    [load],
  );

  const loadMore = useCallback(() => {
    const { nextCursor, loading, filters } = stateRef.current;
    if (nextCursor === null || loading) return;
    void load(filters, nextCursor);
  }, [load]);

  const setStatus = useCallback(async (ids: number[], status: InteractionStatus) => {
    if (ids.length === 0) return;
    const previous = stateRef.current.items.filter((item) => ids.includes(item.id));
    dispatch({ type: 'statusChanged', ids, status });
    try {
      if (ids.length === 1) await api.setStatus(ids[0]!, status);
      else await api.bulkStatus(ids, status);
      dispatch({ type: 'noticeShown', message: `${STATUS_DONE[status]}: ${plural(ids.length)}.` });
    } catch (error) {
      dispatch({ type: 'restored', items: previous, message: `Not changed: ${errorMessage(error)}` });
    }
  }, []);

  const remove = useCallback(async (ids: number[]) => {
    const previous = stateRef.current.items.filter((item) => ids.includes(item.id));
    dispatch({ type: 'removed', ids });
    const results = await Promise.allSettled(ids.map((id) => api.deleteInteraction(id)));
    const failedIds = ids.filter((_, index) => results[index]?.status === 'rejected');
    const failed = previous.filter((item) => failedIds.includes(item.id));
    const firstFailure = results.find((result) => result.status === 'rejected');
    if (firstFailure) {
      dispatch({ type: 'restored', items: failed, message: `Not deleted: ${errorMessage(firstFailure.reason)}` });
    } else {
      dispatch({ type: 'noticeShown', message: `Deleted: ${plural(ids.length)}.` });
    }
  }, []);

  const applyEvent = useCallback((event: InteractionEvent) => dispatch({ type: 'eventReceived', event }), []);

  return { state, dispatch, changeFilters, loadMore, setStatus, remove, applyEvent };
}
