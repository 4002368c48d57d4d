// One instance at a time: a second launch hands over to the first, which comes to the front.

export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

export interface FocusableWindow {
  isVisible(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

/** False when another instance already runs (this one is quitting). */
export function claimSingleInstance(app: InstanceApp, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = currentWindow();
    // A window not shown yet is shown, and focused, once painted (main/window.ts): focusing it
    // now would show it at once, unpainted, on macOS and Linux.
    if (!window || !window.isVisible()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  return true;
}
