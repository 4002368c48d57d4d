// A profile's secret and its endpoint are saved one after the other (the secret first, then the
// file); a request reading the profile in between must still get a matching pair, never the new
// secret with the old endpoint.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileFields } from '../../app/profiles';
import { KeychainError, type Keychain } from '../../main/profiles/keychain';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore } from '../../main/profiles/profile-store';
import { memoryKeychain } from '../support/memory-keychain';

const at = (tokenUrl: string): ProfileFields => ({
  name: 'moving',
  clientId: 'client',
  preset: 'custom',
  tokenUrl,
  grantType: 'client_credentials',
  scope: '',
});

/**
 * A profile service on the data folder `dir` and `keychain`, having saved the profile at the old
 * endpoint with `secret`; `move` saves it to the new endpoint with another secret.
 */
async function savedAtOldEndpoint(dir: string, keychain: Keychain, secret: string) {
  const profiles = createProfileService({ store: createProfileStore(dir), keychain });
  const saved = await profiles.save({
    profileId: null,
    fields: at('https://old.example/token'),
    secret,
  });
  if (!saved.ok) throw new Error('not saved');
  const id = saved.profile.id;
  const move = (newSecret: string) =>
    profiles.save({
      profileId: id,
      fields: at('https://new.example/token'),
      secret: newSecret,
    });
  return { profiles, id, move };
}

describe('reading a profile while it is saved', () => {
  it('gives the secret with the endpoint it was saved with', async () => {
    const { keychain: memory } = memoryKeychain();
    // The keychain has the new secret, but answers the save only when the test says so: the
    // moment between the two writes, held open.
    let answerSave: (() => void) | null = null;
    let written = () => undefined as void;
    const inBetween = new Promise<void>((resolve) => (written = resolve));
    const keychain: Keychain = {
      ...memory,
      async setSecret(account, secret, ifLate) {
        await memory.setSecret(account, secret, ifLate);
        if (secret !== 'new-secret') return;
        written();
        await new Promise<void>((resolve) => (answerSave = resolve));
      },
    };
    const dir = await mkdtemp(path.join(tmpdir(), 'profile-pairs-'));
    const { profiles, id, move } = await savedAtOldEndpoint(dir, keychain, 'old-secret');

    const moving = move('new-secret');
    await inBetween;
    const read = profiles.secret(id);
    answerSave!();
    expect((await moving).ok).toBe(true);
    const pair = await read;
    if (!pair.ok || !('secret' in pair)) throw new Error('no secret');
    expect([pair.secret, pair.profile.tokenUrl]).toEqual(['new-secret', 'https://new.example/token']);
  });

  // A crash (power cut, kill -9) can end a save between any two of its steps: whatever is on disk
  // and in the keychain then is what the next request sends. Each step's state is taken from disk
  // (the file read afresh) and the keychain, before and after every keychain write.
  it('never leaves, between two steps of a save to a new endpoint, one endpoint with the other’s secret', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'profile-steps-'));
    const { keychain: memory, entries } = memoryKeychain();
    const states: Array<[string | undefined, string | null]> = [];
    let id = '';
    const snapshot = async () => {
      const onDisk = (await createProfileStore(dir).load()).profiles.find((p) => p.id === id);
      states.push([onDisk?.tokenUrl, entries.get(id) ?? null]);
    };
    const keychain: Keychain = {
      ...memory,
      async setSecret(account, secret, ifLate) {
        await snapshot();
        await memory.setSecret(account, secret, ifLate);
        await snapshot();
      },
      async deleteSecret(account) {
        await snapshot();
        const deleted = await memory.deleteSecret(account);
        await snapshot();
        return deleted;
      },
    };
    const saved = await savedAtOldEndpoint(dir, keychain, 'old');
    id = saved.id;
    states.length = 0;
    const moved = await saved.move('new');
    expect(moved.ok).toBe(true);
    await snapshot();
    expect(states.at(-1)).toEqual(['https://new.example/token', 'new']);
    for (const [tokenUrl, secret] of states) {
      if (secret === 'new') expect(tokenUrl).toBe('https://new.example/token');
      if (secret === 'old') expect(tokenUrl).toBe('https://old.example/token');
    }
  });

  it('keeps the new endpoint without a secret, and says so, when the new secret cannot be saved', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'profile-undo-'));
    const { keychain: memory, entries } = memoryKeychain();
    const keychain: Keychain = {
      ...memory,
      async setSecret(account, secret, ifLate) {
        if (secret === 'new') throw new KeychainError('timeout');
        await memory.setSecret(account, secret, ifLate);
      },
    };
    const { id, move } = await savedAtOldEndpoint(dir, keychain, 'old');
    const moved = await move('new');
    expect(moved).toMatchObject({ ok: false, problem: 'timeout' });
    expect('message' in moved && moved.message).toMatch(/new endpoint.*Type the secret again and save\.$/);
    // Not put back: the old endpoint would be paired with the new secret if its write landed late.
    const onDisk = (await createProfileStore(dir).load()).profiles.find((p) => p.id === id);
    expect([onDisk?.tokenUrl, entries.get(id)]).toEqual(['https://new.example/token', undefined]);
  });
});
