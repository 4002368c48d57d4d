// The one set of rules for the app's data files, held by each of them on real files in temporary
// folders: settings, history, profiles and the window's state.
import { execFileSync } from 'node:child_process';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/settings';
import { createHistoryStore, HISTORY_FILE } from '../../main/history/history-store';
import { writeJsonFileAtomic, writeJsonFileAtomicSync } from '../../main/storage/json-file';
import { createJsonStore } from '../../main/storage/json-store';
import { createProfileStore, PROFILES_FILE } from '../../main/profiles/profile-store';
import { createSettingsStore, SETTINGS_FILE } from '../../main/settings';
import { loadWindowState, rememberWindowState, WINDOW_STATE_FILE } from '../../main/window-state';
import { makeReadOnly } from '../support/read-only-folder';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function dataFolder(): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'stores-'));
  folders.push(parent);
  const dir = path.join(parent, 'Telstra Token Tester');
  await mkdir(dir);
  return dir;
}

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

/** Each store, as the rules see it: load it, read its notices, try one change. */
interface Subject {
  readonly file: string;
  open(dir: string): { notices(): Promise<readonly string[]>; change(): Promise<unknown> };
}

const SUBJECTS: ReadonlyArray<readonly [string, Subject]> = [
  [
    'settings',
    {
      file: SETTINGS_FILE,
      open(dir) {
        const store = createSettingsStore(dir, () => NOW);
        return { notices: store.notices, change: () => store.update({ notifyBeforeExpiry: false }) };
      },
    },
  ],
  [
    'history',
    {
      file: HISTORY_FILE,
      open(dir) {
        const store = createHistoryStore(dir, () => NOW);
        return { notices: store.notices, change: () => store.clear() };
      },
    },
  ],
  [
    'profiles',
    {
      file: PROFILES_FILE,
      open(dir) {
        const store = createProfileStore(dir, () => NOW);
        return {
          notices: async () => (await store.load()).notices,
          change: () => store.change(() => ({ profiles: [], result: null })),
        };
      },
    },
  ],
];

