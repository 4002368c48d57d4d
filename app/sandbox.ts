// The built-in sandbox: a local imitation of the documented token endpoint, so a new user can try
// every part of the app without Telstra keys and support staff can show each explanation on
// purpose. This file is the catalog the server follows and the UI displays.

export const SANDBOX_PATH = '/v2/oauth/token';
/** The sandbox's Messaging API base (its address is the token URL's). */
export const SANDBOX_MESSAGING_PATH = '/messaging/v3';
/** The virtual numbers the sandbox's normal client has. */
export const SANDBOX_VIRTUAL_NUMBERS = 2;
export const SANDBOX_CLIENT_ID = 'sandbox-client-id';
export const SANDBOX_CLIENT_SECRET = 'sandbox-client-secret';
export const SANDBOX_EXPIRES_IN = '3599';

/** How the sandbox's Messaging API answers GET /messaging/v3/virtual-numbers for a client's token. */
export type SandboxAccessAnswer =
  'confirmed' | 'expired' | 'not-set-up' | 'no-scope' | 'rate-limited' | 'html-502' | 'odd-code';

export type SandboxBehaviour =
  | { readonly kind: 'token'; readonly delayMs: number; readonly access?: SandboxAccessAnswer }
  | { readonly kind: 'status'; readonly status: 403 | 429 | 500 | 502 | 503; readonly delayMs: number }
  | { readonly kind: 'hang' };

export interface SandboxScenario {
  readonly clientId: string;
  readonly description: string;
  readonly behaviour: SandboxBehaviour;
}

/** Client ids that make the sandbox misbehave on purpose; any secret works with these. */
export const SANDBOX_SCENARIOS: readonly SandboxScenario[] = [
  {
    clientId: 'sandbox-slow',
    description: 'Issues a token after 3 seconds',
    behaviour: { kind: 'token', delayMs: 3000 },
  },
  {
    clientId: 'sandbox-timeout',
    description: 'Never answers, so the request times out',
    behaviour: { kind: 'hang' },
  },
  {
    clientId: 'sandbox-503',
    description: 'Service unavailable (503)',
    behaviour: { kind: 'status', status: 503, delayMs: 0 },
  },
  {
    clientId: 'sandbox-500',
    description: 'Internal error (500)',
    behaviour: { kind: 'status', status: 500, delayMs: 0 },
  },
  {
    clientId: 'sandbox-429',
    description: 'Too many requests (429, Retry-After 30 s)',
    behaviour: { kind: 'status', status: 429, delayMs: 0 },
  },
  {
    clientId: 'sandbox-403',
    description: 'SpikeArrest quota exceeded (403)',
    behaviour: { kind: 'status', status: 403, delayMs: 0 },
  },
  {
    clientId: 'sandbox-502',
    description: 'A proxy’s HTML error page (502)',
    behaviour: { kind: 'status', status: 502, delayMs: 0 },
  },
  // A token as usual; then "Check Messaging access" gives one verdict each.
  {
    clientId: 'sandbox-no-messaging',
    description: 'Token, then Messaging says: not set up for Messaging (402 ACCOUNT_NOT_LINKED)',
    behaviour: { kind: 'token', delayMs: 0, access: 'not-set-up' },
  },
  {
    clientId: 'sandbox-no-scope',
    description: 'Token without virtual-numbers:read, then Messaging says: scope missing (403)',
    behaviour: { kind: 'token', delayMs: 0, access: 'no-scope' },
  },
  {
    clientId: 'sandbox-token-expired',
    description: 'Token, then Messaging refuses it (401 TOKEN_EXPIRED)',
    behaviour: { kind: 'token', delayMs: 0, access: 'expired' },
  },
  {
    clientId: 'sandbox-messaging-429',
    description: 'Token, then Messaging is rate limited (429, Retry-After 30 s)',
    behaviour: { kind: 'token', delayMs: 0, access: 'rate-limited' },
  },
  {
    clientId: 'sandbox-messaging-502',
    description: 'Token, then Messaging’s proxy fails with an HTML page (502)',
    behaviour: { kind: 'token', delayMs: 0, access: 'html-502' },
  },
  {
    clientId: 'sandbox-messaging-odd',
    description: 'Token, then Messaging refuses with an unlisted code (400)',
    behaviour: { kind: 'token', delayMs: 0, access: 'odd-code' },
  },
];

export interface SandboxInfo {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scenarios: ReadonlyArray<{ readonly clientId: string; readonly description: string }>;
}
