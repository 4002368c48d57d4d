// Browser mode, composed: the app's main-side services (the same as Electron's) with browser
// adapters, behind the loopback host. Used by `telstra-token ui` and by `npm start` when Electron
// cannot start.
import os from 'node:os';
import { BROWSER_HOST } from '../../app/host';
import type { Env } from '../config';
import type { StillHeld } from '../storage/folder-taken-over';
import { createMainServices } from '../services';
import type { Keytar } from '../profiles/keytar';
import type { FetchLike } from '../token/fetch-like';
import { BROWSER_HEADERS, startBrowserHost, type BrowserHost } from './browser-host';
import { downloadReport, openInPage, pageClipboard } from './effects';
import { createPageEvents } from './page-events';

export interface BrowserModeOptions {
  readonly fetch: FetchLike;
  readonly env: Env;
  readonly userDataDir: string;
  /** Whether this process still holds the data folder (see MainServicesOptions). */
  readonly stillHeld?: StillHeld;
  /** dist/renderer and dist/browser/page-api.js of the built app. */
  readonly rendererDir: string;
  readonly pageScriptFile: string;
  readonly version: string;
  readonly port?: number;
  /** Faults inside handlers: the operation's name only, never its arguments. */
  readonly onFault?: (operation: string) => void;
  /** A spent or expired address was tried again (browser-host.ts). */
  readonly onAddressReused?: () => void;
  /** keytar in a helper process (see MainServicesOptions). */
  readonly keytarInHelper?: () => Promise<Keytar>;
}

export interface BrowserMode {
  readonly host: BrowserHost;
  /** Ctrl-C: tells open pages to clear what the app copied, then stops everything. */
  stop(): Promise<void>;
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const events = createPageEvents(BROWSER_HEADERS);
  const services = createMainServices({
    fetch: options.fetch,
    clipboard: pageClipboard(),
    openExternal: openInPage,
    notify: (notice) => events.notify(notice),
    deliverReport: downloadReport,
    appInfo: {
      version: options.version,
      os: `${os.type()} ${os.release()} (${process.arch}), browser mode`,
    },
    env: options.env,
    userDataDir: options.userDataDir,
    ...(options.stillHeld ? { stillHeld: options.stillHeld } : {}),
    host: BROWSER_HOST,
    ...(options.keytarInHelper ? { keytarInHelper: options.keytarInHelper } : {}),
  });
  let host: BrowserHost;
  try {
    host = await startBrowserHost({
      handlers: services.handlers,
      rendererDir: options.rendererDir,
      pageScriptFile: options.pageScriptFile,
      events,
      ...(options.port !== undefined ? { port: options.port } : {}),
      onFault: (operation) => options.onFault?.(operation),
      ...(options.onAddressReused ? { onAddressReused: options.onAddressReused } : {}),
    });
  } catch (error) {
    await services.dispose();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  return {
    host,
    stop() {
      stopping ??= (async () => {
        events.clearClipboard();
        await services.dispose();
        await host.close();
      })();
      return stopping;
    },
  };
}
