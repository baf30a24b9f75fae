import { describe, expect, it } from 'vitest';
import { splitFacepile } from './facepile';

describe(splitFacepile.name, () => {
  it('should show everyone when the faces fit', () => {
    // Arrange
    const faces = ['a', 'b', 'c'];

    // Act
    const pile = splitFacepile(faces, 3);

    // Assert
    expect(pile).toEqual({ shown: ['a', 'b', 'c'], more: 0 });
  });

  it('should give the last slot to "+N more" when there are more faces than slots', () => {
    const pile = splitFacepile(['a', 'b', 'c', 'd', 'e', 'f'], 4);

    expect(pile).toEqual({ shown: ['a', 'b', 'c'], more: 3 });
  });

  it('should show an empty pile when there is nobody', () => {
    expect(splitFacepile([], 5)).toEqual({ shown: [], more: 0 });
  });

  it('should still count everyone when max is below one', () => {
    expect(splitFacepile(['a', 'b'], 0)).toEqual({ shown: [], more: 2 });
  });
});
