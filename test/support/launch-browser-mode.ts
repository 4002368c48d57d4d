// launchApp() in browser mode: what a user without Electron gets. The built CLI's `ui` command
// runs in its own process (as `npm start` would start it), and Chromium opens the address it
// prints. The test's hooks use only what a page in a browser has: the Clipboard API (permission
// granted to the test's browser), and a record of Notification and window.open calls.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { LaunchedApp, LaunchOptions } from './launch';
import { blankPageGlobals, closeChromium, launchChromium } from './chromium';
import { stopsWithin } from './process-stop';
import { firstJsonLine, type Started } from './pair';
import { APP_READY_TIMEOUT_MS, projectRoot, regionOf } from './launch';

const RECORD = 'token-tester.test.record';

/** Records what the page hands to the browser's own UI, without opening anything. */
const RECORDER = `(() => {
  const record = { notices: [], opened: [] };
  Object.defineProperty(window, Symbol.for(${JSON.stringify(RECORD)}), { value: record });
  const Real = window.Notification;
  if (Real) {
    window.Notification = class extends Real {
      constructor(title, options) {
        super(title, options);
        record.notices.push({ title: String(title), body: String((options && options.body) || '') });
      }
    };
  }
  window.open = function (url) {
    record.opened.push(String(url));
    return null;
  };
})();`;

export async function launchBrowserMode(
  options: LaunchOptions,
  userDataDir: string,
  cleanUp: () => Promise<void>,
): Promise<LaunchedApp> {
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'dist/cli/telstra-token.cjs'), 'ui', '--json', '--no-open'],
    {
      env: { ...process.env, ...options.env, TOKEN_TESTER_USER_DATA_DIR: userDataDir, BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const started = firstJsonLine<Started>(child, (text) => output.push(text)).catch((error: unknown) => {
    throw new Error(`browser mode ${String(error)}: ${output.join('')}`);
  });

  let browser: Browser | undefined;
  try {
    const { url, origin } = await started;
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write', 'notifications'],
      acceptDownloads: true,
      ...regionOf(options),
    });
    await context.addInitScript(RECORDER);
    const page = await context.newPage();
    for (const script of options.initScripts ?? []) await page.addInitScript(script);
    const received: Array<Promise<{ channel: unknown; value: unknown } | null>> = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      // IPC calls only: not the notice stream, nor the pairing that gets the page its key.
      if (!pathname.startsWith('/api/') || pathname === '/api/events' || pathname === '/api/pair') return;
      received.push(
        response.json().then(
          (body: { value: unknown }) => ({
            channel: decodeURIComponent(pathname.slice('/api/'.length)),
            value: body.value,
          }),
          () => null,
        ),
      );
    });
    // And the same calls over the page's WebSocket (main/browser/socket.ts), each answer by its id.
    page.on('websocket', (socket) => {
      const channels = new Map<number, string>();
      socket.on('framesent', ({ payload }) => {
        const call = JSON.parse(String(payload)) as { type?: string; id?: number; channel?: string };
        if (call.type === 'call' && call.id !== undefined && call.channel)
          channels.set(call.id, call.channel);
      });
      socket.on('framereceived', ({ payload }) => {
        const answer = JSON.parse(String(payload)) as { type?: string; id?: number; value?: unknown };
        const channel = answer.id === undefined ? undefined : channels.get(answer.id);
        if (answer.type === 'answer' && channel !== undefined)
          received.push(Promise.resolve({ channel, value: answer.value }));
      });
    });
    await page.goto(url);
    if (!options.noWait)
      await page.getByRole('textbox', { name: 'Client ID' }).waitFor({ timeout: APP_READY_TIMEOUT_MS });
    const record = () =>
      page.evaluate(
        (key) =>
          (window as unknown as Record<symbol, { notices: unknown[]; opened: string[] } | undefined>)[
            Symbol.for(key)
          ] ?? { notices: [], opened: [] },
        RECORD,
      );
    const openBrowser = browser;
    const logs = () => output.join('');
    /** Ctrl-C in the terminal: browser mode must stop, and is killed (failing the test) if not. */
    const interrupt = async () => {
      child.kill('SIGINT');
      await stopsWithin(exited, () => child.kill('SIGKILL'), 'browser mode, after Ctrl-C (SIGINT)', logs);
    };
    return {
      mode: 'browser',
      page,
      userDataDir,
      readClipboard: () => page.evaluate(() => navigator.clipboard.readText()),
      writeClipboard: (text) => page.evaluate((value) => navigator.clipboard.writeText(value), text),
      notifications: async () => (await record()).notices as Array<{ title: string; body: string }>,
      openedExternally: async () => [...(await record()).opened],
      blankPageGlobals: () => blankPageGlobals(openBrowser, origin),
      logs,
      ipcResponses: async () =>
        (await Promise.all(received)).filter((entry): entry is NonNullable<typeof entry> => entry !== null),
      interrupt,
      kill: async () => {
        child.kill('SIGKILL');
        await exited;
      },
      close: async () => {
        try {
          await closeChromium(openBrowser);
        } finally {
          try {
            await interrupt();
          } finally {
            await cleanUp();
          }
        }
      },
    };
  } catch (error) {
    if (browser) await closeChromium(browser);
    child.kill('SIGKILL');
    throw error;
  }
}
