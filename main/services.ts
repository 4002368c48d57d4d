// Everything the main process does, without Electron: the IPC handlers and what they need.
// Electron's index.ts and the tests' bridge mode both build the app from here with their own
// adapters (fetch, clipboard, browser, notifications), so the end-to-end specs exercise the very
// same handlers.
import type { StillHeld } from './storage/folder-taken-over';
import { settledWithin } from './storage/pending-work';
import { DESKTOP_HOST, type HostInfo } from '../app/host';
import { clipboardDelayOverride, configNotices, readConfig, type Env } from './config';
import { createClipboardGuard, type ClipboardDevice } from './clipboard/clipboard-guard';
import { createExpiryNotifier, type Notice } from './expiry-notifier';
import { createAccessService } from './access/access-service';
import { accessHandlers } from './handlers/access-handlers';
import { batchRuns } from './handlers/batch-handlers';
import { appHandlers } from './handlers/app-handlers';
import { clipboardHandlers } from './handlers/clipboard-handlers';
import { importHandlers } from './handlers/import-handlers';
import { profileHandlers } from './handlers/profile-handlers';
import { supportHandlers, type AppInfo } from './handlers/support-handlers';
import { tokenHandlers } from './handlers/token-handlers';
import { createHistoryStore } from './history/history-store';
import { createImportService } from './import/import-service';
import type { IpcHandlers } from './ipc/router';
import { quitGuard } from './quit-guard';
import { createKeychain, type Keychain, type Keytar } from './profiles/keychain';
import { createProfileService } from './profiles/profile-service';
import { createProfileStore, type ProfileStore } from './profiles/profile-store';
import { createRequestLog } from './requests/request-log';
import { lazySandbox } from './sandbox/sandbox-server';
import { createSettingsStore } from './settings';
import { createTokenService, type FetchLike } from './token/token-service';
import { createSentSecrets } from './token/sent-secrets';

export interface MainServicesOptions {
  readonly fetch: FetchLike;
  /** How long the window's call for a batch run's answers waits (tests shorten it; default 5 s). */
  readonly batchProgressWaitMs?: number;
  /** The least time between two answers with news for one batch run (default PROGRESS_GAP_MS). */
  readonly batchProgressGapMs?: number;
  /** Electron's clipboard in the app; an in-memory one in bridge mode (Electron-only API). */
  readonly clipboard: ClipboardDevice;
  /** Electron's shell.openExternal in the app; recorded in bridge mode. */
  readonly openExternal: (url: string) => Promise<void>;
  /** Electron's Notification in the app; recorded in bridge mode. */
  readonly notify?: (notice: Notice) => void;
  /** A save dialog in the app; a fixed folder in bridge mode. Null: the user cancelled. */
  readonly chooseReportPath?: (suggestedName: string) => Promise<string | null>;
  /** Instead of a save dialog and a file: hands the report to the user (browser mode: a download). */
  readonly deliverReport?: (suggestedName: string, report: string) => Promise<string | null>;
  /** For diagnostic reports. */
  readonly appInfo?: AppInfo;
  readonly env: Env;
  /** The app's data folder (Electron's userData). */
  readonly userDataDir: string;
  /**
   * Whether this process still holds the data folder's lock (DataLock's stillHeld): nothing is
   * written there once another process took it over (storage/folder-taken-over.ts).
   */
  readonly stillHeld?: StillHeld;
  /** The OS keychain by default; tests may hand in another. */
  readonly keychain?: Keychain;
  /**
   * keytar started in a helper process, which a keytar crash takes down instead of the app
   * (browser mode); by default keytar is loaded in this process (the desktop app).
   */
  readonly keytarInHelper?: () => Promise<Keytar>;
  readonly now?: () => number;
  /** The desktop app by default; browser mode says what differs there. */
  readonly host?: HostInfo;
}

export interface MainServices {
  readonly handlers: IpcHandlers;
  dispose(): Promise<void>;
}

/**
 * The window shows the data files' notices where it shows the profiles file's, once: so what
 * happened to the preferences or the history file is told the same way.
 */
function withNoticesOf(
  store: ProfileStore,
  others: ReadonlyArray<{ notices(): Promise<readonly string[]> }>,
): ProfileStore {
  return {
    ...store,
    async load() {
      const [own, ...rest] = await Promise.all([store.load(), ...others.map((other) => other.notices())]);
      return { ...own, notices: [...own.notices, ...rest.flat()] };
    },
  };
}

