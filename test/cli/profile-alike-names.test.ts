// `request --profile NAME` when two saved names read alike: an older version told "Рroduction"
// (Cyrillic Р) and "Production" apart and could save both; this one compares them as one name.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, runCli } from '../support/cli';

const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };

/** A custom-endpoint profile; its token URL tells which one the command line took. */
const profile = (name: string, where: string, i: number) => ({
  name,
  preset: 'custom',
  clientId: `client-${i}`,
  tokenUrl: `https://127.0.0.1:9/${where}/token`,
  grantType: 'client_credentials',
  scope: '',
  id: `3f1c2b7a-5d4e-4f60-8a9b-0c1d2e3f4a5${i}`,
  createdAt: 1,
  updatedAt: 1,
});

describe('--profile with saved names that read alike', () => {
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuiltCli();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cli-alike-names-'));
    const profiles = [profile('Рroduction', 'lookalike', 0), profile('Production', 'exact', 1)];
    await writeFile(path.join(dataDir, 'profiles.json'), JSON.stringify({ version: 1, profiles }));
    env = { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: dataDir };
  });

  it('takes the one of exactly the name given', async () => {
    // --endpoint v3 is refused for either, naming the endpoint of the profile taken.
    for (const [name, where] of [
      ['Production', 'exact'],
      ['Рroduction', 'lookalike'],
    ] as const) {
      const run = await runCli(['request', '--profile', name, '--endpoint', 'v3'], { env });
      expect(run.code, name).toBe(1);
      expect(run.stderr, name).toContain(`https://127.0.0.1:9/${where}/token`);
    }
  });

  it('takes neither when the name given is neither exactly', async () => {
    const run = await runCli(['request', '--profile', 'production', '--endpoint', 'v3'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('More than one saved profile has a name that reads as the one given');
    expect(run.stderr).not.toContain('/token');
  });
});

describe('--profile refusing names that read alike', () => {
  it('spells out the characters drawn as nothing, so the names it lists can be told apart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cli-alike-spelled-'));
    const profiles = [profile('Stage\u3164', 'filler', 2), profile('Stage', 'stage', 3)];
    await writeFile(path.join(dataDir, 'profiles.json'), JSON.stringify({ version: 1, profiles }));
    const run = await runCli(['request', '--profile', 'stage', '--endpoint', 'v3'], {
      env: { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: dataDir },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('“Stage\\u{3164}”, “Stage”');
  });
});
