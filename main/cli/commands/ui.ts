// `telstra-token ui`: the app's window in the user's own browser (browser mode), served on
// 127.0.0.1 until Ctrl-C. `npm start` ends up here when Electron cannot start.
import path from 'node:path';
import { version } from '../../../package.json';
import { startBrowserMode } from '../../browser/browser-mode';
import { browserOpener, openBrowser } from '../../browser/open-browser';
import { userDataDir } from '../../user-data-dir';
import { EXIT, type ExitCode } from '../exit-codes';
import type { CliIo, Output } from '../io';
import type { OptionValues } from '../args';
import { createNodeHttpFetch } from '../../token/node-http-fetch';

/** Where the built app is, seen from the CLI's bundle (dist/cli). */
export const BUILT_APP_DIR = path.resolve(__dirname, '..');

export async function uiCommand(options: OptionValues, io: CliIo, output: Output): Promise<ExitCode> {
  const { out, err } = output;
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    err.line('--port takes a port number (1-65535), or 0 for a free one.');
    return EXIT.usage;
  }
  // Listening for Ctrl-C before anything is printed: a signal right after the address must stop
  // browser mode cleanly, not kill it half-way.
  const stopped = io.untilStopped();
  let mode;
  try {
    mode = await startBrowserMode({
      fetch: createNodeHttpFetch({ env: io.env }),
      env: io.env,
      userDataDir: userDataDir({ platform: io.platform, env: io.env, homeDir: io.homeDir, cwd: io.cwd }),
      rendererDir: path.join(BUILT_APP_DIR, 'renderer'),
      pageScriptFile: path.join(BUILT_APP_DIR, 'browser', 'page-api.js'),
      version,
      port,
      onFault: (operation) =>
        err.line(`Browser mode: ${operation} failed (details are not shown, in case they hold a secret).`),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') err.line(`Port ${port} is in use; leave out --port to use a free one.`);
    else if (code === 'ENOENT') err.line('The app is not built: run `npm run build` first.');
    else throw error;
    return EXIT.usage;
  }
  const { host } = mode;
  if (options.json === true) {
    out.json({ url: host.url, origin: host.origin, port: host.port });
  } else {
    out.line(
      `${out.paint.good('Telstra Token Tester')} is running in browser mode. Open this address in your browser`,
    );
    out.line('(it holds this session’s access key: do not share it):');
    out.line();
    out.line(`  ${host.url}`);
    out.line();
  }
  const opener = options['no-open'] === true ? null : browserOpener(io.platform, io.env, host.pairingUrl());
  const opened = opener !== null && (await openBrowser(opener));
  if (options.json !== true)
    out.line(opened ? 'Opened in your browser. Ctrl-C stops it.' : 'Ctrl-C stops it.');
  await stopped;
  await mode.stop();
  if (options.json !== true) out.line('Stopped.');
  return EXIT.token;
}
