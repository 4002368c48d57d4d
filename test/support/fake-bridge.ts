// A fake of the preload API for component tests: records calls, answers what the test says.
import { vi } from 'vitest';
import type { IpcFailure, TokenRequestInput } from '../../app/ipc-contract';
import type { TokenTesterApi } from '../../app/preload-api';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type SandboxInfo } from '../../app/sandbox';
import type { TokenFailure, TokenResult, TokenSuccess } from '../../app/token-result';

export const sandboxInfo: SandboxInfo = {
  tokenUrl: 'http://127.0.0.1:45678/v2/oauth/token',
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  scenarios: [{ clientId: 'sandbox-503', description: 'Service unavailable (503)' }],
};

export function success(
  input: TokenRequestInput,
  now: number,
  fields: Partial<TokenSuccess> = {},
): TokenSuccess {
  return {
    ok: true,
    requestId: input.requestId,
    tokenUrl: input.tokenUrl,
    durationMs: 142,
    receivedAt: now,
    outcome: 'token-received',
    status: 200,
    statusText: 'OK',
    accessToken: 'eyJ0b2tlbiI6InNhbmRib3gifQ',
    tokenType: 'Bearer',
    scope: null,
    expiresInSeconds: 3599,
    expiresAt: now + 3_599_000,
    headers: [['content-type', 'application/json']],
    contentType: 'application/json',
    ...fields,
  };
}

export function failure(input: TokenRequestInput, fields: Partial<TokenFailure>): TokenFailure {
  return {
    ok: false,
    requestId: input.requestId,
    tokenUrl: input.tokenUrl,
    durationMs: 80,
    receivedAt: 0,
    outcome: 'http:401',
    kind: 'http',
    status: 401,
    statusText: 'Unauthorized',
    error: null,
    errorDescription: null,
    errorShape: null,
    nonStandardError: false,
    networkCode: null,
    bodyExcerpt: null,
    contentType: null,
    headers: [],
    redirectLocation: null,
    retryAfterSeconds: null,
    message: 'The server answered 401 Unauthorized.',
    ...fields,
  };
}

export type Responder = (input: TokenRequestInput) => Promise<TokenResult | IpcFailure>;

export function fakeBridge(respond: Responder) {
  const api = {
    requestToken: vi.fn(respond),
    cancelRequest: vi.fn(async () => ({ ok: true as const })),
    getSandboxInfo: vi.fn(async () => ({ ok: true as const, sandbox: sandboxInfo })),
    copyToken: vi.fn(async () => ({ ok: true as const })),
  };
  return api satisfies TokenTesterApi;
}
