// What a later version of the app wrote that this one does not know: a preference, a profile's
// field, or a key at the top of a data file. Neither damage nor lost: left out of what this
// version uses and written back as it was, so that going back and forth between versions strips
// nothing (each store keeps them: main/settings.ts, main/profiles/profile-store.ts,
// main/history/history-store.ts).
//
// Within bounds: what is kept is written back indented, where deep nesting grows with its depth
// (a 6 KB file nested 3,000 deep became 18 MB, which the next start took for damaged and set
// aside whole; 20,000 deep could not be written at all). Keys beyond the bounds are not kept:
// the caller treats what holds them as it treats damage (the file, or one profile, set aside
// with a notice), as this version did before it kept anything.

export type UnknownKeys = Readonly<Record<string, unknown>>;

/** The most one file's unknown keys may take, written as the stores write them. */
export const UNKNOWN_KEYS_MAX_BYTES = 1024 * 1024;
/** The deepest nesting kept: far beyond a real setting, small enough to write without a care. */
export const UNKNOWN_KEYS_MAX_DEPTH = 32;

function tooDeep(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= UNKNOWN_KEYS_MAX_DEPTH) return true;
  return Object.values(value).some((inner) => tooDeep(inner, depth + 1));
}

/**
 * A reader of one file's unknown keys, all its calls within one budget (UNKNOWN_KEYS_MAX_BYTES):
 * each call gives the keys of a parsed JSON object that are not in `known`, with their values,
 * or null when they are beyond the bounds.
 */
export function unknownKeysReader(budgetBytes = UNKNOWN_KEYS_MAX_BYTES) {
  let left = budgetBytes;
  return (data: object, known: ReadonlySet<string>): UnknownKeys | null => {
    const keys = Object.fromEntries(Object.entries(data).filter(([key]) => !known.has(key)));
    if (!hasKeys(keys)) return keys;
    if (tooDeep(keys, 0)) return null;
    left -= JSON.stringify(keys, null, 2).length;
    return left >= 0 ? keys : null;
  };
}

/** Has any key at all (an object a later version added nothing to has none). */
export const hasKeys = (keys: UnknownKeys) => Object.keys(keys).length > 0;
