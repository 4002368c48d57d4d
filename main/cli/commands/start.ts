// `npm start` (`telstra-token start`): the desktop app when Electron can start, otherwise browser
// mode, after saying why in a few lines. Ctrl-C reaches Electron as it would from
// `electron .`; browser mode stops cleanly by itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { checkElectron } from '../../launcher/electron-binary';
import { EXIT, type ExitCode } from '../exit-codes';
import type { CliIo, Output } from '../io';
import type { OptionValues } from '../args';
import { BUILT_APP_DIR, uiCommand } from './ui';

function runElectron(binary: string, projectRoot: string, io: CliIo): Promise<ExitCode> {
  return new Promise((resolve) => {
    const child = spawn(binary, [projectRoot], { stdio: 'inherit', env: io.env });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => child.kill(signal));
    }
    child.once('error', () => resolve(EXIT.internal));
    child.once('close', (code) => resolve(code === 0 ? EXIT.token : EXIT.internal));
  });
}

export async function startCommand(options: OptionValues, io: CliIo, output: Output): Promise<ExitCode> {
  if (options.browser !== true) {
    const projectRoot = path.resolve(BUILT_APP_DIR, '..');
    const electron = await checkElectron({
      projectRoot,
      env: io.env,
      platform: io.platform,
      onDownload: () => output.err.line('Fetching Electron’s binary (first start only)…'),
    });
    if (electron.ok) return runElectron(electron.binary, projectRoot, io);
    output.err.line(`The desktop window cannot start: ${electron.reason}.`);
    output.err.line(electron.remedy);
    output.err.line('Starting browser mode instead: the same app, in your own browser.');
  }
  return uiCommand(options, io, output);
}
