// history.json in the user-data folder: the last 100 attempts, newest first (fewer when they are
// large), kept by the app's one JSON store (unreadable entries are left out and the original kept;
// a damaged file is set aside).
import path from 'node:path';
import { maskCredentials } from '../../app/credential-mask';
import { MAX_HISTORY, type HistoryEntry } from '../../app/history';
import { HISTORY_ENTRY_KEYS, historyEntrySchema, historyFileSchema } from '../../app/history-schema';
import { MAX_FILE_BYTES } from '../storage/json-file';
import type { StillHeld } from '../storage/folder-taken-over';
import { createJsonStore } from '../storage/json-store';
import { pendingWork } from '../storage/pending-work';
import { hasKeys, looksSecret, unknownKeysReader, type UnknownKeys } from '../storage/unknown-keys';
import { heldEntry, heldNotice, sized, withHeld, type HeldEntry } from './held-entries';

export const HISTORY_FILE = 'history.json';
const KNOWN_KEYS = new Set(Object.keys(historyFileSchema.shape));
const NOTHING_KNOWN: ReadonlySet<string> = new Set();

/**
 * The most the entries may take in the file: well under the size beyond which the next start
 * takes the file for damaged and sets the whole history aside. 100 batch runs of 500 profiles
 * (some 170 KB each) come to more than that. One entry alone needs no cap of its own: a run has at
 * most MAX_PROFILES rows of a few short fields (app/history-schema.ts), some 2.3 MB at the most.
 */
const MAX_ENTRY_BYTES = MAX_FILE_BYTES / 2;

/** Each entry's size in the file, worked out once: an entry is never changed, only replaced. */
const sizes = new WeakMap<HistoryEntry, number>();

function sizeInFile(entry: HistoryEntry): number {
  let size = sizes.get(entry);
  if (size === undefined) {
    // As json-file.ts writes it: two spaces a level, and the entry two levels in (the file's
    // object, its list), so four more spaces on each line; then a comma and a line break.
    const text = JSON.stringify(entry, null, 2);
    const lines = text.split('\n').length;
    size = Buffer.byteLength(text) + 4 * lines + 2;
    sizes.set(entry, size);
  }
  return size;
}

/**
 * The entries kept, newest first: at most MAX_HISTORY, and no more than MAX_ENTRY_BYTES, the
 * oldest dropped first. The newest is always kept, whatever its size.
 */
function kept(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const newest = entries.slice(0, MAX_HISTORY);
  let bytes = 0;
  for (const [index, entry] of newest.entries()) {
    bytes += sizeInFile(entry);
    if (bytes > MAX_ENTRY_BYTES && index > 0) return newest.slice(0, index);
  }
  return newest;
}

/** Entries and batch rows known to hold nothing withoutSecrets masks. */
const clean = new WeakSet<object>();

/**
 * An entry with what looks like a secret or a token in its server text (the error, the host)
 * masked (app/credential-mask.ts), as the reports mask it: in a file read, pasted in by hand; in
 * an answer, a server's. Names are the user's own, as the profiles have them, and left as they are.
 */
function withoutSecrets(entry: HistoryEntry): { entry: HistoryEntry; masked: number } {
  let masked = 0;
  const mask = <R extends { host: string; error: string | null }>(fields: R): R => {
    // A batch run's entry is upserted with every profile checked: its rows are looked at once.
    if (clean.has(fields)) return fields;
    const host = maskCredentials(fields.host);
    const error = fields.error === null ? null : maskCredentials(fields.error);
    const changed = Number(host !== fields.host) + Number(error !== fields.error);
    masked += changed;
    const result =
      changed === 0 ? fields : { ...fields, host: host.slice(0, 300), error: error?.slice(0, 200) ?? null };
    clean.add(result);
    return result;
  };
  const outer = mask(entry);
  const rows = entry.batch?.rows.map(mask);
  if (masked === 0) return { entry, masked };
  return { entry: rows && entry.batch ? { ...outer, batch: { ...entry.batch, rows } } : outer, masked };
}

