// `profiles import` against the real keychain (the private gnome-keyring `npm test` starts): a
// ~/.telstra/credentials file with three sections becomes three profiles after one preview and
// one confirmation, the secrets only in the keychain (checked with secret-tool, an independent
// client), the file untouched; without --yes and without a terminal nothing is written.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { requireKeyringTools, secretToolLookup, testService } from '../support/keyring';

const CREDENTIALS = [
  '[default]',
  'client_id = default-client-id-123',
  'client_secret = default-S3cret!',
  '',
  '[staging]',
  'client_id = staging-client-id-456',
  'client_secret = staging-S3cret!',
  '',
  '[customer-b]',
  'client_id = custb-client-id-789',
  'client_secret = your-client-secret',
  '',
].join('\r\n');
const SECRETS = ['default-S3cret!', 'staging-S3cret!', 'your-client-secret'];

interface Listed {
  profiles: { name: string; id: string; clientId: string; secret: string; endpoint: string }[];
}

describe.runIf(requireKeyringTools('profiles import from the command line', 'secret-tool'))(
  'profiles import (private keyring)',
  () => {
    const service = testService();
    let dir: string;
    let env: Record<string, string>;
    let file: string;

    beforeAll(async () => {
      assertBuiltCli();
      dir = await mkdtemp(path.join(tmpdir(), 'cli-import-'));
      env = { TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'), TOKEN_TESTER_KEYCHAIN_SERVICE: service };
      file = path.join(dir, 'credentials');
      await writeFile(file, CREDENTIALS);
    });

    it('previews without a terminal or --yes and writes nothing', async () => {
      const run = await runCli(['profiles', 'import', file], { env });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Telstra credentials file (INI): 3 found.');
      expect(run.stdout).toMatch(/default\s+defa…23\s+Messaging API v3/);
      expect(run.stdout).toMatch(/placeholder/i);
      expect(run.stderr).toContain('Nothing was written');
      // The command line's own words, not the window's button.
      const json = onlyJson(await runCli(['profiles', 'import', file, '--json'], { env })) as {
        preview: { summary: string };
      };
      expect(json.preview.summary).toContain(
        'nothing is saved until you answer y at the terminal, or give --yes.',
      );
      const missing = await runCli(['profiles', 'import', path.join(dir, 'no-such-file')], { env });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('There is no such file. Nothing was imported.');
      for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
      const listed = onlyJson(await runCli(['profiles', '--json'], { env })) as unknown as Listed;
      expect(listed.profiles).toEqual([]);
    });

    it('imports three sections as three profiles, secrets only in the keychain, the file untouched', async () => {
      const run = await runCli(['profiles', 'import', file, '--yes', '--json'], { env });
      expect(run.code).toBe(0);
      const answer = onlyJson(run) as { written: boolean; results: { status: string; secret: string }[] };
      expect(answer.written).toBe(true);
      expect(answer.results.map((r) => [r.status, r.secret])).toEqual([
        ['imported', 'stored'],
        ['imported', 'stored'],
        ['imported', 'stored'],
      ]);
      for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);

      const listed = onlyJson(await runCli(['profiles', '--json'], { env })) as unknown as Listed;
      expect(listed.profiles.map((p) => [p.name, p.clientId, p.secret])).toEqual([
        ['default', 'default-client-id-123', 'stored'],
        ['staging', 'staging-client-id-456', 'stored'],
        ['customer-b', 'custb-client-id-789', 'stored'],
      ]);
      for (const [index, profile] of listed.profiles.entries()) {
        expect(await secretToolLookup(service, profile.id)).toBe(SECRETS[index]);
      }
      // No secret in any file of the data folder; the source file byte for byte as it was.
      for (const name of await readdir(env.TOKEN_TESTER_USER_DATA_DIR!, { recursive: true })) {
        const text = await readFile(path.join(env.TOKEN_TESTER_USER_DATA_DIR!, name), 'utf8').catch(() => '');
        for (const secret of SECRETS) expect(text).not.toContain(secret);
      }
      expect(await readFile(file, 'utf8')).toBe(CREDENTIALS);

      // Imported again: the names clash, so the copies get free names and nothing is overwritten.
      const again = onlyJson(await runCli(['profiles', 'import', file, '--yes', '--json'], { env })) as {
        results: { name: string }[];
      };
      expect(again.results.map((r) => r.name)).toEqual(['default (2)', 'staging (2)', 'customer-b (2)']);
      expect(await secretToolLookup(service, listed.profiles[0]!.id)).toBe(SECRETS[0]);
    });

    it('exports without secrets and imports the export back with the secrets missing', async () => {
      const exported = await runCli(['profiles', 'export'], { env });
      expect(exported.code).toBe(0);
      for (const secret of SECRETS) expect(exported.stdout).not.toContain(secret);
      const other = { ...env, TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'other') };
      const exportFile = path.join(dir, 'profiles.json');
      await writeFile(exportFile, exported.stdout);
      expect((await runCli(['profiles', 'import', exportFile, '--yes'], { env: other })).code).toBe(0);
      const listed = onlyJson(await runCli(['profiles', '--json'], { env: other })) as unknown as Listed;
      expect(listed.profiles).toHaveLength(6);
      expect(new Set(listed.profiles.map((p) => p.secret))).toEqual(new Set(['missing']));
    });

    it('imports the SDK variables with --from-env, and refuses a hostile file writing nothing', async () => {
      const other = { ...env, TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'env') };
      const run = await runCli(['profiles', 'import', '--from-env', '--yes'], {
        env: { ...other, TELSTRA_CLIENT_ID: 'env-id-0001', TELSTRA_CLIENT_SECRET: 'env-secret' },
      });
      expect(run.code).toBe(0);
      const binary = path.join(dir, 'binary.env');
      await writeFile(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x54, 0x3d]));
      const refused = await runCli(['profiles', 'import', binary, '--yes'], { env: other });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('This file is not text');
      const listed = onlyJson(await runCli(['profiles', '--json'], { env: other })) as unknown as Listed;
      expect(listed.profiles.map((p) => p.name)).toEqual(['TELSTRA_CLIENT_ID']);
    });

    it('past the 500 saved profiles, imports nothing rather than some, and says why', async () => {
      const other = { ...env, TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'cap') };
      const two = path.join(dir, 'two.ini');
      await writeFile(two, '[one]\nclient_id = cap-id-0001\n[two]\nclient_id = cap-id-0002\n');
      expect((await runCli(['profiles', 'import', two, '--yes'], { env: other })).code).toBe(0);
      const many = path.join(dir, 'many.ini');
      const sections = Array.from({ length: 499 }, (_, i) => `[s${i}]\nclient_id = many-id-${i}\n`);
      await writeFile(many, sections.join(''));
      const run = await runCli(['profiles', 'import', many, '--yes'], { env: other });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'At most 500 profiles can be saved and 2 are, so only 498 more can be imported: skip some rows, or delete profiles first. Nothing was written.',
      );
      const listed = onlyJson(await runCli(['profiles', '--json'], { env: other })) as unknown as Listed;
      expect(listed.profiles.map((p) => p.name)).toEqual(['one', 'two']);
    });

    it('refuses what is not a file (a pipe no one writes to, a device without end), at once', async () => {
      const other = { ...env, TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'devices') };
      const pipe = path.join(dir, 'credentials.fifo');
      execFileSync('mkfifo', [pipe]);
      for (const source of [pipe, '/dev/zero', '/dev/urandom', dir]) {
        const refused = await runCli(['profiles', 'import', source, '--yes'], { env: other });
        expect(refused.code, source).toBe(1);
        expect(refused.stderr).toContain('This is not a file (a folder, a device or a pipe).');
      }
      const listed = onlyJson(await runCli(['profiles', '--json'], { env: other })) as unknown as Listed;
      expect(listed.profiles).toEqual([]);
    });
  },
);
