import { describe, expect, it } from 'vitest';
import type { AdminInteraction } from '@chorus/shared';
import { anInteraction } from '../../../test-support/interaction.factory';
import { DEFAULT_FILTERS } from './filters';
import { inboxReducer, initialInboxState, targetIds, type InboxState } from './inbox-state';

function loadedState(items: AdminInteraction[], overrides: Partial<InboxState> = {}): InboxState {
  const state = inboxReducer(initialInboxState(DEFAULT_FILTERS), {
    type: 'pageLoaded',
    page: { items, nextCursor: null },
    append: false,
  });
  return { ...state, ...overrides };
}

const ids = (state: InboxState) => state.items.map((item) => item.id);

describe(inboxReducer.name, () => {
  const newest = anInteraction({ id: 3, received: '2026-11-21T10:03:00Z' });
  const middle = anInteraction({ id: 2, received: '2026-11-21T10:02:00Z' });
  const oldest = anInteraction({ id: 1, received: '2026-11-21T10:01:00Z' });

  it('should append the next page without duplicates when a page overlaps', () => {
    // Arrange
    const state = loadedState([newest, middle]);

    // Act
    const next = inboxReducer(state, { type: 'pageLoaded', page: { items: [middle, oldest], nextCursor: null }, append: true });

    // Assert
    expect(ids(next)).toEqual([3, 2, 1]);
  });

  it('should take an approved item out of the pending view and focus the next one when approving', () => {
    // Arrange
    const state = loadedState([newest, middle, oldest], { focusedId: 2 });

    // Act
    const next = inboxReducer(state, { type: 'statusChanged', ids: [2], status: 'approved' });

    // Assert
    expect(ids(next)).toEqual([3, 1]);
    expect(next.focusedId).toBe(1);
  });

  it('should keep the item with its new status when the view shows every status', () => {
    // Arrange
    const state = loadedState([newest, middle], { filters: { ...DEFAULT_FILTERS, status: '' } });

    // Act
    const next = inboxReducer(state, { type: 'statusChanged', ids: [3], status: 'spam' });

    // Assert
    expect(next.items.map((item) => [item.id, item.status])).toEqual([
      [3, 'spam'],
      [2, 'pending'],
    ]);
  });

  it('should put items back in order with a message when the server refused a change', () => {
    // Arrange
    const state = inboxReducer(loadedState([newest, middle, oldest]), { type: 'statusChanged', ids: [3, 1], status: 'rejected' });

    // Act
    const next = inboxReducer(state, { type: 'restored', items: [newest, oldest], message: 'Refused.' });

    // Assert
    expect(ids(next)).toEqual([3, 2, 1]);
    expect(next.notice).toBe('Refused.');
  });

  it('should put a live new pending item at the top when it arrives', () => {
    // Arrange
    const state = loadedState([middle, oldest]);

    // Act
    const next = inboxReducer(state, { type: 'eventReceived', event: { type: 'created', interaction: newest } });

    // Assert
    expect(ids(next)).toEqual([3, 2, 1]);
  });

  it('should not insert a live item older than the loaded page when more pages remain', () => {
    // Arrange
    const state = loadedState([newest, middle], { nextCursor: 'more' });

    // Act
    const next = inboxReducer(state, { type: 'eventReceived', event: { type: 'updated', interaction: oldest } });

    // Assert
    expect(ids(next)).toEqual([3, 2]);
  });

  it('should drop a live deleted item and its selection when it is deleted elsewhere', () => {
    // Arrange
    const state = loadedState([newest, middle], { selected: new Set([2, 3]) });

    // Act
    const next = inboxReducer(state, { type: 'eventReceived', event: { type: 'deleted', interaction: { id: 2 } } });

    // Assert
    expect(ids(next)).toEqual([3]);
    expect([...next.selected]).toEqual([3]);
  });

  it('should stop at the ends when moving focus with j and k', () => {
    // Arrange
    let state = loadedState([newest, middle]);

    // Act
    const moves = ([1, 1, 1, -1, -1] as const).map((by) => {
      state = inboxReducer(state, { type: 'focusMoved', by });
      return state.focusedId;
    });

    // Assert
    expect(moves).toEqual([3, 2, 2, 3, 3]);
  });

  it('should toggle an item in and out of the selection when toggled twice', () => {
    // Arrange
    const state = loadedState([newest]);

    // Act
    const once = inboxReducer(state, { type: 'selectionToggled', id: 3 });
    const twice = inboxReducer(once, { type: 'selectionToggled', id: 3 });

    // Assert
    expect([[...once.selected], [...twice.selected]]).toEqual([[3], []]);
  });
});

describe(targetIds.name, () => {
  it('should act on the selection when there is one, else on the focused item', () => {
    // Arrange
    const focusedOnly = { ...initialInboxState(DEFAULT_FILTERS), focusedId: 5 };
    const withSelection = { ...focusedOnly, selected: new Set([1, 2]) };

    // Act / Assert
    expect(targetIds(focusedOnly)).toEqual([5]);
    expect(targetIds(withSelection)).toEqual([1, 2]);
  });
});
