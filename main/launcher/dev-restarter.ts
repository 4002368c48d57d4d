// `npm run dev`: Electron restarted after each rebuild of main or preload. The new Electron starts
// only once the old one has exited: quitting takes a while (it waits up to 2 s for the clipboard
// clean-up) and the old one holds the single-instance lock meanwhile, so a new one started early
// would find the lock taken and quit, and take the dev server with it.

export interface ElectronProcess {
  once(event: 'exit', listener: () => void): unknown;
  kill(): boolean;
}

export interface Restarter {
  /** A rebuild finished: restart (debounced), or start if nothing runs. */
  restart(): void;
}

/** `onQuit`: the developer closed Electron (not a restart), so the dev server stops too. */
export function createRestarter(
  spawnElectron: () => ElectronProcess,
  onQuit: () => void,
  debounceMs = 300,
): Restarter {
  let current: ElectronProcess | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<void> = Promise.resolve();

  const launch = () => {
    const child = spawnElectron();
    current = child;
    child.once('exit', () => {
      if (current !== child) return; // stopped for a restart
      current = undefined;
      onQuit();
    });
  };

  const relaunch = async () => {
    const old = current;
    if (old) {
      current = undefined;
      const exited = new Promise<void>((resolve) => old.once('exit', resolve));
      old.kill();
      await exited;
    }
    launch();
  };

  return {
    restart() {
      clearTimeout(timer);
      // One restart at a time, in order: the next waits for the previous one's exit.
      timer = setTimeout(() => void (queue = queue.then(relaunch)), debounceMs);
    },
  };
}
