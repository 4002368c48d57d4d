// The built main process (dist/main/index.cjs), run in Node against a fake `electron` module that
// behaves as Electron's documentation says (test/support/fake-electron/): what happens before and
// after `ready`, what the packaged app refuses, how the window is shown, what a failed page load
// does, the channels registered, and the quit sequence. The Electron binary itself cannot run on
// these machines; this is the thinnest seam that exercises index.ts as built.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir, uptime } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { TELSTRA_DEVELOPER_PORTAL } from '../../app/links';
import { lockDataFolder, LOCK_FILE } from '../../main/browser/data-lock';
import { APP_USER_MODEL_ID } from '../../main/startup-rules';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(root, 'dist/main/index.cjs');
const REGISTER = path.join(root, 'test/support/fake-electron/register.cjs');

interface Call {
  readonly api: string;
  readonly args: unknown[];
  readonly ready: boolean;
}

interface Running {
  readonly child: ChildProcess;
  readonly userData: string;
  ask<T>(message: Record<string, unknown>): Promise<T>;
  readonly exited: Promise<{ code: number | null; calls: Call[] | null }>;
  readonly keytarLoaded: () => boolean;
}

const running: ChildProcess[] = [];
const dirs: string[] = [];

async function startMain(
  options: {
    env?: Record<string, string>;
    args?: string[];
    /** Node's own options, before the fake's: `--inspect=0` opens the inspector, as Electron does. */
    execArgv?: string[];
    prepare?: (userData: string) => Promise<void>;
  } = {},
): Promise<Running> {
  const userData = await mkdtemp(path.join(tmpdir(), 'fake-electron-'));
  dirs.push(userData);
  await options.prepare?.(userData);
  const child = fork(MAIN, options.args ?? [], {
    execArgv: [...(options.execArgv ?? []), '--require', REGISTER],
    env: { ...process.env, FAKE_ELECTRON_USER_DATA: userData, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.push(child);
  let next = 0;
  const waiting = new Map<number, (value: unknown) => void>();
  let exitCalls: Call[] | null = null;
  let keytar = false;
  child.on('message', (message: { type: string; id?: number; value?: unknown; calls?: Call[] }) => {
    if (message.type === 'reply' && message.id !== undefined) waiting.get(message.id)?.(message.value);
    if (message.type === 'exit') exitCalls = message.calls ?? null;
    if (message.type === 'keytar-loaded') keytar = true;
  });
  const exited = new Promise<{ code: number | null; calls: Call[] | null }>((resolve) =>
    child.once('exit', (code) => resolve({ code, calls: exitCalls })),
  );
  return {
    child,
    userData,
    exited,
    keytarLoaded: () => keytar,
    ask: <T>(message: Record<string, unknown>) =>
      new Promise<T>((resolve) => {
        const id = (next += 1);
        waiting.set(id, (value) => resolve(value as T));
        child.send({ ...message, id });
      }),
  };
}

/** Waits until the window exists and its page was asked for (the app's start is asynchronous). */
async function windowOf(main: Running) {
  await expect
    .poll(async () => (await main.ask<Call[]>({ type: 'calls' })).some((c) => c.api === 'window.loadURL'))
    .toBe(true);
  return main.ask<{
    visible: boolean;
    focused: boolean;
    maximized: boolean;
    backgroundColor: string;
    loaded: string[];
  }>({ type: 'window' });
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error('dist/main/index.cjs is missing: run `npx vite build` first.');
});
afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('start-up order', () => {
  it('does before ready what must come before it, and the rest after', async () => {
    const main = await startMain();
    await windowOf(main);
    const calls = await main.ask<Call[]>({ type: 'calls' });
    const when = (api: string) => calls.find((c) => c.api === api)?.ready;
    expect(when('protocol.registerSchemesAsPrivileged')).toBe(false);
    expect(when('app.enableSandbox')).toBe(false);
    expect(when('protocol.handle')).toBe(true);
    expect(when('session.setPermissionRequestHandler')).toBe(true);
    expect(when('new BrowserWindow')).toBe(true);
    // Every channel of the contract, once, and nothing else.
    const channels = calls.filter((c) => c.api === 'ipcMain.handle').map((c) => c.args[0]);
    expect([...channels].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    const created = calls.find((c) => c.api === 'new BrowserWindow')?.args[0] as {
      show: boolean;
      webPreferences: Record<string, unknown>;
    };
    expect(created.show).toBe(false);
    expect(created.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('moves the data folder before the single-instance lock is taken, so the lock is that folder’s', async () => {
    const moved = await mkdtemp(path.join(tmpdir(), 'moved-data-'));
    dirs.push(moved);
    const main = await startMain({ env: { TOKEN_TESTER_USER_DATA_DIR: moved } });
    await windowOf(main);
    const calls = await main.ask<Call[]>({ type: 'calls' });
    const setPath = calls.findIndex((c) => c.api === 'app.setPath');
    const lock = calls.findIndex((c) => c.api === 'app.requestSingleInstanceLock');
    expect(setPath).toBeGreaterThanOrEqual(0);
    expect(setPath).toBeLessThan(lock);
    expect(calls[lock]?.args[0]).toBe(moved);
  });

  it('makes a data folder that does not exist yet before moving there (app.setPath throws for one)', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'new-data-'));
    dirs.push(parent);
    const fresh = path.join(parent, 'not', 'yet');
    const main = await startMain({ env: { TOKEN_TESTER_USER_DATA_DIR: fresh } });
    await windowOf(main);
    const calls = await main.ask<Call[]>({ type: 'calls' });
    expect(calls.find((c) => c.api === 'app.setPath')?.args).toEqual(['userData', fresh]);
    expect(calls.find((c) => c.api === 'app.requestSingleInstanceLock')?.args[0]).toBe(fresh);
    expect(existsSync(fresh)).toBe(true);
  });

  it('says so and starts nothing when the data folder named cannot be made', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'bad-data-'));
    dirs.push(parent);
    const file = path.join(parent, 'a-file');
    await writeFile(file, '');
    const main = await startMain({ env: { TOKEN_TESTER_USER_DATA_DIR: path.join(file, 'data') } });
    const { code, calls } = await main.exited;
    expect(code).toBe(1);
    const box = calls?.find((c) => c.api === 'dialog.showErrorBox');
    expect(box?.args[0]).toBe('The data folder cannot be used');
    expect(String(box?.args[1])).toContain(path.join(file, 'data'));
    // Not on the usual folder instead: no lock, no window.
    expect(
      calls?.some((c) => c.api === 'app.requestSingleInstanceLock' || c.api === 'new BrowserWindow'),
    ).toBe(false);
  });

  it('sets the Windows AppUserModelID to the installer’s appId, on Windows only', async () => {
    const windows = await startMain({ env: { FAKE_ELECTRON_PLATFORM: 'win32' } });
    await windowOf(windows);
    const onWindows = await windows.ask<Call[]>({ type: 'calls' });
    expect(onWindows.find((c) => c.api === 'app.setAppUserModelId')).toMatchObject({
      args: [APP_USER_MODEL_ID],
      ready: false,
    });
    const linux = await startMain();
    await windowOf(linux);
    expect((await linux.ask<Call[]>({ type: 'calls' })).some((c) => c.api === 'app.setAppUserModelId')).toBe(
      false,
    );
  });

  it('quits at once when another instance holds the lock', async () => {
    const main = await startMain({ env: { FAKE_ELECTRON_LOCK: '0' } });
    const { calls } = await main.exited;
    expect(calls?.some((c) => c.api === 'new BrowserWindow')).toBe(false);
  });

  it('opens nothing while browser mode holds the data folder, and says so in a dialog', async () => {
    // This test's own process stands in for a running browser mode: its pid is alive.
    const main = await startMain({
      prepare: (dir) => writeFile(path.join(dir, LOCK_FILE), `${process.pid}\n`),
    });
    const { calls } = await main.exited;
    const box = calls?.find((c) => c.api === 'dialog.showErrorBox');
    expect(box?.ready).toBe(true);
    expect(String(box?.args[1])).toContain(`browser mode (process ${process.pid})`);
    // The way out when nothing is running after all: the lock file, by its path.
    expect(String(box?.args[1])).toContain(path.join(main.userData, LOCK_FILE));
    expect(calls?.some((c) => c.api === 'new BrowserWindow' || c.api === 'ipcMain.handle')).toBe(false);
  });

  it('opens nothing while a profiles import writes to the data folder, and names it', async () => {
    const main = await startMain({
      prepare: (dir) => writeFile(path.join(dir, LOCK_FILE), `${process.pid}\na profiles import\n`),
    });
    const { calls } = await main.exited;
    const box = calls?.find((c) => c.api === 'dialog.showErrorBox');
    expect(String(box?.args[0])).toBe('An import is using this data folder');
    expect(String(box?.args[1])).toContain(`telstra-token profiles import (process ${process.pid})`);
    expect(calls?.some((c) => c.api === 'new BrowserWindow')).toBe(false);
  });

  it('starts as usual over a lock file written before the computer last started, whoever has its number now', async () => {
    // A crash's leftover: its process number (here this test's, alive) may belong to anything now.
    const main = await startMain({
      prepare: async (dir) => {
        const file = path.join(dir, LOCK_FILE);
        await writeFile(file, `${process.pid}\n`);
        const beforeBoot = new Date(Date.now() - uptime() * 1000 - 60_000);
        await utimes(file, beforeBoot, beforeBoot);
      },
    });
    await windowOf(main);
    const calls = await main.ask<Call[]>({ type: 'calls' });
    expect(calls.some((c) => c.api === 'dialog.showErrorBox')).toBe(false);
  });

  it('starts as usual over a lock file left by a browser mode that is gone', async () => {
    const main = await startMain({ prepare: (dir) => writeFile(path.join(dir, LOCK_FILE), '2147483646\n') });
    await windowOf(main);
    const calls = await main.ask<Call[]>({ type: 'calls' });
    expect(calls.some((c) => c.api === 'dialog.showErrorBox')).toBe(false);
  });
});

