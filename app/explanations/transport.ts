// Explanations for requests that ended without a usable HTTP answer (timeouts, redirects,
// oversized or unreadable answers) and for the app’s own refusals; failures below HTTP are in
// network.ts.
import { KEYCHAIN_ADVICE, type KeychainProblem } from '../keychain';
import type { Outcome } from '../outcomes';
import { APP_ERROR, INVALID_INPUT } from './refusals';
import type { Explanation } from './types';

type TransportOutcome = Exclude<
  Outcome,
  | 'token-received'
  | `oauth:${string}`
  | `http:${string}`
  | `keychain:${string}`
  | `network:${string}`
  | 'secret-revealed'
  | `access:${string}`
>;

/** A saved profile's secret could not be read, so nothing was sent. */
function keychainExplanation(problem: KeychainProblem): Explanation {
  return {
    tone: 'error',
    title: KEYCHAIN_ADVICE[problem].title,
    meaning: 'The saved profile’s secret could not be read from the keychain, so no request was sent.',
    causes: [KEYCHAIN_ADVICE[problem].remedy],
    nextSteps: [
      'Type the secret into the form to send a one-off request; it is not stored unless you press “Save to keychain”.',
    ],
  };
}

export const KEYCHAIN_EXPLANATIONS: Readonly<Record<`keychain:${KeychainProblem}`, Explanation>> = {
  'keychain:unavailable': keychainExplanation('unavailable'),
  'keychain:not-installed': keychainExplanation('not-installed'),
  'keychain:locked': keychainExplanation('locked'),
  'keychain:denied': keychainExplanation('denied'),
  'keychain:too-large': keychainExplanation('too-large'),
  'keychain:timeout': keychainExplanation('timeout'),
  'keychain:missing': keychainExplanation('missing'),
  'keychain:other': keychainExplanation('other'),
};

export const TRANSPORT_EXPLANATIONS: Readonly<Record<TransportOutcome, Explanation>> = {
  timeout: {
    tone: 'error',
    title: 'No complete answer in time',
    meaning: 'No complete answer came before the deadline, so the app gave up.',
    causes: [
      'The server or network is very slow.',
      'A firewall silently drops the traffic.',
      'A proxy in between (HTTPS_PROXY, or the system proxy settings) does not answer.',
    ],
    nextSteps: ['Try again.', 'Check the connection and proxy settings.'],
  },
  cancelled: {
    tone: 'warning',
    title: 'Cancelled',
    meaning: 'You cancelled the request before its answer was complete. Nothing more was sent.',
    causes: [],
    nextSteps: ['Press “Request token” to try again.'],
  },
  redirect: {
    tone: 'error',
    title: 'Redirected: not followed',
    meaning:
      'The server answered with a redirect. The app never follows one with credentials, so the other address received nothing.',
    causes: [
      'The token URL is outdated or uses the wrong host or scheme (for example http: instead of https:).',
      'A captive portal or proxy is redirecting traffic.',
    ],
    nextSteps: [
      'Use the published token URL, or choose a preset.',
      'If the new address is right, check it and enter it yourself.',
    ],
  },
  'too-large': {
    tone: 'error',
    title: 'Answer too large',
    meaning:
      'The answer was larger than any token response should be (over 1 MiB), so the app stopped reading it.',
    causes: ['The URL points at something other than a token endpoint, such as a download or a web page.'],
    nextSteps: ['Check the token URL, or choose a preset.'],
  },
  'unexpected-response': {
    tone: 'error',
    title: 'Unexpected answer',
    meaning: 'The server reported success, but the answer is not a token response the app can read.',
    causes: [
      'The URL points at a web page or another API instead of the token endpoint.',
      'A proxy or captive portal answered with its own page.',
    ],
    nextSteps: ['Open “Raw response” to see what came back.', 'Check the token URL, or choose a preset.'],
  },
  'invalid-input': INVALID_INPUT,
  'profile-deleted': {
    tone: 'warning',
    title: 'Profile deleted during the run',
    meaning:
      'This profile was deleted after the run started and before its turn, so nothing was sent for it.',
    causes: ['The profile was deleted, in this window or another, while the run went on.'],
    nextSteps: [
      'Nothing to do if that was meant; a profile saved again under its name is a new profile to check.',
    ],
  },
  'app-error': APP_ERROR,
};