describe.each(SUBJECTS)('the %s file', (_name, subject) => {
  it('is left alone when it cannot be read, and nothing is saved over it', async () => {
    const dir = await dataFolder();
    // A read that fails (a folder where the file should be) says nothing about the contents.
    await mkdir(path.join(dir, subject.file));
    await writeFile(path.join(dir, subject.file, 'inside'), 'kept');
    const store = subject.open(dir);
    const notices = await store.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be loaded because the file is not a regular file/);
    expect(notices[0]).toMatch(/left as it is\. Nothing will be saved/);
    await expect(store.change()).rejects.toThrow(/not written over/);
    expect(await readdir(dir)).toEqual([subject.file]);
    expect(await readFile(path.join(dir, subject.file, 'inside'), 'utf8')).toBe('kept');
  });

  it.each([
    ['a named pipe', (file: string) => void execFileSync('mkfifo', [file])],
    ['a link to /dev/zero', (file: string) => symlink('/dev/zero', file)],
  ])('is left alone, without waiting or reading forever, when it is %s', async (_what, make) => {
    const dir = await dataFolder();
    const file = path.join(dir, subject.file);
    await make(file);
    const store = subject.open(dir);
    const notices = await store.notices();
    expect(notices).toEqual([
      expect.stringMatching(/because the file is not a regular file .*left as it is/),
    ]);
    await expect(store.change()).rejects.toThrow(/not written over/);
    expect(await readdir(dir)).toEqual([subject.file]);
    const info = await lstat(file);
    expect(info.isFIFO() || info.isSymbolicLink()).toBe(true);
  });

  it('leaves a link to a file that is not there (a drive not mounted) as it is', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, subject.file);
    const elsewhere = path.join(await dataFolder(), 'unmounted', subject.file);
    await symlink(elsewhere, file);
    const store = subject.open(dir);
    expect(await store.notices()).toEqual([
      expect.stringMatching(/because the file is a link to a file that is not there/),
    ]);
    await expect(store.change()).rejects.toThrow(/not written over/);
    expect(await readlink(file)).toBe(elsewhere);
  });

  it('writes through a link to the file it names, and the link stays', async () => {
    const dir = await dataFolder();
    const elsewhere = await dataFolder();
    // A valid file, as the store itself writes it, in another folder.
    await subject.open(elsewhere).change();
    const target = path.join(elsewhere, subject.file);
    const old = new Date(NOW - 60_000);
    await utimes(target, old, old);
    await symlink(target, path.join(dir, subject.file));
    const store = subject.open(dir);
    expect(await store.notices()).toEqual([]);
    await store.change();
    expect((await lstat(path.join(dir, subject.file))).isSymbolicLink()).toBe(true);
    expect((await stat(target)).mtimeMs).toBeGreaterThan(old.getTime());
    expect(await readdir(dir)).toEqual([subject.file]);
  });

  // Root can make a folder another user's and still write in it, as the case needs.
  it.skipIf(process.getuid?.() !== 0)(
    'in a folder someone else could change, replaces a link instead of writing through it',
    async () => {
      const dir = await dataFolder();
      const elsewhere = await dataFolder();
      await subject.open(elsewhere).change();
      const target = path.join(elsewhere, subject.file);
      const before = (await stat(target)).ino;
      await symlink(target, path.join(dir, subject.file));
      await chown(dir, 4321, 4321);
      await chmod(dir, 0o777);
      const store = subject.open(dir);
      await store.notices();
      await store.change();
      expect((await lstat(path.join(dir, subject.file))).isFile()).toBe(true);
      // Not replaced (a write through the link renames a new file over it).
      expect((await stat(target)).ino).toBe(before);
    },
  );

  it('writes through a link also when the data folder is itself a link (moved to a synced folder)', async () => {
    const real = await dataFolder();
    // As a umask of 002 (Fedora, Ubuntu's per-user groups) makes it: tightened where it leads.
    await chmod(real, 0o775);
    const dir = path.join(path.dirname(real), 'linked data');
    await symlink(real, dir);
    const elsewhere = await dataFolder();
    await subject.open(elsewhere).change();
    const target = path.join(elsewhere, subject.file);
    const before = (await stat(target)).ino;
    await symlink(target, path.join(real, subject.file));
    const store = subject.open(dir);
    expect(await store.notices()).toEqual([]);
    await store.change();
    expect((await lstat(path.join(real, subject.file))).isSymbolicLink()).toBe(true);
    expect((await stat(target)).ino).not.toBe(before);
    expect((await stat(real)).mode & 0o777).toBe(0o700);
  });

  it('reads a file saved with a byte-order mark (as some Windows editors do) as it is', async () => {
    const dir = await dataFolder();
    await subject.open(dir).change();
    const file = path.join(dir, subject.file);
    const written = await readFile(file, 'utf8');
    await writeFile(file, `\uFEFF${written}`);
    expect(await subject.open(dir).notices()).toEqual([]);
    expect(await readdir(dir)).toEqual([subject.file]);
  });

  it('sets a file too large to be its own aside', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, subject.file);
    // Sparse: 17 MB that take no room on the disk.
    await writeFile(file, '');
    await truncate(file, 17 * 1024 * 1024);
    const notices = await subject.open(dir).notices();
    expect(notices).toEqual([expect.stringMatching(/because the file is too large\. The file was kept as/)]);
  });

  it('is set aside only when proven damaged, and the notice names where it went', async () => {
    const dir = await dataFolder();
    await writeFile(path.join(dir, subject.file), '{"version": 1, "entr');
    const store = subject.open(dir);
    const notices = await store.notices();
    const kept = `${path.parse(subject.file).name}.damaged-2026-01-02T03-04-05-000Z.json`;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('because the file is not valid JSON');
    expect(notices[0]).toContain(`kept as “${kept}”`);
    expect(await readFile(path.join(dir, kept), 'utf8')).toBe('{"version": 1, "entr');
    await store.change();
    expect((await readdir(dir)).sort()).toEqual([kept, subject.file].sort());
  });

  it('sets a second damaged file aside beside the first, not over it, when the clock repeats the moment', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, subject.file);
    await writeFile(file, '{"first": ');
    const first = await subject.open(dir).notices();
    await writeFile(file, '{"second": ');
    // Another start at the same moment by the clock (set back, or coarse).
    const second = await subject.open(dir).notices();
    const keptAs = (notice = '') => /kept as “([^”]+)”/.exec(notice)?.[1] ?? '';
    const { name } = path.parse(subject.file);
    expect(keptAs(first[0])).toBe(`${name}.damaged-2026-01-02T03-04-05-000Z.json`);
    expect(keptAs(second[0])).toBe(`${name}.damaged-2026-01-02T03-04-05-000Z-2.json`);
    expect(await readFile(path.join(dir, keptAs(first[0])), 'utf8')).toBe('{"first": ');
    expect(await readFile(path.join(dir, keptAs(second[0])), 'utf8')).toBe('{"second": ');
  });

  it('says a damaged file it cannot set aside is left because the data folder cannot be written', async (context) => {
    const dir = await dataFolder();
    const file = path.join(dir, subject.file);
    await writeFile(file, '{"version": 1, "entr');
    const writable = await makeReadOnly(dir);
    if (writable === null) return context.skip();
    try {
      const store = subject.open(dir);
      const notices = await store.notices();
      expect(notices).toEqual([
        expect.stringMatching(
          /because the file is not valid JSON, and it could not be set aside: the data folder could not be written \((permission denied|not permitted)\)\. The file was left as it is\. Nothing will be saved until the app is restarted with the data folder writable\.$/,
        ),
      ]);
      await expect(store.change()).rejects.toThrow(/not written over/);
      expect(await readdir(dir)).toEqual([subject.file]);
      expect(await readFile(file, 'utf8')).toBe('{"version": 1, "entr');
    } finally {
      await writable();
    }
  });

  it('loses the temporary files a crash left behind, not a write in progress', async () => {
    const dir = await dataFolder();
    const stale = path.join(dir, `${subject.file}.0123456789ab.tmp`);
    const fresh = path.join(dir, `${subject.file}.ba9876543210.tmp`);
    await writeFile(stale, '{"half":');
    await writeFile(fresh, '{"half":');
    // Ten minutes old, and one second old, by the store's clock.
    const old = new Date(NOW - 10 * 60_000);
    await utimes(stale, old, old);
    await utimes(fresh, new Date(NOW - 1000), new Date(NOW - 1000));
    const store = subject.open(dir);
    expect(await store.notices()).toEqual([]);
    expect(await readdir(dir)).toEqual([path.basename(fresh)]);
  });

  it('tightens a data folder others could read to the user alone', async () => {
    const dir = await dataFolder();
    // As Electron leaves it: 0755, with Chromium's files in it.
    await writeFile(path.join(dir, 'Local State'), '{}');
    await chmod(dir, 0o755);
    await subject.open(dir).notices();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('keeps a data folder’s special bits when it tightens it, and Electron’s own files count as its', async () => {
    const dir = await dataFolder();
    await mkdir(path.join(dir, 'Local Storage'));
    await writeFile(path.join(dir, 'Preferences'), '{}');
    await chmod(dir, 0o2775);
    await subject.open(dir).notices();
    expect((await stat(dir)).mode & 0o7777).toBe(0o2700);
  });

  it('leaves alone a folder that holds anything else (a mistyped --user-data-dir: a shared folder, a home)', async () => {
    for (const [mode, foreign] of [
      [0o2775, 'team-notes.txt'],
      [0o1777, 'someone-elses-file'],
      [0o755, '.bashrc'],
      [0o2775, 'Team Notes.txt'],
      [0o755, 'Documents'],
      [0o2775, null],
    ] as const) {
      const dir = await dataFolder();
      // null: an empty folder someone else made is not the app's yet either.
      if (foreign !== null) await writeFile(path.join(dir, foreign), 'not the app’s');
      await chmod(dir, mode);
      await subject.open(dir).change();
      expect((await stat(dir)).mode & 0o7777, String(foreign)).toBe(mode);
      // What the app writes there is still the user's alone.
      expect((await stat(path.join(dir, subject.file))).mode & 0o777, String(foreign)).toBe(0o600);
    }
  });
});

