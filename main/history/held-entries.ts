// Attempts in history.json this version cannot show, most likely a newer version's: an outcome, a
// preset or a verdict it added, a field on a batch run's row. Left out and the file rewritten,
// they were gone when the user went back to the newer version (and each new outcome a version
// adds made every attempt that ended so unreadable to the one before). They are kept in the file
// as they are, among the others by their time, and not listed; they age out with the others.
import { MAX_HISTORY } from '../../app/history';

export interface HeldEntry {
  readonly at: number;
  readonly raw: object;
  /** Its size in the file, as history-store.ts's sizeInFile counts the list's. */
  readonly bytes: number;
}

/** Date's range, as the entries' own times (app/history-schema.ts). */
const LAST_TIME = 8.64e15;

/**
 * An entry that is still an attempt, though this version cannot read it whole: an id, a time and
 * an outcome of the kinds every version writes. Anything else unreadable is damage, left out.
 */
export function heldEntry(entry: unknown): Omit<HeldEntry, 'bytes'> | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const { id, at, outcome } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || id.length > 64 || typeof outcome !== 'string' || outcome.length > 200)
    return null;
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0 || at > LAST_TIME) return null;
  return { at, raw: entry };
}

/** Its size in the file: only once it is known to be within the depth kept (unknown-keys.ts). */
export function sized(entry: Omit<HeldEntry, 'bytes'>): HeldEntry {
  const text = JSON.stringify(entry.raw, null, 2);
  return { ...entry, bytes: Buffer.byteLength(text) + 4 * text.split('\n').length + 2 };
}

/**
 * The file's entries: `entries` in their order (newest first), each held entry among them by its
 * time. One older than the oldest of a full list has aged out, as the list's own do; so has one
 * past `maxBytes` (the list's own, of `bytes` each, are kept: they are within it already).
 */
export function withHeld<E extends { readonly at: number }>(
  entries: readonly E[],
  held: readonly HeldEntry[],
  bytes: (entry: E) => number,
  maxBytes: number,
): object[] {
  if (held.length === 0) return [...entries];
  const oldest = entries.length >= MAX_HISTORY ? entries[entries.length - 1]!.at : -Infinity;
  const merged: { readonly at: number; readonly raw: object; readonly bytes?: number }[] = entries.map(
    (e) => ({ at: e.at, raw: e }),
  );
  for (const one of held) {
    if (one.at < oldest) continue;
    const index = merged.findIndex((e) => e.at < one.at);
    merged.splice(index === -1 ? merged.length : index, 0, one);
  }
  let left = maxBytes - entries.reduce((sum, e) => sum + bytes(e), 0);
  return merged.flatMap((e) => {
    if (e.bytes === undefined) return [e.raw];
    left -= e.bytes;
    return left < 0 ? [] : [e.raw];
  });
}

/** Said at each start while the file holds any. */
export function heldNotice(count: number): string {
  const one = count === 1;
  return `${count} ${one ? 'attempt' : 'attempts'} in the history ${one ? 'is' : 'are'} in a form this version of the app cannot show (recorded by a newer version?): kept in the file as ${one ? 'it is' : 'they are'}, not listed.`;
}
