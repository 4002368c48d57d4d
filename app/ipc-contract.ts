// The IPC contract: one entry per operation, mapping a preload method to its channel, its
// request and its response. Main and renderer derive their types from this file alone.
import type { AccessCheckResult } from './access-check';
import type { BatchProgressAnswer, StartBatchInput } from './batch-contract';
import type { PresetId } from './endpoints';
import type { Explanation } from './explanations';
import type { HistoryItem } from './history';
import type { Outcome } from './outcomes';
import type { Finding, PreflightInput } from './preflight';
import type { HostInfo } from './host';
import type { ImportChoice, ImportPreview, ImportRowResult } from './import-preview';
import type { Settings } from './settings';
import type { KeychainAdvice, KeychainFailure, KeychainProblem } from './keychain';
import type { ProfileFields, ProfileSummary } from './profiles';
import type { SandboxInfo } from './sandbox';
import type { SpokenTokenResult, TokenResult } from './token-result';

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
  /** The saved profile the form shows, if any (for the history; the secret's source is above). */
  readonly profileId?: string | null;
}

// A batch run's types ("Check all profiles") are in ./batch-contract.ts, part of this contract.
export type {
  BatchAnswer,
  BatchHistory,
  BatchProgressAnswer,
  BatchVerdict,
  StartBatchInput,
} from './batch-contract';

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

/** The same request sent both ways: which did the server accept? */
export interface BasicProbe {
  readonly ok: true;
  readonly body: TokenResult;
  readonly basic: TokenResult;
  /** What the two answers together mean (app/basic-probe.ts), so the window carries no such text. */
  readonly summary: string;
  /** Each way's answer in a few words, e.g. "rejected (HTTP 401, invalid_client)". */
  readonly verdicts: { readonly body: string; readonly basic: string };
}

/** A copy the app will clean up: when the clipboard is cleared (null: only when the app quits). */
export interface CopyReceipt {
  readonly ok: true;
  /**
   * When the app takes its copy off the clipboard (if still there); null: when it quits; false:
   * never on its own (browser mode, when the browser does not let the page read the clipboard).
   */
  readonly clearsAt: number | null | false;
  /** What to tell the user (app/copy-messages.ts). */
  readonly message: string;
}

export interface KeychainStatus {
  readonly available: boolean;
  readonly problem: KeychainProblem | null;
}