describe('the history file with some unreadable entries', () => {
  it('keeps the readable ones, keeps the original beside it and says so', async () => {
    const dir = await dataFolder();
    const original = JSON.stringify({ version: 1, entries: [{ nonsense: true }] });
    await writeFile(path.join(dir, HISTORY_FILE), original);
    const store = createHistoryStore(dir, () => NOW);
    expect(await store.list()).toEqual([]);
    const notices = await store.notices();
    expect(notices[0]).toMatch(/^1 attempt in the history could not be read and was left out\. The original/);
    expect(await readFile(path.join(dir, 'history.damaged-2026-01-02T03-04-05-000Z.json'), 'utf8')).toBe(
      original,
    );
  });
});

describe('a file with unreadable entries found twice at the same moment', () => {
  it('keeps a copy of each original, the second beside the first, and rewrites the file both times', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, HISTORY_FILE);
    const withNonsense = (n: number) => JSON.stringify({ version: 1, entries: [{ nonsense: n }] });
    await writeFile(file, withNonsense(1));
    expect(await createHistoryStore(dir, () => NOW).notices()).toEqual([
      expect.stringContaining('kept as “history.damaged-2026-01-02T03-04-05-000Z.json”'),
    ]);
    await writeFile(file, withNonsense(2));
    expect(await createHistoryStore(dir, () => NOW).notices()).toEqual([
      expect.stringContaining('kept as “history.damaged-2026-01-02T03-04-05-000Z-2.json”'),
    ]);
    expect(await readFile(path.join(dir, 'history.damaged-2026-01-02T03-04-05-000Z.json'), 'utf8')).toBe(
      withNonsense(1),
    );
    expect(await readFile(path.join(dir, 'history.damaged-2026-01-02T03-04-05-000Z-2.json'), 'utf8')).toBe(
      withNonsense(2),
    );
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, entries: [] });
  });
});

