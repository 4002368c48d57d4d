// The sandbox's Messaging API: GET /messaging/v3/virtual-numbers, answered only for a Bearer token
// the sandbox itself issued, with the verdict the token's client ID asks for (app/sandbox.ts).
// Error bodies follow the v3 shape {"errors":[{code, issue, suggested_action…}]}.
import type { SandboxAccessAnswer } from '../../app/sandbox';

export interface MessagingAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const MAX_ISSUED = 1000;

const v3Error = (
  status: number,
  code: string,
  issue: string,
  suggestedAction: string,
  headers: Record<string, string> = {},
): MessagingAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify({ errors: [{ code, issue, suggested_action: suggestedAction }] }),
});

const ANSWERS: Record<Exclude<SandboxAccessAnswer, 'confirmed'>, MessagingAnswer> = {
  expired: v3Error(401, 'TOKEN_EXPIRED', 'The token has expired.', 'Request a new token.'),
  'not-set-up': v3Error(
    402,
    'ACCOUNT_NOT_LINKED',
    "Check you've registered for the Messaging API.",
    'Register for the Messaging API in the developer portal.',
  ),
  'no-scope': v3Error(
    403,
    'INSUFFICIENT_SCOPE',
    'The token does not have the scope virtual-numbers:read.',
    'Request a token with the required scope.',
  ),
  'rate-limited': v3Error(429, 'TOO_MANY_REQUESTS', 'Too many requests.', 'Wait, then try again.', {
    'Retry-After': '30',
  }),
  'html-502': {
    status: 502,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
  },
  'odd-code': v3Error(
    400,
    'SANDBOX_ODD_CODE',
    'A refusal the documentation does not list.',
    'Contact support with this code.',
  ),
};

/** The tokens the sandbox issued, and how each one's Messaging check answers. */
export function createIssuedTokens() {
  const issued = new Map<string, SandboxAccessAnswer>();
  return {
    add(token: string, access: SandboxAccessAnswer): void {
      issued.set(token, access);
      // The oldest go first: a long-running sandbox must not grow without end.
      for (const old of issued.keys()) {
        if (issued.size <= MAX_ISSUED) break;
        issued.delete(old);
      }
    },
    answer(method: string | undefined, authorization: string | undefined): MessagingAnswer {
      if (method !== 'GET')
        return {
          ...v3Error(405, 'METHOD_NOT_ALLOWED', 'Use GET.', 'Use GET.'),
          headers: { 'Content-Type': 'application/json', Allow: 'GET' },
        };
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      const access = token === undefined ? undefined : issued.get(token);
      if (access === undefined)
        return v3Error(401, 'TOKEN_INVALID', 'The token is not valid.', 'Request a new token.');
      if (access !== 'confirmed') return ANSWERS[access];
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          virtualNumbers: [
            { virtualNumber: '0400000001', lastUse: null, replyCallbackUrl: null, tags: [] },
            { virtualNumber: '0400000002', lastUse: null, replyCallbackUrl: null, tags: [] },
          ],
          paging: { totalCount: 2 },
        }),
      };
    },
  };
}
