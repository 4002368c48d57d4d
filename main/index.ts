// Composition root: one setup call per concern, then the window. Everything testable lives in
// the modules it wires; this file only connects them to Electron.
import { app, BrowserWindow, clipboard, ipcMain, net, protocol, session } from 'electron';
import path from 'node:path';
import { APP_SCHEME, APP_URL, createAppProtocolHandler } from './app-protocol';
import { createIpcRouter } from './ipc/router';
import { registerIpc } from './ipc/register';
import { isTrustedSender, trustedOriginOf } from './ipc/sender';
import { denyAllPermissions, guardContents } from './security';
import { createMainServices } from './services';
import { openMainWindow } from './window';

// Set by `npm run dev`: the renderer comes from Vite's dev server instead of app://.
const devServerUrl = process.env.VITE_DEV_SERVER_URL;
const rendererUrl = devServerUrl ?? APP_URL;
const trustedOrigin = trustedOriginOf(rendererUrl);
const isAppDocument = (url: string) => isTrustedSender({ url, isMainFrame: true }, trustedOrigin);

// The data folder can be moved for tests and support (documented in the README): the usual
// Chromium switch, or an environment variable. Must happen before `ready`.
const dataDir = app.commandLine.getSwitchValue('user-data-dir') || process.env.TOKEN_TESTER_USER_DATA_DIR;
if (dataDir) app.setPath('userData', path.resolve(dataDir));

// Must happen before `ready`: app:// behaves like https (standard, secure origin).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
app.enableSandbox();

app.on('web-contents-created', (_event, contents) => guardContents(contents, isAppDocument));

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(__dirname, '../renderer')));

  const services = createMainServices({
    fetch: (url, init) => net.fetch(url, init),
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    env: process.env,
    userDataDir: app.getPath('userData'),
  });
  registerIpc(
    ipcMain,
    createIpcRouter({
      handlers: services.handlers,
      isTrusted: (sender) => isTrustedSender(sender, trustedOrigin),
      onFault: (method, error) =>
        console.error(`IPC ${method} failed:`, error instanceof Error ? error.name : 'unknown'),
    }),
  );
  app.on('will-quit', () => void services.dispose());
  app.on('window-all-closed', () => app.quit());

  openMainWindow(
    (options) => new BrowserWindow(options),
    path.join(__dirname, '../preload/preload.cjs'),
    rendererUrl,
  );
}

void start();
