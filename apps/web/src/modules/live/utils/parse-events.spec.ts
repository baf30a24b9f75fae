import { describe, expect, it } from 'vitest';
import { anInteraction } from '../../../test-support/interaction.factory';
import { documentTitle, parseCountsEvent, parseInteractionEvent } from './parse-events';

describe(parseInteractionEvent.name, () => {
  it('should give the event back when the data is a created interaction', () => {
    // Arrange
    const interaction = anInteraction({ id: 9 });

    // Act
    const event = parseInteractionEvent(JSON.stringify({ type: 'created', interaction }));

    // Assert
    expect(event).toEqual({ type: 'created', interaction });
  });

  it('should keep only the id when the data is a deletion', () => {
    expect(parseInteractionEvent('{"type":"deleted","interaction":{"id":4}}')).toEqual({ type: 'deleted', interaction: { id: 4 } });
  });

  it.each(['not json', '{"type":"exploded","interaction":{"id":1,"status":"pending"}}', '{"type":"created"}', 'null'])(
    'should give null when the data is %s',
    (data) => {
      expect(parseInteractionEvent(data)).toBeNull();
    },
  );
});

describe(parseCountsEvent.name, () => {
  it('should read the pending count when the data carries one', () => {
    expect(parseCountsEvent('{"pending":4}')).toEqual({ pending: 4 });
  });

  it('should give null when pending is missing', () => {
    expect(parseCountsEvent('{"approved":4}')).toBeNull();
  });
});

describe(documentTitle.name, () => {
  it('should show the pending count only when there is something pending', () => {
    expect([documentTitle(3), documentTitle(0), documentTitle(null)]).toEqual(['(3) Chorus', 'Chorus', 'Chorus']);
  });
});