describe('a file with unreadable entries in a data folder that takes no new file', () => {
  it('is not rewritten without them, and the notice says the folder, not the file, is the trouble', async (context) => {
    const dir = await dataFolder();
    const original = JSON.stringify({ version: 1, entries: [{ nonsense: true }] });
    await writeFile(path.join(dir, HISTORY_FILE), original);
    const writable = await makeReadOnly(dir);
    if (writable === null) return context.skip();
    try {
      const store = createHistoryStore(dir, () => NOW);
      expect(await store.notices()).toEqual([
        expect.stringMatching(
          /^1 attempt in the history could not be read and was left out\. No copy of the file could be kept: the data folder could not be written \((permission denied|not permitted)\)\. The file was left as it is\. Nothing will be saved until the app is restarted with the data folder writable\.$/,
        ),
      ]);
      expect(await readFile(path.join(dir, HISTORY_FILE), 'utf8')).toBe(original);
    } finally {
      await writable();
    }
  });
});

describe('a file with bytes that are not UTF-8 (a name saved in another encoding)', () => {
  it('is read, with the characters as U+FFFD, and the original kept beside it and said', async () => {
    const dir = await dataFolder();
    const at = NOW;
    const original = Buffer.concat([
      Buffer.from('{"version":1,"profiles":[{"id":"8a6f0b7e-3c1d-4f2a-9b5e-1d2c3b4a5f60","name":"Caf'),
      Buffer.from([0xe9]),
      Buffer.from(
        `","clientId":"cafe-id","preset":"v3","tokenUrl":"","grantType":"client_credentials","scope":"","createdAt":${at},"updatedAt":${at}}]}`,
      ),
    ]);
    await writeFile(path.join(dir, PROFILES_FILE), original);
    const store = createProfileStore(dir, () => NOW);
    const loaded = await store.load();
    expect(loaded.profiles.map((p) => p.name)).toEqual(['Caf\uFFFD']);
    expect(loaded.notices).toEqual([
      expect.stringMatching(
        /^Some characters in the file of your saved profiles are not UTF-8 .* read as “\uFFFD”\. The original file was kept as “profiles\.damaged-2026-01-02T03-04-05-000Z\.json” in the app’s data folder\.$/,
      ),
    ]);
    expect(await readFile(path.join(dir, 'profiles.damaged-2026-01-02T03-04-05-000Z.json'))).toEqual(
      original,
    );
  });

  it('that is valid UTF-8, U+FFFD and all, is read as it is, without a word', async () => {
    const dir = await dataFolder();
    await writeFile(path.join(dir, SETTINGS_FILE), '{"notifyBeforeExpiry":true,"note":"\uFFFD"}');
    const store = createSettingsStore(dir, () => NOW);
    expect(await store.notices()).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([SETTINGS_FILE]);
  });
});

