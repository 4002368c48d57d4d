// Settings and history files: validated on load, written atomically, never holding a token.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../app/history';
import { MAX_PROFILES } from '../../app/profiles';
import { DEFAULT_SETTINGS } from '../../app/settings';
import { createHistoryStore, HISTORY_FILE } from '../../main/history/history-store';
import { createSettingsStore, SETTINGS_FILE } from '../../main/settings';

const folder = () => mkdtemp(path.join(tmpdir(), 'stores-'));
const entry = (i: number): HistoryEntry => ({
  id: `r${i}`,
  at: 1_700_000_000_000 + i,
  profileName: i % 2 ? 'Prod app' : null,
  host: 'tapi.telstra.com',
  preset: 'v2',
  outcome: 'oauth:invalid_client',
  ok: false,
  status: 401,
  error: 'invalid_client',
  durationMs: 120,
});

describe('settings', () => {
  it('start from the defaults and keep changes across restarts', async () => {
    const dir = await folder();
    expect(await createSettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
    await createSettingsStore(dir).update({ clipboardClearSeconds: null, autoRenew: true });
    expect(await createSettingsStore(dir).get()).toEqual({
      ...DEFAULT_SETTINGS,
      clipboardClearSeconds: null,
      autoRenew: true,
    });
  });

  it('fall back to the defaults when the file is damaged, keeping it aside', async () => {
    const dir = await folder();
    await writeFile(path.join(dir, SETTINGS_FILE), '{"clipboardClearSeconds": 5}');
    expect(await createSettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
    expect((await readdir(dir)).some((n) => n.startsWith('settings.damaged-'))).toBe(true);
  });
});

describe('settings with one preference edited into something this version cannot use', () => {
  it('keep the others, set that one back to its default, and keep the original beside', async () => {
    const dir = await folder();
    const original = JSON.stringify({ autoRenew: true, clipboardClearSeconds: 5, notifyBeforeExpiry: 'yes' });
    await writeFile(path.join(dir, SETTINGS_FILE), original);
    const store = createSettingsStore(dir);
    expect(await store.get()).toEqual({ ...DEFAULT_SETTINGS, autoRenew: true });
    expect((await store.notices())[0]).toMatch(
      /^2 preferences could not be read and were left out\. The original file was kept as “settings\.damaged-/,
    );
    const copy = (await readdir(dir)).find((n) => n.startsWith('settings.damaged-'));
    expect(await readFile(path.join(dir, copy!), 'utf8')).toBe(original);
    expect(await createSettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, autoRenew: true });
  });
});

describe('settings from a later version', () => {
  it('are read for what this version knows, and what it does not know is kept, not set aside', async () => {
    const dir = await folder();
    await writeFile(
      path.join(dir, SETTINGS_FILE),
      JSON.stringify({
        clipboardClearSeconds: 60,
        notifyBeforeExpiry: true,
        autoRenew: false,
        theme: 'dark',
      }),
    );
    const store = createSettingsStore(dir);
    expect(await store.get()).toEqual({
      clipboardClearSeconds: 60,
      notifyBeforeExpiry: true,
      autoRenew: false,
    });
    expect(await store.notices()).toEqual([]);
    await store.update({ autoRenew: true });
    expect((await readdir(dir)).filter((n) => n.startsWith('settings.damaged-'))).toEqual([]);
    expect(JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), 'utf8'))).toEqual({
      clipboardClearSeconds: 60,
      notifyBeforeExpiry: true,
      autoRenew: true,
      theme: 'dark',
    });
  });
});

describe('history from a later version', () => {
  it('keeps a key a later version added beside the entries, not set aside, and writes it back', async () => {
    const dir = await folder();
    const file = path.join(dir, HISTORY_FILE);
    // As a later version may save it without a new file version: one more key at the top.
    await writeFile(file, JSON.stringify({ version: 1, entries: [entry(1)], pinned: ['r1'] }));
    const store = createHistoryStore(dir);
    expect(await store.list()).toEqual([entry(1)]);
    await store.add(entry(2));
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      entries: [entry(2), entry(1)],
      pinned: ['r1'],
    });
    // Clearing the history clears all of it, the later version's keys too.
    await store.clear();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, entries: [] });
  });

  it('sets aside a file whose added keys are beyond what is kept (too deep, too large), as before', async () => {
    // Kept, these would be written back indented: 18 MB from a 6 KB file nested 3,000 deep.
    const deep = JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) as unknown;
    for (const extra of [{ x: deep }, { x: 'y'.repeat(2 * 1024 * 1024) }]) {
      const dir = await folder();
      await writeFile(
        path.join(dir, HISTORY_FILE),
        JSON.stringify({ version: 1, entries: [entry(1)], ...extra }),
      );
      const store = createHistoryStore(dir);
      expect(await store.list()).toEqual([]);
      expect((await readdir(dir)).some((n) => n.startsWith('history.damaged-'))).toBe(true);
    }
  });
});

