// Opens the user's browser at browser mode's address, where one can be opened: never an error
// where none can (an SSH session, a server without a desktop); the terminal shows the address
// anyway. BROWSER=none turns it off, as several dev servers do.
import { spawn } from 'node:child_process';
import type { Env } from '../config';

export interface Opener {
  readonly command: string;
  readonly args: readonly string[];
}

/** How this platform opens a URL, or null when there is no desktop to open it on. */
export function browserOpener(platform: NodeJS.Platform, env: Env, url: string): Opener | null {
  if (env.BROWSER === 'none') return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // The address is ours: only [A-Za-z0-9:/.#=_-], nothing cmd.exe would interpret.
  if (platform === 'win32') return { command: 'cmd.exe', args: ['/d', '/s', '/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [url] };
}

/** Starts the opener and does not wait for it; true when it started. */
export function openBrowser(opener: Opener): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(opener.command, opener.args, { detached: true, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
