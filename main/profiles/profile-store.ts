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

interface Loaded {
  readonly profiles: readonly Profile[];
  readonly notices: readonly string[];
  /** False when writing would replace a file that could not be kept first. */
  readonly writable: boolean;
}

export function createProfileStore(userDataDir: string, now: () => number = Date.now): ProfileStore {
  const file = path.join(userDataDir, PROFILES_FILE);
  let loaded: Promise<Loaded> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** Loaded, but never to be written over: what is on disk could not be kept safe first. */
  const readOnly = (notice: string): Loaded => ({
    profiles: [],
    notices: [`${notice} Nothing will be saved until the app is restarted with the file readable.`],
    writable: false,
  });

  async function readFromDisk(): Promise<Loaded> {
    await removeStaleTemporaries(file);
    const read = await readJsonFile(file);
    if (read.kind === 'missing') return { profiles: [], notices: [], writable: true };
    // The file may be fine (a lock, permissions): leave it exactly as it is.
    if (read.kind === 'unreadable' && !read.damaged)
      return readOnly(`Your saved profiles could not be loaded because ${read.reason}.`);
    const shape = read.kind === 'ok' ? profilesFileSchema.safeParse(read.data) : null;
    if (!shape?.success) {
      const reason = read.kind === 'unreadable' ? read.reason : 'its contents are not in the expected form';
      const kept = await setAside(file, now());
      if (!kept) return readOnly(`Your saved profiles could not be loaded because ${reason}.`);
      return {
        profiles: [],
        notices: [
          `Your saved profiles could not be loaded because ${reason}. The file was kept as “${kept}” in the app’s data folder; secrets in the keychain were not touched.`,
        ],
        writable: true,
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
    if (skipped === 0) return { profiles, notices: [], writable: true };
    const left = `${skipped} saved profile${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'was' : 'were'} left out.`;
    // Keep the original whole, then carry on with what could be read; if the original cannot be
    // kept, the file is not rewritten (that would lose what was left out).
    const kept = await setAside(file, now());
    if (!kept) return { ...readOnly(left), profiles };
    await writeJsonFileAtomic(file, { version: 1, profiles });
    return {
      profiles,
      notices: [`${left} The original file was kept as “${kept}” in the app’s data folder.`],
      writable: true,
    };
  }

  const load = () => (loaded ??= readFromDisk());

  return {
    async load() {
      const { profiles, notices } = await load();
      return { profiles, notices };
    },
    change<T>(
      apply: (profiles: readonly Profile[]) => { profiles: readonly Profile[]; result: T },
    ): Promise<T> {
      const run = queue.then(async () => {
        const current = await load();
        const { profiles, result } = apply(current.profiles);
        if (profiles !== current.profiles) {
          if (!current.writable) throw new Error('The profiles file is not written over: see the notice.');
          await writeJsonFileAtomic(file, { version: 1, profiles });
          loaded = Promise.resolve({ ...current, profiles });
        }
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
