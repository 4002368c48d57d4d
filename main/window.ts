// Every window comes from this one factory, so its security settings are stated once.
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: 'Telstra Token Tester',
    backgroundColor: '#101418',
    webPreferences: {
      preload: preloadPath,
      // Electron security checklist: isolate the preload from the page (#3), run the renderer in
      // the OS sandbox (#4, stated explicitly although it is the default), no Node in any
      // renderer (#2), keep same-origin checks (#5) and never allow mixed content (#6).
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // No <webview> (#13), nothing dropped onto the window navigates it, no remote spellcheck.
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

export interface WindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export function openMainWindow<W extends WindowLike>(
  create: (options: BrowserWindowConstructorOptions) => W,
  preloadPath: string,
  url: string,
): W {
  const window = create(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