describe('a file with unreadable entries whose rewrite fails', () => {
  // Numbers are the entries; anything else is an entry that cannot be read.
  const optionsOf = (dir: string) => ({
    file: path.join(dir, 'numbers.json'),
    what: 'The numbers',
    entry: 'number',
    empty: [] as number[],
    parse: (data: unknown) =>
      Array.isArray(data)
        ? {
            value: data.filter((x): x is number => typeof x === 'number'),
            dropped: data.filter((x) => typeof x !== 'number').length,
          }
        : null,
    serialize: (value: number[]) => value,
    now: () => NOW,
  });

  it('leaves the original where it was, so the next start finds it and says so again', async () => {
    const dir = await dataFolder();
    const original = JSON.stringify([1, 'x', 2]);
    await writeFile(path.join(dir, 'numbers.json'), original);
    const failing = createJsonStore({
      ...optionsOf(dir),
      writeFile: () => Promise.reject(new Error('ENOSPC: no space left on device')),
    });
    expect((await failing.load()).value).toEqual([1, 2]);
    expect((await failing.takeNotices())[0]).toMatch(
      /^1 number could not be read and was left out\. The original file was kept as “numbers\.damaged-.*could not be rewritten now/,
    );
    expect(await readFile(path.join(dir, 'numbers.json'), 'utf8')).toBe(original);

    const nextStart = createJsonStore({ ...optionsOf(dir), now: () => NOW + 1000 });
    expect((await nextStart.load()).value).toEqual([1, 2]);
    expect((await nextStart.takeNotices())[0]).toMatch(/^1 number could not be read and was left out/);
    expect(JSON.parse(await readFile(path.join(dir, 'numbers.json'), 'utf8'))).toEqual([1, 2]);
    const copies = (await readdir(dir)).filter((name) => name.startsWith('numbers.damaged-'));
    expect(copies).toHaveLength(2);
    for (const copy of copies) expect(await readFile(path.join(dir, copy), 'utf8')).toBe(original);
  });
});

describe.each([
  ['profiles', PROFILES_FILE, '{"version": 2, "profiles": [{"id": "from-later", "colour": "blue"}]}'],
  ['history', HISTORY_FILE, '{"version": 3, "entries": [], "pinned": []}'],
] as const)('the %s file saved by a newer version of the app', (name, file, text) => {
  it('is left as it is and not written over, not taken for a damaged file', async () => {
    const dir = await dataFolder();
    await writeFile(path.join(dir, file), text);
    const subject = SUBJECTS.find(([n]) => n === name)![1].open(dir);
    const notices = await subject.notices();
    expect(notices).toEqual([
      expect.stringMatching(
        /because a newer version of the app saved them \(file version \d; this version reads 1\)\. The file was left as it is\. Nothing will be saved over it/,
      ),
    ]);
    await expect(subject.change()).rejects.toThrow(/not written over/);
    expect(await readdir(dir)).toEqual([file]);
    expect(await readFile(path.join(dir, file), 'utf8')).toBe(text);
  });
});

describe('a store whose folder cannot be made at first', () => {
  it('says so when the data folder is a file, and tries again on the next use instead of until the app restarts', async () => {
    const parent = await dataFolder();
    const dir = path.join(parent, 'data');
    await writeFile(dir, 'a file where the folder should be');
    const store = createJsonStore({
      file: path.join(dir, 'numbers.json'),
      what: 'The numbers',
      entry: 'number',
      empty: [] as number[],
      parse: (data: unknown) => (Array.isArray(data) ? { value: data as number[], dropped: 0 } : null),
      serialize: (value: number[]) => value,
      now: () => NOW,
    });
    const first = await store.load();
    expect(first).toMatchObject({ value: [], writable: false });
    expect(first.notices).toEqual([
      `The numbers could not be loaded because the data folder “${dir}” is a file, not a folder. The file was left as it is. Nothing will be saved there: give another data folder, or move that file away.`,
    ]);
    await expect(store.write([1])).rejects.toThrow(/not written over/);
    await rm(dir);
    expect((await store.load()).value).toEqual([]);
    await store.write([1]);
    expect(JSON.parse(await readFile(path.join(dir, 'numbers.json'), 'utf8'))).toEqual([1]);
  });
});

describe('the settings file', () => {
  it('gives the defaults after a damaged file, and says they apply', async () => {
    const dir = await dataFolder();
    await writeFile(path.join(dir, SETTINGS_FILE), '[1, 2]');
    const store = createSettingsStore(dir, () => NOW);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    expect((await store.notices())[0]).toMatch(/not in the expected form.*The defaults are used/);
  });
});