/** `stillHeld`: whether this process still holds the data folder (storage/folder-taken-over.ts). */
export function createHistoryStore(userDataDir: string, now: () => number = Date.now, stillHeld?: StillHeld) {
  /** Keys a later version added beside the entries (main/storage/unknown-keys.ts). */
  let unknown: UnknownKeys = {};
  /** Entries this version cannot show, kept in the file as they are (held-entries.ts). */
  let held: readonly HeldEntry[] = [];
  /** Fields a later version added to an entry, written back with it (unknown-keys.ts). */
  let extras = new WeakMap<HistoryEntry, UnknownKeys>();
  const store = createJsonStore<HistoryEntry[]>({
    file: path.join(userDataDir, HISTORY_FILE),
    what: 'The history of recent attempts',
    entry: 'attempt in the history',
    entries: 'attempts in the history',
    empty: [],
    parse(data) {
      const shape = historyFileSchema.safeParse(data);
      if (!shape.success) return null;
      const reader = unknownKeysReader();
      const others = reader(shape.data, KNOWN_KEYS);
      if (others === null) return null;
      let secrets = 0;
      // Held entries are vetted apart: within the file's 1 MiB of unknown keys, a few batch runs
      // of hundreds of profiles used it all, and the rest were left out (their size is bounded as
      // the list's, withHeld).
      const vetting = unknownKeysReader(MAX_FILE_BYTES);
      const heldNow: HeldEntry[] = [];
      const extrasNow = new WeakMap<HistoryEntry, UnknownKeys>();
      const entries = shape.data.entries.flatMap((entry) => {
        const object = typeof entry === 'object' && entry !== null && !Array.isArray(entry);
        // A field a later version added does not make the entry unreadable (as on a profile).
        const known = object
          ? Object.fromEntries(Object.entries(entry).filter(([key]) => HISTORY_ENTRY_KEYS.has(key)))
          : entry;
        const parsed = historyEntrySchema.safeParse(known);
        const fields = parsed.success && object ? reader(entry, HISTORY_ENTRY_KEYS) : null;
        if (!parsed.success || fields === null) {
          const later = heldNow.length < MAX_HISTORY ? heldEntry(entry) : null;
          // Within the bounds of what is kept, and never what looks like a secret.
          const vetted = later === null ? null : vetting({ entry }, NOTHING_KNOWN);
          if (vetted !== null && hasKeys(vetted)) heldNow.push(sized(later!));
          else if (vetted === null && looksSecret(entry)) secrets += 1;
          return [];
        }
        const clean = withoutSecrets(parsed.data);
        secrets += clean.masked;
        if (hasKeys(fields)) extrasNow.set(clean.entry, fields);
        return [clean.entry];
      });
      unknown = others;
      held = heldNow;
      extras = extrasNow;
      return {
        value: kept(entries),
        dropped: shape.data.entries.length - entries.length - heldNow.length,
        secrets: secrets + reader.secrets() + vetting.secrets(),
      };
    },
    serialize: (entries) => ({
      ...unknown,
      version: 1,
      entries: withHeld(
        entries.map((entry) => {
          const added = extras.get(entry);
          return added ? { ...entry, ...added } : entry;
        }),
        held,
        sizeInFile,
        MAX_ENTRY_BYTES,
      ),
    }),
    version: 1,
    now,
    ...(stillHeld ? { stillHeld } : {}),
  });
  let entries: Promise<HistoryEntry[]> | null = null;
  // How many times the history has been cleared (in this process, the only one that writes it): a
  // run or a check carries the count from its start (mark), and one that started before a clear
  // is not brought back by its entry. A count, not the wall clock, which may be set back past the
  // clear, so that what starts after it would count as started before it and be dropped.
  let clears = 0;
  // What failed to load is loaded again next time: never an empty list in its place, which the
  // next write would put over the whole history.
  const forget = (failed: Promise<HistoryEntry[]>) => {
    failed.catch(() => {
      if (entries === failed) entries = null;
    });
    return failed;
  };
  // An answer to be looked at again (the data folder is a file) is not held either: a list kept
  // from it would be written over the file's entries once the folder is there.
  const loaded = () =>
    (entries ??= forget(
      store.load().then(({ value, again }) => {
        if (again === true) throw new Error('The data folder is not a folder.');
        return value;
      }),
    ));

  /**
   * The new list is in memory at once (so the window's next listing has it); the file follows,
   * one write after another, each writing the list as it was when the change was made.
   */
  const update = (change: (current: HistoryEntry[]) => HistoryEntry[]) => {
    const next = loaded().then((current) => kept(change(current)));
    entries = forget(next);
    return next.then(async (list) => {
      await store.write(list);
      return list;
    });
  };

  // A batch run changes its entry with every profile checked: the list in memory follows each
  // change at once, while the file is written once per write already under way (not 100 times
  // for 100 profiles, each with its flush to disk).
  let writing = false;
  let writeAgain = false;
  const writeLatest = async () => {
    if (writing) {
      writeAgain = true;
      return;
    }
    writing = true;
    try {
      do {
        writeAgain = false;
        await store.write(await loaded());
      } while (writeAgain);
    } finally {
      writing = false;
    }
  };

  // What is under way, so that the app can wait for it before it goes: an answer's entry is
  // written just after the answer, when a quit or Ctrl-C may already be coming.
  const pending = pendingWork();
  const tracked = <T>(work: Promise<T>): Promise<T> => pending.track(work);

  return {
    list: loaded,
    /** What the user must be told about the file (read once). */
    notices: async () => {
      const { notices } = await store.load();
      return held.length === 0 ? notices : [...notices, heldNotice(held.length)];
    },
    add: (entry: HistoryEntry) => tracked(update((current) => [withoutSecrets(entry).entry, ...current])),
    /**
     * As add, for what may only happen once it is recorded (Reveal secret): if the file is not
     * written, the entry is taken back out of the list, which would otherwise show it as done.
     */
    async record(entry: HistoryEntry): Promise<void> {
      const added = withoutSecrets(entry).entry;
      try {
        await tracked(update((current) => [added, ...current]));
      } catch (error) {
        entries = forget(loaded().then((current) => current.filter((e) => e !== added)));
        throw error;
      }
    },
    /** Taken when something starts whose entry comes later, for its upsert. */
    mark: (): number => clears,
    /**
     * Puts `entry` first, in place of the entry with its id if there is one; an entry of something
     * that started (its `mark`) before the history was last cleared stays cleared.
     */
    upsert(entry: HistoryEntry, mark: number): Promise<void> {
      if (mark < clears) return Promise.resolve();
      entry = withoutSecrets(entry).entry;
      const next = loaded().then((current) => kept([entry, ...current.filter((e) => e.id !== entry.id)]));
      entries = forget(next);
      return tracked(next.then(writeLatest));
    },
    find: async (id: string) => (await loaded()).find((entry) => entry.id === id),
    clear: () => {
      clears += 1;
      // Everything the file holds goes, a later version's keys and attempts too; once it is read
      // (a clear before the first listing would otherwise have them read back in).
      return tracked(
        update(() => {
          unknown = {};
          held = [];
          return [];
        }),
      );
    },
    /** Once every change asked for so far is on disk, or has failed. */
    async settled() {
      await pending.settled();
      await store.settled();
    },
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
