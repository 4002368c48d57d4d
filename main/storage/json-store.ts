// One JSON file in the data folder, with the rules every store of the app follows:
// - a file that cannot be read (permissions, a lock, a folder in its place) may be perfectly fine:
//   it is left exactly as it is and nothing is saved over it;
// - only a file proven damaged (not JSON, not in the expected form) is set aside, under a new
//   name, before anything replaces it; if it cannot be set aside, nothing is saved over it;
// - entries that could not be read are left out, and the original is kept beside the new file;
// - a secret pasted in by hand is never written back, nor copied: the original is moved aside
//   (secrets-aside.ts);
// - temporary files a crash left mid-write are removed;
// - the data folder is private to the user (0700);
// - each of these is told to the user, once, in words that say what happened to the file.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readJsonFile, removeStaleTemporaries, staleTemporaries, writeJsonFileAtomic } from './json-file';
import { TAKEN_OVER, TAKEN_OVER_BY, type StillHeld } from './folder-taken-over';
import { ensurePrivateFolder } from './private-folder';
import { withoutSecrets } from './secrets-aside';
import { FOLDER_NOTE, keepCopy, NOT_UNTIL_WRITABLE, notWritten, setAside } from './set-aside';

export interface Parsed<T> {
  readonly value: T;
  /** How many entries could not be read and were left out. */
  readonly dropped: number;
  /**
   * How many values that look like a secret or a token (pasted in by hand: the app never writes
   * one to its files) were left out or masked. The original is then moved aside, never copied.
   */
  readonly secrets?: number;
}

export interface JsonStoreOptions<T> {
  readonly file: string;
  /** What the file holds, as the start of a sentence: "Your saved profiles". */
  readonly what: string;
  /** A word for one dropped entry, e.g. "saved profile". */
  readonly entry: string;
  /** The words for several, when not `entry` and an "s": "attempts in the history". */
  readonly entries?: string;
  readonly empty: T;
  /** The value, or null when the contents are not in the expected form. */
  parse(data: unknown): Parsed<T> | null;
  /**
   * The `version` this app writes, for files that carry one: a file of a later version (saved by a
   * newer app, then this older one started) is left as it is, not taken for a damaged file.
   */
  readonly version?: number;
  serialize(value: T): unknown;
  /** Said after a notice about a damaged file, e.g. that the keychain was not touched. */
  readonly reassurance?: string;
  readonly now?: () => number;
  /** How the file is written; only tests replace it (to make a write fail). */
  readonly writeFile?: (file: string, data: unknown) => Promise<void>;
  /**
   * For a process that does not hold the data folder (the command line's commands that only
   * read): `work` run while holding it, or, when another process holds it now, which one ("browser
   * mode, process 123"). Before a file is set aside or rewritten, the folder is held and the file
   * read again: read once without it, a damaged file replaced by the holder (an import) between
   * that read and the rename was the import's new file set aside as damaged, its profiles gone
   * from where the app looks and their secrets left in the keychain without them. Without this
   * option, the process is taken to hold the folder (the window, an import).
   */
  readonly whileHeld?: <R>(
    work: () => Promise<R>,
  ) => Promise<{ held: true; value: R } | { held: false; by: string }>;
  /** For a process that holds the data folder: whether it still does, asked before each change is written. */
  readonly stillHeld?: StillHeld;
}

export interface Loaded<T> {
  readonly value: T;
  readonly notices: readonly string[];
  /** False when writing would replace a file that could not be kept first. */
  readonly writable: boolean;
  /** True when the next use looks again (the data folder is a file): nothing to hold on to. */
  readonly again?: boolean;
}

export interface JsonStore<T> {
  load(): Promise<Loaded<T>>;
  /** The notices, the first time they are asked for; none after that. */
  takeNotices(): Promise<readonly string[]>;
  /**
   * Applies a change to the value as it is once every change before it is done, and writes the
   * result if it differs; refuses to write when the file must not be replaced.
   */
  change<R>(apply: (value: T) => { value: T; result: R }): Promise<R>;
  /** Writes the value, after any change before it. */
  write(value: T): Promise<void>;
  /** Once every change asked for so far is on disk, or has failed. */
  settled(): Promise<void>;
}

export class NotWritable extends Error {
  /** `message`: instead of the usual one (the data folder taken over: folder-taken-over.ts). */
  constructor(what: string, message?: string) {
    // "Your saved profiles" -> "your saved profiles"; "The history of…" -> "the history of…".
    super(
      message ??
        `The file of ${what.replace(/^(Your|The) /, (first: string) => first.toLowerCase())} is not written over: see the notice.`,
    );
    this.name = 'NotWritable';
  }
}

