// The window (desktop or browser mode) after another program took its data folder over (this one
// paused or asleep past FOREIGN_FRESH_MS: main/storage/folder-taken-over.ts). The profiles file
// was already refused, but a save with a new secret wrote the secret to the keychain first (and a
// delete took it out first), and only then was the file write refused: the entry of the same
// service and account, which may be the other program's by then, was overwritten (or deleted) and
// put back from what this one had read. Now nothing touches the keychain once the lock no longer
// names this process. The lock is answered for by the test (stillHeld, as the app asks it); at
// each question after the takeover, the test reads the entry with secret-tool, an independent
// client, so a write undone afterwards is seen too. The real keychain and real files.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileFields } from '../../app/profiles';
import { createKeychain } from '../../main/profiles/keychain';
import { PROFILES_FILE } from '../../main/profiles/profile-store';
import { TAKEN_OVER } from '../../main/storage/folder-taken-over';
import { withAppServices } from '../support/app-services';
import { requireTestKeyring, secretToolClear, secretToolLookup, testService } from '../support/keyring';
import { undoneAfterEach } from '../support/per-test';

const fields = (name: string, tokenUrl = ''): ProfileFields => ({
  name,
  clientId: `client-${name}`,
  preset: tokenUrl === '' ? 'v3' : 'custom',
  tokenUrl,
  grantType: 'client_credentials',
  scope: '',
});

const { folder } = undoneAfterEach();

/**
 * The app on a data folder of its own with the profile "Prod" saved (secret "first-secret"); then
 * `work` once the folder is taken over. `seen`: the Prod entry at each lock question since then.
 */
async function takenOverAfterProd(
  work: (
    app: Parameters<Parameters<typeof withAppServices>[2]>[0],
    prodId: string,
    service: string,
  ) => Promise<void>,
) {
  const dir = await folder('taken-over-keychain-');
  const service = testService();
  let held = true;
  let prodId = '';
  const seen: (string | null)[] = [];
  const stillHeld = async () => {
    if (!held) seen.push(await secretToolLookup(service, prodId));
    return held;
  };
  const file = path.join(dir, PROFILES_FILE);
  let before = '';
  await withAppServices(
    dir,
    service,
    async (app) => {
      const saved = await app.saveProfile({
        profileId: null,
        fields: fields('Prod'),
        secret: 'first-secret',
      });
      if (!saved.ok) throw new Error(`Prod was not saved: ${saved.message}`);
      prodId = saved.profile.id;
      before = await readFile(file, 'utf8');
      held = false;
      await work(app, prodId, service);
    },
    stillHeld,
  );
  return { seen, service, prodId, file, before };
}

const refused = (answer: { ok: boolean; message?: string }) => {
  expect(answer.ok).toBe(false);
  expect(answer.message).toContain(TAKEN_OVER);
};

describe.runIf(requireTestKeyring('the keychain after a takeover'))(
  'the window after another program took its data folder over',
  () => {
    it('writes, deletes and leaves no keychain entry: a new secret, a new endpoint, a delete, a new profile, a copy', async () => {
      const { seen, service, prodId, file, before } = await takenOverAfterProd(async (app, id) => {
        refused(await app.saveProfile({ profileId: id, fields: fields('Prod'), secret: 'second-secret' }));
        refused(
          await app.saveProfile({
            profileId: id,
            fields: fields('Prod', 'https://other.example/v2/oauth/token'),
            secret: 'third-secret',
          }),
        );
        refused(await app.deleteProfile({ profileId: id }));
        refused(await app.saveProfile({ profileId: null, fields: fields('Next'), secret: 'next-secret' }));
        refused(await app.duplicateProfile({ profileId: id }));
      });
      // Every question about the lock found the entry as it was: asked before any keychain write.
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set(['first-secret']));
      expect(await secretToolLookup(service, prodId)).toBe('first-secret');
      expect([...(await createKeychain({ service }).accounts())]).toEqual([prodId]);
      expect(await readFile(file, 'utf8')).toBe(before);
    });

    it('a copy says the folder was taken over before it reads the secret it copies, not that it is missing', async () => {
      const { seen } = await takenOverAfterProd(async (app, id, service) => {
        // The other program deleted its Prod, secret first: read, the copy was "secret missing".
        await secretToolClear(service, id);
        refused(await app.duplicateProfile({ profileId: id }));
      });
      // The lock asked once, before any keychain read (the store's question never came).
      expect(seen).toEqual([null]);
    });

    it('an import stops at the first row refused: the keychain as it was, the lock asked no more', async () => {
      const text =
        '[new]\nclient_id = new-id\nclient_secret = new-secret\n\n[Prod]\nclient_id = client-Prod\nclient_secret = replaced-secret\n';
      const { seen, service, prodId, file, before } = await takenOverAfterProd(async (app) => {
        const preview = await app.previewImport({ fileName: 'credentials', text });
        if (!preview.ok) throw new Error(preview.message);
        const rows = preview.preview.rows;
        const answer = await app.importProfiles({
          previewId: preview.preview.previewId,
          choices: rows.map((row) => ({
            rowId: row.rowId,
            action: row.clash ? ('replace' as const) : ('import' as const),
            name: row.name,
          })),
        });
        if (!answer.ok) throw new Error(answer.message);
        expect(answer.results.map((r) => [r.name, r.status, r.message])).toEqual([
          ['new', 'failed', TAKEN_OVER],
          ['Prod', 'failed', TAKEN_OVER],
        ]);
      });
      // The lock asked once, at the first row's file write; the second row was not tried.
      expect(seen).toEqual(['first-secret']);
      expect(await secretToolLookup(service, prodId)).toBe('first-secret');
      expect([...(await createKeychain({ service }).accounts())]).toEqual([prodId]);
      expect(await readFile(file, 'utf8')).toBe(before);
    });
  },
);
