// A fake of the `electron` module for running the built main process (dist/main/index.cjs) in
// plain Node, faithful to what Electron's documentation says where the app depends on it:
//   - `ready` comes after the main script's first turn; whenReady() resolves then;
//   - app.setPath throws for a folder that does not exist;
//   - protocol.registerSchemesAsPrivileged and app.enableSandbox throw after ready, and
//     BrowserWindow, screen, session.defaultSession and protocol.handle throw before it;
//   - maximize() also shows the window (unfocused); loadURL() returns a promise that rejects when
//     the page fails to load; ready-to-show comes only when the test says the page painted;
//   - app.quit() emits before-quit, then closes every window ('close', preventable, then 'closed'),
//     and only once all are closed emits will-quit (not window-all-closed); preventDefault() on
//     either event cancels quitting; a quit already under way ignores app.quit(); nothing waits
//     for promises; app.exit() quits at once without those events (Electron's Browser::Quit).
// Every call is recorded with whether it came before or after `ready`. The test drives it over
// the IPC channel of a forked process (see test/unit/electron-main.test.ts).
'use strict';
const { EventEmitter } = require('node:events');
const fs = require('node:fs');

const calls = [];
let isReady = false;
const record = (api, ...args) =>
  calls.push({ api, args: JSON.parse(JSON.stringify(args ?? [])), ready: isReady });
const needReady = (api) => {
  if (!isReady) throw new Error(`${api} cannot be used before the app is ready`);
};
const beforeReadyOnly = (api) => {
  if (isReady) throw new Error(`${api} can only be called before the app is ready`);
};

const config = {
  packaged: process.env.FAKE_ELECTRON_PACKAGED === '1',
  lock: process.env.FAKE_ELECTRON_LOCK !== '0',
  loadFails: process.env.FAKE_ELECTRON_LOAD_FAILS === '1',
  userData: process.env.FAKE_ELECTRON_USER_DATA ?? '/tmp/fake-electron-user-data',
  // shell.openExternal rejects, as it does where the system has no way to open a link.
  openFails: process.env.FAKE_ELECTRON_OPEN_FAILS === '1',
};

class PreventableEvent {
  constructor() {
    this.defaultPrevented = false;
  }
  preventDefault() {
    this.defaultPrevented = true;
  }
}

