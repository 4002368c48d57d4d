// launchApp(): the app under test, end to end.
//
// Where an Electron binary is installed, this is the real app launched with Playwright's
// `_electron`. Elsewhere (machines that cannot download Electron) it is browser mode, the product
// path such a user gets: the built `telstra-token ui` in a process of its own, opened in Chromium
// from the address it prints. The same specs run in both modes.
//
// A third transport, "bridge mode", stays for what only Electron's own guards decide (navigation,
// new windows) and for benchmarks that compare the renderer against a floor: the main-side
// services in a Node process (bridge-main.ts), the built renderer in Chromium, and the preload
// API wired to the same IPC router through a DevTools-protocol binding that reports the calling
// frame, as Electron's IPC does. Ask for it with `transport: 'bridge'` or E2E_MODE=bridge.
//
// E2E_PACKAGED_APP=/path/to/executable runs Electron mode against a packaged app (what
// electron-builder built, its own app.asar inside) instead of node_modules' Electron with this
// checkout as the app: the release workflow's smoke test (test/e2e/smoke.spec.ts).
import {
  _electron as electron,
  type Browser,
  type BrowserContext,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { API_GLOBAL } from '../../app/preload-api';
import { isTrustedSender, trustedOriginOf } from '../../main/ipc/sender';
import { guardContents, type PreventableEvent } from '../../main/security';
import type { FromMain, ToMain } from './bridge-main';
import { blankPageGlobals, closeChromium, launchChromium } from './chromium';
import { stopsWithin } from './process-stop';
import { launchBrowserMode } from './launch-browser-mode';

export { launchChromium };

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = path.join(projectRoot, 'dist/renderer');

/** Where the end-to-end run leaves the screenshots the README shows. */
export const screenshotPath = (name: string) => path.join(projectRoot, 'test/screenshots', name);

export interface LaunchOptions {
  /** Environment variables for the main side. */
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse a data folder (to test what survives a restart); a fresh one by default. */
  readonly userDataDir?: string;
  /** Scripts to run in the page before the app's own (bridge mode; e.g. benchmark probes). */
  readonly initScripts?: readonly string[];
  /** Serve this built page instead of the app's renderer (bridge mode; benchmark floors). */
  readonly rendererDir?: string;
  /** Resolve as soon as the page is loaded, without waiting for the app's form. */
  readonly noWait?: boolean;
  /**
   * Let the browser finish starting (its GPU and network processes) for this long, and the page
   * server answer once, before the page is opened (bridge mode; benchmarks, so a page load is not
   * timed against that start-up work).
   */
  readonly settleMs?: number;
  /** Without Electron: browser mode (the default) or the DevTools-protocol bridge. */
  readonly transport?: 'browser' | 'bridge';
  /**
   * The user's language and region (a BCP 47 tag such as 'ar' or 'de-DE') and time zone (an IANA
   * name), as the window sees them: its Intl formats, navigator.language. Default: the machine's.
   */
  readonly locale?: string;
  readonly timezoneId?: string;
}

/** The browser context's options for LaunchOptions.locale and timezoneId. */
export const regionOf = (options: LaunchOptions) => ({
  ...(options.locale === undefined ? {} : { locale: options.locale }),
  ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
});

export interface LaunchedApp {
  readonly mode: 'electron' | 'browser' | 'bridge';
  readonly page: Page;
  readonly userDataDir: string;
  /** What is on the clipboard now. */
  readClipboard(): Promise<string>;
  /** Puts something on the clipboard, as another program would. */
  writeClipboard(text: string): Promise<void>;
  /** The desktop notifications the app showed. */
  notifications(): Promise<Array<{ title: string; body: string }>>;
  /** Links the app handed to the system browser (which tests never really open). */
  openedExternally(): Promise<string[]>;
  /** The global names a blank page has in this browser, to compare the app's window against. */
  blankPageGlobals(): Promise<string[]>;
  /** Everything the main process printed so far. */
  logs(): string;
  /** Every IPC answer the window received (browser and bridge mode; null in Electron). */
  ipcResponses(): Promise<Array<{ channel: unknown; value: unknown }> | null>;
  /** Electron only: what the app says of itself (`app.isPackaged`), so a smoke test knows it ran the build. */
  readonly packaged?: boolean;
  /** Browser mode only: Ctrl-C in the terminal, with the page still open. */
  interrupt?(): Promise<void>;
  /** Browser mode only: the server killed without a word (SIGKILL, as a crash), the page still open. */
  kill?(): Promise<void>;
  close(): Promise<void>;
}

/** The Electron binary, if this machine has one (the npm package fetches it on first use). */
export function electronBinary(): string | null {
  if (process.env.E2E_MODE === 'bridge' || process.env.E2E_MODE === 'browser') return null;
  const packaged = packagedAppExecutable();
  if (packaged !== null) return packaged;
  const found = findElectronBinary();
  if (found === null && process.env.E2E_MODE === 'electron') {
    throw new Error(
      'E2E_MODE=electron, but no Electron binary is installed (run `npx install-electron`, which needs internet access).',
    );
  }
  return found;
}

/** E2E_PACKAGED_APP: a packaged app's executable to test instead of the source (null when unset). */
export function packagedAppExecutable(): string | null {
  const executable = process.env.E2E_PACKAGED_APP;
  if (!executable) return null;
  if (!existsSync(executable)) throw new Error(`E2E_PACKAGED_APP is set, but ${executable} does not exist.`);
  return executable;
}

function findElectronBinary(): string | null {
  const pathFile = path.join(projectRoot, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(projectRoot, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * Playwright's options for the project's Electron. Without `executablePath` Playwright finds the
 * electron package itself and starts it with its loader (`-r loader.js`), which holds `ready`
 * until Playwright is attached, so the test's stubs (shell.openExternal, Notification) are in
 * place before the app starts; with one, it skips the loader. Only another binary (a packaged
 * app) needs the path.
 */
export function electronLaunchOptions(
  binary: string,
  userDataDir: string,
  env: Record<string, string>,
  region: Pick<LaunchOptions, 'locale' | 'timezoneId'> = {},
) {
  const isProjectElectron = binary === findElectronBinary();
  // A packaged app (E2E_PACKAGED_APP) loads its own app.asar; the project's Electron this checkout.
  const appArgs = packagedAppExecutable() === null ? [projectRoot] : [];
  return {
    ...(isProjectElectron ? {} : { executablePath: binary }),
    args: [
      ...appArgs,
      `--user-data-dir=${userDataDir}`,
      ...(region.locale === undefined ? [] : [`--lang=${region.locale}`]),
    ],
    env: region.timezoneId === undefined ? env : { ...env, TZ: region.timezoneId },
  };
}

/** How long a launched app may take to show its form (a cold start takes a few seconds at most). */
export const APP_READY_TIMEOUT_MS = 30_000;

export const launchMode = (transport?: LaunchOptions['transport']): LaunchedApp['mode'] =>
  electronBinary() !== null
    ? 'electron'
    : (transport ?? (process.env.E2E_MODE === 'bridge' ? 'bridge' : 'browser'));

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  // A packaged app carries its own build; only the source needs `npm run build` first.
  if (packagedAppExecutable() === null && !existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the end-to-end tests.');
  }
  const ownsDataDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'token-tester-e2e-')));
  const cleanUp = async () => {
    if (ownsDataDir) await rm(userDataDir, { recursive: true, force: true });
  };
  const binary = electronBinary();
  try {
    if (binary !== null) return await launchElectron(binary, options, userDataDir, cleanUp);
    return launchMode(options.transport) === 'bridge'
      ? await launchBridge(options, userDataDir, cleanUp)
      : await launchBrowserMode(options, userDataDir, cleanUp);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function launchElectron(
  executablePath: string,
  options: LaunchOptions,
  userDataDir: string,
  cleanUp: () => Promise<void>,
): Promise<LaunchedApp> {
  const app: ElectronApplication = await electron.launch(
    electronLaunchOptions(
      executablePath,
      userDataDir,
      { ...(process.env as Record<string, string>), ...options.env },
      options,
    ),
  );
  const output: string[] = [];
  app.process().stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  app.process().stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  // Tests never start the real system browser: record what would have opened instead.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { __opened?: string[] }).__opened = opened;
    shell.openExternal = async (url: string) => void opened.push(url);
  });
  await app.evaluate(({ Notification }) => {
    const notices: Array<{ title: string; body: string }> = [];
    (globalThis as { __notices?: typeof notices }).__notices = notices;
    Notification.prototype.show = function (this: { title: string; body: string }) {
      notices.push({ title: this.title, body: this.body });
    };
  });
  const page = await app.firstWindow();
  await page.getByRole('textbox', { name: 'Client ID' }).waitFor({ timeout: APP_READY_TIMEOUT_MS });
  const packaged = await app.evaluate(({ app: electronApp }) => electronApp.isPackaged);
  return {
    mode: 'electron',
    packaged,
    openedExternally: () => app.evaluate(() => [...((globalThis as { __opened?: string[] }).__opened ?? [])]),
    blankPageGlobals: () =>
      app.evaluate(async ({ BrowserWindow }) => {
        // A page of the same (secure) origin, without the app or its preload: the 404 answer.
        const blank = new BrowserWindow({
          show: false,
          webPreferences: { sandbox: true, contextIsolation: true },
        });
        await blank.loadURL('app://bundle/no-such-page').catch(() => undefined);
        const names = (await blank.webContents.executeJavaScript(
          'Object.getOwnPropertyNames(window)',
        )) as string[];
        blank.destroy();
        return names;
      }),
    page,
    userDataDir,
    readClipboard: () => app.evaluate(({ clipboard }) => clipboard.readText()),
    writeClipboard: (text) => app.evaluate(({ clipboard }, value) => clipboard.writeText(value), text),
    notifications: () =>
      app.evaluate(() => [
        ...((globalThis as { __notices?: Array<{ title: string; body: string }> }).__notices ?? []),
      ]),
    logs: () => output.join(''),
    ipcResponses: async () => null,
    close: async () => {
      await app.close();
      await cleanUp();
    },
  };
}

