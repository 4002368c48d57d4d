// Everything the main process does, without Electron: the IPC handlers and what they need.
// Electron's index.ts and the tests' bridge mode both build the app from here, with their own
// fetch and clipboard, so the end-to-end specs exercise the very same handlers.
import { sameEndpoint } from '../app/endpoints';
import { isKeychainFailure } from '../app/keychain';
import { isIpcFailure } from '../app/ipc-contract';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_SCENARIOS } from '../app/sandbox';
import { readConfig, type Env } from './config';
import { ipcFailure, type IpcHandlers } from './ipc/router';
import { createKeychain, type Keychain } from './profiles/keychain';
import { createProfileService } from './profiles/profile-service';
import { createProfileStore } from './profiles/profile-store';
import { lazySandbox } from './sandbox/sandbox-server';
import { createTokenService, keychainRefusal, type FetchLike } from './token/token-service';

/** Electron's clipboard in the app; an in-memory one in bridge mode (Electron-only API). */
export interface ClipboardPort {
  writeText(text: string): Promise<void>;
}

export interface MainServicesOptions {
  readonly fetch: FetchLike;
  readonly clipboard: ClipboardPort;
  readonly env: Env;
  /** The app's data folder (Electron's userData). */
  readonly userDataDir: string;
  /** The OS keychain by default; tests may hand in another. */
  readonly keychain?: Keychain;
  readonly now?: () => number;
}

export interface MainServices {
  readonly handlers: IpcHandlers;
  dispose(): Promise<void>;
}

/** The last few tokens issued, so "Copy token" works without the renderer sending it back. */
const REMEMBERED_TOKENS = 20;

export function createMainServices(options: MainServicesOptions): MainServices {
  const config = readConfig(options.env);
  const now = options.now ?? Date.now;
  const sandbox = lazySandbox();
  const tokens = createTokenService({
    fetch: options.fetch,
    sandboxUrl: sandbox.url,
    deadlineMs: config.deadlineMs,
    now,
  });
  const keychain =
    options.keychain ??
    createKeychain({ service: config.keychainService, timeoutMs: config.keychainTimeoutMs });
  const profiles = createProfileService({
    store: createProfileStore(options.userDataDir, now),
    keychain,
    now,
  });
  const issued = new Map<string, string>();

  const remember = (requestId: string, token: string) => {
    issued.set(requestId, token);
    for (const id of issued.keys()) {
      if (issued.size <= REMEMBERED_TOKENS) break;
      issued.delete(id);
    }
  };

  const handlers: IpcHandlers = {
    async requestToken(input) {
      let clientSecret: string;
      if (input.secret.source === 'typed') {
        clientSecret = input.secret.value;
      } else {
        const stored = await profiles.secret(input.secret.profileId);
        if (isIpcFailure(stored)) return stored;
        if (isKeychainFailure(stored)) return keychainRefusal(input, stored.problem, stored.message, now());
        // A stored secret is only sent to the endpoint saved with it, whatever the window asks.
        if (!sameEndpoint(input, stored.profile)) {
          return ipcFailure(
            'invalid-input',
            'A saved secret is only sent to the endpoint saved with its profile.',
            [
              {
                field: 'tokenUrl',
                message:
                  'The endpoint differs from the saved profile’s. Save the profile first, or type the secret for a one-off request.',
              },
            ],
          );
        }
        clientSecret = stored.secret;
      }
      const { secret: _source, ...rest } = input;
      const result = await tokens.request({ ...rest, clientSecret });
      if (result.ok) remember(result.requestId, result.accessToken);
      return result;
    },
    async cancelRequest({ requestId }) {
      tokens.cancel(requestId);
      return { ok: true };
    },
    async getSandboxInfo() {
      return {
        ok: true,
        sandbox: {
          tokenUrl: await sandbox.url(),
          clientId: SANDBOX_CLIENT_ID,
          clientSecret: SANDBOX_CLIENT_SECRET,
          scenarios: SANDBOX_SCENARIOS.map(({ clientId, description }) => ({ clientId, description })),
        },
      };
    },
    async copyToken({ requestId }) {
      const token = issued.get(requestId);
      if (token === undefined)
        return ipcFailure('not-found', 'That token is no longer available; request a new one.');
      await options.clipboard.writeText(token);
      return { ok: true };
    },
    listProfiles: () => profiles.list(),
    saveProfile: (input) => profiles.save(input),
    duplicateProfile: ({ profileId }) => profiles.duplicate(profileId),
    deleteProfile: ({ profileId }) => profiles.remove(profileId),
    async revealSecret({ profileId }) {
      const stored = await profiles.secret(profileId);
      return stored.ok ? { ok: true, secret: stored.secret } : stored;
    },
  };

  return {
    handlers,
    async dispose() {
      tokens.cancelAll();
      await sandbox.close();
    },
  };
}
