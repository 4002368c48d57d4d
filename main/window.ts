// Every window comes from this one factory, so its security settings are stated once, literally,
// where reviewers and Electronegativity can see them.
import type {
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  Rectangle,
} from 'electron';

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export type AppWindow = Pick<ElectronBrowserWindow, 'once' | 'show' | 'loadURL'>;

export const DEFAULT_BOUNDS = { width: 1280, height: 800 } as const;

export function createMainWindow<W extends AppWindow>(
  BrowserWindow: WindowConstructor<W>,
  preloadPath: string,
  url: string,
  bounds: Partial<Rectangle> = DEFAULT_BOUNDS,
): W {
  const window = new BrowserWindow({
    ...DEFAULT_BOUNDS,
    ...bounds,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: 'Telstra Token Tester',
    backgroundColor: '#101418',
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
  // Shown once painted, so it starts without a white flash.
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
