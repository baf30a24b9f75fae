import { INTERACTION_KINDS, INTERACTION_SOURCES, INTERACTION_STATUSES } from '@chorus/shared';
import type { ChangeEvent, FormEvent, RefObject } from 'react';
import type { InteractionFilters, PostRecord } from '../../api/api-types';
import { KIND_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../utils/labels';
import { formField } from '../../app/utils/form-field';
import { LabelledOptions } from './LabelledOptions';

interface FilterBarProps {
  filters: InteractionFilters;
  posts: PostRecord[];
  searchRef: RefObject<HTMLInputElement | null>;
  onChange: (filters: InteractionFilters) => void;
}

/** Status, source, kind and post filters plus full-text search. */
export function FilterBar({ filters, posts, searchRef, onChange }: FilterBarProps) {
  const select = (key: 'status' | 'source' | 'kind' | 'post') => (event: ChangeEvent<HTMLSelectElement>) =>
    onChange({ ...filters, [key]: event.target.value });
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...filters, q: formField(event.currentTarget, 'q') });
  };
  const postKnown = filters.post === '' || posts.some((post) => post.url === filters.post);

  return (
    <section className="filters" aria-label="Filters">
      <form role="search" className="search" onSubmit={search}>
        <label htmlFor="search" className="visually-hidden">
          Search
        </label>
        <input
          id="search"
          ref={searchRef}
          name="q"
          type="search"
          placeholder="Search   ( / )"
          defaultValue={filters.q}
          key={filters.q}
          aria-keyshortcuts="/"
        />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <div className="filter-selects">
        <label>
          <span>Status</span>
          <select value={filters.status} onChange={select('status')}>
            <option value="">Any status</option>
            <LabelledOptions values={INTERACTION_STATUSES} labels={STATUS_LABELS} />
          </select>
        </label>
        <label>
          <span>Source</span>
          <select value={filters.source} onChange={select('source')}>
            <option value="">All sources</option>
            <LabelledOptions values={INTERACTION_SOURCES} labels={SOURCE_LABELS} />
          </select>
        </label>
        <label>
          <span>Kind</span>
          <select value={filters.kind} onChange={select('kind')}>
            <option value="">All kinds</option>
            <LabelledOptions values={INTERACTION_KINDS} labels={KIND_LABELS} />
          </select>
        </label>
        <label>
          <span>Post</span>
          <select value={filters.post} onChange={select('post')}>
            <option value="">All posts</option>
            {!postKnown && <option value={filters.post}>{filters.post}</option>}
            {posts.map((post) => (
              <option key={post.url} value={post.url}>
                {post.title ?? post.url}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
