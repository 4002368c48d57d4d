// The profiles file (everything but the secrets): loaded and validated once, then kept in
// memory; every change is written atomically, one at a time, by the app's one JSON store
// (main/storage/json-store.ts), whose rules say what happens to a file that cannot be read.
import path from 'node:path';
import { profileSchema, profilesFileSchema, type Profile } from '../../app/profiles';
import { createJsonStore, type Parsed } from '../storage/json-store';

export const PROFILES_FILE = 'profiles.json';

export interface ProfileStore {
  /** The profiles, and what the user must be told about the file (read once). */
  load(): Promise<{ readonly profiles: readonly Profile[]; readonly notices: readonly string[] }>;
  /** Applies a change and writes the file; changes run one after another. */
  change<T>(apply: (profiles: readonly Profile[]) => { profiles: readonly Profile[]; result: T }): Promise<T>;
}

/** The file's entries that are profiles, each id once; the rest are counted as left out. */
function parseProfiles(data: unknown): Parsed<readonly Profile[]> | null {
  const shape = profilesFileSchema.safeParse(data);
  if (!shape.success) return null;
  const profiles: Profile[] = [];
  const seen = new Set<string>();
  for (const entry of shape.data.profiles) {
    const parsed = profileSchema.safeParse(entry);
    if (parsed.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      profiles.push(parsed.data);
    }
  }
  return { value: profiles, dropped: shape.data.profiles.length - profiles.length };
}

export function createProfileStore(userDataDir: string, now: () => number = Date.now): ProfileStore {
  const store = createJsonStore<readonly Profile[]>({
    file: path.join(userDataDir, PROFILES_FILE),
    what: 'Your saved profiles',
    entry: 'saved profile',
    empty: [],
    parse: parseProfiles,
    serialize: (profiles) => ({ version: 1, profiles }),
    version: 1,
    reassurance: 'Secrets in the keychain were not touched.',
    now,
  });
  return {
    async load() {
      const { value, notices } = await store.load();
      return { profiles: value, notices };
    },
    change: (apply) =>
      store.change((profiles) => {
        const { profiles: next, result } = apply(profiles);
        return { value: next, result };
      }),
  };
}
