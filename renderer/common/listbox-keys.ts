// The keys of a single-select listbox (WAI-ARIA's listbox pattern), for every list in the window
// that is one: the arrows move the selection, Home and End go to the ends.
import type { KeyboardEvent } from 'react';

/** The option `key` moves to from `index` (-1: none selected) among `count`, or null if it is not a move. */
export function listboxTarget(key: string, index: number, count: number): number | null {
  const last = count - 1;
  if (last < 0) return null;
  if (key === 'ArrowDown') return index < 0 ? 0 : Math.min(index + 1, last);
  if (key === 'ArrowUp') return index < 0 ? last : Math.max(index - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return null;
}

/** Handles a listbox's move keys: true when it did (and the page must not scroll). */
export function moveInListbox(
  event: KeyboardEvent,
  index: number,
  count: number,
  select: (index: number) => void,
): boolean {
  const next = listboxTarget(event.key, index, count);
  if (next === null) return false;
  event.preventDefault();
  if (next !== index) select(next);
  return true;
}