const BRIDGE_BINDING = '__tokenTesterBridge';
/** Where answers are handed back in the page: a symbol, so no global name is added. */
const BRIDGE_DELIVERY = 'token-tester.bridge.deliver';

type BridgeHandler = (
  channel: unknown,
  arg: unknown,
  sender: { readonly url: string; readonly isMainFrame: boolean },
) => Promise<unknown>;

/**
 * The preload's API in bridge mode: each call goes through a DevTools-protocol binding (the
 * mechanism under Playwright's exposeBinding, without its layers) to `handle`, which is told the
 * calling frame's URL and whether it is the main frame, as Electron's IPC sender check needs.
 * Still dearer than Electron's IPC: a call that does nothing takes about 3 ms there and back on
 * the development machine (page to this process 0.9 ms, to the bridge's main side and back 0.6,
 * the answer's Runtime.evaluate 1.3), against about 1.8 ms over browser mode's WebSocket.
 */
async function connectBridge(page: Page, handle: BridgeHandler): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const frames = new Map<string, string>(); // frame id -> URL
  let mainFrameId = '';
  const contexts = new Map<number, { frameId: string; isDefault: boolean }>();
  cdp.on('Page.frameNavigated', ({ frame }: { frame: { id: string; url: string; parentId?: string } }) => {
    frames.set(frame.id, frame.url);
    if (frame.parentId === undefined) mainFrameId = frame.id;
  });
  cdp.on('Page.navigatedWithinDocument', ({ frameId, url }: { frameId: string; url: string }) =>
    frames.set(frameId, url),
  );
  cdp.on('Page.frameDetached', ({ frameId }: { frameId: string }) => frames.delete(frameId));
  cdp.on(
    'Runtime.executionContextCreated',
    ({ context }: { context: { id: number; auxData?: { frameId?: string; isDefault?: boolean } } }) => {
      contexts.set(context.id, {
        frameId: context.auxData?.frameId ?? '',
        isDefault: context.auxData?.isDefault === true,
      });
    },
  );
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }: { executionContextId: number }) =>
    contexts.delete(executionContextId),
  );
  cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
  cdp.on(
    'Runtime.bindingCalled',
    ({
      name,
      payload,
      executionContextId,
    }: {
      name: string;
      payload: string;
      executionContextId: number;
    }) => {
      if (name !== BRIDGE_BINDING) return;
      const origin = contexts.get(executionContextId);
      const { id, channel, arg } = JSON.parse(payload) as { id: number; channel: unknown; arg: unknown };
      const sender = {
        url: (origin && frames.get(origin.frameId)) ?? '',
        isMainFrame: origin !== undefined && origin.isDefault && origin.frameId === mainFrameId,
      };
      void handle(channel, arg, sender).then(
        (value) =>
          cdp
            .send('Runtime.evaluate', {
              expression: `globalThis[Symbol.for(${JSON.stringify(BRIDGE_DELIVERY)})]?.(${id}, ${JSON.stringify(value) ?? 'undefined'})`,
              contextId: executionContextId,
            })
            .catch(() => undefined), // the page went away meanwhile
      );
    },
  );
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: BRIDGE_BINDING });
  // The preload's job: one named method per channel on the API global, and nothing else on window.
  // Written as source text: a function would be serialised as compiled, with helpers the page lacks.
  const settings = JSON.stringify({
    binding: BRIDGE_BINDING,
    delivery: BRIDGE_DELIVERY,
    global: API_GLOBAL,
    channels: Object.entries(IPC_CHANNELS),
  });
  await page.addInitScript(`(() => {
    const { binding, delivery, global, channels } = ${settings};
    const send = window[binding];
    delete window[binding];
    const waiting = new Map();
    let last = 0;
    Object.defineProperty(window, Symbol.for(delivery), {
      value: function deliver(id, value) {
        const resolve = waiting.get(id);
        waiting.delete(id);
        if (resolve) resolve(value);
      },
    });
    const api = {};
    for (const [method, channel] of channels) {
      api[method] = function (arg) {
        return new Promise(function (resolve) {
          last += 1;
          waiting.set(last, resolve);
          send(JSON.stringify({ id: last, channel: channel, arg: arg }));
        });
      };
    }
    Object.defineProperty(window, global, { value: Object.freeze(api), enumerable: true });
  })();`);
}

