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
  nativeTheme,
  net,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { isAllowedExternalUrl, TELSTRA_DEVELOPER_PORTAL } from '../app/links';
import { APP_SCHEME, APP_URL, createAppProtocolHandler } from './app-protocol';
import { electronClipboardDevice } from './clipboard/electron-clipboard';
import { electronRequestFetch } from './token/electron-request-fetch';
import { createIpcRouter } from './ipc/router';
import { registerIpc } from './ipc/register';
import { isTrustedSender, trustedOriginOf } from './ipc/sender';
import { menuTemplate } from './menu';
import { ensurePrivateFolderSync } from './storage/private-folder';
import { lockDataFolder } from './browser/data-lock';
import { desktopLockRefusal } from './desktop-lock-refusal';
import { claimSingleInstance } from './single-instance';
import { denyAllPermissions, guardContents, refuseClientCertificates, refuseDownloads } from './security';
import { createMainServices } from './services';
import { APP_USER_MODEL_ID, devServerUrl, refusedSwitches } from './startup-rules';
import { createMainWindow, DEFAULT_BOUNDS, windowBackground } from './window';
import { fitToDisplays, loadWindowState, rememberWindowState, WINDOW_STATE_FILE } from './window-state';

// Set by `npm run dev`: the renderer comes from Vite's dev server instead of app://. Never in a
// packaged app (main/startup-rules.ts says why).
const rendererUrl = devServerUrl(process.env, app.isPackaged) ?? APP_URL;
const trustedOrigin = trustedOriginOf(rendererUrl);
const isAppDocument = (url: string) => isTrustedSender({ url, isMainFrame: true }, trustedOrigin);
// The one door to the system browser, checked here as well as by its callers: only allowlisted
// https: links ever leave the app, whoever asks.
const openExternal = async (url: string) => {
  // The address as it was checked (parsed and written out again), not the text it came as.
  if (isAllowedExternalUrl(url)) await shell.openExternal(new URL(url).href);
};
/**
 * For a link the page or the menu opens, where no one waits for an answer: when the system has no
 * browser to open it with (no xdg-open, no default browser), the user is told so, with the address
 * to open by hand, instead of the click doing nothing (and the failure going unhandled).
 */
const openLink = (url: string) => {
  openExternal(url).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : '';
    dialog.showErrorBox(
      'The link could not be opened',
      `The system did not open ${url} in a browser${reason ? ` (${reason})` : ''}. Copy the address into a browser to open it.`,
    );
  });
};

let mainWindow: BrowserWindow | null = null;
/** Lets the data folder go at quit (main/browser/data-lock.ts). */
let releaseDataFolder: (() => Promise<void>) | null = null;
let releaseDataFolderSync: (() => void) | null = null;
/** Whether this app still holds the data folder: nothing is saved there once it does not. */
let dataFolderStillHeld: (() => Promise<boolean>) | null = null;

/**
 * The data folder can be moved for tests and support (documented in the README): the usual
 * Chromium switch, or an environment variable. False, after saying why, when it cannot be used.
 */
function moveDataFolder(): boolean {
  const dataDir = app.commandLine.getSwitchValue('user-data-dir') || process.env.TOKEN_TESTER_USER_DATA_DIR;
  if (!dataDir) return true;
  const folder = path.resolve(dataDir);
  try {
    // app.setPath throws for a folder that does not exist yet (Electron's documentation of
    // app.setPath: "If the path specifies a directory that does not exist, an Error is thrown"),
    // as a new folder named on the command line, or npm run dev's on a fresh clone, is: it is
    // made first, private like the app's other data folders.
    ensurePrivateFolderSync(folder);
    app.setPath('userData', folder);
    return true;
  } catch (error) {
    // Before ready, so Linux writes this to stderr instead of a dialog (Electron's documentation
    // of dialog.showErrorBox); the app must not start on the usual folder instead.
    const reason = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    dialog.showErrorBox(
      'The data folder cannot be used',
      `Telstra Token Tester could not use ${folder} as its data folder${reason}. Choose a folder you can write to, or leave out --user-data-dir and TOKEN_TESTER_USER_DATA_DIR.`,
    );
    return false;
  }
}

