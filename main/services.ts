// Everything the main process does, without Electron: the IPC handlers and what they need.
// Electron's index.ts and the tests' bridge mode both build the app from here, with their own
// fetch and clipboard, so the end-to-end specs exercise the very same handlers.
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_SCENARIOS } from '../app/sandbox';
import { readConfig, type Env } from './config';
import { ipcFailure, type IpcHandlers } from './ipc/router';
import { lazySandbox } from './sandbox/sandbox-server';
import { createTokenService, type FetchLike } from './token/token-service';

/** Electron's clipboard in the app; an in-memory one in bridge mode (Electron-only API). */
export interface ClipboardPort {
  writeText(text: string): Promise<void>;
}

export interface MainServicesOptions {
  readonly fetch: FetchLike;
  readonly clipboard: ClipboardPort;
  readonly env: Env;
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
  const sandbox = lazySandbox();
  const tokens = createTokenService({
    fetch: options.fetch,
    sandboxUrl: sandbox.url,
    deadlineMs: config.deadlineMs,
    ...(options.now ? { now: options.now } : {}),
  });
  const issued = new Map<string, string>();

  const handlers: IpcHandlers = {
    async requestToken(input) {
      const result = await tokens.request(input);
      if (result.ok) {
        issued.set(result.requestId, result.accessToken);
        for (const id of issued.keys()) {
          if (issued.size <= REMEMBERED_TOKENS) break;
          issued.delete(id);
        }
      }
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
  };

  return {
    handlers,
    async dispose() {
      tokens.cancelAll();
      await sandbox.close();
    },
  };
}
