// `telstra-token ui`: the app's window in the user's own browser (browser mode), served on
// 127.0.0.1 until Ctrl-C. `npm start` ends up here when Electron cannot start.
import path from 'node:path';
import { version } from '../../../package.json';
import { startBrowserMode } from '../../browser/browser-mode';
import { createInterface } from 'node:readline';
import {
  browserOpener,
  OPENER_LIFETIME_MS,
  openBrowser,
  writeOpenerPage,
  type OpenerPage,
} from '../../browser/open-browser';
import { DataFolderUnwritable, ifNotTheApp, unwritable } from '../../browser/data-folder';
import { holderProcess } from '../../browser/lock-elsewhere';
import { lockDataFolder } from '../../browser/data-lock';
import { NoFreeLoopbackPort } from '../../browser/loopback-guard';
import { userDataDir } from '../../user-data-dir';
import { openWaitMs } from '../../config';
import { addressUnlessReached } from '../../browser/late-address';
import { EXIT, type ExitCode } from '../exit-codes';
import type { CliIo, Output } from '../io';
import type { OptionValues } from '../args';
import { createNodeHttpFetch } from '../../token/node-http-fetch';
import { restartingHelperKeytar } from '../keychain/helper-keytar';
import { terminalSafe } from '../format/terminal-safe';
import { PROGRAM, reportUsageError } from '../usage';
import { CLI_EXPLANATIONS } from '../cli-outcomes';

/** Where the built app is, seen from the CLI's bundle (dist/cli). */
export const BUILT_APP_DIR = path.resolve(__dirname, '..');
/** Built beside this chunk (vite.config.ts), as for the profile commands. */
const KEYCHAIN_HELPER = path.join(__dirname, 'keychain-helper.cjs');

/**
 * --port as a number (0, the default, for a free one), or null when it is not a port: digits
 * only, so "0x10" or "1e3" (which Number() would read as 16 and 1000) are refused, not guessed.
 */
export function portOption(options: OptionValues): number | null {
  if (options.port === undefined) return 0;
  if (typeof options.port !== 'string' || !/^\d{1,5}$/.test(options.port)) return null;
  const port = Number(options.port);
  return port <= 65_535 ? port : null;
}

export const badPort = (command: 'ui' | 'start', json: boolean) => ({
  command,
  message: '--port takes a port number (1-65535), or 0 for a free one.',
  json,
});

