import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from '../../main/single-instance';

function fakeApp(locked: boolean) {
  let secondInstance: (() => void) | undefined;
  return {
    app: {
      requestSingleInstanceLock: () => locked,
      quit: vi.fn(),
      on: (_e: 'second-instance', l: () => void) => (secondInstance = l),
    },
    launchAgain: () => secondInstance?.(),
  };
}

describe('one instance at a time', () => {
  it('quits a second instance', () => {
    const { app } = fakeApp(false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
  });

  it('brings the first window forward, restoring it if minimised', () => {
    const { app, launchAgain } = fakeApp(true);
    const window = {
      isVisible: () => true,
      isMinimized: vi.fn(() => true),
      restore: vi.fn(),
      focus: vi.fn(),
    };
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    launchAgain();
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('leaves a window not shown yet alone: it is shown and focused once painted', () => {
    const { app, launchAgain } = fakeApp(true);
    const window = {
      isVisible: () => false,
      isMinimized: vi.fn(() => false),
      restore: vi.fn(),
      focus: vi.fn(),
    };
    claimSingleInstance(app, () => window);
    launchAgain();
    expect(window.focus).not.toHaveBeenCalled();
    expect(window.restore).not.toHaveBeenCalled();
  });
});
