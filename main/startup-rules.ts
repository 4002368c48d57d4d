// Start-up decisions of the Electron app that must hold before anything else runs, kept pure so
// they are tested without Electron: which renderer to load, which switches a packaged build
// refuses, and the Windows identity that matches the installer's.

/** electron-builder.yml's `appId` (a unit test keeps the two equal). */
export const APP_USER_MODEL_ID = 'au.com.telstra-token-tester.app';

/**
 * The Vite dev server, for `npm run dev` only. A packaged app ignores the variable: anyone able
 * to set an environment variable could otherwise make the signed app load any origin, which the
 * IPC router would then trust (revealing stored secrets), defeating what the fuses protect.
 */
export function devServerUrl(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): string | null {
  if (isPackaged) return null;
  const url = env.VITE_DEV_SERVER_URL;
  if (!url) return null;
  try {
    const parsed = new URL(url);
    // Vite's own server on this computer, nothing else.
    return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
      ? url
      : null;
  } catch {
    return null;
  }
}

/**
 * Debugging switches a packaged build refuses to start with: they would let another process read
 * the window (and the secrets typed into it) or drive the main process. The fuses turn off Node's
 * --inspect arguments; --remote-debugging-port has no fuse, so it is checked here.
 */
// Chromium also takes "/switch" on Windows, and switch names in any case there.
const DEBUG_SWITCH =
  /^(?:--?|\/)(remote-debugging-port|remote-debugging-pipe|remote-debugging-address|inspect|inspect-brk|inspect-port|inspect-publish-uid|debug|debug-brk)(=|$)/i;

export function refusedSwitches(argv: readonly string[], isPackaged: boolean): string[] {
  if (!isPackaged) return [];
  return argv
    .slice(1)
    .map((arg) => DEBUG_SWITCH.exec(arg)?.[1])
    .filter((name): name is string => name !== undefined)
    .map((name) => `--${name.toLowerCase()}`);
}
