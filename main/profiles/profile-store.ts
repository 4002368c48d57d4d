// The profiles file (everything but the secrets): loaded and validated once, then kept in
// memory; every change is written atomically, one at a time, by the app's one JSON store
// (main/storage/json-store.ts), whose rules say what happens to a file that cannot be read.
import path from 'node:path';
import { PRESET_IDS } from '../../app/endpoints';
import { profileSchema, profilesFileSchema, type Profile } from '../../app/profiles';
import { readJsonFile } from '../storage/json-file';
import type { StillHeld } from '../storage/folder-taken-over';
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
    /**
     * Profiles a later version saved with an endpoint preset this one does not know: not listed,
     * kept in the file as they are (absent when there are none).
     */
    readonly held?: readonly HeldProfile[];
  }>;
  /** Applies a change and writes the file; changes run one after another. */
  change<T>(apply: (profiles: readonly Profile[]) => { profiles: readonly Profile[]; result: T }): Promise<T>;
}

const KNOWN_FIELDS = new Set(Object.keys(profileSchema.shape));
const KNOWN_KEYS = new Set(Object.keys(profilesFileSchema.shape));

/** A profile a later version saved with an endpoint preset this one does not know. */
export interface HeldProfile {
  readonly name: string;
  readonly preset: string;
}

/** What this version does not know in the file (main/storage/unknown-keys.ts). */
interface Unknown {
  /** Keys beside `version` and `profiles`. */
  readonly file: UnknownKeys;
  /** Each profile's fields, by profile id. */
  readonly fields: ReadonlyMap<string, UnknownKeys>;
  /** Profiles of a later version's preset, as they were read (their unknown fields too). */
  readonly held: readonly (Omit<Profile, 'preset'> & { readonly preset: string })[];
}

/**
 * A preset's id as the app names them (v2, sandbox): a "preset" of other text (long, with spaces,
 * or invisible or text-direction characters, which would garble the notice quoting it) is no
 * later version's, but damage.
 */
const PRESET_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/**
 * The preset of a profile a later version saved with a preset this one does not know (a new
 * endpoint), when that is the only thing this version cannot read in it; else null. Such a
 * profile is no damage: left out and the file rewritten, it was gone when the user went back to
 * the later version, its secret left in the keychain without it.
 */
function laterPreset(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const { preset } = entry as { preset?: unknown };
  if (typeof preset !== 'string' || !PRESET_ID.test(preset)) return null;
  if ((PRESET_IDS as readonly string[]).includes(preset)) return null;
  return profileSchema.safeParse({ ...entry, preset: 'custom' }).success ? preset : null;
}

/** Said at each load while the file holds profiles of a later version's presets (never rewritten away). */
export function heldNotice(held: readonly HeldProfile[]): string {
  const one = held.length === 1;
  const presets = [...new Set(held.map((p) => `“${p.preset}”`))].join(', ');
  return `${held.length} saved ${one ? 'profile uses an endpoint' : 'profiles use endpoints'} this version of the app does not know (${presets}), saved by a newer version: ${one ? 'it is' : 'they are'} kept in the file as ${one ? 'it is' : 'they are'}, not listed here. Use the newer version for ${one ? 'it' : 'them'}.`;
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
  const held: Unknown['held'][number][] = [];
  const fields = new Map<string, UnknownKeys>();
  const seen = new Set<string>();
  for (const entry of shape.data.profiles) {
    const preset = laterPreset(entry);
    if (preset !== null) {
      // Its fields as this version reads them, the preset as the later version wrote it.
      const { preset: _custom, ...known } = profileSchema.parse({ ...(entry as object), preset: 'custom' });
      const others = unknownKeys(entry as object, KNOWN_FIELDS);
      if (others !== null && !seen.has(known.id)) {
        seen.add(known.id);
        held.push({ ...known, preset, ...others });
      }
      continue;
    }
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
    dropped: shape.data.profiles.length - profiles.length - held.length,
    secrets: unknownKeys.secrets(),
    unknown: { file, fields, held },
  };
}

/** `whileHeld`: for a process that does not hold the data folder (json-store.ts says why). */
export function createProfileStore(
  userDataDir: string,
  now: () => number = Date.now,
  whileHeld?: JsonStoreOptions<readonly Profile[]>['whileHeld'],
  stillHeld?: StillHeld,
): ProfileStore {
  /**
   * Fields a later version saved on profiles, and keys beside them in the file (without a new file
   * version), which this one does not know: neither damage nor lost. They are left out of the profiles the app uses and written back
   * with their profile, as preferences this version does not know are (main/settings.ts), so that
   * going back and forth between versions does not strip them; also on a profile changed here,
   * since what they mean is that version's to judge. A profile deleted here takes them with it.
   */
  let unknown: Unknown = { file: {}, fields: new Map(), held: [] };
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
      // A later version's presets' profiles after this version's (a profile deleted here is no
      // longer in `profiles`; theirs cannot be deleted here).
      profiles: [
        ...profiles.map((profile) => ({ ...profile, ...unknown.fields.get(profile.id) })),
        ...unknown.held,
      ],
    }),
    version: FILE_VERSION,
    reassurance: 'Secrets in the keychain were not touched.',
    now,
    ...(whileHeld ? { whileHeld } : {}),
    ...(stillHeld ? { stillHeld } : {}),
  });
  return {
    async load() {
      const { value, notices, writable } = await store.load();
      if (unknown.held.length === 0) return { profiles: value, notices, writable };
      const held = unknown.held.map(({ name, preset }) => ({ name, preset }));
      return { profiles: value, notices: [...notices, heldNotice(held)], writable, held };
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
  // Left out, the export would miss them without a word: a backup taken after going back a version.
  const { held } = parsed.unknown;
  if (held.length > 0)
    return {
      ok: false,
      reason: `${held.length} of its profiles ${held.length === 1 ? 'was' : 'were'} saved by a newer version of the app, with an endpoint this version does not know (${[...new Set(held.map((p) => `“${p.preset}”`))].join(', ')})`,
    };
  return { ok: true, profiles: parsed.value };
}
