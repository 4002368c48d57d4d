// What `telstra-token request` was asked to do, checked before anything is read or sent: where
// the credentials come from, the endpoint, and the request's other fields. Pure, so every rule is
// unit-tested; messages name options and never repeat a value.
import {
  checkTokenUrl,
  PRESETS,
  V2_TOKEN_URL,
  V3_TOKEN_URL,
  type EndpointChoice,
  type PresetId,
} from '../../app/endpoints';
import { checkMessagingUrl, V2_NOT_CHECKED } from '../../app/access-check';
import type { TokenResult } from '../../app/token-result';
import type { ResolvedTokenRequest } from '../token/token-service';
import type { OptionValues } from './args';

export type SecretFrom = { readonly kind: 'stdin' } | { readonly kind: 'env'; readonly variable: string };

export type Credentials =
  | { readonly kind: 'profile'; readonly name: string }
  | { readonly kind: 'typed'; readonly clientId: string; readonly secretFrom: SecretFrom };

export interface Endpoint extends EndpointChoice {
  readonly preset: PresetId;
}

export interface RequestPlan {
  readonly credentials: Credentials;
  /** Null: the profile's endpoint, or the app's default. */
  readonly endpoint: Endpoint | null;
  /** Null: the profile's, or the endpoint's default. */
  readonly scope: string | null;
  readonly grantType: string | null;
  /** Null: TOKEN_TESTER_TIMEOUT_MS or the app's default. */
  readonly deadlineMs: number | null;
  readonly json: boolean;
  readonly showToken: boolean;
  /** --user-data-dir: where the profiles are, as for the app; null for the usual folder. */
  readonly userDataDir: string | null;
  /** --check-access: after a token, one read-only Messaging call (app/access-check.ts). */
  readonly checkAccess: boolean;
  /** --messaging-url: the Messaging API base URL; null for the default (or the sandbox's own). */
  readonly messagingUrl: string | null;
}

/** What comes after reading the credentials: send, report a result without sending, or stop. */
export type Prepared =
  | { readonly kind: 'send'; readonly request: ResolvedTokenRequest }
  | { readonly kind: 'result'; readonly result: TokenResult }
  | { readonly kind: 'usage'; readonly message: string }
  | { readonly kind: 'interrupted' };

/** The request id the token service's results carry; the CLI makes one request per run. */
export const REQUEST_ID = 'cli';

export type Planned =
  { readonly ok: true; readonly plan: RequestPlan } | { readonly ok: false; readonly message: string };

export const MAX_TIMEOUT_SECONDS = 300;

const text = (options: OptionValues, name: string): string | null => {
  const value = options[name];
  return typeof value === 'string' ? value : null;
};

/** `--endpoint v2|v3|sandbox|URL`. A preset's own URL counts as that preset, as a profile saves it. */
export function parseEndpoint(value: string): Endpoint | { readonly problem: string } {
  const name = value.trim().toLowerCase();
  if (name === 'v2' || name === 'v3') return { preset: name, tokenUrl: PRESETS[name].tokenUrl ?? '' };
  if (name === 'sandbox') return { preset: 'sandbox', tokenUrl: '' };
  const verdict = checkTokenUrl(value);
  if (!verdict.ok) {
    // A word that is no URL (custom, v4) was most likely meant as a preset's name: say which there are.
    const meantAsName = /^[a-z0-9_-]+$/i.test(value.trim());
    return {
      problem: meantAsName
        ? '--endpoint takes v2, v3, sandbox, or the token URL itself.'
        : `--endpoint: ${verdict.reason}`,
    };
  }
  const url = value.trim();
  if (url === V2_TOKEN_URL) return { preset: 'v2', tokenUrl: url };
  if (url === V3_TOKEN_URL) return { preset: 'v3', tokenUrl: url };
  return { preset: 'custom', tokenUrl: url };
}

