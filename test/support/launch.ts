// launchApp(): the app under test, end to end.
//
// Where an Electron binary is installed, this is the real app launched with Playwright's
// `_electron`. Elsewhere (machines that cannot download Electron) it is "bridge mode": the built
// renderer in Chromium, served by the app's own app:// protocol handler over loopback HTTP, with
// the preload API wired to the very same main-process IPC router and handlers through
// Playwright's exposeBinding. The same specs run in both modes.
import {
  chromium,
  _electron as electron,
  type Browser,
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
import type { FromMain, ToMain } from './bridge-main';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = path.join(projectRoot, 'dist/renderer');

/** Where the end-to-end run leaves the screenshots the README shows. */
export const screenshotPath = (name: string) => path.join(projectRoot, 'test/screenshots', name);

export interface LaunchOptions {
  /** Environment variables for the main side. */
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse a data folder (to test what survives a restart); a fresh one by default. */
  readonly userDataDir?: string;
}

export interface LaunchedApp {
  readonly mode: 'electron' | 'bridge';
  readonly page: Page;
  readonly userDataDir: string;
  /** What the app last put on the clipboard. */
  readClipboard(): Promise<string>;
  /** Everything the main process printed so far. */
  logs(): string;
  /** Every IPC answer the window received (bridge mode only; null in Electron). */
  ipcResponses(): Array<{ channel: unknown; value: unknown }> | null;
  close(): Promise<void>;
}

/** The Electron binary, if this machine has one (the npm package fetches it on first use). */
export function electronBinary(): string | null {
  if (process.env.E2E_MODE === 'bridge') return null;
  const pathFile = path.join(projectRoot, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(projectRoot, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const launchMode = (): LaunchedApp['mode'] => (electronBinary() === null ? 'bridge' : 'electron');

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the end-to-end tests.');
  }
  const ownsDataDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'token-tester-e2e-')));
  const cleanUp = async () => {
    if (ownsDataDir) await rm(userDataDir, { recursive: true, force: true });
  };
  const binary = electronBinary();
  try {
    return binary === null
      ? await launchBridge(options, userDataDir, cleanUp)
      : await launchElectron(binary, options, userDataDir, cleanUp);
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
  const app: ElectronApplication = await electron.launch({
    executablePath,
    args: [projectRoot, `--user-data-dir=${userDataDir}`],
    env: { ...(process.env as Record<string, string>), ...options.env },
  });
  const output: string[] = [];
  app.process().stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  app.process().stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const page = await app.firstWindow();
  await page.getByRole('textbox', { name: 'Client ID' }).waitFor();
  return {
    mode: 'electron',
    page,
    userDataDir,
    readClipboard: () => app.evaluate(({ clipboard }) => clipboard.readText()),
    logs: () => output.join(''),
    ipcResponses: () => null,
    close: async () => {
      await app.close();
      await cleanUp();
    },
  };
}

const BRIDGE_BINDING = '__tokenTesterBridge';

async function launchBridge(
  options: LaunchOptions,
  userDataDir: string,
  cleanUp: () => Promise<void>,
): Promise<LaunchedApp> {
  const output: string[] = [];
  const child = fork(path.join(projectRoot, 'test/support/bridge-main.ts'), [userDataDir], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...options.env },
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
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.exposeBinding(BRIDGE_BINDING, async ({ frame, page }, channel: unknown, arg: unknown) => {
      const value = await ask({
        type: 'invoke',
        channel,
        arg,
        sender: { url: frame.url(), isMainFrame: frame === page.mainFrame() },
      });
      received.push({ channel, value });
      return value;
    });
    // The preload's job in bridge mode: one named method per channel on the same global.
    await context.addInitScript(
      ({ binding, global, channels }) => {
        const scope = window as unknown as Record<string, unknown>;
        const invoke = scope[binding] as (channel: string, arg: unknown) => Promise<unknown>;
        const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
        for (const [method, channel] of channels) api[method] = (arg?: unknown) => invoke(channel, arg);
        Object.defineProperty(window, global, { value: Object.freeze(api), enumerable: true });
      },
      { binding: BRIDGE_BINDING, global: API_GLOBAL, channels: Object.entries(IPC_CHANNELS) },
    );
    const page = await context.newPage();
    await page.goto(`${origin}/index.html`);
    await page.getByRole('textbox', { name: 'Client ID' }).waitFor();
    const openBrowser = browser;
    return {
      mode: 'bridge',
      page,
      userDataDir,
      readClipboard: async () => (await ask({ type: 'clipboard' })) as string,
      logs: () => output.join(''),
      ipcResponses: () => [...received],
      close: async () => {
        await openBrowser.close();
        child.disconnect();
        await exited;
        await cleanUp();
      },
    };
  } catch (error) {
    await browser?.close();
    child.kill();
    throw error;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
