// A new profile is written to the profiles file before its secret goes to the keychain (a process
// killed in between leaves it listed, its secret missing: test/cli/killed-mid-import.test.ts).
// When the keychain then refuses the secret, the profile is taken out of the file again; when the
// file cannot be written by then either, the answer says the profile is listed without its secret.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileFields } from '../../app/profiles';
import { isIpcFailure } from '../../app/ipc-contract';
import { readCredentialText } from '../../main/import/credential-formats';
import { createImportService } from '../../main/import/import-service';
import { KeychainError, type Keychain } from '../../main/profiles/keychain';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore, type ProfileStore } from '../../main/profiles/profile-store';
import { memoryKeychain } from '../support/memory-keychain';
import { describeFailure } from '../../renderer/hooks/useProfiles';

/**
 * A keychain that refuses every secret, by when every write of the profiles file in `dataDir`
 * fails too (its folder is a file); `restore` puts the folder back.
 */
function refusingWhileFolderGone(dataDir: string) {
  const double = memoryKeychain();
  let moved = false;
  const keychain: Keychain = {
    ...double.keychain,
    async setSecret() {
      if (!moved) {
        moved = true;
        await rename(dataDir, `${dataDir}-moved`);
        await writeFile(dataDir, 'in the way');
      }
      throw new KeychainError('locked');
    },
  };
  const restore = async () => {
    await rm(dataDir);
    await rename(`${dataDir}-moved`, dataDir);
  };
  return { keychain, restore, double };
}

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
      / The secret was not saved, and the profile is listed without it: select it in the list, type the secret and save, or delete it\.$/,
    );
    // What the window shows (the advice: its title, then this, then the remedy) says it too.
    expect(answer.ok || answer.kind !== 'keychain' ? '' : answer.advice.remedy).toMatch(
      /^The secret was not saved, and the profile is listed without it: select it in the list, type the secret and save, or delete it\. \S/,
    );
    await rm(dataDir);
    await rename(`${dataDir}-moved`, dataDir);
    const again = createProfileService({ store: createProfileStore(dataDir), keychain: double.keychain });
    expect((await again.list()).profiles).toMatchObject([{ name: 'Prod', secretState: 'missing' }]);
  });

  // What the user is told, where they are told it: the window shows a keychain failure as its
  // advice (renderer/hooks/useProfiles.ts), and an import's row as its message. Both said only
  // that the keychain was locked, to try again (the window then found the name taken), or that
  // the row failed, while the profile was listed.
  it('is said to be listed without it in the window and in an import', async () => {
    const saveDir = await mkdtemp(path.join(tmpdir(), 'new-profile-'));
    const window = refusingWhileFolderGone(saveDir);
    const profiles = createProfileService({ store: createProfileStore(saveDir), keychain: window.keychain });
    const answer = await profiles.save({ profileId: null, fields, secret: 'prod-secret' });
    if (answer.ok) throw new Error('saved');
    expect(describeFailure(answer)).toMatch(
      /^Keychain locked\. The secret was not saved, and the profile is listed without it: select it in the list, type the secret and save, or delete it\./,
    );
    await window.restore();

    const importDir = await mkdtemp(path.join(tmpdir(), 'new-profile-'));
    const cli = refusingWhileFolderGone(importDir);
    const imports = createImportService({
      profiles: createProfileService({ store: createProfileStore(importDir), keychain: cli.keychain }),
      now: Date.now,
    });
    const preview = await imports.preview(
      readCredentialText('[prod]\nclient_id = prod-client-id\nclient_secret = prod-secret\n', 'credentials'),
    );
    if (isIpcFailure(preview)) throw new Error(preview.message);
    const done = await imports.confirm(
      preview.preview.previewId,
      preview.preview.rows.map((row) => ({ rowId: row.rowId, action: 'import' as const, name: row.name })),
    );
    if (isIpcFailure(done)) throw new Error(done.message);
    expect(done.results).toMatchObject([{ name: 'prod', status: 'failed' }]);
    expect(done.results[0]?.message).toMatch(/\(Keychain locked\).* it is listed with its secret missing\./);
    await cli.restore();
    const again = createProfileService({
      store: createProfileStore(importDir),
      keychain: cli.double.keychain,
    });
    expect((await again.list()).profiles).toMatchObject([{ name: 'prod', secretState: 'missing' }]);
  });

  // Between its two writes the new profile is in the file, so another tab may already edit it;
  // the edit waits for the save's own turn, and is not said to be saved and then lost with a
  // profile the keychain refused.
  it('holds an edit made meanwhile until the keychain answers', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'new-profile-'));
    const double = memoryKeychain();
    let reached!: () => void;
    const atKeychain = new Promise<void>((resolve) => (reached = resolve));
    let answer!: (error: Error) => void;
    const keychain: Keychain = {
      ...double.keychain,
      setSecret: () => {
        reached();
        return new Promise<void>((_, reject) => (answer = reject));
      },
    };
    // The store, watched from the moment the edit is asked for: does the edit read it, and write it?
    const files = createProfileStore(dataDir);
    let wrote!: () => void;
    const watched = { reads: 0, written: new Promise<void>((resolve) => (wrote = resolve)), on: false };
    const store: ProfileStore = {
      ...files,
      load: () => {
        if (watched.on) watched.reads += 1;
        return files.load();
      },
      change: async (apply) => {
        const result = await files.change(apply);
        if (watched.on) wrote();
        return result;
      },
    };
    const profiles = createProfileService({ store, keychain });
    const saving = profiles.save({ profileId: null, fields, secret: 'prod-secret' });
    await atKeychain;
    const [listed] = await files.load().then((loaded) => loaded.profiles);
    if (!listed) throw new Error('not in the file between its two writes');
    watched.on = true;
    const editing = profiles.save({
      profileId: listed.id,
      fields: { ...fields, scope: 'NSMS' },
      secret: null,
    });
    // Every microtask has run by the next turn of the event loop: an edit let through has read the
    // store by then, and is let write it before the keychain answers.
    await new Promise((resolve) => setImmediate(resolve));
    if (watched.reads > 0) await watched.written;
    answer(new KeychainError('locked'));
    expect(await saving).toMatchObject({ ok: false, kind: 'keychain', problem: 'locked' });
    const edit = await editing;
    expect(await profiles.saved()).toEqual([]);
    // Not said to be saved: the profile it edits is gone.
    expect(edit).toMatchObject({ ok: false });
  });
});
