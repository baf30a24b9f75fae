import type { AdminInteraction, AdminInteractionPage, InteractionStatus } from '@chorus/shared';
import type { InteractionEvent, InteractionFilters } from '../../api/api-types';
import { matchesFilters } from './filters';

export interface InboxState {
  filters: InteractionFilters;
  items: AdminInteraction[];
  nextCursor: string | null;
  loading: boolean;
  selected: ReadonlySet<number>;
  focusedId: number | null;
  notice: string | null;
}

export type InboxAction =
  | { type: 'filtersChanged'; filters: InteractionFilters }
  | { type: 'pageLoaded'; page: AdminInteractionPage; append: boolean }
  | { type: 'loadFailed'; message: string }
  | { type: 'statusChanged'; ids: number[]; status: InteractionStatus }
  | { type: 'removed'; ids: number[] }
  | { type: 'restored'; items: AdminInteraction[]; message: string }
  | { type: 'eventReceived'; event: InteractionEvent }
  | { type: 'focused'; id: number | null }
  | { type: 'focusMoved'; by: 1 | -1 }
  | { type: 'selectionToggled'; id: number }
  | { type: 'allSelected'; selected: boolean }
  | { type: 'noticeShown'; message: string | null };

export function initialInboxState(filters: InteractionFilters): InboxState {
  return { filters, items: [], nextCursor: null, loading: true, selected: new Set(), focusedId: null, notice: null };
}

/** Newest received first, as the server sorts; ids break ties. */
function newerFirst(a: AdminInteraction, b: AdminInteraction): number {
  return b.received.localeCompare(a.received) || b.id - a.id;
}

/** Puts an item where it belongs in the view, or takes it out when it no longer matches. */
function place(state: InboxState, item: AdminInteraction): AdminInteraction[] {
  const others = state.items.filter((existing) => existing.id !== item.id);
  if (!matchesFilters(item, state.filters)) return others;
  const last = others.at(-1);
  // Beyond the last loaded item the next page will bring it; inserting it now would duplicate it.
  const known = others.length < state.items.length;
  if (!known && state.nextCursor !== null && last && newerFirst(item, last) > 0) return others;
  return [...others, item].sort(newerFirst);
}

/** After items leave the view, focus the one that took the focused item's place. */
function keepFocus(state: InboxState, items: AdminInteraction[]): number | null {
  if (state.focusedId === null || items.some((item) => item.id === state.focusedId)) return state.focusedId;
  const remaining = new Set(items.map((item) => item.id));
  const oldIndex = state.items.findIndex((item) => item.id === state.focusedId);
  const following = state.items.slice(oldIndex + 1).find((item) => remaining.has(item.id));
  return following?.id ?? items.at(-1)?.id ?? null;
}

function withItems(state: InboxState, items: AdminInteraction[]): InboxState {
  const ids = new Set(items.map((item) => item.id));
  const selected = new Set([...state.selected].filter((id) => ids.has(id)));
  return { ...state, items, selected, focusedId: keepFocus(state, items) };
}

function moveFocus(state: InboxState, by: 1 | -1): number | null {
  if (state.items.length === 0) return null;
  const index = state.items.findIndex((item) => item.id === state.focusedId);
  const next = index === -1 ? 0 : Math.min(Math.max(index + by, 0), state.items.length - 1);
  return state.items[next]?.id ?? null;
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'filtersChanged':
      return { ...initialInboxState(action.filters), notice: state.notice };
    case 'pageLoaded': {
      const loaded = action.append ? [...state.items, ...action.page.items] : action.page.items;
      const unique = [...new Map(loaded.map((item) => [item.id, item])).values()];
      return { ...withItems(state, unique), nextCursor: action.page.nextCursor, loading: false };
    }
    case 'loadFailed':
      return { ...state, loading: false, notice: action.message };
    case 'statusChanged': {
      let next = state;
      for (const item of state.items.filter((candidate) => action.ids.includes(candidate.id))) {
        next = { ...next, items: place(next, { ...item, status: action.status }) };
      }
      return withItems(state, next.items);
    }
    case 'removed':
      return withItems(state, state.items.filter((item) => !action.ids.includes(item.id)));
    case 'restored': {
      let next = state;
      for (const item of action.items) next = { ...next, items: place(next, item) };
      return { ...withItems(state, next.items), notice: action.message };
    }
    case 'eventReceived': {
      const { event } = action;
      const items =
        event.type === 'deleted' ? state.items.filter((item) => item.id !== event.interaction.id) : place(state, event.interaction);
      return withItems(state, items);
    }
    case 'focused':
      return { ...state, focusedId: action.id };
    case 'focusMoved':
      return { ...state, focusedId: moveFocus(state, action.by) };
    case 'selectionToggled': {
      const selected = new Set(state.selected);
      if (!selected.delete(action.id)) selected.add(action.id);
      return { ...state, selected };
    }
    case 'allSelected':
      return { ...state, selected: new Set(action.selected ? state.items.map((item) => item.id) : []) };
    case 'noticeShown':
      return { ...state, notice: action.message };
  }
}

/** The ids an action key applies to: the selection if there is one, else the focused item. */
export function targetIds(state: InboxState): number[] {
  if (state.selected.size > 0) return [...state.selected];
  return state.focusedId === null ? [] : [state.focusedId];
}
