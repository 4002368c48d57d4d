// Going back a version: a profile a newer version saved with an endpoint preset this version does
// not know is kept in the file as it is, with its secret, through the window's saves and the
// command line's listing; never left out and the file rewritten without it (then gone when the
// user went forward again, its secret left in the keychain without a profile).
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PROFILES, type ProfileFields } from '../../app/profiles';
import { savedNow } from '../../main/cli/commands/profile-access';
import { PROFILES_FILE, readProfilesFile } from '../../main/profiles/profile-store';
import type { MainServices } from '../../main/services';
import { withAppServices } from '../support/app-services';
import { assertBuiltCli, runCli } from '../support/cli';
import { requireTestKeyring, secretToolLookup, testService } from '../support/keyring';

const fields = (name: string): ProfileFields => ({
  name,
  clientId: 'client-id',
  preset: 'v3',
  tokenUrl: '',
  grantType: 'client_credentials',
  scope: '',
});

async function listed(app: MainServices['handlers']) {
  const list = await app.listProfiles();
  if (!list.ok) throw new Error(`the app could not list the profiles: ${list.message}`);
  return list;
}

type FileEntry = Record<string, unknown> & { id: string };
const readFileEntries = async (dir: string) =>
  (JSON.parse(await readFile(path.join(dir, PROFILES_FILE), 'utf8')) as { profiles: FileEntry[] }).profiles;

/** The file as a newer version leaves it: `name`'s profile on its new preset, with a new field. */
async function movedByNewerVersion(dir: string, name: string): Promise<FileEntry> {
  const file = path.join(dir, PROFILES_FILE);
  const data = JSON.parse(await readFile(file, 'utf8')) as { profiles: FileEntry[] };
  const index = data.profiles.findIndex((p) => p.name === name);
  const later = { ...data.profiles[index]!, preset: 'v4-eu', region: 'eu-west' };
  data.profiles[index] = later;
  await writeFile(file, JSON.stringify(data, null, 2));
  return later;
}