describe('the window state file', () => {
  const window = (bounds = { x: 1, y: 2, width: 1000, height: 700 }) => {
    let onClose = () => undefined as void;
    return {
      on: (_event: 'close', listener: () => void) => void (onClose = listener),
      getNormalBounds: () => bounds,
      isMaximized: () => false,
      close: () => onClose(),
    };
  };

  it('is left alone when it cannot be read, and not written over on close', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, WINDOW_STATE_FILE);
    await mkdir(file);
    const saved = loadWindowState(file, NOW);
    expect(saved).toEqual({ state: null, writable: false });
    const shown = window();
    rememberWindowState(shown, file, saved.writable);
    shown.close();
    expect((await stat(file)).isDirectory()).toBe(true);
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('is set aside when damaged, and written afresh on close', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, WINDOW_STATE_FILE);
    await writeFile(file, 'not json');
    const saved = loadWindowState(file, NOW);
    expect(saved).toEqual({ state: null, writable: true });
    const shown = window();
    rememberWindowState(shown, file, saved.writable);
    shown.close();
    expect(loadWindowState(file, NOW).state).toMatchObject({ width: 1000, height: 700 });
    expect(await readFile(path.join(dir, 'window-state.damaged-2026-01-02T03-04-05-000Z.json'), 'utf8')).toBe(
      'not json',
    );
  });

  it('is set aside beside an earlier copy made at the same moment, not over it', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, WINDOW_STATE_FILE);
    await writeFile(file, 'first');
    loadWindowState(file, NOW);
    await writeFile(file, 'second');
    expect(loadWindowState(file, NOW).writable).toBe(true);
    expect(await readFile(path.join(dir, 'window-state.damaged-2026-01-02T03-04-05-000Z.json'), 'utf8')).toBe(
      'first',
    );
    expect(
      await readFile(path.join(dir, 'window-state.damaged-2026-01-02T03-04-05-000Z-2.json'), 'utf8'),
    ).toBe('second');
  });

  it('loses a crash’s temporary files and tightens the data folder', async () => {
    const dir = await dataFolder();
    await chmod(dir, 0o755);
    const stale = path.join(dir, `${WINDOW_STATE_FILE}.0123456789ab.tmp`);
    await writeFile(stale, '{');
    const old = new Date(NOW - 10 * 60_000);
    await utimes(stale, old, old);
    loadWindowState(path.join(dir, WINDOW_STATE_FILE), NOW);
    expect(await readdir(dir)).toEqual([]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });
});

// What a write does with a link to something that is not a file: the stores never write over one
// (see "is left alone … a link to /dev/zero" above), but should that ever slip, the link in the
// data folder is replaced, never the device or pipe it names (as root, /dev/zero itself).
describe('a write through a link to something that is not a regular file', () => {
  it.each([
    ['writeJsonFileAtomic', (file: string) => writeJsonFileAtomic(file, { written: true })],
    ['writeJsonFileAtomicSync', async (file: string) => writeJsonFileAtomicSync(file, { written: true })],
  ])('%s replaces the link and leaves the pipe it names alone', async (_name, write) => {
    const dir = await dataFolder();
    const elsewhere = await dataFolder();
    const pipe = path.join(elsewhere, 'a-pipe');
    execFileSync('mkfifo', [pipe]);
    const file = path.join(dir, 'settings.json');
    await symlink(pipe, file);
    await write(file);
    expect((await lstat(pipe)).isFIFO()).toBe(true);
    expect((await lstat(file)).isFile()).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ written: true });
  });
});

// As the settings file's test above ("in a folder someone else could change"), for both writes
// directly: the one made at quit (writeJsonFileAtomicSync) had no test of its own.
describe('a write through a link in a folder someone else could change', () => {
  it.skipIf(process.getuid?.() !== 0).each([
    ['writeJsonFileAtomic', (file: string) => writeJsonFileAtomic(file, { written: true })],
    ['writeJsonFileAtomicSync', async (file: string) => writeJsonFileAtomicSync(file, { written: true })],
  ])('%s replaces the link, never the file it names', async (_name, write) => {
    const dir = await dataFolder();
    const elsewhere = await dataFolder();
    const target = path.join(elsewhere, 'settings.json');
    await writeFile(target, '{"kept":true}');
    const file = path.join(dir, 'settings.json');
    await symlink(target, file);
    await chown(dir, 4321, 4321);
    await chmod(dir, 0o777);
    await write(file);
    expect((await lstat(file)).isFile()).toBe(true);
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual({ kept: true });
  });
});
