// A new profile is written to the profiles file before its secret goes to the keychain (a process
// killed in between leaves it listed, its secret missing: test/cli/killed-mid-import.test.ts).
// When the keychain then refuses the secret, the profile is taken out of the file again; when the
// file cannot be written by then either, the answer says the profile is listed without its secret.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileFields } from '../../app/profiles';
import { KeychainError, type Keychain } from '../../main/profiles/keychain';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore } from '../../main/profiles/profile-store';
import { memoryKeychain } from '../support/memory-keychain';

const fields: ProfileFields = {
  name: 'Prod',
  clientId: 'prod-client-id',
  preset: 'v3',
  tokenUrl: '',
  grantType: 'client_credentials',
  scope: '',
};

describe('a new profile whose secret the keychain refuses', () => {
  it('is taken out of the file again', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'new-profile-'));
    const double = memoryKeychain();
    const profiles = createProfileService({ store: createProfileStore(dataDir), keychain: double.keychain });
    double.fail('locked');
    expect(await profiles.save({ profileId: null, fields, secret: 'prod-secret' })).toMatchObject({
      ok: false,
      kind: 'keychain',
      problem: 'locked',
    });
    expect(
      await createProfileService({ store: createProfileStore(dataDir), keychain: double.keychain }).saved(),
    ).toEqual([]);
  });

  it('is listed without it, and said so, when the file can no longer be written', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'new-profile-'));
    const double = memoryKeychain();
    // The keychain refuses, and by then every write of the profiles file fails: its folder is a file.
    const keychain: Keychain = {
      ...double.keychain,
      async setSecret() {
        await rename(dataDir, `${dataDir}-moved`);
        await writeFile(dataDir, 'in the way');
        throw new KeychainError('denied');
      },
    };
    const profiles = createProfileService({ store: createProfileStore(dataDir), keychain });
    const answer = await profiles.save({ profileId: null, fields, secret: 'prod-secret' });
    expect(answer).toMatchObject({ ok: false, kind: 'keychain', problem: 'denied' });
    expect(answer.ok ? '' : answer.message).toMatch(
      / The secret was not saved, and the profile is listed without it: type the secret and save, or delete the profile\.$/,
    );
    await rm(dataDir);
    await rename(`${dataDir}-moved`, dataDir);
    const again = createProfileService({ store: createProfileStore(dataDir), keychain: double.keychain });
    expect((await again.list()).profiles).toMatchObject([{ name: 'Prod', secretState: 'missing' }]);
  });
});