/** Notices told the first time they are asked for, and never again (as the stores' are). */
function onceOnly(notices: () => readonly string[]): { notices(): Promise<readonly string[]> } {
  let told = false;
  return {
    notices: () => {
      const now = told ? [] : notices();
      told = true;
      return Promise.resolve(now);
    },
  };
}

export function createMainServices(options: MainServicesOptions): MainServices {
  const config = readConfig(options.env);
  const now = options.now ?? Date.now;
  const sandbox = lazySandbox();
  // Every answer, token or Messaging, is redacted of every secret this app has sent.
  const sentSecrets = createSentSecrets();
  const tokens = createTokenService({
    fetch: options.fetch,
    sandboxUrl: sandbox.url,
    deadlineMs: config.deadlineMs,
    now,
    sentSecrets,
  });
  const access = createAccessService({
    fetch: options.fetch,
    deadlineMs: config.deadlineMs,
    now,
    sentSecrets,
  });
  const osKeychain = options.keychain
    ? null
    : createKeychain({
        service: config.keychainService,
        timeoutMs: config.keychainTimeoutMs,
        ...(options.keytarInHelper ? { load: options.keytarInHelper, isolated: true } : {}),
      });
  const keychain = options.keychain ?? osKeychain!;
  const held = options.stillHeld;
  const settings = createSettingsStore(options.userDataDir, now, held);
  const history = createHistoryStore(options.userDataDir, now, held);
  const profiles = createProfileService({
    store: withNoticesOf(createProfileStore(options.userDataDir, now, undefined, held), [
      settings,
      history,
      onceOnly(() => configNotices(options.env)),
    ]),
    keychain,
    now,
    stillHeld: held,
  });
  const log = createRequestLog(now);
  const delayOverride = clipboardDelayOverride(options.env);
  const clipboard = createClipboardGuard({
    device: options.clipboard,
    delaySeconds: async () =>
      delayOverride !== undefined ? delayOverride : (await settings.get()).clipboardClearSeconds,
    now,
  });
  const notifier = createExpiryNotifier({
    notify: options.notify ?? (() => undefined),
    enabled: async () => (await settings.get()).notifyBeforeExpiry,
    now,
  });

  const batch = batchRuns({
    tokens,
    access,
    profiles,
    sentSecrets,
    history,
    log,
    clipboard,
    appInfo: options.appInfo ?? { version: 'unknown', os: 'unknown' },
    now,
    ...(options.batchProgressWaitMs === undefined ? {} : { progressWaitMs: options.batchProgressWaitMs }),
    ...(options.batchProgressGapMs === undefined ? {} : { progressGapMs: options.batchProgressGapMs }),
  });

  const quitting = new AbortController();
  const handlers: IpcHandlers = {
    ...tokenHandlers({ tokens, profiles, history, log, notifier, now, access, quitting: quitting.signal }),
    ...accessHandlers({ access, history, log, now }),
    ...batch.handlers,
    ...clipboardHandlers(log, clipboard),
    ...profileHandlers(profiles, history, now),
    ...importHandlers(createImportService({ profiles, now }), profiles, now, () => quitting.signal.aborted),
    ...supportHandlers({
      log,
      clipboard,
      appInfo: options.appInfo ?? { version: 'unknown', os: 'unknown' },
      chooseReportPath: options.chooseReportPath ?? (async () => null),
      ...(options.deliverReport ? { deliverReport: options.deliverReport } : {}),
      now,
    }),
    ...appHandlers({
      sandboxUrl: sandbox.url,
      openExternal: options.openExternal,
      settings,
      history,
      host: options.host ?? DESKTOP_HOST,
    }),
  };

  const guard = quitGuard(handlers, quitting.signal);

  return {
    handlers: guard.handlers,
    async dispose() {
      batch.cancelAll();
      quitting.abort();
      tokens.cancelAll();
      access.cancelAll();
      notifier.dispose();
      log.forget();
      // Quitting clears what the app put on the clipboard, gives a keychain write the app gave up
      // on a moment to answer, so its undo can still run, and lets the history and preferences
      // being written reach the disk: an answer's entry is written just after it, when Ctrl-C may
      // already be coming; so do the saves under way (a profile, an import: main/quit-guard.ts)
      // (the quit waits 2 s at most in all).
      await Promise.all([
        clipboard.dispose().catch(() => undefined),
        osKeychain?.writesSettled(1_500),
        // The history after the work under way: a request or run the quit cancels adds its entry then.
        settledWithin(
          Promise.all([guard.settled(), batch.settled()]).then(() =>
            Promise.all([history.settled(), settings.settled()]),
          ),
          1_500,
        ),
      ]);
      await sandbox.close();
    },
  };
}
