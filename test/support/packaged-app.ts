// The packaged apps electron-builder leaves in release/, and their Electron fuses.
//
// The release workflow reads the fuses of every packaged app and compares them with the
// `electronFuses` section of electron-builder.yml (the one place they are decided), then
// smoke-tests a copy of the app for this machine with Playwright. Playwright's `_electron` needs
// Node's --inspect, which the shipped app refuses (the nodeCliInspect fuse), so the copy has that
// one fuse turned back on and nothing else changed (Playwright's docs, "Electron", known issues).
import { execFileSync } from 'node:child_process';
import { cp, readdir, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// Not launch.ts's: the CLI would load Playwright and the app's modules just to know it.
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What electron-builder.yml says that this file needs. */
export interface BuilderConfig {
  readonly productName: string;
  readonly electronFuses: Readonly<Record<string, boolean>>;
}

export function readBuilderConfig(file = path.join(projectRoot, 'electron-builder.yml')): BuilderConfig {
  const config = parse(readFileSync(file, 'utf8')) as Partial<BuilderConfig> | null;
  if (typeof config?.productName !== 'string' || typeof config.electronFuses !== 'object') {
    throw new Error(`${file} has no productName or no electronFuses section.`);
  }
  return config as BuilderConfig;
}

/** A fuse's name as @electron/fuses spells it (the config's name, capitalised). */
type FuseName = keyof typeof FuseV1Options;
const FUSE_NAMES = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key))) as FuseName[];

/** Options of electron-builder's `electronFuses` that are not fuses. */
const NOT_FUSES = new Set(['resetAdHocDarwinSignature']);

/** Policy, whatever the config says: the asar archive is checked against its hash at start. */
export const REQUIRED_FUSES: ReadonlyMap<FuseName, boolean> = new Map([
  ['EnableEmbeddedAsarIntegrityValidation', true],
]);

/** The fuses electron-builder.yml asks for, by @electron/fuses' name. */
export function expectedFuses(config: BuilderConfig): Map<FuseName, boolean> {
  const expected = new Map<FuseName, boolean>();
  for (const [key, value] of Object.entries(config.electronFuses)) {
    if (NOT_FUSES.has(key)) continue;
    const name = `${key[0]?.toUpperCase() ?? ''}${key.slice(1)}` as FuseName;
    if (!FUSE_NAMES.includes(name)) {
      throw new Error(`electron-builder.yml names a fuse @electron/fuses does not know: ${key}`);
    }
    expected.set(name, value);
  }
  return expected;
}

export type FuseReading = boolean | 'removed' | 'unknown';

/** The fuses of a packaged app (its .app folder on macOS, its executable elsewhere). */
export async function readFuses(fusePath: string): Promise<Map<FuseName, FuseReading>> {
  const wire = (await getCurrentFuseWire(fusePath)) as unknown as Record<number, number>;
  const read = new Map<FuseName, FuseReading>();
  for (const name of FUSE_NAMES) {
    const state = wire[FuseV1Options[name]];
    // The wire holds ASCII '0' and '1'; 'r' marks a fuse this Electron removed.
    read.set(name, state === 0x31 ? true : state === 0x30 ? false : state === 0x72 ? 'removed' : 'unknown');
  }
  return read;
}

/** One line per fuse that is not what the config (and the asar policy) asks for. */
export function fuseMismatches(
  expected: ReadonlyMap<FuseName, boolean>,
  actual: ReadonlyMap<FuseName, FuseReading>,
): string[] {
  const wanted = new Map([...expected, ...REQUIRED_FUSES]);
  const lines: string[] = [];
  for (const [name, value] of REQUIRED_FUSES) {
    if (expected.get(name) !== value) lines.push(`${name}: electron-builder.yml must set it to ${value}`);
  }
  for (const [name, value] of wanted) {
    const found = actual.get(name);
    if (found !== value) lines.push(`${name}: expected ${value}, found ${String(found)}`);
  }
  return lines;
}

export interface PackagedApp {
  /** The folder electron-builder packed into the installers (e.g. release/linux-unpacked). */
  readonly dir: string;
  readonly platform: 'linux' | 'darwin' | 'win32';
  readonly arch: string;
  /** What @electron/fuses reads: the .app folder on macOS, the executable elsewhere. */
  readonly fusePath: string;
  /** What Playwright launches. */
  readonly executable: string;
}

/** The layout electron-builder gives a packaged app (folder names as in its computeAppOutDir). */
function appIn(dir: string, config: BuilderConfig, executableName: string): PackagedApp | null {
  const folder = path.basename(dir);
  const mac = /^mac(?:-(\w+))?$/.exec(folder);
  if (mac) {
    const bundle = path.join(dir, `${config.productName}.app`);
    const executable = path.join(bundle, 'Contents/MacOS', config.productName);
    return { dir, platform: 'darwin', arch: mac[1] ?? 'x64', fusePath: bundle, executable };
  }
  const other = /^(linux|win)(?:-(\w+))?-unpacked$/.exec(folder);
  if (!other) return null;
  const [, kind, arch = 'x64'] = other;
  const executable =
    kind === 'win' ? path.join(dir, `${config.productName}.exe`) : path.join(dir, executableName);
  return { dir, platform: kind === 'win' ? 'win32' : 'linux', arch, fusePath: executable, executable };
}

/** Every packaged app in release/ (electron-builder's `directories.output`). */
export async function packagedApps(
  releaseDir: string,
  config: BuilderConfig = readBuilderConfig(),
  executableName = packageName(),
): Promise<PackagedApp[]> {
  const entries = await readdir(releaseDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => appIn(path.join(releaseDir, entry.name), config, executableName))
    .filter((app): app is PackagedApp => app !== null && existsSync(app.fusePath));
}

/** electron-builder names the Linux executable after package.json's name. */
function packageName(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { name: string }).name;
}

/**
 * A copy of a packaged app that Playwright can drive: the same files, with only the nodeCliInspect
 * fuse turned back on. On macOS the copy is ad-hoc signed again (flipping a fuse breaks the
 * signature, and Apple silicon refuses an unsigned binary).
 */
export async function smokeTestCopy(app: PackagedApp, destination: string): Promise<PackagedApp> {
  await rm(destination, { recursive: true, force: true });
  if (app.platform === 'darwin' && process.platform === 'darwin') {
    // ditto keeps the bundle's symlinks, permissions and extended attributes.
    execFileSync('ditto', [app.dir, destination]);
  } else {
    await cp(app.dir, destination, { recursive: true, verbatimSymlinks: true });
  }
  const moved = (file: string) => path.join(destination, path.relative(app.dir, file));
  const copy: PackagedApp = {
    ...app,
    dir: destination,
    fusePath: moved(app.fusePath),
    executable: moved(app.executable),
  };
  await flipFuses(copy.fusePath, {
    version: FuseVersion.V1,
    [FuseV1Options.EnableNodeCliInspectArguments]: true,
    resetAdHocDarwinSignature: app.platform === 'darwin' && process.platform === 'darwin',
  });
  return copy;
}
