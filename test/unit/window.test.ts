// The window factory and the remembered window state, through a fake BrowserWindow.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, RENDERER_RETRY_WINDOW_MS, WINDOW_BACKGROUND } from '../../main/window';
import {
  fitToDisplays,
  readWindowState,
  rememberWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
} from '../../main/window-state';

class FakeWindow {
  static created: FakeWindow[] = [];
  readonly listeners = new Map<string, () => void>();
  readonly show = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly isDestroyed = vi.fn(() => false);
  /** Emits as Electron's does: 'render-process-gone' with (event, details). */
  readonly webContents = new EventEmitter();
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }
  once(event: string, listener: () => void) {
    this.listeners.set(event, listener);
    return this;
  }
}

describe('the window factory', () => {
  it('turns on every security switch the checklist asks for', () => {
    const window = createMainWindow(
      FakeWindow as never,
      '/app/preload.cjs',
      'app://bundle/index.html',
    ) as unknown as FakeWindow;
    expect(window.options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('loads the app URL, and shows the window only once it has painted', () => {
    const window = createMainWindow(
      FakeWindow as never,
      '/p.cjs',
      'app://bundle/index.html',
    ) as unknown as FakeWindow;
    expect(window.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.listeners.get('ready-to-show')?.();
    expect(window.show).toHaveBeenCalled();
  });

  it('has the page’s background in the theme the page paints in (renderer/styles.css, --bg)', async () => {
    const css = await readFile(path.join(import.meta.dirname, '../../renderer/styles.css'), 'utf8');
    const [light, dark] = [...css.matchAll(/--bg: (#[0-9a-f]+);/g)].map((m) => m[1]);
    expect(WINDOW_BACKGROUND).toEqual({ light, dark });
    const lit = createMainWindow(FakeWindow as never, '/p.cjs', 'app://bundle/') as unknown as FakeWindow;
    expect(lit.options.backgroundColor).toBe(light);
    const night = createMainWindow(FakeWindow as never, '/p.cjs', 'app://bundle/', undefined, {
      darkColors: true,
    }) as unknown as FakeWindow;
    expect(night.options.backgroundColor).toBe(dark);
  });

  it('loads its page again when the page’s process is lost, and says so instead when it is lost twice in a row', () => {
    let at = 1_000_000;
    const gone: string[] = [];
    const window = createMainWindow(FakeWindow as never, '/p.cjs', 'app://bundle/index.html', undefined, {
      now: () => at,
      onRendererGone: (reason) => gone.push(reason),
    }) as unknown as FakeWindow;
    const loaded = () => window.loadURL.mock.calls.map(([url]) => url);
    expect(loaded()).toEqual(['app://bundle/index.html']);
    // Ended as asked (the window closing): nothing to recover.
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(loaded()).toHaveLength(1);
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(loaded()).toEqual(['app://bundle/index.html', 'app://bundle/index.html']);
    // Long after: a new loss, loaded again.
    at += RENDERER_RETRY_WINDOW_MS + 1;
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    expect(loaded()).toHaveLength(3);
    // Soon after the last: not again (it would repeat for ever), the window says what happened.
    at += 1000;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(loaded()).toHaveLength(4);
    const page = decodeURIComponent(loaded()[3]!);
    expect(page).toMatch(/^data:text\/html/);
    expect(page).toContain('The window’s page stopped twice in a row (crashed)');
    // And that is the end: a page that cannot start at all is not asked for again and again.
    at += 100;
    window.webContents.emit('render-process-gone', {}, { reason: 'launch-failed', exitCode: 1 });
    at += RENDERER_RETRY_WINDOW_MS + 1;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(loaded()).toHaveLength(4);
    expect(gone).toEqual(['crashed', 'oom', 'crashed']);
  });

  it('opens where it was, at the size it was', () => {
    const window = createMainWindow(FakeWindow as never, '/p.cjs', 'app://bundle/', {
      x: 40,
      y: 30,
      width: 1000,
      height: 700,
    }) as unknown as FakeWindow;
    expect(window.options).toMatchObject({
      x: 40,
      y: 30,
      width: 1000,
      height: 700,
      minWidth: 880,
      minHeight: 600,
    });
  });
});

describe('the window state', () => {
  const desktop = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('keeps a position a display still shows', () => {
    expect(fitToDisplays({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, desktop)).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('drops a position on a monitor that has gone, and shrinks to the largest display', () => {
    expect(fitToDisplays({ x: 2500, y: 100, width: 3000, height: 2000, maximized: true }, desktop)).toEqual({
      width: 1920,
      height: 1080,
      maximized: true,
    });
  });

  it('never goes below the minimum size', () => {
    expect(fitToDisplays({ width: 10, height: 10, maximized: false }, desktop)).toMatchObject({
      width: 880,
      height: 600,
    });
  });

  it('saves on close and reads back, ignoring damaged or hostile files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'window-state-'));
    const file = path.join(dir, WINDOW_STATE_FILE);
    expect(readWindowState(file)).toBeNull();
    let onClose: (() => void) | undefined;
    rememberWindowState(
      {
        on: (_event, listener) => (onClose = listener),
        getNormalBounds: () => ({ x: 5, y: 6, width: 1100, height: 750 }),
        isMaximized: () => true,
      },
      file,
    );
    onClose?.();
    expect(readWindowState(file)).toEqual({ x: 5, y: 6, width: 1100, height: 750, maximized: true });

    for (const junk of [
      '{',
      '[]',
      '{"width":"big","height":1,"maximized":false}',
      '{"__proto__":{"x":1},"width":1,"height":1,"maximized":false,"extra":1}',
    ]) {
      await writeFile(file, junk);
      expect(readWindowState(file), junk).toBeNull();
    }
  });

  it('does not throw when the state cannot be written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'window-state-'));
    const blocker = path.join(dir, 'blocker');
    await writeFile(blocker, 'a file where a folder should be');
    expect(() =>
      writeWindowState(path.join(blocker, WINDOW_STATE_FILE), { width: 900, height: 700, maximized: false }),
    ).not.toThrow();
    expect(await readFile(blocker, 'utf8')).toBe('a file where a folder should be');
  });
});
