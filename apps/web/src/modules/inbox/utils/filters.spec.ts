import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromSearch, filtersToSearch, matchesFilters } from './filters';
import { anInteraction } from '../../../test-support/interaction.factory';

describe(filtersFromSearch.name, () => {
  it('should default to pending when the URL has no status', () => {
    expect(filtersFromSearch('')).toEqual(DEFAULT_FILTERS);
  });

  it('should mean any status when status is present but empty', () => {
    expect(filtersFromSearch('?status=').status).toBe('');
  });

  it('should ignore values that are not a known source or kind', () => {
    expect(filtersFromSearch('?source=fax&kind=like')).toMatchObject({ source: '', kind: 'like' });
  });

  it('should round-trip through filtersToSearch', () => {
    // Arrange
    const filters = { status: 'spam', source: 'email', kind: 'reply', post: 'https://blog.example/a', q: 'hi there' } as const;

    // Act
    const parsed = filtersFromSearch(filtersToSearch(filters));

    // Assert
    expect(parsed).toEqual(filters);
  });
});

describe(matchesFilters.name, () => {
  it('should match a post leniently when the filter URL differs only in scheme and www', () => {
    // Arrange
    const item = anInteraction({ post: 'https://blog.example/a/' });

    // Act / Assert
    expect(matchesFilters(item, { ...DEFAULT_FILTERS, post: 'http://www.blog.example/a' })).toBe(true);
  });

  it('should leave out an approved item when the view shows pending ones', () => {
    expect(matchesFilters(anInteraction({ status: 'approved' }), DEFAULT_FILTERS)).toBe(false);
  });

  it('should leave out deleted items when the view shows any status', () => {
    expect(matchesFilters(anInteraction({ status: 'deleted' }), { ...DEFAULT_FILTERS, status: '' })).toBe(false);
  });

  it('should find the search text in the author name case-insensitively', () => {
    // Arrange
    const item = anInteraction({ author: { name: 'Alice Liddell', url: null, photo: null, email: null } });

    // Act / Assert
    expect(matchesFilters(item, { ...DEFAULT_FILTERS, q: 'liddell' })).toBe(true);
    expect(matchesFilters(item, { ...DEFAULT_FILTERS, q: 'bob' })).toBe(false);
  });
});