export async function uiCommand(options: OptionValues, io: CliIo, output: Output): Promise<ExitCode> {
  const { out, err } = output;
  const json = options.json === true;
  // Why it did not start, on standard error, and with --json as the one line a script reads.
  const notStarted = (message: string): ExitCode => {
    err.line(`${PROGRAM}: ${terminalSafe(message)}`);
    if (json)
      out.json({
        ok: false,
        exitCode: EXIT.usage,
        outcome: 'not-started',
        title: CLI_EXPLANATIONS['not-started'].title,
        message,
      });
    return EXIT.usage;
  };
  const port = portOption(options);
  if (port === null) return reportUsageError(output, badPort('ui', json), io.runAs);
  // Listening for Ctrl-C before anything is printed: a signal right after the address must stop
  // browser mode cleanly, not kill it half-way.
  const stopped = io.untilStopped();
  const dataDir = userDataDir({ platform: io.platform, env: io.env, homeDir: io.homeDir, cwd: io.cwd });
  const lock = await lockDataFolder(dataDir).catch(unwritable);
  if (lock instanceof DataFolderUnwritable) return notStarted(lock.message);
  if (!lock.ok) {
    const which = lock.pid ? holderProcess(lock) : null;
    // An import, or a command setting a damaged file aside, holds the folder for a while only:
    // it is waited for, not used or stopped.
    return notStarted(
      (lock.heldBy === 'a profiles import' || lock.heldBy === 'the command line'
        ? `${lock.heldBy === 'a profiles import' ? 'A profiles import' : 'Another telstra-token command'}${which === null ? '' : ` (${which})`} is writing to this data folder. Start browser mode again once it has finished. (TOKEN_TESTER_USER_DATA_DIR picks another folder.)`
        : `Telstra Token Tester already runs with this data folder (${lock.heldBy}${which === null ? '' : `, ${which}`}): use it, or stop it first. Two at once would overwrite each other's profiles. (TOKEN_TESTER_USER_DATA_DIR picks another folder.)`) +
        (lock.unsure ? ifNotTheApp(dataDir, lock.pid, io.platform) : ''),
    );
  }
  let mode;
  try {
    mode = await startBrowserMode({
      fetch: createNodeHttpFetch({ env: io.env }),
      env: io.env,
      userDataDir: dataDir,
      stillHeld: () => lock.stillHeld(),
      rendererDir: path.join(BUILT_APP_DIR, 'renderer'),
      pageScriptFile: path.join(BUILT_APP_DIR, 'browser', 'page-api.js'),
      version,
      port,
      onAddressReused: () =>
        err.line(
          'An address that was already used, or has expired, was tried again. If that was not you, another program may have used it first: stop browser mode (Ctrl-C) and start it again.',
        ),
      // keytar in a helper process: on Linux it crashes the process it runs in when it lists a
      // keychain that is locked and stays so; that takes the helper down, never browser mode.
      keytarInHelper: () => restartingHelperKeytar(KEYCHAIN_HELPER),
      onFault: (operation) =>
        err.line(`Browser mode: ${operation} failed (details are not shown, in case they hold a secret).`),
    });
  } catch (error) {
    await lock.release();
    const code = (error as { code?: unknown }).code;
    if (error instanceof NoFreeLoopbackPort)
      return notStarted(
        `${error.message} Another program may be holding many ports on this computer; start browser mode again, or choose a port with --port.`,
      );
    if (code === 'EADDRINUSE')
      return notStarted(`Port ${port} is in use; leave out --port to use a free one.`);
    if (code === 'EACCES')
      return notStarted(
        `Port ${port} is not open to this user (ports below 1024 need privileges here); choose another with --port, or leave it out.`,
      );
    if (code === 'ENOENT') return notStarted('The app is not built: run `npm run build` first.');
    throw error;
  }
  const { host } = mode;
  const interactive = !json && io.stdin.isTTY === true;
  if (!json) out.line(`${out.paint.good('Telstra Token Tester')} is running in browser mode.`);
  // The browser opened for the user gets its address through a file only this user can read:
  // a command line (xdg-open's) is visible to every user of the machine.
  let page: OpenerPage | null = null;
  if (options['no-open'] !== true && browserOpener(io.platform, io.env, 'about:blank') !== null) {
    page = await writeOpenerPage(host.address(OPENER_LIFETIME_MS)).catch(() => null);
  }
  const opener = page === null ? null : browserOpener(io.platform, io.env, page.url);
  const opened = opener === null ? null : await openBrowser(opener);
  // An address is printed only when the browser was not opened with one: an address no one uses
  // stays good, and a terminal's scroll-back, a log of it or a shared screen would hold it.
  const printed = opened === true ? null : host.address();
  if (options.json === true) {
    out.json({ url: printed, opened: opened === true, origin: host.origin, port: host.port });
  } else {
    if (printed === null) out.line('Opened in your browser.');
    else {
      if (opened === false) out.line(`Your browser could not be opened (${opener!.command} failed).`);
      out.line('Open this address in your browser (it opens one tab, once; do not share it):');
      out.line();
      out.line(`  ${printed}`);
      out.line();
    }
    out.line(
      interactive
        ? `Press Enter for ${printed === null ? 'an address to open in another tab or browser' : 'another address (a tab of its own)'}, Ctrl-C to stop.`
        : `Ctrl-C stops it${printed === null ? ' (start it again for an address of your own)' : ''}.`,
    );
  }
  const lines = interactive ? createInterface({ input: io.stdin, terminal: false }) : null;
  lines?.on('line', () => out.line(`  ${host.address()}`));
  const cleanUp = setTimeout(() => void page?.remove(), OPENER_LIFETIME_MS);
  // The opener succeeding is not the page opening: a browser that cannot read the opener page
  // shows "File not found" (one installed as a snap, as Firefox and Chromium are on Ubuntu, has a
  // temporary folder of its own), and an opener still running may have opened nothing. If no
  // page has reached the app in a while (nor has Enter given an address), the terminal gives an
  // address after all.
  const noLateAddress =
    opened === true && !json
      ? addressUnlessReached({
          reached: host.paired,
          asked: lines,
          waitMs: openWaitMs(io.env),
          give: () => {
            out.line(
              'Your browser has not opened the app yet. If it shows “File not found”, it cannot read this computer’s temporary folder (a browser installed as a snap cannot); open this address instead (it opens one tab, once; do not share it):',
            );
            out.line();
            out.line(`  ${host.address()}`);
            out.line();
          },
        })
      : () => undefined;
  await stopped;
  noLateAddress();
  clearTimeout(cleanUp);
  lines?.close();
  await page?.remove();
  await mode.stop();
  await lock.release();
  if (options.json !== true) out.line('Stopped.');
  return EXIT.token;
}
