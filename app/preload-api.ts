// The API the preload exposes on `window.tokenTester`: one named method per operation, each bound
// to exactly one channel (no generic invoke). The renderer's type for it is derived from here.
import { IPC_CHANNELS, type IpcMethod, type IpcRequest, type IpcResponse } from './ipc-contract';

export type Invoke = (channel: string, arg: unknown) => Promise<unknown>;

export type TokenTesterApi = {
  readonly [M in IpcMethod]: IpcRequest<M> extends void
    ? () => Promise<IpcResponse<M>>
    : (arg: IpcRequest<M>) => Promise<IpcResponse<M>>;
};

/** The name of the global the preload defines. */
export const API_GLOBAL = 'tokenTester';

export function createTokenTesterApi(invoke: Invoke): TokenTesterApi {
  const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const [method, channel] of Object.entries(IPC_CHANNELS)) {
    // Only the argument crosses, never the caller's `this` or extra parameters.
    api[method] = (arg?: unknown) => invoke(channel, arg);
  }
  return Object.freeze(api) as unknown as TokenTesterApi;
}
