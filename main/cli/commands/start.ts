// `npm start` (`telstra-token start`): the desktop app when Electron can start, otherwise browser
// mode, after saying why in a few lines. Ctrl-C reaches Electron as it would from
// `electron .`; browser mode stops cleanly by itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { checkElectron } from '../../launcher/electron-binary';
import { EXIT, type ExitCode } from '../exit-codes';
import type { CliIo, Output } from '../io';
import type { OptionValues } from '../args';
import { terminalSafe } from '../format/terminal-safe';
import { PROGRAM, reportUsageError } from '../usage';
import { badPort, BUILT_APP_DIR, portOption, uiCommand } from './ui';

function runElectron(binary: string, projectRoot: string, io: CliIo, output: Output): Promise<ExitCode> {
  return new Promise((resolve) => {
    const child = spawn(binary, [projectRoot], { stdio: 'inherit', env: io.env });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => child.kill(signal));
    }
    child.once('error', (error) => {
      output.err.line(`${PROGRAM}: the desktop app could not be started (${terminalSafe(error.message)}).`);
      resolve(EXIT.internal);
    });
    // Ended by a signal (Ctrl-C, a kill): as any interrupted command. Another end is said, with
    // its code, so that it is not a silent failure.
    child.once('close', (code, signal) => {
      if (code === 0) return resolve(EXIT.token);
      if (signal !== null) return resolve(EXIT.interrupted);
      output.err.line(`${PROGRAM}: the desktop app ended with exit code ${code}.`);
      resolve(EXIT.internal);
    });
  });
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
    });
    if (electron.ok) return runElectron(electron.binary, projectRoot, io, output);
    output.err.line(`The desktop window cannot start: ${electron.reason}.`);
    output.err.line(electron.remedy);
    output.err.line('Starting browser mode instead: the same app, in your own browser.');
  }
  return uiCommand(options, io, output);
}