describe.runIf(requireTestKeyring('profiles of a newer version'))('profiles of a newer version', () => {
  it('are kept with their secrets through the window’s saves, said, and not taken for damage', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'later-profiles-'));
    const service = testService();
    const saved = await withAppServices(dir, service, async (app) => {
      for (const name of ['Prod', 'Next'])
        await app.saveProfile({ profileId: null, fields: fields(name), secret: 's3cret-of-' + name });
      return (await listed(app)).profiles;
    });
    const next = saved.find((p) => p.name === 'Next')!;
    const later = await movedByNewerVersion(dir, 'Next');

    await withAppServices(dir, service, async (app) => {
      const list = await listed(app);
      expect(list.profiles.map((p) => p.name)).toEqual(['Prod']);
      expect(list.notices).toEqual([
        '1 saved profile uses an endpoint this version of the app does not know (“v4-eu”), saved by a newer version: it is kept in the file as it is, not listed here. Use the newer version for it.',
      ]);
      const added = await app.saveProfile({ profileId: null, fields: fields('Staging'), secret: 'another' });
      expect(added.ok).toBe(true);
    });
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
    const entries = await readFileEntries(dir);
    expect(entries.map((p) => p.name)).toEqual(['Prod', 'Staging', 'Next']);
    expect(entries.find((p) => p.id === next.id)).toEqual(later);
    expect(await secretToolLookup(service, next.id)).toBe('s3cret-of-Next');
  });

  it('are kept by the command line’s listing, and an export refuses rather than leave them out', async () => {
    assertBuiltCli();
    const dir = await mkdtemp(path.join(tmpdir(), 'later-profiles-'));
    const service = testService();
    await withAppServices(dir, service, async (app) => {
      for (const name of ['Prod', 'Next'])
        await app.saveProfile({ profileId: null, fields: fields(name), secret: 'x' });
    });
    await movedByNewerVersion(dir, 'Next');
    const before = await readFile(path.join(dir, PROFILES_FILE), 'utf8');
    const env = { TOKEN_TESTER_USER_DATA_DIR: dir, TOKEN_TESTER_KEYCHAIN_SERVICE: service };

    const listing = await runCli(['profiles'], { env });
    expect(listing.code).toBe(0);
    expect(listing.stdout).toContain('Prod');
    expect(listing.stderr).toContain(
      '1 saved profile uses an endpoint this version of the app does not know (“v4-eu”)',
    );
    const exported = await runCli(['profiles', 'export'], { env });
    expect(exported.code).not.toBe(0);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toContain(
      'because 1 of its profiles was saved by a newer version of the app, with an endpoint this version does not know (“v4-eu”)',
    );
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
    expect(await readFile(path.join(dir, PROFILES_FILE), 'utf8')).toBe(before);
    expect(await readProfilesFile(dir)).toMatchObject({ ok: false });
    // The notice said at every read is no sign of a file changed since (request --profile's check).
    const prod = (await readFileEntries(dir)).find((p) => p.name === 'Prod')!;
    expect(await savedNow(dir, prod.id)).toMatchObject({ id: prod.id, name: 'Prod' });
  });

  it('count toward the most the file holds: a save past it is refused, the file never grows past it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'later-profiles-'));
    const at = 1_700_000_000_000;
    const entry = (i: number, preset: string) => ({
      ...fields(`p${i}`),
      preset,
      id: `${String(i).padStart(8, '0')}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`,
      createdAt: at,
      updatedAt: at,
    });
    const profiles = Array.from({ length: MAX_PROFILES }, (_, i) => entry(i, i === 0 ? 'v4-eu' : 'v3'));
    await writeFile(path.join(dir, PROFILES_FILE), JSON.stringify({ version: 1, profiles }));
    await withAppServices(dir, testService(), async (app) => {
      expect((await listed(app)).profiles).toHaveLength(MAX_PROFILES - 1);
      const refused = await app.saveProfile({ profileId: null, fields: fields('One more'), secret: 'x' });
      expect(refused).toMatchObject({
        ok: false,
        message: `The app keeps at most ${MAX_PROFILES} profiles (1 of them saved by a newer version of the app, not listed here). Delete one you no longer need, then save again.`,
      });
      const exported = {
        format: 'telstra-token-tester/profiles',
        version: 1,
        profiles: [fields('Imported')],
      };
      const preview = await app.previewImport({ fileName: 'export.json', text: JSON.stringify(exported) });
      expect(preview.ok && preview.preview.summary).toContain(
        `At most ${MAX_PROFILES} profiles can be saved and ${MAX_PROFILES} are, so only 0 more can be imported`,
      );
    });
    expect(await readFileEntries(dir)).toHaveLength(MAX_PROFILES);
  });
});

describe.runIf(requireTestKeyring('names of a newer version’s profiles'))(
  'names of a newer version’s profiles',
  () => {
    it('are taken: no save, rename or copy gives a second profile of the name', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'later-profiles-'));
      const service = testService();
      await withAppServices(dir, service, async (app) => {
        for (const name of ['Prod', 'Next', 'Prod (copy)'])
          await app.saveProfile({ profileId: null, fields: fields(name), secret: 'x' });
      });
      await movedByNewerVersion(dir, 'Next');
      await movedByNewerVersion(dir, 'Prod (copy)');
      await withAppServices(dir, service, async (app) => {
        const prod = (await listed(app)).profiles.find((p) => p.name === 'Prod')!;
        const taken = {
          ok: false,
          kind: 'conflict',
          message:
            'A profile named “next” already exists (saved by a newer version of the app, not listed here). Choose another name.',
        };
        expect(await app.saveProfile({ profileId: null, fields: fields('next'), secret: 'y' })).toMatchObject(
          taken,
        );
        expect(
          await app.saveProfile({ profileId: prod.id, fields: fields('next'), secret: null }),
        ).toMatchObject(taken);
        const copy = await app.duplicateProfile({ profileId: prod.id });
        expect(copy.ok && copy.profile.name).toBe('Prod (copy 2)');
      });
      const names = (await readFileEntries(dir)).map((p) => p.name);
      expect(names).toEqual(['Prod', 'Prod (copy 2)', 'Next', 'Prod (copy)']);
    });
  },
);
