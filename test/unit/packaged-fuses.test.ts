// The release workflow's fuse check and smoke-test copy (test/support/packaged-app*.ts), on a
// stand-in for a packaged app: a file carrying Electron's fuse wire (sentinel, version, length,
// one ASCII '0'/'1' per fuse), read and flipped by the real @electron/fuses, with the fuse
// configuration electron-builder itself derives from electron-builder.yml.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { flipFuses, FuseV1Options, type FuseConfig } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronBinary, electronLaunchOptions, projectRoot } from '../support/launch';
import {
  expectedFuses,
  fuseMismatches,
  packagedApps,
  readBuilderConfig,
  readFuses,
  smokeTestCopy,
} from '../support/packaged-app';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults for the first eight fuses, plus one this @electron/fuses does not know. */
const ELECTRON_DEFAULTS = '101100001';

/** A file laid out like an Electron binary where @electron/fuses looks. */
const fakeElectron = (wire = ELECTRON_DEFAULTS) =>
  Buffer.concat([
    Buffer.alloc(256, 0x7f),
    Buffer.from(SENTINEL),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.alloc(256, 0x7f),
  ]);

/** What electron-builder flips for this config (its own code, as `npm run dist` runs it). */
async function builderFuseConfig(): Promise<FuseConfig> {
  const { PlatformPackager } = (await import('app-builder-lib')) as unknown as {
    PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<FuseConfig> } };
  };
  return PlatformPackager.prototype.generateFuseConfig.call({}, readBuilderConfig().electronFuses);
}

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'test/support/packaged-app-cli.ts', ...args], {
    cwd: projectRoot,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

let release: string;
let binary: string;
beforeEach(async () => {
  release = await mkdtemp(path.join(tmpdir(), 'token-tester-release-'));
  await mkdir(path.join(release, 'linux-unpacked'));
  binary = path.join(release, 'linux-unpacked', 'telstra-token-tester');
  await writeFile(binary, fakeElectron(), { mode: 0o755 });
  await writeFile(path.join(release, 'linux-unpacked', 'resources.pak'), 'the rest of the app');
});
afterEach(() => rm(release, { recursive: true, force: true }));

describe('the fuses electron-builder.yml asks for', () => {
  it('are exactly those electron-builder flips when it packages the app', async () => {
    const fromBuilder = await builderFuseConfig();
    const expected = expectedFuses(readBuilderConfig());
    const builderFuses = Object.entries(fromBuilder)
      .filter(([key]) => !Number.isNaN(Number(key)))
      .map(([index, value]) => [FuseV1Options[Number(index)], value]);
    expect(Object.fromEntries(expected)).toEqual(Object.fromEntries(builderFuses));
    expect(expected.get('EnableEmbeddedAsarIntegrityValidation')).toBe(true);
  });

  it('must keep asar integrity validation on, and name only fuses that exist', () => {
    const config = readBuilderConfig();
    const withoutIntegrity = expectedFuses({
      ...config,
      electronFuses: { ...config.electronFuses, enableEmbeddedAsarIntegrityValidation: false },
    });
    expect(fuseMismatches(withoutIntegrity, new Map())).toContain(
      'EnableEmbeddedAsarIntegrityValidation: electron-builder.yml must set it to true',
    );
    expect(() => expectedFuses({ ...config, electronFuses: { runAsNodeTypo: false } })).toThrow(
      /does not know: runAsNodeTypo/,
    );
  });
});

describe('check-fuses', () => {
  it('finds the packaged app where electron-builder leaves it', async () => {
    const [app] = await packagedApps(release);
    expect(app).toMatchObject({ platform: 'linux', arch: 'x64', executable: binary, fusePath: binary });
  });

  it('refuses Electron as downloaded, naming each fuse that is wrong', async () => {
    const { code, stderr } = await cli('check-fuses', release);
    expect(code).toBe(1);
    expect(stderr).toContain('RunAsNode: expected false, found true');
    expect(stderr).toContain('EnableEmbeddedAsarIntegrityValidation: expected true, found false');
  });

  it('accepts the app once electron-builder’s fuses are flipped, and refuses it with one undone', async () => {
    await flipFuses(binary, await builderFuseConfig());
    const passed = await cli('check-fuses', release);
    expect(passed.code).toBe(0);
    expect(passed.stderr).toContain('asar integrity validation on');

    await flipFuses(binary, { version: '1' as FuseConfig['version'], [FuseV1Options.RunAsNode]: true });
    const failed = await cli('check-fuses', release);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/RunAsNode: expected false, found true/);
    expect(failed.stderr).not.toMatch(/OnlyLoadAppFromAsar: expected/);
  });

  it('says so when there is nothing to check', async () => {
    await rm(path.join(release, 'linux-unpacked'), { recursive: true });
    const { code, stderr } = await cli('check-fuses', release);
    expect(code).toBe(1);
    expect(stderr).toContain('No packaged app');
  });
});

