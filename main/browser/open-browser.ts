// Opens the user's browser at browser mode's address, where one can be opened: never an error
// where none can (an SSH session, a server without a desktop); the terminal shows the address
// anyway. BROWSER=none turns it off, as several dev servers do.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Env } from '../config';

/** How long the address handed to the browser stays usable (and its file exists). */
export const OPENER_LIFETIME_MS = 120_000;

export interface OpenerPage {
  /** A file: URL to give the browser. */
  readonly url: string;
  remove(): Promise<void>;
}

/**
 * A page that sends the browser on to `address`, in a folder only this user can read (mkdtemp
 * makes it 0700, the file is 0600), as Jupyter does: the address never appears in a process list.
 */
export async function writeOpenerPage(address: string): Promise<OpenerPage> {
  const dir = await mkdtemp(path.join(tmpdir(), 'token-tester-open-'));
  const file = path.join(dir, 'open.html');
  const target = address.replace(/[^\w:/.#=-]/g, '');
  await writeFile(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${target}"><title>Telstra Token Tester</title><a href="${target}">Open Telstra Token Tester</a>\n`,
    { mode: 0o600 },
  );
  return {
    url: pathToFileURL(file).href,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface Opener {
  readonly command: string;
  readonly args: readonly string[];
}

/** How this platform opens a URL, or null when there is no desktop to open it on. */
export function browserOpener(platform: NodeJS.Platform, env: Env, url: string): Opener | null {
  if (env.BROWSER === 'none') return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // The address is ours (a file: URL of a folder of ours): nothing cmd.exe would interpret.
  if (platform === 'win32') return { command: 'cmd.exe', args: ['/d', '/s', '/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [url] };
}

/** How long an opener may run before its silence counts as success (it may be the browser itself). */
export const OPENER_VERDICT_MS = 3_000;

/**
 * Starts the opener. True once it exits with status 0, or is still running after `verdictMs`
 * (xdg-open may run the browser in the foreground); false when it cannot start or fails (xdg-open
 * exits 3 when no program can open the address, 4 when the one it tried failed).
 */
export function openBrowser(opener: Opener, verdictMs = OPENER_VERDICT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(opener.command, opener.args, { detached: true, stdio: 'ignore' });
    let timer: NodeJS.Timeout | undefined;
    const verdict = (opened: boolean) => {
      clearTimeout(timer);
      child.unref();
      resolve(opened);
    };
    child.once('error', () => verdict(false));
    child.once('exit', (code) => verdict(code === 0));
    child.once('spawn', () => {
      timer = setTimeout(() => verdict(true), verdictMs);
    });
  });
}