const app = new EventEmitter();
const paths = { userData: config.userData, documents: '/tmp', appData: '/tmp' };
/** Browser::is_quitting_ and is_shutdown_. */
let quitting = false;
let shutDown = false;
let readyResolve;
const readyPromise = new Promise((resolve) => (readyResolve = resolve));
Object.assign(app, {
  isPackaged: config.packaged,
  commandLine: {
    getSwitchValue: (name) => {
      const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
      return found ? found.slice(name.length + 3) : '';
    },
    hasSwitch: (name) => process.argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`)),
  },
  whenReady: () => readyPromise,
  isReady: () => isReady,
  getName: () => 'Telstra Token Tester',
  getVersion: () => '0.0.0-fake',
  getPath: (name) => paths[name] ?? '/tmp',
  setPath: (name, value) => {
    // Documented (app.setPath): "If the path specifies a directory that does not exist, an Error
    // is thrown. In that case, the directory should be created with fs.mkdirSync or similar."
    if (!fs.statSync(value, { throwIfNoEntry: false })?.isDirectory()) {
      record('app.setPath-threw', name, value);
      throw new Error(`Failed to set path`);
    }
    record('app.setPath', name, value);
    paths[name] = value;
  },
  setAppUserModelId: (id) => record('app.setAppUserModelId', id),
  setAboutPanelOptions: (options) => record('app.setAboutPanelOptions', options),
  enableSandbox: () => {
    beforeReadyOnly('app.enableSandbox');
    record('app.enableSandbox');
  },
  requestSingleInstanceLock: () => {
    record('app.requestSingleInstanceLock', paths.userData);
    return config.lock;
  },
  quit: () => {
    record('app.quit');
    // Browser::Quit: a quit already under way (windows closing, or done) ignores another.
    if (quitting) return record('quit-ignored');
    const before = new PreventableEvent();
    app.emit('before-quit', before);
    if (before.defaultPrevented) return;
    quitting = true;
    const open = windows.filter((window) => !window.destroyed);
    if (open.length === 0) return notifyAndShutdown();
    // The windows are asked to close (asynchronously, as a page may object); will-quit follows
    // once the last one has gone.
    for (const window of open) setImmediate(() => window.close());
  },
  exit: (code = 0) => {
    record('app.exit', code);
    finish(code);
  },
});
/** Browser::NotifyAndShutdown: will-quit, and quitting for real unless it was prevented. */
function notifyAndShutdown() {
  if (shutDown) return;
  const willQuit = new PreventableEvent();
  app.emit('will-quit', willQuit);
  if (willQuit.defaultPrevented) {
    quitting = false;
    return record('quit-cancelled');
  }
  shutDown = true;
  record('quit-done');
  app.emit('quit');
  finish(0);
}
/** Browser::OnWindowAllClosed: a quit under way goes on; otherwise the app is told. */
function allWindowsClosed() {
  if (quitting) notifyAndShutdown();
  else app.emit('window-all-closed');
}
const originalOn = app.on.bind(app);
app.on = (event, listener) => {
  record('app.on', event);
  return originalOn(event, listener);
};

const windows = [];
class BrowserWindow extends EventEmitter {
  constructor(options) {
    needReady('new BrowserWindow');
    super();
    this.options = options;
    this.visible = options.show !== false;
    this.focused = this.visible;
    this.maximized = false;
    this.backgroundColor = options.backgroundColor ?? '#FFF';
    this.loaded = [];
    this.webContents = new EventEmitter();
    this.webContents.setWindowOpenHandler = (handler) => (this.openHandler = handler);
    record('new BrowserWindow', {
      show: options.show,
      backgroundColor: options.backgroundColor,
      webPreferences: options.webPreferences,
    });
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  show() {
    record('window.show');
    this.visible = true;
    this.focused = true;
  }
  maximize() {
    record('window.maximize');
    // Documented: "This will also show (but not focus) the window if it isn't being displayed already."
    if (!this.visible) {
      this.visible = true;
      record('window.shown-by-maximize');
    }
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }
  focus() {}
  restore() {}
  isDestroyed() {
    return this.destroyed === true;
  }
  close() {
    if (this.destroyed) return;
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) {
      // Browser::OnWindowCloseCancelled: a window that stays cancels the quit too.
      quitting = false;
      return record('window.close-prevented');
    }
    this.destroyed = true;
    record('window.closed');
    this.emit('closed');
    if (windows.every((window) => window.destroyed)) allWindowsClosed();
  }
  setBackgroundColor(color) {
    record('window.setBackgroundColor', color);
    this.backgroundColor = color;
  }
  loadURL(url) {
    record('window.loadURL', url.startsWith('data:') ? 'data:…' : url);
    this.loaded.push(url);
    if (config.loadFails && !url.startsWith('data:')) {
      const error = new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
      error.code = 'ERR_FILE_NOT_FOUND';
      return Promise.reject(error);
    }
    return Promise.resolve();
  }
}

const ipcHandlers = new Map();
const ipcMain = {
  handle: (channel, listener) => {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record('ipcMain.handle', channel);
    ipcHandlers.set(channel, listener);
  },
};

const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    beforeReadyOnly('protocol.registerSchemesAsPrivileged');
    record('protocol.registerSchemesAsPrivileged', schemes);
  },
  handle: (scheme) => {
    needReady('protocol.handle');
    record('protocol.handle', scheme);
  },
};

// One default session for the app's life, as in Electron: its listeners stay.
const defaultSession = Object.assign(new EventEmitter(), {
  setPermissionRequestHandler: () => record('session.setPermissionRequestHandler'),
  setPermissionCheckHandler: () => record('session.setPermissionCheckHandler'),
});
const session = {
  get defaultSession() {
    needReady('session.defaultSession');
    return defaultSession;
  },
};
let applicationMenu = null;
/** The menu item labelled `label`, anywhere in the menu. */
function menuItem(items, label) {
  for (const item of items ?? []) {
    if (item.label === label) return item;
    const inner = menuItem(item.submenu, label);
    if (inner) return inner;
  }
  return null;
}

// Documented (nativeTheme): shouldUseDarkColors says whether the OS / Chromium uses dark mode,
// and "updated" is emitted when it (or the high-contrast settings) changed.
const nativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: process.env.FAKE_ELECTRON_DARK === '1',
});

const screen = {
  getAllDisplays: () => {
    needReady('screen.getAllDisplays');
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  },
};

class FakeNotification {
  static isSupported() {
    return true;
  }
  show() {}
}

module.exports = {
  app,
  BrowserWindow,
  ClipboardItem: class {},
  dialog: {
    showSaveDialog: async () => ({ canceled: true }),
    showErrorBox: (title, content) => record('dialog.showErrorBox', title, content),
  },
  Notification: FakeNotification,
  clipboard: {
    write: async () => undefined,
    writeText: async () => undefined,
    readText: async () => '',
    clear: () => undefined,
  },
  ipcMain,
  nativeTheme,
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (menu) => {
      applicationMenu = menu;
      record('Menu.setApplicationMenu');
    },
  },
  net: { fetch: (...args) => fetch(...args) },
  protocol,
  screen,
  session,
  shell: {
    openExternal: async (url) => {
      record('shell.openExternal', url);
      if (config.openFails) throw new Error('xdg-open: no method available for opening');
    },
  },
};

function finish(code) {
  process.send?.({ type: 'exit', code, calls });
  setImmediate(() => process.exit(code));
}

// `ready`: after the main script's first turn, as in Electron.
setImmediate(() => {
  isReady = true;
  record('ready');
  app.emit('ready', {});
  readyResolve();
});

process.on('message', (message) => {
  const reply = (value) => process.send?.({ type: 'reply', id: message.id, value });
  if (message.type === 'calls') return reply(calls);
  if (message.type === 'window') {
    const window = windows[windows.length - 1];
    if (!window) return reply(null);
    if (message.emit) window.emit(message.emit, ...(message.args ?? []));
    return reply({
      visible: window.visible,
      focused: window.focused,
      maximized: window.maximized,
      backgroundColor: window.backgroundColor,
      loaded: window.loaded,
    });
  }
  if (message.type === 'invoke') {
    const handler = ipcHandlers.get(message.channel);
    if (!handler) return reply({ missing: true });
    const event = { senderFrame: { url: message.senderUrl, parent: null, detached: false } };
    return void Promise.resolve(handler(event, message.arg)).then(reply);
  }
  // The system switches between light and dark.
  if (message.type === 'theme') {
    nativeTheme.shouldUseDarkColors = message.dark;
    nativeTheme.emit('updated');
    return reply(null);
  }
  // Quit as the menu's Quit item (role 'quit'), Cmd+Q or the Dock ask for it: app.quit() with
  // the window still open.
  if (message.type === 'quit') {
    app.quit();
    return reply(null);
  }
  // The user closes the window.
  if (message.type === 'close-window') {
    windows[windows.length - 1]?.close();
    return reply(null);
  }
  if (message.type === 'app') {
    app.emit(message.emit);
    return reply(null);
  }
  // The page asks for a new window (window.open, a link with a target).
  if (message.type === 'window-open') {
    const window = windows[windows.length - 1];
    return reply(window?.openHandler?.({ url: message.url }) ?? null);
  }
  if (message.type === 'menu-click') {
    const item = menuItem(applicationMenu, message.label);
    item?.click?.();
    return reply(item !== null);
  }
  // A download the page started: whether the app stopped it.
  if (message.type === 'will-download') {
    const event = new PreventableEvent();
    defaultSession.emit('will-download', event, {}, {});
    return reply({ prevented: event.defaultPrevented });
  }
  // A server asks for a client certificate: whether the app kept Electron's default (the first
  // certificate) and what it chose.
  if (message.type === 'client-certificate') {
    const event = new PreventableEvent();
    let chosen = 'no answer';
    app.emit(
      'select-client-certificate',
      event,
      {},
      'https://custom.example/',
      [{ subjectName: 'Me' }],
      (certificate) => {
        chosen = certificate === undefined ? 'none' : 'a certificate';
      },
    );
    return reply({ prevented: event.defaultPrevented, chosen });
  }
});
