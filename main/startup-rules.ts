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
 * Switches a packaged build refuses to start with. Debugging ones would let another process read
 * the window (and the secrets typed into it) or drive the main process: the fuses turn off Node's
 * --inspect arguments, and --remote-debugging-port, which has no fuse, is checked here. Others
 * would take the protection off what is sent (a certificate check skipped, with a proxy the client
 * secret's way to anyone), write the traffic to a file, or start another program in the app's
 * place. Anyone able to edit the app's shortcut could add them. (--no-sandbox stays allowed: some
 * Linux systems cannot start Chromium's sandbox, and it loosens only the app's own pages.)
 */
// Chromium also takes "/switch" on Windows, and switch names in any case there.
const REFUSED_SWITCH = new RegExp(
  `^(?:--?|/)(${[
    'remote-debugging-port',
    'remote-debugging-pipe',
    'remote-debugging-address',
    'inspect',
    'inspect-brk',
    'inspect-port',
    'inspect-publish-uid',
    'debug',
    'debug-brk',
    // The certificate-skipping switches as a family (the errors one, its SPKI list, any later
    // one), and the one that accepts any certificate from this computer.
    'ignore-certificate[a-z-]*',
    'allow-insecure-[a-z-]*',
    'disable-web-security',
    'log-net-log',
    'ssl-key-log-file',
    'renderer-cmd-prefix',
    'gpu-launcher',
    'utility-cmd-prefix',
    'browser-subprocess-path',
    'js-flags',
    // Names mapped to other addresses: plain http: is sent only to localhost and loopback, which
    // these could point anywhere, client secret included.
    'host-resolver-rules',
    'host-rules',
  ].join('|')})(=|$)`,
  'i',
);

/**
 * A company proxy stays allowed (--proxy-server, a PAC script): Chromium never sends requests for
 * this computer's own addresses through one, unless the bypass list takes that rule out
 * ("<-loopback>"), which would send plain http: to localhost, secret included, to the proxy.
 */
const LOOPBACK_THROUGH_PROXY = /^(?:--?|\/)proxy-bypass-list=.*<-loopback>/i;

/**
 * `inspectorOpen`: Node's inspector is already listening, which Electron allows only in a build
 * whose inspect fuse is on: a debugging copy by construction (the release smoke test's, which
 * Playwright drives with --inspect=0 and --remote-debugging-port=0), never a shipped one.
 */
export function refusedSwitches(
  argv: readonly string[],
  isPackaged: boolean,
  inspectorOpen = false,
  env: Readonly<Record<string, string | undefined>> = {},
): string[] {
  if (!isPackaged || inspectorOpen) return [];
  const switches = argv
    .slice(1)
    .map(
      (arg) =>
        REFUSED_SWITCH.exec(arg)?.[1] ?? (LOOPBACK_THROUGH_PROXY.test(arg) ? 'proxy-bypass-list' : undefined),
    )
    .filter((name): name is string => name !== undefined)
    .map((name) => `--${name.toLowerCase()}`);
  // --ssl-key-log-file's twin in the environment: the TLS keys written to a file would let a
  // capture of the traffic be read, client secret included.
  return env.SSLKEYLOGFILE ? [...switches, 'SSLKEYLOGFILE'] : switches;
}
