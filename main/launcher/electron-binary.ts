// Can the desktop app start here? Finds Electron's binary, fetching it the way the electron
// package does on first launch (its install.js), and says in one sentence why not when it cannot:
// no graphical display, not installed, or the download failed (no internet, a proxy, a mirror).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Env } from '../config';

export type ElectronCheck =
  | { readonly ok: true; readonly binary: string }
  | { readonly ok: false; readonly reason: string; readonly remedy: string };

const GET_ELECTRON =
  'For the desktop window: connect to the internet, or set ELECTRON_MIRROR to a mirror you can reach, or ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45.';

export interface ElectronCheckOptions {
  readonly projectRoot: string;
  readonly env: Env;
  readonly platform: NodeJS.Platform;
  /** Said before a download starts (it can take a while on a slow connection). */
  readonly onDownload?: () => void;
}

/** Runs electron's own installer; resolves with its exit code and the end of what it printed. */
function runInstaller(installer: string, env: Env): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      env: env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => void (output = (output + chunk.toString('utf8')).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', () => resolve({ code: null, output }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

const OFFLINE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed|getaddrinfo|socket hang up/i;

export async function checkElectron(options: ElectronCheckOptions): Promise<ElectronCheck> {
  const { env, platform } = options;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return {
      ok: false,
      reason: 'there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set)',
      remedy:
        'Over SSH: forward a port (ssh -o ExitOnForwardFailure=yes -L 127.0.0.1:PORT:127.0.0.1:PORT: otherwise, when another program on your computer has 127.0.0.1:PORT, ssh goes on, and your browser would give that program the address), start browser mode on it (npm start -- --browser --port PORT), and open the address it prints on your own computer.',
    };
  }
  let packageDir: string;
  try {
    const require = createRequire(path.join(options.projectRoot, 'package.json'));
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return {
      ok: false,
      reason: 'Electron is not installed',
      remedy:
        'For the desktop window: run `npm install` in the project (Electron is a development dependency).',
    };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = () => (existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null);
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, executable() ?? (platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(binary)
      ? { ok: true, binary }
      : {
          ok: false,
          reason: 'ELECTRON_OVERRIDE_DIST_PATH does not hold an Electron binary',
          remedy: 'Point ELECTRON_OVERRIDE_DIST_PATH at the folder of an unpacked Electron 45, or unset it.',
        };
  }
  const installed = executable();
  if (installed !== null && existsSync(path.join(packageDir, 'dist', installed))) {
    return { ok: true, binary: path.join(packageDir, 'dist', installed) };
  }
  options.onDownload?.();
  const { code, output } = await runInstaller(path.join(packageDir, 'install.js'), env);
  const fetched = executable();
  if (code === 0 && fetched !== null && existsSync(path.join(packageDir, 'dist', fetched))) {
    return { ok: true, binary: path.join(packageDir, 'dist', fetched) };
  }
  return {
    ok: false,
    reason: OFFLINE.test(output)
      ? 'its binary could not be downloaded (no internet connection, or a proxy or firewall in the way)'
      : 'its binary could not be installed (Electron’s installer failed)',
    remedy: GET_ELECTRON,
  };
}