/**
 * Electron's web-contents events do not exist in plain Chromium, so bridge mode feeds the app's
 * own guard (main/security.ts) from Playwright's equivalents: navigation requests of the main
 * frame become will-navigate/will-redirect, new pages become window-open requests.
 */
async function applyAppGuards(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const trusted = trustedOriginOf(origin);
  const isAppDocument = (url: string) => isTrustedSender({ url, isMainFrame: true }, trusted);
  type Listener = (event: PreventableEvent, url: string) => void;
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
    on: (event: string, listener: Listener) => void listeners.set(event, listener),
  };
  guardContents(contents, isAppDocument, () => undefined);
  // Only documents are intercepted (through the DevTools protocol, which can filter by resource
  // type), as Electron's will-navigate concerns only them; scripts and styles load untouched.
  const cdp = await context.newCDPSession(page);
  cdp.on(
    'Fetch.requestPaused',
    (paused: { requestId: string; request: { url: string }; redirectedRequestId?: string }) => {
      let prevented = false;
      const event = paused.redirectedRequestId ? 'will-redirect' : 'will-navigate';
      listeners.get(event)?.({ preventDefault: () => void (prevented = true) }, paused.request.url);
      // "Aborted" cancels the navigation without an error page, as preventDefault does in Electron.
      void cdp
        .send(prevented ? 'Fetch.failRequest' : 'Fetch.continueRequest', {
          requestId: paused.requestId,
          ...(prevented ? { errorReason: 'Aborted' } : {}),
        })
        .catch(() => undefined);
    },
  );
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }],
  });
  context.on('page', (popup) => {
    if (popup !== page && openHandler?.({ url: popup.url() }).action === 'deny') void popup.close();
  });
}

