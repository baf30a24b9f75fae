import { describe, expect, it } from 'vitest';
import { anInteraction } from '../../../test-support/interaction.factory';
import { headline, postLabel } from './labels';

describe(headline.name, () => {
  it('should name the author and the verb when the interaction is a boost', () => {
    expect(headline(anInteraction({ kind: 'repost', author: { name: 'Bob', url: null, photo: null, email: null } }))).toBe('Bob boosted');
  });

  it('should add the answer when the interaction is an RSVP', () => {
    expect(headline(anInteraction({ kind: 'rsvp', rsvp: 'maybe' }))).toBe('Alice RSVPed maybe');
  });

  it('should fall back to a neutral name when the author has none', () => {
    expect(headline(anInteraction({ source: 'email', author: { name: ' ', url: null, photo: null, email: 'x@y.example' } }))).toBe(
      'Someone by email replied',
    );
  });
});

describe(postLabel.name, () => {
  it('should show the URL without scheme when the post has no title', () => {
    expect(postLabel({ post: 'https://www.blog.example/a', postTitle: null })).toBe('blog.example/a');
  });
});
