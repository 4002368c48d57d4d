// Explanations for the Messaging access check's verdicts (app/access-check.ts). Facts from
// shared/telstra-token-endpoint.md, "After the token".
import type { Outcome } from '../outcomes';
import { PORTAL_LINK, STEP, type Explanation } from './types';

type AccessOutcome = Extract<Outcome, `access:${string}`>;

export const ACCESS_EXPLANATIONS: Readonly<Record<AccessOutcome, Explanation>> = {
  'access:confirmed': {
    tone: 'success',
    title: 'Messaging access confirmed',
    meaning:
      'A read-only Messaging call (GET /virtual-numbers) with this token was answered: the key may use the Messaging API.',
    causes: ['The key belongs to an app with Messaging API v3 and an account set up for it.'],
    nextSteps: [
      'Use the token for Messaging calls until it expires; nothing was sent or changed by this check.',
    ],
  },
  'access:token-refused': {
    tone: 'error',
    title: 'Token refused by Messaging',
    meaning:
      'The Messaging API refused the token (401, TOKEN_INVALID or TOKEN_EXPIRED, or RFC 6750’s invalid_token), although the token endpoint issued it.',
    causes: [
      'The token has expired, or was issued by a different token endpoint than the Messaging API trusts.',
      'A v2 key’s token was used against v3: v2 keys cannot authenticate against v3.',
    ],
    nextSteps: [
      'Request a new token and check again right away.',
      'Check that the token URL and the Messaging API URL belong together (v3 token URL with the v3 Messaging URL).',
    ],
  },
  'access:not-set-up': {
    tone: 'error',
    title: 'Key not set up for Messaging',
    meaning:
      'The key works for a token, but its account is not set up for Messaging (402, ACCOUNT_NOT_LINKED, ACCOUNT_ERR or RATE_PLAN_ERR): the key has no Messaging product.',
    causes: [
      'The app in the developer portal was created without “Messaging API v3” ticked.',
      'The account is not registered for the Messaging API, or its plan does not include it.',
    ],
    nextSteps: [
      'In the Telstra developer portal, register for the Messaging API and create a key with “Messaging API v3” ticked, then use that key.',
      STEP.checkApp,
    ],
    links: [PORTAL_LINK],
  },
  'access:scope-missing': {
    tone: 'error',
    title: 'Scope missing',
    meaning:
      'The token lacks the scope this call needs (403, INSUFFICIENT_SCOPE or RESOURCE_AUTH_ERR, or RFC 6750’s insufficient_scope): GET /virtual-numbers needs virtual-numbers:read.',
    causes: [
      'The scope was not requested: the request’s scope field leaves virtual-numbers:read out.',
      'The scope was requested but not granted: the key is not allowed it.',
    ],
    nextSteps: [
      'Request the token with virtual-numbers:read in the scope (the v3 preset asks for every Messaging scope), then check again.',
      'If it was requested and not granted, check the key’s products in the developer portal.',
    ],
    links: [PORTAL_LINK],
  },
  'access:rate-limited': {
    tone: 'warning',
    title: 'Messaging rate limit',
    meaning: 'The Messaging API asks to slow down (429 TOO_MANY_REQUESTS).',
    causes: ['Too many calls with this key in a short time, from this app or elsewhere.'],
    nextSteps: [
      'Wait before checking again; if Messaging said how long (Retry-After), the time is shown here.',
    ],
  },
  'access:telstra-side': {
    tone: 'warning',
    title: 'Messaging API failed on Telstra’s side',
    meaning:
      'The Messaging API, or a proxy in front of it, failed (5xx, e.g. INTERNAL_SERVER_ERR or an HTML error page). This says nothing about the key.',
    causes: ['An outage or maintenance at Telstra, or a gateway between here and Telstra.'],
    nextSteps: [
      'Try again in a few minutes.',
      'If it persists, check Telstra’s status page or contact Telstra support with the report.',
    ],
  },
  'access:unknown-code': {
    tone: 'error',
    title: 'Messaging refused with an unlisted code',
    meaning:
      'The Messaging API refused the call with an error code the app does not know; it is shown exactly as received, with Telstra’s issue and suggested action.',
    causes: ['A refusal the published documentation does not list.'],
    nextSteps: [
      'Follow the suggested action shown, if any.',
      'Copy the diagnostic report for Telstra support.',
    ],
  },
  'access:unexpected-answer': {
    tone: 'error',
    title: 'Unexpected Messaging answer',
    meaning:
      'The Messaging API URL answered with something other than a virtual-numbers list or a v3 error, e.g. a v2 gateway’s 404 (“no apiproduct match found”).',
    causes: [
      'The Messaging API URL is not the v3 base URL (it should end in /messaging/v3).',
      'A key without the Messaging product: the gateway finds no product for the call.',
    ],
    nextSteps: [
      'Check the Messaging API URL (default https://products.api.telstra.com/messaging/v3).',
      'Look at the status and body excerpt shown.',
    ],
  },
  'access:custom-not-checked': {
    tone: 'warning',
    title: 'No Messaging check in a run for a custom URL',
    meaning:
      'A run checks Messaging access only where it knows the Messaging API that goes with the token: Telstra’s for Messaging API v3, the sandbox’s for the sandbox. A custom token URL says nothing about its Messaging API, and this token was not sent to a guess.',
    causes: ['The profile’s endpoint is a custom token URL.'],
    nextSteps: [
      'Request a token with this profile on its own, then check access against its Messaging API URL.',
    ],
  },
  'access:v2-not-checked': {
    tone: 'warning',
    title: 'No Messaging check for v2',
    meaning:
      'No read-only Messaging v2 call is relied on: Telstra decommissioned Messaging API v2 (announced July 2023, for August 2024).',
    causes: ['v2 keys cannot authenticate against v3; a new key with “Messaging API v3” ticked is needed.'],
    nextSteps: [STEP.tryV3, 'Then request a token and press “Check Messaging access”.'],
  },
};
