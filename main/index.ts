// Composition root: one setup call per concern, then the window. Everything testable lives in
// the modules it wires; this file only connects them to Electron.
import {
  app,
  BrowserWindow,
  ClipboardItem,
  dialog,
  Notification,
  clipboard,
  ipcMain,
  Menu,
  net,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import os from 'node:os';
import path from 'node:path';
import { isAllowedExternalUrl, TELSTRA_DEVELOPER_PORTAL } from '../app/links';
import { APP_SCHEME, APP_URL, createAppProtocolHandler } from './app-protocol';
import { electronClipboardDevice } from './clipboard/electron-clipboard';
import { createIpcRouter } from './ipc/router';
import { registerIpc } from './ipc/register';
import { isTrustedSender, trustedOriginOf } from './ipc/sender';
import { menuTemplate } from './menu';
import { claimSingleInstance } from './single-instance';
import { denyAllPermissions, guardContents } from './security';
import { createMainServices } from './services';
import { createMainWindow, DEFAULT_BOUNDS } from './window';
import { fitToDisplays, loadWindowState, rememberWindowState, WINDOW_STATE_FILE } from './window-state';

// Set by `npm run dev`: the renderer comes from Vite's dev server instead of app://.
const devServerUrl = process.env.VITE_DEV_SERVER_URL;
const rendererUrl = devServerUrl ?? APP_URL;
const trustedOrigin = trustedOriginOf(rendererUrl);
const isAppDocument = (url: string) => isTrustedSender({ url, isMainFrame: true }, trustedOrigin);
// The one door to the system browser, checked here as well as by its callers: only allowlisted
// https: links ever leave the app, whoever asks.
const openExternal = async (url: string) => {
  if (isAllowedExternalUrl(url)) await shell.openExternal(url);
};

// The data folder can be moved for tests and support (documented in the README): the usual
// Chromium switch, or an environment variable. Must happen before `ready`.
const dataDir = app.commandLine.getSwitchValue('user-data-dir') || process.env.TOKEN_TESTER_USER_DATA_DIR;
if (dataDir) app.setPath('userData', path.resolve(dataDir));

// Must happen before `ready`: app:// behaves like https (standard, secure origin).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) =>
    guardContents(contents, isAppDocument, (url) => void openExternal(url)),
  );
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(__dirname, '../renderer')));
}

function setupMenu(): void {
  app.setAboutPanelOptions({
    applicationName: app.getName(),
    applicationVersion: app.getVersion(),
    copyright: 'Tests Telstra Messaging API credentials.',
  });
  const template = menuTemplate({
    appName: app.getName(),
    isMac: process.platform === 'darwin',
    openDeveloperPortal: () => void openExternal(TELSTRA_DEVELOPER_PORTAL),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function setupIpc() {
  const services = createMainServices({
    fetch: (url, init) => net.fetch(url, init),
    clipboard: electronClipboardDevice(clipboard, ClipboardItem, process.platform),
    openExternal,
    notify: ({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    chooseReportPath: async (suggestedName) => {
      const options = {
        title: 'Save diagnostic report',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'Markdown', extensions: ['md'] }],
      };
      const answer = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
    appInfo: { version: app.getVersion(), os: `${os.type()} ${os.release()} (${process.arch})` },
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
  // Quitting waits for the clean-up (it clears the clipboard if it still holds what the app put
  // there, which takes an asynchronous read), for two seconds at most, then quits for real.
  let cleanUp: Promise<unknown> | null = null;
  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    cleanUp ??= Promise.race([
      services.dispose().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]).then(() => {
      cleanedUp = true;
      app.quit();
    });
  });
}

function openWindow(): void {
  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
  const { state: saved, writable } = loadWindowState(stateFile);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = fitToDisplays(saved ?? { ...DEFAULT_BOUNDS, maximized: false }, workAreas);
  const window = createMainWindow(
    BrowserWindow,
    path.join(__dirname, '../preload/preload.cjs'),
    rendererUrl,
    state,
  );
  if (state.maximized) window.maximize();
  rememberWindowState(window, stateFile, writable);
  window.on('closed', () => (mainWindow = null));
  mainWindow = window;
}

async function start(): Promise<void> {
  if (!claimSingleInstance(app, () => mainWindow)) return;
  await app.whenReady();
  setupSecurity();
  setupMenu();
  setupIpc();
  openWindow();
  app.on('window-all-closed', () => app.quit());
}

void start();
