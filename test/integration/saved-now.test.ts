// savedNow (main/cli/commands/profile-access.ts) reads the profiles file again in the middle of a
// command, and says nothing of what it finds: it must never change the file, or the change (a copy
// kept, the file rewritten, a leftover removed) would go unsaid.
import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { savedNow } from '../../main/cli/commands/profile-access';
import { PROFILES_FILE } from '../../main/profiles/profile-store';

const PROFILE = {
  id: '0b4e7a8c-3f0e-4a51-9d2c-5c1f2e6b7a90',
  name: 'one',
  clientId: 'one-client-id-123',
  preset: 'sandbox',
  tokenUrl: '',
  grantType: 'client_credentials',
  scope: '',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
};

describe('savedNow', () => {
  it('finds a profile in a clean file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'saved-now-'));
    await writeFile(path.join(dir, PROFILES_FILE), JSON.stringify({ version: 1, profiles: [PROFILE] }));
    expect(await savedNow(dir, PROFILE.id)).toMatchObject({ id: PROFILE.id, name: 'one' });
  });

  it('leaves a file with an entry it cannot read as it is (no copy, no rewrite): it says nothing of it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'saved-now-'));
    const text = JSON.stringify({ version: 1, profiles: [PROFILE, 42] });
    await writeFile(path.join(dir, PROFILES_FILE), text);
    expect(await savedNow(dir, PROFILE.id)).toBeUndefined();
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
    expect(await readFile(path.join(dir, PROFILES_FILE), 'utf8')).toBe(text);
  });

  it('leaves a damaged file, and a crash’s temporary file, where they are', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'saved-now-'));
    await writeFile(path.join(dir, PROFILES_FILE), '{ "version": 1, "profi');
    const temporary = `${PROFILES_FILE}.0123456789ab.tmp`;
    await writeFile(path.join(dir, temporary), '{}');
    const long = new Date(Date.now() - 3_600_000);
    await utimes(path.join(dir, temporary), long, long);
    expect(await savedNow(dir, PROFILE.id)).toBeUndefined();
    expect((await readdir(dir)).sort()).toEqual([PROFILES_FILE, temporary]);
  });
});