describe('the smoke-test copy', () => {
  it('differs from the shipped app only in the inspect fuse, and leaves the shipped app alone', async () => {
    await flipFuses(binary, await builderFuseConfig());
    const shipped = await readFile(binary);
    const [app] = await packagedApps(release);
    const copy = await smokeTestCopy(app!, path.join(release, 'smoke'));

    expect(await readFile(binary)).toEqual(shipped);
    const copied = await readFile(copy.executable);
    const differing = [...copied.keys()].filter((i) => copied[i] !== shipped[i]);
    const inspectAt =
      shipped.indexOf(SENTINEL) + SENTINEL.length + 2 + FuseV1Options.EnableNodeCliInspectArguments;
    expect(differing).toEqual([inspectAt]);
    expect((await readFuses(copy.executable)).get('EnableNodeCliInspectArguments')).toBe(true);
    expect(await readFile(path.join(copy.dir, 'resources.pak'), 'utf8')).toBe('the rest of the app');
  });

  it('is made by the CLI, which prints the line for $GITHUB_ENV', async () => {
    await flipFuses(binary, await builderFuseConfig());
    const destination = path.join(release, 'smoke');
    const { code, stdout } = await cli('smoke-copy', release, destination);
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(code).toBe(0);
      expect(stdout).toBe(`E2E_PACKAGED_APP=${path.join(destination, 'telstra-token-tester')}\n`);
    } else {
      expect(code).toBe(1); // the stand-in is a Linux x64 app
    }
  });

  it('refuses to make a copy of an app whose shipped fuses are wrong', async () => {
    const { code, stdout, stderr } = await cli('smoke-copy', release, path.join(release, 'smoke'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('not the shipped app plus --inspect');
  });
});

describe('E2E_PACKAGED_APP', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('makes the end-to-end run launch that executable, unless browser or bridge mode is asked for', () => {
    vi.stubEnv('E2E_PACKAGED_APP', binary);
    vi.stubEnv('E2E_MODE', 'electron');
    expect(electronBinary()).toBe(binary);
    vi.stubEnv('E2E_MODE', 'browser');
    expect(electronBinary()).toBeNull();
  });

  it('launches the packaged executable with no project folder, so it runs its own app.asar', () => {
    vi.stubEnv('E2E_PACKAGED_APP', binary);
    const options = electronLaunchOptions(binary, '/tmp/data', {});
    expect(options).toMatchObject({ executablePath: binary, args: ['--user-data-dir=/tmp/data'] });
    vi.stubEnv('E2E_PACKAGED_APP', '');
    expect(electronLaunchOptions(binary, '/tmp/data', {}).args).toEqual([
      projectRoot,
      '--user-data-dir=/tmp/data',
    ]);
  });

  it('names the missing file instead of falling back to the source', () => {
    vi.stubEnv('E2E_PACKAGED_APP', path.join(release, 'no-such-app'));
    vi.stubEnv('E2E_MODE', '');
    expect(() => electronBinary()).toThrow(
      `E2E_PACKAGED_APP is set, but ${path.join(release, 'no-such-app')} does not exist.`,
    );
  });
});