describe('the renderer it loads', () => {
  it('unpackaged, follows VITE_DEV_SERVER_URL (npm run dev)', async () => {
    const main = await startMain({ env: { VITE_DEV_SERVER_URL: 'http://localhost:5173/' } });
    expect((await windowOf(main)).loaded).toEqual(['http://localhost:5173/']);
  });

  it('packaged, ignores VITE_DEV_SERVER_URL and loads only its own app:// page', async () => {
    const main = await startMain({
      env: { FAKE_ELECTRON_PACKAGED: '1', VITE_DEV_SERVER_URL: 'https://evil.example/' },
    });
    expect((await windowOf(main)).loaded).toEqual(['app://bundle/index.html']);
  });

  it('packaged, refuses to start with debugging switches: no window, exit status 1', async () => {
    for (const args of [['--remote-debugging-port=9222'], ['--inspect'], ['--inspect-brk=9229']]) {
      const main = await startMain({ env: { FAKE_ELECTRON_PACKAGED: '1' }, args });
      const { code, calls } = await main.exited;
      expect(code, args[0]).toBe(1);
      expect(calls?.some((c) => c.api === 'new BrowserWindow')).toBe(false);
      expect(calls?.some((c) => c.api === 'app.setPath' || c.api === 'ipcMain.handle')).toBe(false);
    }
    // Unpackaged, a developer may debug.
    const dev = await startMain({ args: ['--remote-debugging-port=9222'] });
    expect((await windowOf(dev)).loaded).toEqual(['app://bundle/index.html']);
  });

  it('packaged, refuses what would loosen its certificate checks or write its TLS keys out', async () => {
    const main = await startMain({
      env: { FAKE_ELECTRON_PACKAGED: '1' },
      args: ['--ignore-certificate-errors'], // tls-lint: named to be refused
    });
    const { code, calls } = await main.exited;
    expect(code).toBe(1);
    expect(calls?.some((c) => c.api === 'new BrowserWindow')).toBe(false);
  });

  it('packaged with its inspector open (a copy whose inspect fuse is on), starts as Playwright drives it', async () => {
    // Playwright's electron.launch always passes these; with the fuse on, Node opens the inspector.
    const args = ['--inspect=0', '--remote-debugging-port=0'];
    const debuggable = await startMain({
      env: { FAKE_ELECTRON_PACKAGED: '1' },
      args,
      execArgv: ['--inspect=0'],
    });
    expect((await windowOf(debuggable)).loaded).toEqual(['app://bundle/index.html']);
  });
});

