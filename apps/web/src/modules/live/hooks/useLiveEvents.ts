import { useEffect, useEffectEvent } from 'react';
import { api } from '../../api/api';
import type { CountsEvent, InteractionEvent } from '../../api/api-types';
import { parseCountsEvent, parseInteractionEvent } from '../utils/parse-events';

interface LiveHandlers {
  onInteraction: (event: InteractionEvent) => void;
  onCounts: (counts: CountsEvent) => void;
}

/** Follows `GET /api/admin/events` while mounted; EventSource reconnects by itself. */
export function useLiveEvents({ onInteraction, onCounts }: LiveHandlers): void {
  const interaction = useEffectEvent((message: MessageEvent<string>) => {
    const event = parseInteractionEvent(message.data);
    if (event) onInteraction(event);
  });
  const counts = useEffectEvent((message: MessageEvent<string>) => {
    const event = parseCountsEvent(message.data);
    if (event) onCounts(event);
  });

  useEffect(() => {
    const source = new EventSource(api.url('events'));
    source.addEventListener('interaction', interaction);
    source.addEventListener('counts', counts);
    return () => source.close();
  }, []);
}
