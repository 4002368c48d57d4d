// A profile's secret and its endpoint are saved one after the other (the secret first, then the
// file); a request reading the profile in between must still get a matching pair, never the new
// secret with the old endpoint.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileFields } from '../../app/profiles';
import type { Keychain } from '../../main/profiles/keychain';
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
    const profiles = createProfileService({
      store: createProfileStore(await mkdtemp(path.join(tmpdir(), 'profile-pairs-'))),
      keychain,
    });
    const saved = await profiles.save({
      profileId: null,
      fields: at('https://old.example/token'),
      secret: 'old-secret',
    });
    if (!saved.ok) throw new Error('not saved');
    const id = saved.profile.id;

    const moving = profiles.save({
      profileId: id,
      fields: at('https://new.example/token'),
      secret: 'new-secret',
    });
    await inBetween;
    const read = profiles.secret(id);
    answerSave!();
    expect((await moving).ok).toBe(true);
    const pair = await read;
    if (!pair.ok || !('secret' in pair)) throw new Error('no secret');
    expect([pair.secret, pair.profile.tokenUrl]).toEqual(['new-secret', 'https://new.example/token']);
  });
});
