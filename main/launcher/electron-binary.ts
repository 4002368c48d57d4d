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
  | {
      readonly ok: false;
      readonly reason: string;
      readonly remedy: string;
      /** A request to stop (Ctrl-C, a kill) ended the download: nothing else is to start. */
      readonly stopped?: true;
    };

const GET_ELECTRON =
  'For the desktop window: connect to the internet, or set ELECTRON_MIRROR to a mirror you can reach, or ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45.';

export interface ElectronCheckOptions {
  readonly projectRoot: string;
  readonly env: Env;
  readonly platform: NodeJS.Platform;
  /** Said before a download starts (it can take a while on a slow connection). */
  readonly onDownload?: () => void;
  /**
   * Said while the download runs: first after `fetchWaitMs`, then every three times as long, with
   * the time so far. Electron's installer prints nothing until it ends, and a mirror or a proxy
   * that takes the connection but never answers holds it for minutes.
   */
  readonly onStillFetching?: (elapsedMs: number) => void;
  readonly fetchWaitMs?: number;
}

interface InstallerRun {
  readonly code: number | null;
  readonly output: string;
  readonly stopped: boolean;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs electron's own installer; resolves with its exit code and the end of what it printed.
 * A request to stop this process ends the installer too: Ctrl-C at a terminal reaches both, but
 * a `kill`, or a terminal closed, reaches this process alone, and the installer would otherwise
 * go on by itself (or hang on, against a mirror that never answers).
 */
function runInstaller(
  installer: string,
  env: Env,
  fetchWaitMs: number,
  onStillFetching?: (elapsedMs: number) => void,
): Promise<InstallerRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      env: env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = performance.now();
    let output = '';
    let stopped = false;
    const keep = (chunk: Buffer) => void (output = (output + chunk.toString('utf8')).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let notice: ReturnType<typeof setTimeout> | undefined;
    const still = (waitMs: number) => {
      notice = setTimeout(() => {
        onStillFetching?.(performance.now() - started);
        still(fetchWaitMs * 3);
      }, waitMs);
    };
    if (onStillFetching) still(fetchWaitMs);
    const stop = () => {
      stopped = true;
      child.kill('SIGTERM');
    };
    for (const signal of STOP_SIGNALS) process.on(signal, stop);
    const end = (code: number | null) => {
      clearTimeout(notice);
      for (const signal of STOP_SIGNALS) process.off(signal, stop);
      resolve({ code, output, stopped });
    };
    child.once('error', () => end(null));
    child.once('close', (code) => end(code));
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
  const { code, output, stopped } = await runInstaller(
    path.join(packageDir, 'install.js'),
    env,
    options.fetchWaitMs ?? 20_000,
    options.onStillFetching,
  );
  if (stopped) return { ok: false, stopped, reason: 'its download was stopped', remedy: GET_ELECTRON };
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
