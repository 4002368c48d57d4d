// Every window comes from this one factory, so its security settings are stated once, literally,
// where reviewers and Electronegativity can see them.
import type {
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  Rectangle,
  RenderProcessGoneDetails,
} from 'electron';

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export type AppWindow = Pick<
  ElectronBrowserWindow,
  'once' | 'show' | 'loadURL' | 'maximize' | 'isDestroyed'
> & {
  readonly webContents: Pick<ElectronBrowserWindow['webContents'], 'on'>;
};

/**
 * The page's own background (renderer/styles.css, --bg) in each theme, which a unit test keeps
 * equal. The window shows it wherever the page has not painted yet: a resize, a slow start.
 */
export const WINDOW_BACKGROUND = { light: '#f4f6f8', dark: '#101418' } as const;

/** The window's background for the theme Chromium uses (nativeTheme.shouldUseDarkColors). */
export const windowBackground = (dark: boolean) => (dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light);

export interface WindowOptions {
  /** Restored maximized: maximized when first shown, not before (maximize() also shows). */
  readonly maximized?: boolean;
  /**
   * Whether the system (and so the page, through prefers-color-scheme) uses dark colours:
   * nativeTheme.shouldUseDarkColors.
   */
  readonly darkColors?: boolean;
  /** Told why the app's page did not load (the reason only: a code or message, no data). */
  readonly onLoadFailed?: (reason: string) => void;
  /** Told that the page's process ended unasked (its reason, e.g. "crashed", "oom"). */
  readonly onRendererGone?: (reason: string) => void;
  /** The clock that tells a second loss soon after the first (tests replace it). */
  readonly now?: () => number;
}

/**
 * A page whose process ended unasked (a crash, out of memory, killed) is loaded again, once: a
 * blank window with nothing to press is no way to leave the user. A second loss within this
 * time is not retried (it would repeat for ever): the window says so instead.
 */
export const RENDERER_RETRY_WINDOW_MS = 30_000;

/** The app's own page for a window whose renderer could not be loaded (no script, no IPC). */
export function loadFailedPage(reason: string, what = 'The app’s page did not load'): string {
  const text = reason.replace(/[^\w .:()/-]/g, '').slice(0, 200);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Telstra Token Tester</title><style>body{font:16px system-ui,sans-serif;margin:48px;color:#17202a;background:#f4f6f8}</style></head><body><h1>Telstra Token Tester could not open its window</h1><p>${what} (${text}). Quit and start the app again; if this keeps happening, reinstall it.</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export const DEFAULT_BOUNDS = { width: 1280, height: 800 } as const;

export function createMainWindow<W extends AppWindow>(
  BrowserWindow: WindowConstructor<W>,
  preloadPath: string,
  url: string,
  bounds: Partial<Rectangle> = DEFAULT_BOUNDS,
  { maximized = false, darkColors = false, onLoadFailed, onRendererGone, now = Date.now }: WindowOptions = {},
): W {
  const window = new BrowserWindow({
    ...DEFAULT_BOUNDS,
    ...bounds,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: 'Telstra Token Tester',
    // The page's background in the theme it will paint in (Electron's BrowserWindow
    // documentation recommends a backgroundColor close to the app's, even with ready-to-show):
    // a dark one in the light theme flashed dark at every resize.
    backgroundColor: windowBackground(darkColors),
    webPreferences: {
      preload: preloadPath,
      // Electron security checklist: isolate the preload from the page (#3), run the renderer in
      // the OS sandbox (#4, stated although it is the default), no Node in any renderer (#2),
      // keep same-origin checks (#5) and never allow mixed content (#6).
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // No <webview> (#13); middle-click cannot open windows; nothing dropped on the window
      // navigates it; no spellcheck service sees what is typed.
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  // Shown once, when painted, so it starts without a white flash, and focused. maximize() would
  // show the window at once (unpainted, unfocused), so a maximized window is maximized here.
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  // A page that fails to load would otherwise end in Electron's own error dialog (an unhandled
  // rejection in the main process): say it in the window instead, and log why.
  const load = () =>
    window.loadURL(url).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      onLoadFailed?.(reason);
      void window
        .loadURL(loadFailedPage(reason))
        .catch(() => undefined)
        .finally(() => window.show());
    });
  void load();
  // Electron's documentation: "Emitted when the renderer process unexpectedly disappears",
  // with details.reason ("clean-exit" is the process ending as asked: nothing to recover).
  let lastGone = -Infinity;
  let gaveUp = false;
  window.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    // Once the window says it gave up, that is the end: the page saying so needs a process too,
    // and one that cannot start at all would otherwise be asked for again and again.
    if (details.reason === 'clean-exit' || gaveUp || window.isDestroyed()) return;
    onRendererGone?.(details.reason);
    const at = now();
    gaveUp = at - lastGone < RENDERER_RETRY_WINDOW_MS;
    lastGone = at;
    if (!gaveUp) void load();
    else
      void window
        .loadURL(loadFailedPage(details.reason, 'The window’s page stopped twice in a row'))
        .catch(() => undefined);
  });
  return window;
}
