// The one door into the main process. Every call, from Electron's ipcMain or from bridge mode,
// goes through `dispatch`: known channel, trusted sender, validated argument, and an answer that
// is always a value. Nothing thrown here crosses IPC.
import {
  methodForChannel,
  type InputIssue,
  type IpcFailure,
  type IpcMethod,
  type IpcRequest,
  type IpcResponse,
} from '../../app/ipc-contract';
import { validateRequest } from '../../app/ipc-schemas';
import type { SenderInfo } from './sender';

export type IpcHandlers = {
  readonly [M in IpcMethod]: (request: IpcRequest<M>) => Promise<IpcResponse<M>>;
};

export function ipcFailure(kind: IpcFailure['kind'], message: string, issues: InputIssue[] = []): IpcFailure {
  return { ok: false, kind, message, issues };
}

export interface IpcRouterOptions {
  readonly handlers: IpcHandlers;
  readonly isTrusted: (sender: SenderInfo) => boolean;
  /** Told about faults inside handlers; must not log arguments (they hold secrets). */
  readonly onFault?: (method: IpcMethod, error: unknown) => void;
}

export type Dispatch = (channel: unknown, sender: SenderInfo, arg: unknown) => Promise<unknown>;

export function createIpcRouter({ handlers, isTrusted, onFault }: IpcRouterOptions): Dispatch {
  return async (channel, sender, arg) => {
    const method = methodForChannel(channel);
    if (method === null) return ipcFailure('unknown-channel', 'Unknown operation.');
    if (!isTrusted(sender))
      return ipcFailure('untrusted-sender', 'This window may not use the app’s operations.');
    const checked = validateRequest(method, arg);
    // Said in the issues' own words (they name the field, never its value), which is what the
    // window shows: "The request was not valid." before them said nothing they do not.
    if (!checked.ok) {
      const words = checked.issues.map((issue) => issue.message).join(' ');
      return ipcFailure('invalid-input', words || 'The request was not valid.', checked.issues);
    }
    try {
      const handler = handlers[method] as (request: unknown) => Promise<unknown>;
      return await handler(checked.value);
    } catch (error) {
      onFault?.(method, error);
      return ipcFailure('app-error', 'The app could not complete this operation.');
    }
  };
}
