// Explanations for requests that got no usable HTTP answer, and for the app's own refusals.
import { KEYCHAIN_ADVICE, type KeychainProblem } from '../keychain';
import type { Outcome } from '../outcomes';
import { APP_ERROR, INVALID_INPUT } from './refusals';
import { STEP, type Explanation } from './types';

type TransportOutcome = Exclude<
  Outcome,
  'token-received' | `oauth:${string}` | `http:${string}` | `keychain:${string}` | 'secret-revealed'
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

const CHECK_PROXY =
  'If this computer reaches the internet through a proxy, check that the system proxy settings are right.';

export const TRANSPORT_EXPLANATIONS: Readonly<Record<TransportOutcome, Explanation>> = {
  'network:dns': {
    tone: 'error',
    title: 'Server name not found',
    meaning: 'The computer could not look up the token URL’s host name. No request was sent.',
    causes: [
      'The host name is mistyped.',
      'This computer is offline, or its DNS is not working.',
      'A VPN or company network hides the host.',
    ],
    nextSteps: ['Check the token URL, or choose a preset.', 'Check the internet connection.', STEP.sandbox],
  },
  'network:refused': {
    tone: 'error',
    title: 'Connection refused',
    meaning: 'The server’s machine was reached, but nothing accepted the connection on that port.',
    causes: [
      'The URL has the wrong port.',
      'A local or test server is not running.',
      'A firewall actively rejects the connection.',
    ],
    nextSteps: ['Check the port in the token URL.', 'Start the server you are testing against.'],
  },
  'network:reset': {
    tone: 'error',
    title: 'Connection dropped',
    meaning: 'The connection was closed before a complete answer arrived.',
    causes: [
      'A proxy, firewall or load balancer cut the connection.',
      'The server crashed or restarted mid-answer.',
    ],
    nextSteps: ['Try again.', CHECK_PROXY],
  },
  'network:unreachable': {
    tone: 'error',
    title: 'Server unreachable',
    meaning: 'There is no network route to the server, or connecting to it took too long.',
    causes: [
      'This computer is offline or on a network that blocks the host.',
      'A VPN is required, or is in the way.',
    ],
    nextSteps: ['Check the internet connection and VPN.', CHECK_PROXY],
  },
  'network:offline': {
    tone: 'error',
    title: 'No internet connection',
    meaning: 'The computer reports that it has no network connection.',
    causes: ['Wi-Fi or cable disconnected, or the network changed during the request.'],
    nextSteps: ['Reconnect and try again.', STEP.sandbox],
  },
  'network:tls-untrusted': {
    tone: 'error',
    title: 'Certificate not trusted',
    meaning:
      'The server’s certificate is not signed by an authority this computer trusts, so the app stopped before sending the credentials.',
    causes: [
      'A company proxy inspects HTTPS with its own certificate authority that is not installed on this computer.',
      'A test server uses a self-signed certificate.',
      'Someone is intercepting the connection.',
    ],
    nextSteps: [
      'On a company network, ask IT to install their root certificate in the operating system’s certificate store.',
      'Never turn certificate checks off to make this go away: the secret would go to whoever answered.',
    ],
  },
  'network:tls-expired': {
    tone: 'error',
    title: 'Certificate expired or not yet valid',
    meaning:
      'The server’s certificate is outside its validity dates, so the app did not send the credentials.',
    causes: ['The computer’s clock is wrong.', 'The server’s certificate has expired.'],
    nextSteps: ['Check the date and time on this computer.', 'Try again later if the server is at fault.'],
  },
  'network:tls-hostname': {
    tone: 'error',
    title: 'Certificate is for another host',
    meaning:
      'The certificate does not match the host name in the token URL, so the app did not send the credentials.',
    causes: [
      'The URL uses an address or alias that the certificate does not cover.',
      'Something is intercepting the connection.',
    ],
    nextSteps: ['Use the host name exactly as published, or choose a preset.'],
  },
  'network:tls-other': {
    tone: 'error',
    title: 'Secure connection failed',
    meaning: 'The encrypted connection could not be set up, so the app did not send the credentials.',
    causes: [
      'The server speaks an outdated TLS version or cipher.',
      'A proxy interferes with HTTPS.',
      'The URL points an https: address at a plain-HTTP port.',
    ],
    nextSteps: ['Check the token URL and port.', CHECK_PROXY],
  },
  'network:proxy': {
    tone: 'error',
    title: 'Proxy failed',
    meaning: 'The proxy could not be used to reach the server.',
    causes: [
      'The proxy is down, or its address or port is wrong (HTTPS_PROXY, or the system proxy settings).',
      'The proxy setting names a kind of proxy the app cannot use, such as SOCKS (use an HTTP proxy).',
      'The proxy settings are out of date.',
    ],
    nextSteps: [CHECK_PROXY, 'Ask whoever runs the proxy to allow the Telstra API host.'],
  },
  'network:proxy-auth': {
    tone: 'error',
    title: 'Proxy login needed',
    meaning:
      'The proxy between this computer and the server asked for a login (407), so the request went no further. Nothing reached the token server.',
    causes: [
      'The proxy needs a user name and password, and none were given, or they were refused.',
      'The proxy accepts only a login method the app does not offer (such as Kerberos or NTLM).',
    ],
    nextSteps: [
      'From the command line: put the proxy login in the proxy address, as with curl (https_proxy=http://USER:PASSWORD@proxy:PORT); it is never printed.',
      'Ask whoever runs the proxy which login it expects, or to allow the Telstra API host without one.',
    ],
  },
  'network:proxy-refused': {
    tone: 'error',
    title: 'Proxy refused the connection',
    meaning:
      'The proxy would not open a connection to the server (its status is in the low-level code shown below: 403 is a block, 502 or 504 means it could not reach the server). Nothing reached the token server.',
    causes: [
      'The proxy’s rules block this host or port.',
      'The proxy could not reach the server: a wrong host name, or the server is down.',
    ],
    nextSteps: [
      'Check the host name in the token URL.',
      'Ask whoever runs the proxy to allow the Telstra API host, or add it to NO_PROXY if it can be reached directly.',
    ],
  },
  'network:other': {
    tone: 'error',
    title: 'Network error',
    meaning: 'The request failed before any answer came back.',
    causes: [
      'A network problem the operating system did not name precisely; the low-level code is shown below.',
    ],
    nextSteps: ['Try again.', 'Check the internet connection.', STEP.sandbox],
  },
  timeout: {
    tone: 'error',
    title: 'No answer in time',
    meaning: 'The server did not finish answering before the deadline, so the app gave up.',
    causes: ['The server or network is very slow.', 'A firewall silently drops the traffic.'],
    nextSteps: ['Try again.', 'Check the connection and proxy settings.'],
  },
  cancelled: {
    tone: 'warning',
    title: 'Cancelled',
    meaning: 'You cancelled the request before an answer arrived. Nothing more was sent.',
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
  'app-error': APP_ERROR,
};
