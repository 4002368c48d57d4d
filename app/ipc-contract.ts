// The IPC contract: one entry per operation, mapping a preload method to its channel, its
// request and its response. Main and renderer derive their types from this file alone.
import type { PresetId } from './endpoints';
import type { SandboxInfo } from './sandbox';
import type { TokenResult } from './token-result';

export interface TokenRequestInput {
  /** Chosen by the renderer; results carry it back so a late answer is never misattributed. */
  readonly requestId: string;
  readonly preset: PresetId;
  /** Ignored for the sandbox preset, whose address the main process knows. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly grantType: string;
  readonly scope: string;
}

export interface RequestRef {
  readonly requestId: string;
}

export type Ack = { readonly ok: true };

export interface InputIssue {
  /** The request field at fault, e.g. "clientSecret"; empty when the whole argument is wrong. */
  readonly field: string;
  readonly message: string;
}

/** What any handler answers instead of its response when the call itself is refused. */
export interface IpcFailure {
  readonly ok: false;
  readonly kind: 'invalid-input' | 'untrusted-sender' | 'unknown-channel' | 'app-error' | 'not-found';
  readonly message: string;
  readonly issues: readonly InputIssue[];
}

export interface IpcContract {
  requestToken: { request: TokenRequestInput; response: TokenResult };
  cancelRequest: { request: RequestRef; response: Ack };
  getSandboxInfo: { request: void; response: { readonly ok: true; readonly sandbox: SandboxInfo } };
  copyToken: { request: RequestRef; response: Ack };
}

export type IpcMethod = keyof IpcContract;
export type IpcRequest<M extends IpcMethod> = IpcContract[M]['request'];
export type IpcResponse<M extends IpcMethod> = IpcContract[M]['response'] | IpcFailure;

export const IPC_CHANNELS = {
  requestToken: 'token:request',
  cancelRequest: 'token:cancel',
  getSandboxInfo: 'sandbox:info',
  copyToken: 'clipboard:copy-token',
} as const satisfies Record<IpcMethod, string>;

export type IpcChannel = (typeof IPC_CHANNELS)[IpcMethod];

export function methodForChannel(channel: unknown): IpcMethod | null {
  for (const [method, name] of Object.entries(IPC_CHANNELS)) {
    if (name === channel) return method as IpcMethod;
  }
  return null;
}

export function isIpcFailure(value: unknown): value is IpcFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { ok?: unknown }).ok === false &&
    !('outcome' in value) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
