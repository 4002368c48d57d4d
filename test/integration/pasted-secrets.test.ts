// A secret or a token pasted into a data file by hand (the app keeps none there: the keychain
// holds the secrets) is never written back by the app, nor copied: the original is moved aside,
// whole, and the user told; what could be read is kept.
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../app/history';
import { createHistoryStore, HISTORY_FILE } from '../../main/history/history-store';
import { createJsonStore, type JsonStoreOptions } from '../../main/storage/json-store';
import { createProfileStore, PROFILES_FILE } from '../../main/profiles/profile-store';
import { createSettingsStore, SETTINGS_FILE } from '../../main/settings';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
/** Made up for the test: a JWT's shape, as an access token has it. */
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0LWNsaWVudCJ9.c2lnbmF0dXJlLW1hZGUtdXAtZm9yLWEtdGVzdA';
const SECRET = 'Pasted1Secret2Value3';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pasted-'));
  folders.push(dir);
  return dir;
}

const entry = (id: string, error: string | null = 'invalid_client'): HistoryEntry => ({
  id,
  at: NOW,
  profileName: 'Prod',
  host: 'tapi.telstra.com',
  preset: 'v2',
  outcome: 'oauth:invalid_client',
  ok: false,
  status: 401,
  error,
  durationMs: 12,
});

/** Every file in the folder but `except`, as text. */
async function otherFiles(dir: string, except: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name !== except);
  return Promise.all(names.map((name) => readFile(path.join(dir, name), 'utf8')));
}

/** The one file moved aside, whole, as it was. */
async function movedAside(dir: string, prefix: string): Promise<string> {
  const names = (await readdir(dir)).filter((name) => name.startsWith(`${prefix}.damaged-`));
  expect(names).toHaveLength(1);
  return readFile(path.join(dir, names[0]!), 'utf8');
}

describe('the history file with a token pasted into it', () => {
  it('is never written back nor copied: the original moved aside whole, the rest kept, and said', async () => {
    const dir = await dataFolder();
    const original = JSON.stringify({
      version: 1,
      access_token: TOKEN,
      entries: [entry('r1', `pasted ${TOKEN}`), { ...entry('r2'), token: TOKEN }, entry('r3')],
    });
    await writeFile(path.join(dir, HISTORY_FILE), original);
    const history = createHistoryStore(dir, () => NOW);
    const notices = await history.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /^3 values that look like a secret or a token .* were left out: the app keeps secrets in the keychain only, never in its files\. The original file was moved to “history\.damaged-.*\.json” in the app’s data folder/,
    );
    // r2 is read for the fields this version knows, without the key that holds the token.
    const list = await history.list();
    expect(list.map((e) => e.id)).toEqual(['r1', 'r2', 'r3']);
    expect(list[1]).not.toHaveProperty('token');
    expect(list[0]!.error).toBe('pasted [masked]');
    await history.add(entry('r4'));
    await history.settled();
    expect(await readFile(path.join(dir, HISTORY_FILE), 'utf8')).not.toContain(TOKEN.slice(0, 30));
    expect(await movedAside(dir, 'history')).toBe(original);
    // The only file holding it is the user's own, moved: none written anew.
    expect((await otherFiles(dir, HISTORY_FILE)).filter((text) => text.includes(TOKEN))).toHaveLength(1);
  });

  it('of an answer, is masked before the entry is written', async () => {
    const dir = await dataFolder();
    const history = createHistoryStore(dir, () => NOW);
    await history.add(entry('r1', `server said ${TOKEN}`));
    await history.settled();
    expect(await readFile(path.join(dir, HISTORY_FILE), 'utf8')).not.toContain(TOKEN.slice(0, 30));
  });
});

describe('the history file with an unreadable entry of megabytes in one run', () => {
  it('is read, the rest kept: the search for secrets goes piece by piece (one run of it whole overflowed)', async () => {
    const dir = await dataFolder();
    const huge = { note: 'a'.repeat(8_000_000) };
    await writeFile(
      path.join(dir, HISTORY_FILE),
      JSON.stringify({ version: 1, entries: [entry('r1'), huge] }),
    );
    const history = createHistoryStore(dir, () => NOW);
    expect((await history.list()).map((e) => e.id)).toEqual(['r1']);
    expect((await history.notices())[0]).toMatch(
      /^1 attempt in the history could not be read and was left out\./,
    );
  });
});