describe('history', () => {
  it('keeps the newest 100 attempts, newest first, across restarts', async () => {
    const dir = await folder();
    const store = createHistoryStore(dir);
    for (let i = 0; i < 105; i += 1) await store.add(entry(i));
    const reloaded = await createHistoryStore(dir).list();
    expect(reloaded).toHaveLength(100);
    expect(reloaded[0]?.id).toBe('r104');
    expect(reloaded.at(-1)?.id).toBe('r5');
  });

  it('keeps its file well within the size it loads again: the oldest batch runs go first, never the newest', async () => {
    const dir = await folder();
    // A run of "Check all profiles" over 500 profiles: some 170 KB in the file, 17 MB for 100 runs.
    const rows = Array.from({ length: 500 }, (_, i) => ({
      profileName: `Customer profile ${i} (production tenant, NSW)`,
      host: 'tapi.telstra.com',
      outcome: 'oauth:invalid_client' as const,
      ok: false,
      status: 401,
      error: 'invalid_client',
      durationMs: 1234.5,
      access: null,
    }));
    const run = (i: number): HistoryEntry => ({ ...entry(i), id: `run${i}`, batch: { total: 500, rows } });
    const store = createHistoryStore(dir);
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.upsert(run(i), store.mark())));
    await store.settled();
    // Half of the 16 MiB beyond which a file is taken for damaged.
    expect((await stat(path.join(dir, HISTORY_FILE))).size).toBeLessThanOrEqual(8 * 1024 * 1024);
    const listed = (await store.list()).map((e) => e.id);
    expect(listed.length).toBeLessThan(100);
    expect(listed).toEqual(Array.from({ length: listed.length }, (_, i) => `run${99 - i}`));
    const reloaded = createHistoryStore(dir);
    expect(await reloaded.notices()).toEqual([]);
    expect((await reloaded.list()).map((e) => e.id)).toEqual(listed);
    // A small entry after them still comes first, and only the oldest run makes room for it if need be.
    await reloaded.add(entry(1000));
    const after = (await createHistoryStore(dir).list()).map((e) => e.id);
    expect(after[0]).toBe('r1000');
    expect(after.slice(1)).toEqual(listed.slice(0, after.length - 1));
  });

  it('has room for runs at the limits of an entry: one run needs no cap of its own', async () => {
    const dir = await folder();
    // Every text at its longest, in the character that takes the most room in the file (\u0001).
    const widest = (length: number) => '\u0001'.repeat(length);
    const rows = Array.from({ length: MAX_PROFILES }, () => ({
      profileName: widest(200),
      host: widest(300),
      outcome: 'oauth:invalid_client' as const,
      ok: false,
      status: 401,
      error: widest(200),
      durationMs: Number.MAX_VALUE,
      access: 'access:confirmed' as const,
    }));
    const run = (i: number): HistoryEntry => ({
      ...entry(i),
      id: `run${i}`,
      batch: { total: MAX_PROFILES, rows },
    });
    const store = createHistoryStore(dir);
    await store.add(run(1));
    await store.add(run(2));
    expect((await stat(path.join(dir, HISTORY_FILE))).size).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect((await createHistoryStore(dir).list()).map((e) => e.id)).toEqual(['run2', 'run1']);
  });

  it('drops unreadable entries and sets a damaged file aside', async () => {
    const dir = await folder();
    await writeFile(
      path.join(dir, HISTORY_FILE),
      JSON.stringify({ version: 1, entries: [entry(1), { id: 'x', token: 'nope' }] }),
    );
    expect((await createHistoryStore(dir).list()).map((e) => e.id)).toEqual(['r1']);
    await writeFile(path.join(dir, HISTORY_FILE), 'not json');
    expect(await createHistoryStore(dir).list()).toEqual([]);
    expect((await readdir(dir)).some((n) => n.startsWith('history.damaged-'))).toBe(true);
  });

  it('says how many entries it dropped in words that read: "2 attempts in the history", not "2 attempt in the historys"', async () => {
    const dir = await folder();
    await writeFile(
      path.join(dir, HISTORY_FILE),
      JSON.stringify({ version: 1, entries: [entry(1), { id: 'x' }, { id: 'y' }] }),
    );
    expect((await createHistoryStore(dir).notices())[0]).toMatch(
      /^2 attempts in the history could not be read and were left out\. The original file was kept as /,
    );
  });

  it('drops an entry whose time is outside any date (the window formats each time it lists)', async () => {
    // 8.64e15 ms is Date's last day: a time past it makes Intl.DateTimeFormat throw, and the
    // history list with it.
    const dir = await folder();
    await writeFile(
      path.join(dir, HISTORY_FILE),
      JSON.stringify({
        version: 1,
        entries: [entry(1), { ...entry(2), at: 8.64e15 + 1 }, { ...entry(3), at: Number.MAX_SAFE_INTEGER }],
      }),
    );
    const listed = await createHistoryStore(dir).list();
    expect(listed.map((e) => e.id)).toEqual(['r1']);
    for (const { at } of listed) expect(() => new Intl.DateTimeFormat().format(at)).not.toThrow();
  });

  it('after a load that failed, loads again before adding: never writes one entry over the rest', async () => {
    const dir = path.join(await folder(), 'data');
    // At first the data folder cannot be made: a file is where it should be.
    await writeFile(dir, '');
    const store = createHistoryStore(dir);
    await expect(store.add(entry(1))).rejects.toThrow();
    await rm(dir);
    await mkdir(dir);
    await writeFile(
      path.join(dir, HISTORY_FILE),
      JSON.stringify({ version: 1, entries: [entry(2), entry(3)] }),
    );
    await store.add(entry(4));
    expect((await store.list()).map((e) => e.id)).toEqual(['r4', 'r2', 'r3']);
    expect((await createHistoryStore(dir).list()).map((e) => e.id)).toEqual(['r4', 'r2', 'r3']);
  });

  it('after a load that failed, loads again before a batch run’s or a check’s entry: never writes it over the rest', async () => {
    const dir = path.join(await folder(), 'data');
    await writeFile(dir, '');
    const store = createHistoryStore(dir);
    await expect(store.upsert(entry(1), store.mark())).rejects.toThrow();
    await rm(dir);
    await mkdir(dir);
    await writeFile(
      path.join(dir, HISTORY_FILE),
      JSON.stringify({ version: 1, entries: [entry(2), entry(3)] }),
    );
    await store.upsert(entry(4), store.mark());
    expect((await store.list()).map((e) => e.id)).toEqual(['r4', 'r2', 'r3']);
    expect((await createHistoryStore(dir).list()).map((e) => e.id)).toEqual(['r4', 'r2', 'r3']);
  });

  it('from a later version is left as it is, and a write says so in words', async () => {
    const dir = await folder();
    await writeFile(path.join(dir, HISTORY_FILE), JSON.stringify({ version: 2, entries: [] }));
    await expect(createHistoryStore(dir).add(entry(1))).rejects.toThrow(
      'The file of the history of recent attempts is not written over: see the notice.',
    );
  });

  it('leaves out the entry of what started before a clear, not of what started after it, whatever the clock says', async () => {
    const dir = await folder();
    let clock = 1_700_000_000_000;
    const store = createHistoryStore(dir, () => clock);
    await store.add(entry(1));
    const before = store.mark();
    await store.clear();
    // Set back an hour: by the clock, what starts now started before the clear.
    clock -= 3_600_000;
    const after = store.mark();
    await store.upsert(entry(2), before);
    await store.upsert(entry(3), after);
    expect((await store.list()).map((e) => e.id)).toEqual(['r3']);
    expect((await createHistoryStore(dir).list()).map((e) => e.id)).toEqual(['r3']);
  });

  it('clears', async () => {
    const dir = await folder();
    const store = createHistoryStore(dir);
    await store.add(entry(1));
    await store.clear();
    expect(await createHistoryStore(dir).list()).toEqual([]);
    expect(JSON.parse(await readFile(path.join(dir, HISTORY_FILE), 'utf8'))).toEqual({
      version: 1,
      entries: [],
    });
  });
});
