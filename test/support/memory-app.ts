// The app's main-side services on a new data folder, with a keychain in memory and the clipboard's
// copies recorded: for tests of what the handlers send, keep and show. Each is pushed on `opened`,
// for the test file to dispose of after each case.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TokenRequestInput } from '../../app/ipc-contract';
import { createMainServices, type MainServices } from '../../main/services';
import type { FetchLike } from '../../main/token/fetch-like';
import { memoryKeychain } from './memory-keychain';

export async function memoryApp(
  opened: MainServices[],
  prefix: string,
  fetchLike: FetchLike = (url, init) => fetch(url, init),
) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const copies: string[] = [];
  const services = createMainServices({
    fetch: fetchLike,
    clipboard: {
      writeText: async (text: string) => void copies.push(text),
      readText: async () => '',
      clear: async () => undefined,
    },
    openExternal: async () => undefined,
    env: {},
    userDataDir,
    keychain: memoryKeychain().keychain,
  });
  opened.push(services);
  return { h: services.handlers, copies, userDataDir };
}

/** A token request to a custom URL, with the secret typed into the form. */
export const typedRequest = (requestId: string, tokenUrl: string, secret: string): TokenRequestInput => ({
  requestId,
  preset: 'custom',
  tokenUrl,
  clientId: 'abcdefghij',
  secret: { source: 'typed', value: secret },
  grantType: 'client_credentials',
  scope: '',
});
