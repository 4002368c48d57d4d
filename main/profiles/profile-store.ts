// The profiles file (everything but the secrets): loaded and validated once, then kept in
// memory; every change is written atomically, one at a time, by the app's one JSON store
// (main/storage/json-store.ts), whose rules say what happens to a file that cannot be read.
import path from 'node:path';
import { profileSchema, profilesFileSchema, type Profile } from '../../app/profiles';
import { readJsonFile } from '../storage/json-file';
import { createJsonStore, laterVersionOf, type JsonStoreOptions, type Parsed } from '../storage/json-store';
import { hasKeys, unknownKeysReader, type UnknownKeys } from '../storage/unknown-keys';

export const PROFILES_FILE = 'profiles.json';
/** The `version` this app writes (app/profiles.ts's file schema reads only this one). */
const FILE_VERSION = 1;

export interface ProfileStore {
  /**
   * The profiles, what the user must be told about the file (read once), and whether it may be
   * written (false: a file left as it is, see the notice; undefined counts as true).
   */
  load(): Promise<{
    readonly profiles: readonly Profile[];
    readonly notices: readonly string[];
    readonly writable?: boolean;
  }>;
  /** Applies a change and writes the file; changes run one after another. */
  change<T>(apply: (profiles: readonly Profile[]) => { profiles: readonly Profile[]; result: T }): Promise<T>;
}

const KNOWN_FIELDS = new Set(Object.keys(profileSchema.shape));
const KNOWN_KEYS = new Set(Object.keys(profilesFileSchema.shape));

/** What this version does not know in the file (main/storage/unknown-keys.ts). */
interface Unknown {
  /** Keys beside `version` and `profiles`. */
  readonly file: UnknownKeys;
  /** Each profile's fields, by profile id. */
  readonly fields: ReadonlyMap<string, UnknownKeys>;
}

/**
 * The file's entries that are profiles, each id once; the rest are counted as left out. With what
 * this version does not know: the file's other keys, and each profile's other fields.
 */
function parseProfiles(data: unknown): (Parsed<readonly Profile[]> & { readonly unknown: Unknown }) | null {
  const shape = profilesFileSchema.safeParse(data);
  if (!shape.success) return null;
  const unknownKeys = unknownKeysReader();
  const file = unknownKeys(shape.data, KNOWN_KEYS);
  if (file === null) return null;
  const profiles: Profile[] = [];
  const fields = new Map<string, UnknownKeys>();
  const seen = new Set<string>();
  for (const entry of shape.data.profiles) {
    const parsed = profileSchema.safeParse(entry);
    // A profile whose unknown fields are beyond the bounds is left out, as one unreadable is.
    const others = parsed.success ? unknownKeys(entry as object, KNOWN_FIELDS) : null;
    if (parsed.success && others !== null && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      profiles.push(parsed.data);
      if (hasKeys(others)) fields.set(parsed.data.id, others);
    }
  }
  return {
    value: profiles,
    dropped: shape.data.profiles.length - profiles.length,
    secrets: unknownKeys.secrets(),
    unknown: { file, fields },
  };
}

/** `whileHeld`: for a process that does not hold the data folder (json-store.ts says why). */
export function createProfileStore(
  userDataDir: string,
  now: () => number = Date.now,
  whileHeld?: JsonStoreOptions<readonly Profile[]>['whileHeld'],
): ProfileStore {
  /**
   * Fields a later version saved on profiles, and keys beside them in the file (without a new file
   * version), which this one does not know: neither damage nor lost. They are left out of the profiles the app uses and written back
   * with their profile, as preferences this version does not know are (main/settings.ts), so that
   * going back and forth between versions does not strip them; also on a profile changed here,
   * since what they mean is that version's to judge. A profile deleted here takes them with it.
   */
  let unknown: Unknown = { file: {}, fields: new Map() };
  const store = createJsonStore<readonly Profile[]>({
    file: path.join(userDataDir, PROFILES_FILE),
    what: 'Your saved profiles',
    entry: 'saved profile',
    empty: [],
    parse(data) {
      const parsed = parseProfiles(data);
      if (parsed !== null) unknown = parsed.unknown;
      return parsed;
    },
    serialize: (profiles) => ({
      ...unknown.file,
      version: FILE_VERSION,
      profiles: profiles.map((profile) => ({ ...profile, ...unknown.fields.get(profile.id) })),
    }),
    version: FILE_VERSION,
    reassurance: 'Secrets in the keychain were not touched.',
    now,
    ...(whileHeld ? { whileHeld } : {}),
  });
  return {
    async load() {
      const { value, notices, writable } = await store.load();
      return { profiles: value, notices, writable };
    },
    change: (apply) =>
      store.change((profiles) => {
        const { profiles: next, result } = apply(profiles);
        return { value: next, result };
      }),
  };
}

/**
 * The profiles file read as it is, changing nothing (no damaged file set aside, no entries left
 * out and the rest rewritten): for `profiles export`, whose copy is the whole file or nothing.
 */
export async function readProfilesFile(
  userDataDir: string,
): Promise<
  | { readonly ok: true; readonly profiles: readonly Profile[] }
  | { readonly ok: false; readonly reason: string }
> {
  const read = await readJsonFile(path.join(userDataDir, PROFILES_FILE));
  if (read.kind === 'missing') return { ok: true, profiles: [] };
  if (read.kind === 'unreadable') return { ok: false, reason: read.reason };
  const later = laterVersionOf(read.data, FILE_VERSION);
  if (later !== null)
    return { ok: false, reason: `a newer version of the app saved it (file version ${later})` };
  const parsed = parseProfiles(read.data);
  if (parsed === null) return { ok: false, reason: 'its contents are not in the expected form' };
  if (parsed.dropped > 0)
    return {
      ok: false,
      reason: `${parsed.dropped} of its profiles could not be read`,
    };
  return { ok: true, profiles: parsed.value };
}
