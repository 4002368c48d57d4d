// Settings and history files: validated on load, written atomically, never holding a token.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../app/history';
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
    await expect(store.upsert(entry(1), Date.now())).rejects.toThrow();
    await rm(dir);
    await mkdir(dir);
    await writeFile(
      path.join(dir, HISTORY_FILE),
      JSON.stringify({ version: 1, entries: [entry(2), entry(3)] }),
    );
    await store.upsert(entry(4), Date.now());
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