describe('the window', () => {
  it('is shown once painted, focused', async () => {
    const main = await startMain();
    expect(await windowOf(main)).toMatchObject({ visible: false });
    expect(await main.ask({ type: 'window', emit: 'ready-to-show' })).toMatchObject({
      visible: true,
      focused: true,
    });
  });

  it('restored maximized, is still shown only once painted (maximize() would show it unpainted)', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'maximized-'));
    dirs.push(data);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      path.join(data, 'window-state.json'),
      JSON.stringify({ x: 10, y: 10, width: 1000, height: 700, maximized: true }),
    );
    const main = await startMain({ env: { TOKEN_TESTER_USER_DATA_DIR: data } });
    expect(await windowOf(main)).toMatchObject({ visible: false, maximized: false });
    expect(await main.ask({ type: 'window', emit: 'ready-to-show' })).toMatchObject({
      visible: true,
      focused: true,
      maximized: true,
    });
  });

  it('has the page’s background in the system’s theme, and follows the theme as it changes', async () => {
    const css = await readFile(path.join(root, 'renderer/styles.css'), 'utf8');
    const [light, dark] = [...css.matchAll(/--bg: (#[0-9a-f]+);/g)].map((m) => m[1]);
    const lightStart = await startMain();
    expect(await windowOf(lightStart)).toMatchObject({ backgroundColor: light });
    await lightStart.ask({ type: 'theme', dark: true });
    expect(await lightStart.ask({ type: 'window' })).toMatchObject({ backgroundColor: dark });
    const darkStart = await startMain({ env: { FAKE_ELECTRON_DARK: '1' } });
    expect(await windowOf(darkStart)).toMatchObject({ backgroundColor: dark });
  });

  it('whose page fails to load shows the app’s own error page, and the reason is logged', async () => {
    const main = await startMain({ env: { FAKE_ELECTRON_LOAD_FAILS: '1' } });
    let stderr = '';
    main.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await expect
      .poll(async () => (await main.ask<{ loaded: string[] } | null>({ type: 'window' }))?.loaded.length ?? 0)
      .toBe(2);
    const window = await main.ask<{ visible: boolean; loaded: string[] }>({ type: 'window' });
    expect(window.loaded[1]).toMatch(/^data:text\/html/);
    expect(decodeURIComponent(window.loaded[1] ?? '')).toContain('could not open its window');
    expect(window.visible).toBe(true);
    await expect.poll(() => stderr).toContain('ERR_FILE_NOT_FOUND');
  });
});

describe('links, downloads and client certificates', () => {
  it('says so, with the address, when the system cannot open a link, and goes on', async () => {
    const main = await startMain({ env: { FAKE_ELECTRON_OPEN_FAILS: '1' } });
    await windowOf(main);
    const errorBoxes = async () =>
      (await main.ask<Call[]>({ type: 'calls' })).filter((c) => c.api === 'dialog.showErrorBox');
    // The page opens the portal (window.open, a link with a target)...
    expect(await main.ask({ type: 'window-open', url: TELSTRA_DEVELOPER_PORTAL })).toEqual({
      action: 'deny',
    });
    await expect.poll(async () => (await errorBoxes()).length).toBe(1);
    // ...and so does the Help menu.
    expect(await main.ask({ type: 'menu-click', label: 'Telstra Developer Portal' })).toBe(true);
    await expect.poll(async () => (await errorBoxes()).length).toBe(2);
    for (const box of await errorBoxes()) {
      expect(box.args[0]).toBe('The link could not be opened');
      expect(box.args[1]).toContain(TELSTRA_DEVELOPER_PORTAL);
      expect(box.args[1]).toContain('xdg-open: no method available');
    }
    const opened = (await main.ask<Call[]>({ type: 'calls' })).filter((c) => c.api === 'shell.openExternal');
    expect(opened.map((c) => c.args[0])).toEqual([TELSTRA_DEVELOPER_PORTAL, TELSTRA_DEVELOPER_PORTAL]);
    // Still running, still answering.
    expect(main.child.exitCode).toBeNull();
    expect(await main.ask({ type: 'window' })).not.toBeNull();
  });

  it('stops a download the page starts, and offers a server no client certificate', async () => {
    const main = await startMain();
    await windowOf(main);
    expect(await main.ask({ type: 'will-download' })).toEqual({ prevented: true });
    expect(await main.ask({ type: 'client-certificate' })).toEqual({ prevented: true, chosen: 'none' });
  });
});

describe('IPC and the keychain', () => {
  it('answers the app’s own page and refuses any other sender', async () => {
    const main = await startMain();
    await windowOf(main);
    const own = await main.ask({
      type: 'invoke',
      channel: 'app:host-info',
      senderUrl: 'app://bundle/index.html',
    });
    expect(own).toEqual({ ok: true, host: { kind: 'desktop', differences: [] } });
    const other = await main.ask({
      type: 'invoke',
      channel: 'app:host-info',
      senderUrl: 'https://evil.example/',
    });
    expect(other).toMatchObject({ ok: false, kind: 'untrusted-sender' });
  });

  it('loads keytar with require() when a profile needs it (not import(), which bypasses asar support)', async () => {
    const main = await startMain();
    await windowOf(main);
    expect(main.keytarLoaded()).toBe(false);
    const list = await main.ask({
      type: 'invoke',
      channel: 'profiles:list',
      senderUrl: 'app://bundle/index.html',
    });
    expect(list).toMatchObject({ ok: true, keychain: { available: true } });
    expect(main.keytarLoaded()).toBe(true);
  });
});

/**
 * The desktop app's lock file: its process id, its name, when it started (where known), and this
 * computer's name and PID namespace (where its process id means something).
 */
const lockNaming = (pid: number) => new RegExp(`^${pid}\\nthe desktop app\\n\\d*\\n[^\\n]+\\n[^\\n]*\\n$`);

describe('the data folder', () => {
  it('is held while the app runs (for browser mode and imports on any platform) and let go at quit', async () => {
    const main = await startMain();
    await windowOf(main);
    const lockFile = path.join(main.userData, LOCK_FILE);
    expect(await readFile(lockFile, 'utf8')).toMatch(lockNaming(main.child.pid!));
    const held = await lockDataFolder(main.userData, 'a profiles import');
    expect(held).toMatchObject({ ok: false, heldBy: 'the desktop app', pid: main.child.pid });
    await main.ask({ type: 'app', emit: 'window-all-closed' });
    expect((await main.exited).code).toBe(0);
    await expect(readFile(lockFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('is let go at a Windows log-off, which skips the quit events', async () => {
    const main = await startMain();
    await windowOf(main);
    const lockFile = path.join(main.userData, LOCK_FILE);
    expect(await readFile(lockFile, 'utf8')).toContain('the desktop app');
    await main.ask({ type: 'window', emit: 'session-end', args: [{ reasons: ['logoff'] }] });
    await expect(readFile(lockFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('quits as usual when Windows only asks it to close (an installer), instead of running on without its lock', async () => {
    const main = await startMain();
    await windowOf(main);
    const lockFile = path.join(main.userData, LOCK_FILE);
    await main.ask({ type: 'window', emit: 'session-end', args: [{ reasons: ['close-app'] }] });
    const { code, calls } = await main.exited;
    expect(code).toBe(0);
    expect((calls ?? []).map((c) => c.api)).toContain('quit-done');
    await expect(readFile(lockFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('takes over a lock file naming the desktop app: it holds the single-instance lock, so that one is a leftover', async () => {
    // A live process id (this test's) in a file the desktop app left at a log-off.
    const main = await startMain({
      prepare: (dir) => writeFile(path.join(dir, LOCK_FILE), `${process.pid}\nthe desktop app\n`),
    });
    await windowOf(main);
    expect(await readFile(path.join(main.userData, LOCK_FILE), 'utf8')).toMatch(lockNaming(main.child.pid!));
  });

  it('lets go only its own lock file, not one another process took over', async () => {
    const main = await startMain();
    await windowOf(main);
    const lockFile = path.join(main.userData, LOCK_FILE);
    await writeFile(lockFile, `${process.pid}\na profiles import\n`);
    await main.ask({ type: 'app', emit: 'window-all-closed' });
    await main.exited;
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\na profiles import\n`);
  });
});

describe('quitting', () => {
  it('waits for the clean-up (the clipboard), then quits for real', async () => {
    const main = await startMain();
    await windowOf(main);
    await main.ask({ type: 'app', emit: 'window-all-closed' });
    const { code, calls } = await main.exited;
    expect(code).toBe(0);
    const sequence = (calls ?? [])
      .map((c) => c.api)
      .filter((api) => api.startsWith('quit') || api === 'app.quit');
    // The first quit is held for the clean-up; the second, after it, goes through.
    expect(sequence).toEqual(['app.quit', 'quit-cancelled', 'app.quit', 'quit-done']);
  });

  /** Quits the app through `how` with its window open: its exit code and the quit's steps in order. */
  const quitThrough = async (how: 'quit' | 'close-window') => {
    const main = await startMain();
    await windowOf(main);
    await main.ask({ type: how });
    const { code, calls } = await main.exited;
    const sequence = (calls ?? [])
      .map((c) => c.api)
      .filter((api) => api.startsWith('quit') || api === 'app.quit' || api === 'window.closed');
    return { main, code, sequence };
  };

  it('from the menu with the window open: the window closes first (its place kept), then the clean-up', async () => {
    const { main, code, sequence } = await quitThrough('quit');
    expect(code).toBe(0);
    // Electron closes the windows before will-quit, and a quit under way emits no window-all-closed.
    expect(sequence).toEqual(['app.quit', 'window.closed', 'quit-cancelled', 'app.quit', 'quit-done']);
    expect(JSON.parse(await readFile(path.join(main.userData, 'window-state.json'), 'utf8'))).toMatchObject({
      width: 1280,
      height: 800,
      maximized: false,
    });
    await expect(readFile(path.join(main.userData, LOCK_FILE), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('when the user closes the window, as when the menu quits', async () => {
    const { code, sequence } = await quitThrough('close-window');
    expect(code).toBe(0);
    expect(sequence).toEqual(['window.closed', 'app.quit', 'quit-cancelled', 'app.quit', 'quit-done']);
  });
});