async function launchBridge(
  options: LaunchOptions,
  userDataDir: string,
  cleanUp: () => Promise<void>,
): Promise<LaunchedApp> {
  const output: string[] = [];
  const child = fork(path.join(projectRoot, 'test/support/bridge-main.ts'), [userDataDir], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      ...options.env,
      ...(options.rendererDir ? { TOKEN_TESTER_BENCH_RENDERER_DIR: options.rendererDir } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let nextId = 0;
  const waiting = new Map<number, (value: unknown) => void>();
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (message: FromMain) => {
      if (message.type === 'ready') resolve(message.origin);
      else waiting.get(message.id)?.(message.value);
    });
    child.once('exit', (code) =>
      reject(new Error(`bridge main process exited (${code}): ${output.join('')}`)),
    );
  });
  const ask = (message: DistributiveOmit<ToMain, 'id'>) =>
    new Promise<unknown>((resolve) => {
      const id = (nextId += 1);
      waiting.set(id, (value) => {
        waiting.delete(id);
        resolve(value);
      });
      child.send({ ...message, id });
    });
  const received: Array<{ channel: unknown; value: unknown }> = [];

  let browser: Browser | undefined;
  try {
    const origin = await ready;
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      ...regionOf(options),
    });
    const page = await context.newPage();
    await connectBridge(page, async (channel, arg, sender) => {
      const value = await ask({ type: 'invoke', channel, arg, sender });
      received.push({ channel, value });
      return value;
    });
    for (const script of options.initScripts ?? []) await page.addInitScript(script);
    await applyAppGuards(context, page, origin);
    if (options.settleMs) {
      // The server side too: its first answer runs cold code, which is not the page's doing.
      await fetch(`${origin}/index.html`).then((response) => response.arrayBuffer());
      await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    }
    await page.goto(`${origin}/index.html`);
    if (!options.noWait)
      await page.getByRole('textbox', { name: 'Client ID' }).waitFor({ timeout: APP_READY_TIMEOUT_MS });
    const openBrowser = browser;
    return {
      mode: 'bridge',
      page,
      userDataDir,
      readClipboard: async () => (await ask({ type: 'clipboard' })) as string,
      writeClipboard: async (text) => void (await ask({ type: 'set-clipboard', text })),
      notifications: async () =>
        (await ask({ type: 'notifications' })) as Array<{ title: string; body: string }>,
      openedExternally: async () => (await ask({ type: 'opened' })) as string[],
      blankPageGlobals: () => blankPageGlobals(openBrowser, origin),
      logs: () => output.join(''),
      ipcResponses: async () => [...received],
      close: async () => {
        try {
          await closeChromium(openBrowser);
        } finally {
          try {
            child.disconnect();
            await stopsWithin(
              exited,
              () => child.kill('SIGKILL'),
              'the bridge’s main side, disconnected',
              () => output.join(''),
            );
          } finally {
            await cleanUp();
          }
        }
      },
    };
  } catch (error) {
    if (browser) await closeChromium(browser);
    child.kill();
    throw error;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
