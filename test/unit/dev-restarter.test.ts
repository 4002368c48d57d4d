// `npm run dev`'s restarts (main/launcher/dev-restarter.ts), with fake Electron processes that
// take their time to exit, as the real one does while it clears the clipboard.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRestarter } from '../../main/launcher/dev-restarter';

class FakeElectron extends EventEmitter {
  static all: FakeElectron[] = [];
  killed = false;
  constructor() {
    super();
    FakeElectron.all.push(this);
  }
  kill() {
    this.killed = true;
    return true;
  }
  /** The process really ends (later than kill(), as quitting takes a while). */
  exit() {
    this.emit('exit');
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeElectron.all = [];
});
afterEach(() => vi.useRealTimers());

const spawnFake = () => new FakeElectron();

describe('createRestarter', () => {
  it('starts the new Electron only after the old one has exited', async () => {
    const onQuit = vi.fn();
    const restarter = createRestarter(spawnFake, onQuit, 300);
    restarter.restart();
    await vi.advanceTimersByTimeAsync(300);
    expect(FakeElectron.all).toHaveLength(1);

    restarter.restart();
    await vi.advanceTimersByTimeAsync(300);
    const [first] = FakeElectron.all;
    expect(first?.killed).toBe(true);
    // Still quitting (and holding the single-instance lock): no second Electron yet.
    await vi.advanceTimersByTimeAsync(2000);
    expect(FakeElectron.all).toHaveLength(1);
    first?.exit();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeElectron.all).toHaveLength(2);
    // An exit for a restart is not the developer quitting.
    expect(onQuit).not.toHaveBeenCalled();
  });

  it('debounces a burst of rebuilds into one restart', async () => {
    const restarter = createRestarter(spawnFake, vi.fn(), 300);
    restarter.restart();
    await vi.advanceTimersByTimeAsync(300);
    for (let i = 0; i < 5; i += 1) {
      restarter.restart();
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(300);
    FakeElectron.all[0]?.exit();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeElectron.all).toHaveLength(2);
  });

  it('restarts queued while one is under way wait their turn: never two Electrons at once', async () => {
    const restarter = createRestarter(spawnFake, vi.fn(), 10);
    restarter.restart();
    await vi.advanceTimersByTimeAsync(10);
    restarter.restart();
    await vi.advanceTimersByTimeAsync(10);
    restarter.restart(); // while the first is still quitting
    await vi.advanceTimersByTimeAsync(10);
    expect(FakeElectron.all).toHaveLength(1);
    FakeElectron.all[0]?.exit();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeElectron.all).toHaveLength(2);
    expect(FakeElectron.all[1]?.killed).toBe(true);
    expect(FakeElectron.all.filter((e) => !e.killed)).toHaveLength(0);
    FakeElectron.all[1]?.exit();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeElectron.all).toHaveLength(3);
  });

  it('stops the dev server when the developer quits Electron', async () => {
    const onQuit = vi.fn();
    const restarter = createRestarter(spawnFake, onQuit, 10);
    restarter.restart();
    await vi.advanceTimersByTimeAsync(10);
    FakeElectron.all[0]?.exit();
    expect(onQuit).toHaveBeenCalledTimes(1);
  });
});