/** `--timeout`'s value as a deadline in ms: whole seconds from 1 to MAX_TIMEOUT_SECONDS, else null. */
export function parseTimeout(value: string): number | null {
  if (!/^\d{1,3}$/.test(value)) return null;
  const seconds = Number(value);
  return seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS ? seconds * 1000 : null;
}

function empty(options: OptionValues, names: readonly string[]): string | null {
  const name = names.find((n) => options[n] === '');
  return name === undefined ? null : `--${name} must not be empty.`;
}

/** --messaging-url with the sandbox, which answers the access check itself: said, not ignored. */
export const SANDBOX_MESSAGING =
  '--messaging-url does not go with the sandbox, which answers the access check itself: drop it, or use --endpoint v3 or a token URL.';

export function planRequest(options: OptionValues): Planned {
  const fail = (message: string): Planned => ({ ok: false, message });
  const profile = text(options, 'profile');
  const clientId = text(options, 'client-id');
  const secretEnv = text(options, 'secret-env');
  const secretStdin = options['secret-stdin'] === true;

  // Values are sent as given (the window's length limits guard its IPC boundary, not the user).
  const problem = empty(options, ['client-id', 'profile', 'grant-type', 'endpoint', 'user-data-dir']);
  if (problem) return fail(problem);

  let credentials: Credentials;
  if (profile !== null) {
    if (clientId !== null) return fail('Give either --profile or --client-id, not both.');
    if (secretStdin || secretEnv !== null) {
      return fail('A profile’s secret comes from the keychain: drop --secret-stdin and --secret-env.');
    }
    credentials = { kind: 'profile', name: profile };
  } else {
    if (clientId === null) {
      return fail(
        'Say whose credentials to test: --client-id ID with --secret-stdin or --secret-env VAR, or --profile NAME.',
      );
    }
    if (secretStdin === (secretEnv !== null)) {
      return fail('Give the secret with exactly one of --secret-stdin or --secret-env VAR.');
    }
    if (secretEnv === '') return fail('--secret-env needs the name of an environment variable.');
    credentials = {
      kind: 'typed',
      clientId,
      secretFrom: secretEnv === null ? { kind: 'stdin' } : { kind: 'env', variable: secretEnv },
    };
  }

  let endpoint: Endpoint | null = null;
  const endpointText = text(options, 'endpoint');
  if (endpointText !== null) {
    const parsed = parseEndpoint(endpointText);
    if ('problem' in parsed) return fail(parsed.problem);
    endpoint = parsed;
  }

  let deadlineMs: number | null = null;
  const timeoutText = text(options, 'timeout');
  if (timeoutText !== null) {
    deadlineMs = parseTimeout(timeoutText);
    if (deadlineMs === null) return fail(`--timeout takes whole seconds from 1 to ${MAX_TIMEOUT_SECONDS}.`);
  }

  const checkAccess = options['check-access'] === true;
  const messagingUrl = text(options, 'messaging-url');
  if (messagingUrl !== null) {
    if (!checkAccess) return fail('--messaging-url goes with --check-access.');
    const verdict = checkMessagingUrl(messagingUrl);
    if (!verdict.ok) return fail(`--messaging-url: ${verdict.reason}`);
    if (endpoint?.preset === 'sandbox') return fail(SANDBOX_MESSAGING);
  }
  // v2 is the default endpoint: say why it is not checked rather than send a token nobody reads.
  if (checkAccess && profile === null && (endpoint === null || endpoint.preset === 'v2'))
    return fail(`--check-access needs --endpoint v3, sandbox or a token URL. ${V2_NOT_CHECKED}`);

  return {
    ok: true,
    plan: {
      credentials,
      endpoint,
      scope: text(options, 'scope'),
      grantType: text(options, 'grant-type'),
      deadlineMs,
      json: options.json === true,
      showToken: options['show-token'] === true,
      userDataDir: text(options, 'user-data-dir'),
      checkAccess,
      messagingUrl,
    },
  };
}
