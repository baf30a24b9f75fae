import { INTERACTION_STATUSES } from '@chorus/shared';
import type { CountsEvent, InteractionEvent } from '../../api/api-types';

const EVENT_TYPES: readonly string[] = ['created', 'updated', 'deleted'];

function parse(data: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The data of an SSE `interaction` event, or null when it is not one we understand. */
export function parseInteractionEvent(data: string): InteractionEvent | null {
  const body = parse(data);
  const interaction = body?.interaction as Record<string, unknown> | undefined;
  if (!body || typeof body.type !== 'string' || !EVENT_TYPES.includes(body.type)) return null;
  if (typeof interaction?.id !== 'number') return null;
  if (body.type === 'deleted') return { type: 'deleted', interaction: { id: interaction.id } };
  if (!(INTERACTION_STATUSES as readonly unknown[]).includes(interaction.status)) return null;
  return body as unknown as InteractionEvent;
}

/** The data of an SSE `counts` event, or null. */
export function parseCountsEvent(data: string): CountsEvent | null {
  const body = parse(data);
  return typeof body?.pending === 'number' ? { pending: body.pending } : null;
}

/** "(3) Chorus" while items wait, "Chorus" when the queue is empty. */
export function documentTitle(pending: number | null): string {
  return pending ? `(${pending}) Chorus` : 'Chorus';
}
