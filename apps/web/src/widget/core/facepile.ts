/** The faces a facepile shows and how many more there are ("+N more"). */
export interface Facepile<T> {
  shown: T[];
  more: number;
}

/**
 * Shows everyone when they fit in `max` slots; otherwise the first `max - 1` faces and a
 * "+N more" tile in the last slot, so the pile never grows wider than `max`.
 */
export function splitFacepile<T>(items: readonly T[], max: number): Facepile<T> {
  const slots = Math.max(1, Math.floor(max));
  if (items.length <= slots) return { shown: [...items], more: 0 };
  const shown = items.slice(0, slots - 1);
  return { shown, more: items.length - shown.length };
}
