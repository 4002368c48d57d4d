// Explanations for answers that came back over HTTP: the success and every error status or code.
import type { Outcome } from '../outcomes';
import { CAUSE, PORTAL_LINK, STEP, type Explanation } from './types';

type HttpOutcome = Extract<Outcome, 'token-received' | `oauth:${string}` | `http:${string}`>;

export const HTTP_EXPLANATIONS: Readonly<Record<HttpOutcome, Explanation>> = {
  'token-received': {
    tone: 'success',
    title: 'Token received',
    meaning: 'The token endpoint accepted the client ID and secret and issued an access token.',
    causes: [
      'A token proves the credentials are valid, not that the key may use Messaging: keys without the Messaging product attached fail later, on message calls, with “no apiproduct match found”.',
    ],
    nextSteps: [
      'Use the token as “Authorization: Bearer …” on Messaging API calls until it expires.',
      'There is no refresh token: when this one expires, request a new one with the same credentials.',
    ],
  },
  'oauth:invalid_request': {
    tone: 'error',
    title: 'Invalid request',
    meaning: 'The server says a parameter is missing, repeated or malformed (OAuth “invalid_request”).',
    causes: [
      'A required field is empty: the client ID, the secret or the grant type.',
      'A value contains characters the server cannot read, such as a line break or invisible characters from a pasted value.',
      'A proxy or tool in between changed the form body.',
    ],
    nextSteps: ['Fill every field, and keep the grant type as client_credentials.', STEP.recopy],
  },
  'oauth:invalid_client': {
    tone: 'error',
    title: 'Client authentication failed',
    meaning:
      'The server did not accept the client ID and secret (OAuth “invalid_client”): the client is unknown, the secret is wrong, or the way they were sent is not supported.',
    causes: [
      CAUSE.whiteSpace,
      CAUSE.curlSample,
      CAUSE.wrongApp,
      CAUSE.wrongVersion,
      CAUSE.v2Retired,
      CAUSE.malformedCurl,
    ],
    nextSteps: [STEP.recopy, STEP.checkApp, STEP.tryV3, STEP.sandbox],
    links: [PORTAL_LINK],
  },
  'oauth:invalid_grant': {
    tone: 'error',
    title: 'Invalid grant',
    meaning:
      'The server rejected the grant itself (OAuth “invalid_grant”). With client credentials this is unusual: there is no code or refresh token to be wrong.',
    causes: [
      'The grant type field holds something other than client_credentials that the server tried to honour.',
      'The server expects a different kind of OAuth flow for this client.',
    ],
    nextSteps: ['Set the grant type to client_credentials and try again.', STEP.checkApp],
  },
  'oauth:unauthorized_client': {
    tone: 'error',
    title: 'Client not allowed to use this grant',
    meaning:
      'The credentials are valid, but this client may not use the client-credentials grant (OAuth “unauthorized_client”).',
    causes: [CAUSE.wrongApp, CAUSE.wrongVersion],
    nextSteps: [STEP.checkApp, STEP.tryV3],
    links: [PORTAL_LINK],
  },
  'oauth:unsupported_grant_type': {
    tone: 'error',
    title: 'Unsupported grant type',
    meaning:
      'The token endpoint only supports grant_type=client_credentials, and the request asked for something else.',
    causes: [
      'The grant type field was edited, or has white space around “client_credentials”.',
      'An old example used a different grant type or the GET method; the endpoint takes POST with client_credentials only.',
    ],
    nextSteps: ['Set the grant type to exactly client_credentials and try again.'],
  },
  'oauth:invalid_scope': {
    tone: 'error',
    title: 'Invalid scope',
    meaning: 'The server does not accept the requested scope (OAuth “invalid_scope”).',
    causes: [
      'A v3 scope was sent to the v2 endpoint, or NSMS to the v3 endpoint.',
      'A misspelt scope: some 2023 SDKs used “messaging:write” where the scope is “messages:write”.',
    ],
    nextSteps: [
      'Choose the endpoint preset again to restore its scope: NSMS for v2, the space-separated list for v3.',
      'v2 also works with the scope left empty.',
    ],
  },
  'http:400': {
    tone: 'error',
    title: 'Bad request (400)',
    meaning: 'The server could not accept the request as sent, and gave no standard OAuth code saying why.',
    causes: [
      'The grant type is not client_credentials (Telstra documents 400 “unsupported_grant_type” for this).',
      'A field is empty or contains characters the server cannot read.',
    ],
    nextSteps: [
      'Check the grant type and every field, then try again.',
      'Open “Raw response” for the server’s own words.',
    ],
  },
  'http:401': {
    tone: 'error',
    title: 'Not authorised (401)',
    meaning: 'The server did not accept the credentials. Telstra documents this answer as “invalid_client”.',
    causes: [CAUSE.whiteSpace, CAUSE.curlSample, CAUSE.wrongApp, CAUSE.wrongVersion, CAUSE.v2Retired],
    nextSteps: [STEP.recopy, STEP.checkApp, STEP.tryV3],
    links: [PORTAL_LINK],
  },
  'http:403': {
    tone: 'error',
    title: 'Forbidden (403)',
    meaning:
      'The gateway refused the call. On Messaging v2 this is the “SpikeArrest” policy: the Free Trial quota is used up, or too many calls arrived at once.',
    causes: [
      'The Free Trial allowance has been used up.',
      'Too many requests at the same time from this key.',
      'The key is not allowed to call this API.',
    ],
    nextSteps: ['Wait a minute and try once.', 'Check your plan and usage in the Telstra developer portal.'],
    links: [PORTAL_LINK],
  },
  'http:404': {
    tone: 'error',
    title: 'Not found (404)',
    meaning: 'The requested URI does not exist on that server.',
    causes: [
      'The token URL is mistyped: it should end in /v2/oauth/token (also for v3).',
      CAUSE.v2Retired,
      'A custom URL points at the wrong host or path.',
    ],
    nextSteps: ['Choose a preset to restore the published token URL.', STEP.tryV3],
  },
  'http:405': {
    tone: 'error',
    title: 'Method not allowed (405)',
    meaning: 'The server does not accept POST at this address. The token endpoint takes POST only.',
    causes: ['The URL points at something other than the token endpoint.'],
    nextSteps: ['Choose a preset to restore the published token URL.'],
  },
  'http:429': {
    tone: 'warning',
    title: 'Too many requests (429)',
    meaning: 'The server is limiting how often this client may call it.',
    causes: ['Many token requests in a short time, from this app or another program using the same key.'],
    nextSteps: [
      'Wait before trying again; if the server said how long (Retry-After), the time is shown here.',
      'Reuse a token until it expires instead of requesting a new one for every call.',
    ],
  },
  'http:500': {
    tone: 'error',
    title: 'Server error (500)',
    meaning:
      'The server failed while handling the request. Telstra’s spec calls this “an internal error occurred”.',
    causes: ['A fault on Telstra’s side, not in your credentials.'],
    nextSteps: [
      'Try again in a few minutes.',
      'If it persists, share the diagnostic details with Telstra support.',
    ],
  },
  'http:502': {
    tone: 'error',
    title: 'Bad gateway (502)',
    meaning: 'A gateway or proxy between you and the token service got no valid answer from it.',
    causes: [
      'The token service or Telstra’s gateway is having trouble.',
      'A corporate proxy could not reach Telstra.',
    ],
    nextSteps: ['Try again in a few minutes.', 'If you are behind a proxy, check with whoever runs it.'],
  },
  'http:503': {
    tone: 'error',
    title: 'Service unavailable (503)',
    meaning: 'The token service is temporarily unavailable (Telstra documents this status).',
    causes: ['Maintenance or overload on Telstra’s side.', CAUSE.v2Retired],
    nextSteps: ['Try again later.', STEP.tryV3],
  },
  'http:504': {
    tone: 'error',
    title: 'Gateway timeout (504)',
    meaning: 'A gateway or proxy gave up waiting for the token service.',
    causes: ['The token service is slow or unreachable from the gateway.'],
    nextSteps: ['Try again in a few minutes.'],
  },
  'http:4xx': {
    tone: 'error',
    title: 'Request refused',
    meaning: 'The server refused the request with a status Telstra does not document for this endpoint.',
    causes: ['A proxy, firewall or custom endpoint answered instead of Telstra’s token service.'],
    nextSteps: ['Open “Raw response” for the server’s own words.', 'Check the token URL.'],
  },
  'http:5xx': {
    tone: 'error',
    title: 'Server error',
    meaning: 'The server or a gateway failed while handling the request.',
    causes: ['A fault on the server side, not in your credentials.'],
    nextSteps: ['Try again in a few minutes.'],
  },
  'http:other': {
    tone: 'error',
    title: 'Unexpected status',
    meaning:
      'The server answered with a status that is neither success nor a documented error. Telstra’s spec has a catch-all for this, which SDKs print as “0: an internal error occurred”.',
    causes: ['Something between you and Telstra answered in an unusual way.'],
    nextSteps: ['Open “Raw response” to see exactly what came back.', 'Try again in a few minutes.'],
  },
};
