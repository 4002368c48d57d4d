// Bridge mode's "main process": a separate Node process (as Electron's main process is) that
// builds the app's main-side services and answers IPC from launchApp over Node's IPC channel.
// Its environment is the app's environment, so options.env reaches keytar, config and all.
//
// Run by launch.ts as: node --import tsx bridge-main.ts <userDataDir>
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_HOST, APP_SCHEME, createAppProtocolHandler } from '../../main/app-protocol';
import { createIpcRouter } from '../../main/ipc/router';
import { isTrustedSender, trustedOriginOf, type SenderInfo } from '../../main/ipc/sender';
import { createMainServices } from '../../main/services';
import { createNodeHttpFetch } from '../../main/token/node-http-fetch';

export type ToMain =
  | { type: 'invoke'; id: number; channel: unknown; sender: SenderInfo; arg: unknown }
  | { type: 'clipboard'; id: number }
  | { type: 'set-clipboard'; id: number; text: string }
  | { type: 'opened'; id: number }
  | { type: 'notifications'; id: number };
export type FromMain = { type: 'ready'; origin: string } | { type: 'result'; id: number; value: unknown };

const userDataDir = process.argv[2];
if (!userDataDir || !process.send) {
  console.error('usage: node --import tsx bridge-main.ts <userDataDir> (as a child with an IPC channel)');
  process.exit(2);
}
const send = (message: FromMain) => process.send?.(message);

// Benchmarks serve another page the same way (a minimal React page, as a floor).
const rendererDir =
  process.env.TOKEN_TESTER_BENCH_RENDERER_DIR ??
  fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const packageVersion = () =>
  (
    JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
      version: string;
    }
  ).version;
let clipboardText = '';
const opened: string[] = [];
const notices: Array<{ title: string; body: string }> = [];
const services = createMainServices({
  // As browser mode sends (the desktop app's own transport, Chromium's, needs Electron).
  fetch: createNodeHttpFetch({ env: process.env }),
  // Electron's clipboard is one of the things only the real app has.
  clipboard: {
    writeText: async (text) => void (clipboardText = text),
    readText: async () => clipboardText,
    clear: async () => void (clipboardText = ''),
  },
  notify: (notice) => void notices.push(notice),
  // The save dialog is Electron's; here reports go to a folder the test chose.
  chooseReportPath: async (name) =>
    process.env.TOKEN_TESTER_REPORT_DIR ? path.join(process.env.TOKEN_TESTER_REPORT_DIR, name) : null,
  appInfo: { version: packageVersion(), os: `${os.type()} ${os.release()} (${process.arch}), bridge mode` },
  // The system browser is not opened from tests; what would have been opened is recorded.
  openExternal: async (url) => void opened.push(url),
  env: process.env,
  userDataDir: path.resolve(userDataDir),
});

// The renderer, served by the app's own app:// protocol handler over loopback HTTP.
const handle = createAppProtocolHandler(rendererDir);
const server = createServer((req, res) => {
  void handle(
    new Request(`${APP_SCHEME}://${APP_HOST}${req.url ?? '/'}`, { method: req.method ?? 'GET' }),
  ).then(async (answer) => {
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
});

server.listen(0, '127.0.0.1', () => {
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const trusted = trustedOriginOf(origin);
  const dispatch = createIpcRouter({
    handlers: services.handlers,
    isTrusted: (sender) => isTrustedSender(sender, trusted),
    onFault: (method, error) =>
      console.error(`IPC ${method} failed:`, error instanceof Error ? error.name : 'unknown'),
  });
  process.on('message', (message: ToMain) => {
    if (message.type === 'clipboard') return send({ type: 'result', id: message.id, value: clipboardText });
    if (message.type === 'opened') return send({ type: 'result', id: message.id, value: [...opened] });
    if (message.type === 'notifications')
      return send({ type: 'result', id: message.id, value: [...notices] });
    if (message.type === 'set-clipboard') {
      clipboardText = message.text;
      return send({ type: 'result', id: message.id, value: null });
    }
    void dispatch(message.channel, message.sender, message.arg).then((value) =>
      send({ type: 'result', id: message.id, value }),
    );
  });
  send({ type: 'ready', origin });
});

async function shutDown() {
  await services.dispose();
  server.close();
  process.exit(0);
}
process.on('disconnect', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
