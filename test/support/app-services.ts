// The app's main-side services on a data folder, as the window's main process runs them (the OS
// keychain under `keychainService`), for a test that acts as the app beside the command line.
import { createMainServices, type MainServices, type MainServicesOptions } from '../../main/services';

export async function withAppServices<T>(
  userDataDir: string,
  keychainService: string,
  work: (handlers: MainServices['handlers']) => Promise<T>,
  /** Whether the app still holds the data folder (the app asks its lock; a test answers for it). */
  stillHeld?: MainServicesOptions['stillHeld'],
): Promise<T> {
  const services = createMainServices({
    fetch: (url, init) => fetch(url, init),
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
    openExternal: async () => undefined,
    env: { TOKEN_TESTER_KEYCHAIN_SERVICE: keychainService },
    userDataDir,
    stillHeld,
  });
  try {
    return await work(services.handlers);
  } finally {
    await services.dispose();
  }
}
