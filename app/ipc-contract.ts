// The IPC contract: one entry per operation, mapping a preload method to its channel, its
// request and its response. Main and renderer derive their types from this file alone.
import type { PresetId } from './endpoints';
import type { KeychainFailure, KeychainProblem } from './keychain';
import type { ProfileFields, ProfileSummary } from './profiles';
import type { SandboxInfo } from './sandbox';
import type { TokenResult } from './token-result';

/** Where the client secret comes from: typed into the form, or a saved profile's keychain entry. */
export type SecretSource =
  | { readonly source: 'typed'; readonly value: string }
  | { readonly source: 'profile'; readonly profileId: string };

export interface TokenRequestInput {
  /** Chosen by the renderer; results carry it back so a late answer is never misattributed. */
  readonly requestId: string;
  readonly preset: PresetId;
  /** Ignored for the sandbox preset, whose address the main process knows. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly secret: SecretSource;
  readonly grantType: string;
  readonly scope: string;
}

export interface RequestRef {
  readonly requestId: string;
}

export interface ProfileRef {
  readonly profileId: string;
}

export interface SaveProfileInput {
  /** Null creates a new profile. */
  readonly profileId: string | null;
  readonly fields: ProfileFields;
  /** A new secret to store; null keeps the one in the keychain (required when creating). */
  readonly secret: string | null;
}

export type Ack = { readonly ok: true };

export interface KeychainStatus {
  readonly available: boolean;
  readonly problem: KeychainProblem | null;
}

export interface ProfileList {
  readonly ok: true;
  readonly profiles: readonly ProfileSummary[];
  readonly keychain: KeychainStatus;
  /** Things the user must be told, e.g. a damaged profiles file that was set aside. */
  readonly notices: readonly string[];
}

export interface InputIssue {
  /** The request field at fault, e.g. "clientSecret"; empty when the whole argument is wrong. */
  readonly field: string;
  readonly message: string;
}

/** What any handler answers instead of its response when the call itself is refused. */
export interface IpcFailure {
  readonly ok: false;
  readonly kind:
    'invalid-input' | 'untrusted-sender' | 'unknown-channel' | 'app-error' | 'not-found' | 'conflict';
  readonly message: string;
  readonly issues: readonly InputIssue[];
}

export interface IpcContract {
  requestToken: { request: TokenRequestInput; response: TokenResult };
  cancelRequest: { request: RequestRef; response: Ack };
  getSandboxInfo: { request: void; response: { readonly ok: true; readonly sandbox: SandboxInfo } };
  copyToken: { request: RequestRef; response: Ack };
  listProfiles: { request: void; response: ProfileList };
  saveProfile: {
    request: SaveProfileInput;
    response: { readonly ok: true; readonly profile: ProfileSummary } | KeychainFailure;
  };
  duplicateProfile: {
    request: ProfileRef;
    response: { readonly ok: true; readonly profile: ProfileSummary } | KeychainFailure;
  };
  deleteProfile: { request: ProfileRef; response: Ack | KeychainFailure };
  /** The only operation that hands a stored secret to the window, on the user's explicit request. */
  revealSecret: {
    request: ProfileRef;
    response: { readonly ok: true; readonly secret: string } | KeychainFailure;
  };
  /** Opens an allowed https: link (app/links.ts) in the system browser. */
  openExternal: { request: { readonly url: string }; response: Ack };
}

export type IpcMethod = keyof IpcContract;
export type IpcRequest<M extends IpcMethod> = IpcContract[M]['request'];
export type IpcResponse<M extends IpcMethod> = IpcContract[M]['response'] | IpcFailure;

export const IPC_CHANNELS = {
  requestToken: 'token:request',
  cancelRequest: 'token:cancel',
  getSandboxInfo: 'sandbox:info',
  copyToken: 'clipboard:copy-token',
  listProfiles: 'profiles:list',
  saveProfile: 'profiles:save',
  duplicateProfile: 'profiles:duplicate',
  deleteProfile: 'profiles:delete',
  revealSecret: 'profiles:reveal-secret',
  openExternal: 'shell:open-external',
} as const satisfies Record<IpcMethod, string>;

export type IpcChannel = (typeof IPC_CHANNELS)[IpcMethod];

export function methodForChannel(channel: unknown): IpcMethod | null {
  for (const [method, name] of Object.entries(IPC_CHANNELS)) {
    if (name === channel) return method as IpcMethod;
  }
  return null;
}

const IPC_FAILURE_KINDS: ReadonlySet<unknown> = new Set<IpcFailure['kind']>([
  'invalid-input',
  'untrusted-sender',
  'unknown-channel',
  'app-error',
  'not-found',
  'conflict',
]);

export function isIpcFailure(value: unknown): value is IpcFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { ok?: unknown }).ok === false &&
    !('outcome' in value) &&
    IPC_FAILURE_KINDS.has((value as { kind?: unknown }).kind)
  );
}
