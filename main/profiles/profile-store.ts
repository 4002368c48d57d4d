// The profiles file (everything but the secrets): loaded and validated once, then kept in
// memory; every change is written atomically, one at a time.
import path from 'node:path';
import { profileSchema, profilesFileSchema, type Profile } from '../../app/profiles';
import { readJsonFile, removeStaleTemporaries, setAside, writeJsonFileAtomic } from '../storage/json-file';

export const PROFILES_FILE = 'profiles.json';

export interface ProfileStore {
  /** The profiles, and what the user must be told about the file (read once). */
  load(): Promise<{ readonly profiles: readonly Profile[]; readonly notices: readonly string[] }>;
  /** Applies a change and writes the file; changes run one after another. */
  change<T>(apply: (profiles: readonly Profile[]) => { profiles: readonly Profile[]; result: T }): Promise<T>;
}

export function createProfileStore(userDataDir: string, now: () => number = Date.now): ProfileStore {
  const file = path.join(userDataDir, PROFILES_FILE);
  let loaded: Promise<{ profiles: readonly Profile[]; notices: string[] }> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function readFromDisk(): Promise<{ profiles: readonly Profile[]; notices: string[] }> {
    await removeStaleTemporaries(file);
    const read = await readJsonFile(file);
    if (read.kind === 'missing') return { profiles: [], notices: [] };
    const shape = read.kind === 'ok' ? profilesFileSchema.safeParse(read.data) : null;
    if (!shape?.success) {
      const reason = read.kind === 'unreadable' ? read.reason : 'its contents are not in the expected form';
      const kept = await setAside(file, now());
      return {
        profiles: [],
        notices: [
          kept
            ? `Your saved profiles could not be loaded because ${reason}. The file was kept as “${kept}” in the app’s data folder; secrets in the keychain were not touched.`
            : `Your saved profiles could not be loaded because ${reason}.`,
        ],
      };
    }
    const profiles: Profile[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (const entry of shape.data.profiles) {
      const parsed = profileSchema.safeParse(entry);
      if (parsed.success && !seen.has(parsed.data.id)) {
        seen.add(parsed.data.id);
        profiles.push(parsed.data);
      } else {
        skipped += 1;
      }
    }
    if (skipped === 0) return { profiles, notices: [] };
    // Keep the original whole, then carry on with what could be read.
    const kept = await setAside(file, now());
    await writeJsonFileAtomic(file, { version: 1, profiles });
    return {
      profiles,
      notices: [
        `${skipped} saved profile${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'was' : 'were'} left out.` +
          (kept ? ` The original file was kept as “${kept}” in the app’s data folder.` : ''),
      ],
    };
  }

  const load = () => (loaded ??= readFromDisk());

  return {
    async load() {
      return load();
    },
    change<T>(
      apply: (profiles: readonly Profile[]) => { profiles: readonly Profile[]; result: T },
    ): Promise<T> {
      const run = queue.then(async () => {
        const current = await load();
        const { profiles, result } = apply(current.profiles);
        if (profiles !== current.profiles) {
          await writeJsonFileAtomic(file, { version: 1, profiles });
          loaded = Promise.resolve({ profiles, notices: current.notices });
        }
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
