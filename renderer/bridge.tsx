// The only module that reads the preload's global. Components get the API from context, so
// component tests hand them a fake and nothing touches `window` directly.
import { createContext, useContext, type ReactNode } from 'react';
import type { IpcFailure } from '../app/ipc-contract';
import { API_GLOBAL, type TokenTesterApi } from '../app/preload-api';

declare global {
  interface Window {
    readonly [API_GLOBAL]?: TokenTesterApi;
  }
}

export function readPreloadApi(): TokenTesterApi {
  const api = window[API_GLOBAL];
  if (!api)
    throw new Error(
      'No connection to the app: open this page from Telstra Token Tester, or from the address browser mode prints.',
    );
  return api;
}

const BridgeContext = createContext<TokenTesterApi | null>(null);

export function BridgeProvider({ api, children }: { api: TokenTesterApi; children: ReactNode }) {
  return <BridgeContext.Provider value={api}>{children}</BridgeContext.Provider>;
}

export function useBridge(): TokenTesterApi {
  const api = useContext(BridgeContext);
  if (!api) throw new Error('useBridge needs a BridgeProvider.');
  return api;
}

/** In place of an answer when a call to the main process failed (or answered about another call). */
export const brokenBridge: IpcFailure = {
  ok: false,
  kind: 'app-error',
  message: 'The app’s main process did not answer.',
  issues: [],
};
