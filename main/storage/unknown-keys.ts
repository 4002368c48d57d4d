// What a later version of the app wrote that this one does not know: a preference, a profile's
// field, or a key at the top of a data file. Neither damage nor lost: left out of what this
// version uses and written back as it was, so that going back and forth between versions strips
// nothing (each store keeps them: main/settings.ts, main/profiles/profile-store.ts,
// main/history/history-store.ts).

export type UnknownKeys = Readonly<Record<string, unknown>>;

/** The keys of a parsed JSON object that are not in `known`, with their values. */
export function unknownKeys(data: object, known: ReadonlySet<string>): UnknownKeys {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !known.has(key)));
}

/** Has any key at all (an object a later version added nothing to has none). */
export const hasKeys = (keys: UnknownKeys) => Object.keys(keys).length > 0;
