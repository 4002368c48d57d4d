// `npm start` (`telstra-token start`): the desktop app when Electron can start, otherwise browser
// mode, after saying why in a few lines. Ctrl-C reaches Electron as it would from
// `electron .`; browser mode stops cleanly by itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fetchWaitMs } from '../../config';
import { checkElectron } from '../../launcher/electron-binary';
import { EXIT, type ExitCode } from '../exit-codes';
import type { CliIo, Output } from '../io';
import type { OptionValues } from '../args';
import { terminalSafe } from '../format/terminal-safe';
import { PROGRAM, reportUsageError } from '../usage';
import { badPort, BUILT_APP_DIR, portOption, uiCommand } from './ui';

const BROWSER_INSTEAD = 'Starting browser mode instead: the same app, in your own browser.';

/** Signals that ask a program to stop (Ctrl-C, a closed terminal, `kill`): an interrupted run. */
const STOP_SIGNALS: ReadonlySet<string> = new Set(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL']);

const WITHOUT_WINDOW =
  'If its window could not open here (a display it cannot reach, a library missing), `npm start -- --browser` runs the same app in your browser.';

/**
 * How the desktop app ended, or 'not-started' when its binary could not be run at all (not
 * executable, a mount that forbids it): then nothing ran, and browser mode starts instead.
 */
function runElectron(
  binary: string,
  projectRoot: string,
  io: CliIo,
  output: Output,
): Promise<ExitCode | 'not-started'> {
  return new Promise((resolve) => {
    const notStarted = (error: Error) => {
      output.err.line(
        `The desktop window cannot start: its binary could not be run (${terminalSafe(error.message)}).`,
      );
      resolve('not-started');
    };
    let child;
    try {
      child = spawn(binary, [projectRoot], { stdio: 'inherit', env: io.env });
    } catch (error) {
      // Some failures to run it are thrown rather than emitted (ETXTBSY, ELOOP, ENOTDIR).
      return notStarted(error as Error);
    }
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    for (const signal of signals) process.on(signal, forward);
    let started = true;
    child.on('error', (error) => {
      // Emitted also when a signal cannot be passed on to an app that runs: only a binary that
      // never ran (no process id) means browser mode instead.
      if (child.pid !== undefined) return;
      started = false;
      for (const signal of signals) process.off(signal, forward);
      notStarted(error);
    });
    // Ended by a signal that asks a program to stop (Ctrl-C, a kill): as any interrupted command.
    // Another end is said, with its code or signal (a crash: Chromium's failed checks end it with
    // SIGTRAP), so that it is not a silent failure, and with the way to the app without a window
    // (a display it could not reach, a library missing: Electron then ends at once). A binary that
    // never ran is 'close'd too (with a negative code): that was said already.
    child.once('close', (code, signal) => {
      if (!started) return;
      if (code === 0) return resolve(EXIT.token);
      if (signal !== null && STOP_SIGNALS.has(signal)) return resolve(EXIT.interrupted);
      output.err.line(
        signal === null
          ? `${PROGRAM}: the desktop app ended with exit code ${code}.`
          : `${PROGRAM}: the desktop app crashed (it was ended by ${signal}).`,
      );
      output.err.line(WITHOUT_WINDOW);
      resolve(EXIT.internal);
    });
  });
}

/** While Electron’s download runs: the time so far, and what can be done instead. */
function stillFetching(elapsedMs: number): string {
  const seconds = Math.round(elapsedMs / 1000);
  const time = seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `Still fetching Electron’s binary (${time} so far; it is about 100 MB). To use the app now, in your browser: Ctrl-C, then \`npm start -- --browser\`.`;
}

export async function startCommand(options: OptionValues, io: CliIo, output: Output): Promise<ExitCode> {
  // Checked before anything starts: a wrong --port is a usage error whichever mode would run.
  if (portOption(options) === null)
    return reportUsageError(output, badPort('start', options.json === true), io.runAs);
  if (options.browser !== true) {
    const projectRoot = path.resolve(BUILT_APP_DIR, '..');
    const electron = await checkElectron({
      projectRoot,
      env: io.env,
      platform: io.platform,
      onDownload: () => output.err.line('Fetching Electron’s binary (first start only)…'),
      fetchWaitMs: fetchWaitMs(io.env),
      onStillFetching: (elapsedMs) => output.err.line(stillFetching(elapsedMs)),
    });
    if (!electron.ok && electron.stopped === true) return EXIT.interrupted;
    if (electron.ok) {
      const ended = await runElectron(electron.binary, projectRoot, io, output);
      if (ended !== 'not-started') return ended;
    } else {
      output.err.line(`The desktop window cannot start: ${electron.reason}.`);
      output.err.line(electron.remedy);
    }
    output.err.line(BROWSER_INSTEAD);
  }
  return uiCommand(options, io, output);
}