/** The `version` a file's contents name, when it is later than `known` (a newer app saved it). */
export function laterVersionOf(data: unknown, known: number): number | null {
  if (typeof data !== 'object' || data === null) return null;
  const { version } = data as { version?: unknown };
  return typeof version === 'number' && Number.isSafeInteger(version) && version > known ? version : null;
}

export function createJsonStore<T>(options: JsonStoreOptions<T>): JsonStore<T> {
  const { file, what, entry, empty, now = Date.now, writeFile = writeJsonFileAtomic } = options;
  const reassurance = options.reassurance ? ` ${options.reassurance}` : '';
  let loaded: Promise<Loaded<T>> | null = null;
  let noticesTaken = false;
  let queue: Promise<unknown> = Promise.resolve();
  // A holder asks whether it still holds the folder before it sets a file aside or rewrites it as
  // it loads: loaded first after another program took the folder over, it did so to that
  // program's files (a copy kept and the file rewritten, its temporaries removed).
  const { stillHeld } = options;
  const whileHeld: JsonStoreOptions<T>['whileHeld'] =
    options.whileHeld ??
    (stillHeld &&
      (async (work) =>
        (await stillHeld()) ? { held: true, value: await work() } : { held: false, by: TAKEN_OVER_BY }));

  const readOnly = (
    value: T,
    notice: string,
    after = 'Nothing will be saved until the app is restarted with the file readable.',
  ): Loaded<T> => ({
    value,
    notices: [`${notice} The file was left as it is. ${after}`],
    writable: false,
  });

  /**
   * What a process that does not hold the data folder does where the file must be set aside or
   * rewritten: the same, read afresh, while holding it; or, while another process holds it, the
   * file left as it is (`value` read from it, nothing saved).
   */
  async function heldOrLeft(
    whileHeld: NonNullable<JsonStoreOptions<T>['whileHeld']>,
    value: T,
    notice: string,
  ): Promise<Loaded<T>> {
    const answer = await whileHeld(() => readFromDisk(true));
    if (answer.held) return answer.value;
    return readOnly(
      value,
      notice,
      `Another process is using the data folder now (${answer.by}), so nothing is changed from here.`,
    );
  }

  /** `held`: this process holds the data folder (or is taken to: see whileHeld). */
  async function readFromDisk(held = whileHeld === undefined): Promise<Loaded<T>> {
    // A folder that is not there holds no file: nothing is made just to read (a listing or a
    // preview writes nothing; the first write makes it).
    const folder = await stat(path.dirname(file)).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ENOTDIR' ? null : Promise.reject(error),
    );
    if (folder === null) return { value: empty, notices: [], writable: true };
    if (!folder.isDirectory()) {
      // Said, and looked at again on the next use: moving the file away mends it without a restart.
      const answer = readOnly(
        empty,
        `${what} could not be loaded because the data folder “${path.dirname(file)}” is a file, not a folder.`,
        'Nothing will be saved there: give another data folder, or move that file away.',
      );
      return { ...answer, again: true };
    }
    await ensurePrivateFolder(path.dirname(file));
    // Only by a process holding the folder: another's removal could take the temporary file of a
    // write of the holder's that is slow to finish (a network drive), and fail that write.
    if (held || !whileHeld) await removeStaleTemporaries(file, now());
    else if ((await staleTemporaries(file, now())).length > 0)
      await whileHeld(() => removeStaleTemporaries(file, now()));
    const read = await readJsonFile(file);
    if (read.kind === 'missing') return { value: empty, notices: [], writable: true };
    if (read.kind === 'unreadable' && !read.damaged) {
      return readOnly(
        empty,
        `${what} could not be loaded because the file ${read.reason.replace(/^it /, '')}.`,
      );
    }
    const later = read.kind === 'ok' ? laterVersion(read.data) : null;
    if (later !== null) {
      return readOnly(
        empty,
        `${what} could not be loaded because a newer version of the app saved them (file version ${later}; this version reads ${options.version}).`,
        'Nothing will be saved over it: use the newer version, or move the file out of the data folder to start afresh here.',
      );
    }
    const parsed = read.kind === 'ok' ? options.parse(read.data) : null;
    if (parsed === null) {
      const reason = ofTheFile(
        read.kind === 'unreadable' ? read.reason : 'its contents are not in the expected form',
      );
      if (!held && whileHeld)
        return heldOrLeft(whileHeld, empty, `${what} could not be loaded because ${reason}.`);
      const kept = await setAside(file, now());
      if (kept.name === null)
        return readOnly(
          empty,
          `${what} could not be loaded because ${reason}, and it could not be set aside: ${notWritten(kept.problem)}.`,
          NOT_UNTIL_WRITABLE,
        );
      return {
        value: empty,
        notices: [
          `${what} could not be loaded because ${reason}. The file was kept as “${kept.name}” ${FOLDER_NOTE}.${reassurance}`,
        ],
        writable: true,
      };
    }
    const lossy = read.kind === 'ok' && read.lossy === true;
    const secrets = parsed.secrets ?? 0;
    if (parsed.dropped === 0 && !lossy && secrets === 0)
      return { value: parsed.value, notices: [], writable: true };
    const { dropped } = parsed;
    const left = [
      ...(lossy
        ? [
            `Some characters in the file of ${lowerFirst(what)} are not UTF-8 (saved by another program, in another encoding) and read as “\uFFFD”.`,
          ]
        : []),
      ...(dropped > 0
        ? [
            `${dropped} ${dropped === 1 ? entry : (options.entries ?? `${entry}s`)} could not be read and ${dropped === 1 ? 'was' : 'were'} left out.`,
          ]
        : []),
      ...(secrets > 0
        ? [
            `${secrets} ${secrets === 1 ? 'value that looks' : 'values that look'} like a secret or a token (pasted into the file of ${lowerFirst(what)}?) ${secrets === 1 ? 'was' : 'were'} left out: the app keeps secrets in the keychain only, never in its files.`,
          ]
        : []),
    ].join(' ');
    if (!held && whileHeld) return heldOrLeft(whileHeld, parsed.value, left);
    if (secrets > 0)
      return withoutSecrets(
        {
          file,
          now,
          write: () => writeFile(file, options.serialize(parsed.value)),
          leftAsItIs: (notice) => readOnly(parsed.value, notice, NOT_UNTIL_WRITABLE),
        },
        parsed.value,
        left,
      );
    // Keep a copy of the original whole, then carry on with what could be read. The original stays
    // in place until the shorter version has replaced it atomically: if that write fails, the next
    // start finds the same file and says the same again, instead of finding nothing at all. If no
    // copy can be kept, the file is not rewritten (that would lose what was left out).
    const kept = await keepCopy(file, now());
    if (kept.name === null)
      return readOnly(
        parsed.value,
        `${left} No copy of the file could be kept: ${notWritten(kept.problem)}.`,
        NOT_UNTIL_WRITABLE,
      );
    const rewritten = await writeFile(file, options.serialize(parsed.value)).then(
      () => true,
      () => false,
    );
    const after = rewritten ? '' : ' The file itself could not be rewritten now and is still as it was.';
    return {
      value: parsed.value,
      notices: [`${left} The original file was kept as “${kept.name}” ${FOLDER_NOTE}.${after}`],
      writable: true,
    };
  }

  const laterVersion = (data: unknown) =>
    options.version === undefined ? null : laterVersionOf(data, options.version);

  // A read that failed outright (not a file that could not be read: that is an answer), or a data
  // folder that is a file, is tried again next time, rather than leaving the store broken until
  // the app restarts.
  const load = () =>
    (loaded ??= readFromDisk().then(
      (answer) => {
        if (answer.again === true) loaded = null;
        return answer;
      },
      (error: unknown) => {
        loaded = null;
        throw error;
      },
    ));

  return {
    load,
    async takeNotices() {
      const { notices } = await load();
      if (noticesTaken) return [];
      noticesTaken = true;
      return notices;
    },
    change,
    write: (value) => change(() => ({ value, result: undefined })),
    async settled() {
      for (let last = queue; ; last = queue) {
        await last;
        if (last === queue) return;
      }
    },
  };

  function change<R>(apply: (value: T) => { value: T; result: R }): Promise<R> {
    const run = queue.then(async () => {
      const current = await load();
      const { value, result } = apply(current.value);
      if (value !== current.value) {
        if (!current.writable) throw new NotWritable(what);
        if (options.stillHeld && !(await options.stillHeld())) throw new NotWritable(what, TAKEN_OVER);
        await ensurePrivateFolder(path.dirname(file));
        await writeFile(file, options.serialize(value));
        loaded = Promise.resolve({ ...current, value });
      }
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }
}

/** A reason about "it" (json-file.ts) said of the file: "Your saved profiles … because the file is …". */
const lowerFirst = (what: string) => what.replace(/^(Your|The) /, (first) => first.toLowerCase());

function ofTheFile(reason: string): string {
  return reason.replace(/^its? /, (it) => (it === 'its ' ? 'the file’s ' : 'the file '));
}