/** What must happen before `ready`; false when the app must not start. */
function setupBeforeReady(): boolean {
  if (!moveDataFolder()) return false;
  // Windows: the identity the installer's Start-menu shortcut carries, so notifications do not
  // make Electron rewrite the shortcut with one of its own.
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // app:// behaves like https (standard, secure origin).
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  ]);
  app.enableSandbox();
  return true;
}

function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, isAppDocument, openLink));
  denyAllPermissions(session.defaultSession);
  refuseDownloads(session.defaultSession);
  refuseClientCertificates(app);
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
    openDeveloperPortal: () => openLink(TELSTRA_DEVELOPER_PORTAL),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function setupIpc() {
  const services = createMainServices({
    // Chromium's network stack through net.request (main/token/electron-request-fetch.ts says why
    // not net.fetch). Chromium answers "localhost" and "*.localhost" with loopback itself, never
    // asking a resolver (RFC 6761), and bypasses proxies for them: plain http: to them stays on
    // this machine.
    fetch: Object.assign(electronRequestFetch(net), { loopbackChecked: true as const }),
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
    ...(dataFolderStillHeld ? { stillHeld: dataFolderStillHeld } : {}),
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
      services
        .dispose()
        .catch(() => undefined)
        .then(() => releaseDataFolder?.())
        .catch(() => undefined),
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
    {
      maximized: state.maximized,
      darkColors: nativeTheme.shouldUseDarkColors,
      onLoadFailed: (reason) => console.error(`The window's page did not load: ${reason}`),
      onRendererGone: (reason) => console.error(`The window's page stopped (${reason}); loading it again.`),
    },
  );
  rememberWindowState(window, stateFile, writable);
  // The page follows the system's theme as it changes (prefers-color-scheme); so does the
  // window's background ("updated": Electron's nativeTheme documentation).
  const followTheme = () => {
    if (!window.isDestroyed()) window.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors));
  };
  nativeTheme.on('updated', followTheme);
  window.on('closed', () => nativeTheme.off('updated', followTheme));
  window.on('closed', () => (mainWindow = null));
  // Windows ends the app at log-off or shutdown without before-quit or will-quit (Electron's
  // documentation): the data folder is let go here, so the next start finds it free. A session
  // that is not ending, only asking the app to close (an installer's Restart Manager), gets the
  // usual quit instead: the app must not run on without its lock.
  window.on('session-end', (event?: { reasons?: readonly string[] }) => {
    const reasons = event?.reasons ?? [];
    if (reasons.length > 0 && reasons.every((reason) => reason === 'close-app')) app.quit();
    else releaseDataFolderSync?.();
  });
  mainWindow = window;
}

async function start(): Promise<void> {
  if (!setupBeforeReady()) {
    app.exit(1);
    return;
  }
  if (!claimSingleInstance(app, () => mainWindow)) return;
  await app.whenReady();
  // Browser mode or an import on the same data folder would overwrite this app's profiles and
  // history, and the reverse: the app holds the folder's lock file while it runs (so they see it
  // on every platform), or says who holds it and opens nothing (after ready, so Linux shows a
  // dialog, not stderr).
  const dataFolder = app.getPath('userData');
  // This app already holds Electron's single-instance lock for the folder: a lock file naming the
  // desktop app is a leftover (a Windows log-off skips the quit), whatever its process id now is.
  const lock = await lockDataFolder(dataFolder, 'the desktop app', 'the desktop app').catch(() => null);
  if (lock !== null && !lock.ok) {
    const { title, message } = desktopLockRefusal(dataFolder, lock);
    dialog.showErrorBox(title, message);
    app.quit();
    return;
  }
  if (lock !== null) {
    releaseDataFolder = () => lock.release();
    releaseDataFolderSync = () => lock.releaseSync();
    dataFolderStillHeld = () => lock.stillHeld();
    // Whatever ends the process: a quit whose clean-up took too long, or any other exit.
    process.once('exit', () => lock.releaseSync());
  }
  setupSecurity();
  setupMenu();
  setupIpc();
  openWindow();
  app.on('window-all-closed', () => app.quit());
}

const refused = refusedSwitches(process.argv, app.isPackaged, inspector.url() !== undefined, process.env);
if (refused.length > 0) {
  // Before anything else: no window, no data folder, no IPC.
  console.error(
    `Telstra Token Tester does not start with ${refused.join(', ')}: switches that debug the app or loosen its security are for development builds only.`,
  );
  app.exit(1);
} else {
  void start();
}
