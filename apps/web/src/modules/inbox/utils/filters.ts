import {
  INTERACTION_KINDS,
  INTERACTION_SOURCES,
  INTERACTION_STATUSES,
  isSamePost,
  type AdminInteraction,
  type InteractionKind,
  type InteractionSource,
  type InteractionStatus,
} from '@chorus/shared';
import type { InteractionFilters } from '../../api/api-types';

export const DEFAULT_FILTERS: InteractionFilters = { status: 'pending', source: '', kind: '', post: '', q: '' };

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** Filters live in the inbox URL's query so a view can be bookmarked and survives reloads. */
export function filtersFromSearch(search: string): InteractionFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  return {
    // An explicit empty `status=` means "any status"; no parameter means the default, pending.
    status: status === null ? DEFAULT_FILTERS.status : oneOf<InteractionStatus>(INTERACTION_STATUSES, status),
    source: oneOf<InteractionSource>(INTERACTION_SOURCES, params.get('source')),
    kind: oneOf<InteractionKind>(INTERACTION_KINDS, params.get('kind')),
    post: params.get('post') ?? '',
    q: params.get('q') ?? '',
  };
}

export function filtersToSearch(filters: InteractionFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== DEFAULT_FILTERS.status) params.set('status', filters.status);
  for (const key of ['source', 'kind', 'post', 'q'] as const) {
    if (filters[key]) params.set(key, filters[key]);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * Whether an interaction belongs in the current view, for live events and optimistic moves.
 * Full-text search is approximated by a case-insensitive substring match.
 */
export function matchesFilters(item: AdminInteraction, filters: InteractionFilters): boolean {
  if (filters.status ? item.status !== filters.status : item.status === 'deleted') return false;
  if (filters.source && item.source !== filters.source) return false;
  if (filters.kind && item.kind !== filters.kind) return false;
  if (filters.post && !isSamePost(item.post, filters.post)) return false;
  if (filters.q) {
    const haystack = [item.author.name, item.author.url, item.content?.text, item.postTitle, item.url].join(' ').toLowerCase();
    if (!haystack.includes(filters.q.toLowerCase())) return false;
  }
  return true;
}