describe('the preferences file with a secret pasted into it', () => {
  it('keeps the preferences, does not write the secret back, and moves the original aside', async () => {
    const dir = await dataFolder();
    const original = JSON.stringify({ autoRenew: true, clientSecret: SECRET, theme: 'dark' });
    await writeFile(path.join(dir, SETTINGS_FILE), original);
    const settings = createSettingsStore(dir, () => NOW);
    expect((await settings.get()).autoRenew).toBe(true);
    expect((await settings.notices())[0]).toMatch(
      /^1 value that looks like a secret or a token .* was left out/,
    );
    await settings.update({ notifyBeforeExpiry: true });
    const written = JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), 'utf8')) as object;
    // A later version's preference is still kept; the secret is not.
    expect(written).toEqual(
      expect.objectContaining({ theme: 'dark', autoRenew: true, notifyBeforeExpiry: true }),
    );
    expect(JSON.stringify(written)).not.toContain(SECRET);
    expect(await movedAside(dir, 'settings')).toBe(original);
  });
});

describe('a later version’s keys named like a credential, holding none', () => {
  it('are kept, written back, and the file left where it is', async () => {
    const dir = await dataFolder();
    // A yes/no or a number is nobody's secret: these are preferences a later version may add.
    const original = { autoRenew: true, showToken: true, copyTokenOnSuccess: false, sortKey: 3 };
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify(original));
    const settings = createSettingsStore(dir, () => NOW);
    expect(await settings.notices()).toEqual([]);
    await settings.update({ notifyBeforeExpiry: true });
    const written = JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), 'utf8')) as object;
    expect(written).toEqual(expect.objectContaining({ ...original, notifyBeforeExpiry: true }));
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });
});

describe('the profiles file with a secret pasted into a profile', () => {
  it('keeps the profile, without the secret, and moves the original aside', async () => {
    const dir = await dataFolder();
    const profile = {
      id: '0b7c3e0e-4d1f-4a8e-9a59-3f0a0c1d2e3f',
      name: 'Prod',
      preset: 'v2',
      tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
      clientId: 'abcdefghijklmnop',
      grantType: 'client_credentials',
      scope: 'NSMS',
      createdAt: NOW,
      updatedAt: NOW,
    };
    const original = JSON.stringify({ version: 1, profiles: [{ ...profile, client_secret: SECRET }] });
    await writeFile(path.join(dir, PROFILES_FILE), original);
    const store = createProfileStore(dir, () => NOW);
    const loaded = await store.load();
    expect(loaded.profiles.map((p) => p.name)).toEqual(['Prod']);
    expect(loaded.notices[0]).toMatch(/^1 value that looks like a secret or a token .* was left out/);
    expect(await readFile(path.join(dir, PROFILES_FILE), 'utf8')).not.toContain(SECRET);
    expect(await movedAside(dir, 'profiles')).toBe(original);
  });
});

/**
 * A store of numbers in `file`, where any text in the file counts as a pasted secret; its writes
 * go through `writeFile`.
 */
const numbersStore = (file: string, writes: Pick<JsonStoreOptions<number[]>, 'writeFile'>) =>
  createJsonStore({
    file,
    what: 'The numbers',
    entry: 'number',
    empty: [] as number[],
    parse: (data: unknown) =>
      Array.isArray(data)
        ? {
            value: data.filter((x): x is number => typeof x === 'number'),
            dropped: 0,
            secrets: data.filter((x) => typeof x === 'string').length,
          }
        : null,
    serialize: (value: number[]) => value,
    now: () => NOW,
    ...writes,
  });

describe('a file with a pasted secret, while it is rewritten', () => {
  it('is still where the app looks: another reader (or a crash) then never finds no file', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, 'numbers.json');
    const original = JSON.stringify([1, 2, SECRET]);
    await writeFile(file, original);
    let seenMidway: string | null = null;
    const store = numbersStore(file, {
      // What the command line, started at this moment, would read (or a restart after a crash).
      writeFile: async (target: string, data: unknown) => {
        seenMidway = await readFile(target, 'utf8').catch(() => null);
        // Atomically, as the app's own (json-file.ts): a new file renamed over the old one.
        await writeFile(`${target}.new`, JSON.stringify(data));
        await rename(`${target}.new`, target);
      },
    });
    const loaded = await store.load();
    expect(loaded.value).toEqual([1, 2]);
    expect(seenMidway).toBe(original);
    expect(await readFile(file, 'utf8')).toBe('[1,2]');
    expect(await movedAside(dir, 'numbers')).toBe(original);
  });
});

describe('a file with a pasted secret whose rewrite fails', () => {
  it('puts the original back where it was, and saves nothing over it', async () => {
    const dir = await dataFolder();
    const file = path.join(dir, 'numbers.json');
    const original = JSON.stringify([1, 2, SECRET]);
    await writeFile(file, original);
    const store = numbersStore(file, {
      writeFile: () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })),
    });
    const loaded = await store.load();
    expect(loaded.value).toEqual([1, 2]);
    expect(loaded.writable).toBe(false);
    expect(loaded.notices[0]).toMatch(/could not be rewritten without it now\. The file was left as it is\./);
    expect(await readdir(dir)).toEqual(['numbers.json']);
    expect(await readFile(file, 'utf8')).toBe(original);
  });
});