export interface ProfileList {
  readonly ok: true;
  readonly profiles: readonly ProfileSummary[];
  readonly keychain: KeychainStatus;
  /** What to tell the user when the keychain is not available (null when it is). */
  readonly keychainAdvice: KeychainAdvice | null;
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
  requestToken: { request: TokenRequestInput; response: SpokenTokenResult };
  cancelRequest: { request: RequestRef; response: Ack };
  getSandboxInfo: { request: void; response: { readonly ok: true; readonly sandbox: SandboxInfo } };
  copyToken: { request: RequestRef; response: CopyReceipt };
  /** "Authorization: Bearer …" for the token of that request. */
  copyAuthorizationHeader: { request: RequestRef; response: CopyReceipt };
  /** Clears the clipboard now, if it still holds what the app put there. */
  clearClipboard: { request: void; response: Ack };
  /** A curl command repeating that request, the secret only as "$TELSTRA_CLIENT_SECRET". */
  copyCurl: { request: RequestRef; response: CopyReceipt };
  /** The diagnostic report (Markdown, never the secret or the token) for that request. */
  copyReport: { request: RequestRef; response: CopyReceipt };
  saveReport: { request: RequestRef; response: { readonly ok: true; readonly saved: string | null } };
  /**
   * The pre-flight checks (app/preflight.ts) for what the form holds, run in the main process so
   * the window's bundle stays small. A null secret is a stored one: its content is not checked.
   */
  checkForm: {
    request: PreflightInput;
    response: { readonly ok: true; readonly findings: readonly Finding[] };
  };
  /** Repeats a request with HTTP Basic client authentication instead of the form body. */
  probeBasicAuth: { request: RequestRef; response: BasicProbe };
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
  getSettings: { request: void; response: { readonly ok: true; readonly settings: Settings } };
  updateSettings: {
    request: Partial<Settings>;
    response: { readonly ok: true; readonly settings: Settings };
  };
  listHistory: { request: void; response: { readonly ok: true; readonly entries: readonly HistoryItem[] } };
  /** The catalog's explanation of an outcome (the window does not carry the catalog). */
  explainOutcome: {
    request: { readonly outcome: Outcome };
    response: { readonly ok: true; readonly explanation: Explanation };
  };
  clearHistory: { request: void; response: Ack };
  /**
   * Reads a credentials file the window read (its text; the file itself is never touched) and
   * answers what importing it would do. Nothing is written; the secrets found stay in main.
   */
  previewImport: {
    request: { readonly fileName: string; readonly text: string };
    response: { readonly ok: true; readonly preview: ImportPreview };
  };
  /** The one confirmation of a preview: a choice per row. */
  importProfiles: {
    request: { readonly previewId: string; readonly choices: readonly ImportChoice[] };
    response: { readonly ok: true; readonly results: readonly ImportRowResult[] };
  };
  /** The saved profiles as JSON without any secret, for a file the user keeps or shares. */
  exportProfiles: {
    request: void;
    response: { readonly ok: true; readonly fileName: string; readonly json: string };
  };
  /**
   * "Check Messaging access": one read-only Messaging call with that request's token. The base
   * URL is used for v3 and custom URLs (default app/access-check.ts); the sandbox uses its own.
   */
  checkMessagingAccess: {
    request: { readonly requestId: string; readonly messagingUrl?: string };
    response: AccessCheckResult;
  };
  /**
   * Starts a batch run on the main side (app/batch-schedule.ts: a few at once, a short pause
   * between starts): each token request exactly as its profile is saved, the secrets read from
   * the keychain here and never sent to the window; the run is one history entry. It answers at
   * once with the run as it stands (nothing answered yet), or with its first news when asked to
   * wait for it (StartBatchInput.waitForNews).
   */
  startBatch: { request: StartBatchInput; response: BatchProgressAnswer };
  /**
   * The run's answers after the first `seen`: when there are new ones, once half a second has
   * passed since the run started or answers last went out; the run's end at once; otherwise when
   * the next comes. So the window makes one call for many answers and redraws at most twice a
   * second, without pausing on its side.
   */
  batchProgress: {
    request: { readonly runId: string; readonly seen: number };
    response: BatchProgressAnswer;
  };
  /**
   * One answer of a run in full (the token result and the access check), for its row's
   * explanation; kept on the main side for the last few runs only.
   */
  batchAnswer: {
    request: { readonly runId: string; readonly index: number };
    response: { readonly ok: true; readonly result: TokenResult; readonly access: AccessCheckResult | null };
  };
  /** Nothing more of that run is sent; its requests in flight are cancelled. */
  cancelBatch: { request: { readonly runId: string }; response: Ack };
  copyBatchReport: { request: { readonly runId: string }; response: CopyReceipt };
  /** Desktop app or browser mode, and what differs in the latter (shown once in the window). */
  getHostInfo: { request: void; response: { readonly ok: true; readonly host: HostInfo } };
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
  copyAuthorizationHeader: 'clipboard:copy-authorization',
  clearClipboard: 'clipboard:clear',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  listHistory: 'history:list',
  clearHistory: 'history:clear',
  explainOutcome: 'explanations:get',
  copyCurl: 'clipboard:copy-curl',
  copyReport: 'clipboard:copy-report',
  saveReport: 'report:save',
  probeBasicAuth: 'token:probe-basic',
  checkForm: 'preflight:check',
  getHostInfo: 'app:host-info',
  previewImport: 'profiles:import-preview',
  importProfiles: 'profiles:import',
  exportProfiles: 'profiles:export',
  checkMessagingAccess: 'messaging:check-access',
  startBatch: 'profiles:check-start',
  batchProgress: 'profiles:check-progress',
  batchAnswer: 'profiles:check-answer',
  cancelBatch: 'profiles:check-cancel',
  copyBatchReport: 'clipboard:copy-batch-report',
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
