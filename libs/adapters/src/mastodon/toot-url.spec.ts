import { describe, expect, it } from 'vitest';
import { tootIdFromUrl } from './toot-url';

describe('tootIdFromUrl', () => {
  const instance = 'https://social.example';

  it.each([
    ['https://social.example/@owner/109404970108594430', '109404970108594430'],
    ['https://social.example/@alice@remote.example/109404970108594431', '109404970108594431'],
    ['https://social.example/users/owner/statuses/109404970108594432', '109404970108594432'],
    ['https://social.example/web/statuses/109404970108594433', '109404970108594433'],
    ['https://social.example/web/@owner/109404970108594434', '109404970108594434'],
    ['https://social.example/notice/AbCd123xYz', 'AbCd123xYz'],
    ['https://SOCIAL.example/@owner/109404970108594435/?utm_source=x#top', '109404970108594435'],
    ['  https://social.example/@owner/109404970108594436  ', '109404970108594436'],
  ])('should find the status id in %s', (url, id) => {
    expect(tootIdFromUrl(url, instance)).toBe(id);
  });

  it.each([
    ['another instance', 'https://other.example/@owner/109404970108594430'],
    ['another port', 'https://social.example:8443/@owner/109404970108594430'],
    ['a profile', 'https://social.example/@owner'],
    ['a status sub-page', 'https://social.example/@owner/109404970108594430/reblogs'],
    ['a hashtag page', 'https://social.example/tags/indieweb'],
    ['not a URL', 'not a url'],
  ])('should give null for %s', (_name, url) => {
    expect(tootIdFromUrl(url, instance)).toBeNull();
  });
});
