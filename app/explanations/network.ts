// Explanations for requests that failed below HTTP, one per cause (app/network-codes.ts says
// which low-level codes make each cause). The window, the report and the command line always
// show the low-level code next to these words, so none of them needs to quote it; and none may
// promise anything else on screen.
import type { NetworkCause } from '../network-codes';
import { STEP, type Explanation } from './types';

const CHECK_PROXY =
  'If this computer reaches the internet through a proxy, check that the system proxy settings are right.';
const NEVER_DISABLE_CHECKS =
  'Never turn certificate checks off to make this go away: the secret would go to whoever answered.';
const NOTHING_SENT_TLS = 'so the app stopped before sending the credentials.';

export const NETWORK_EXPLANATIONS: Readonly<Record<`network:${NetworkCause}`, Explanation>> = {
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
      'The URL says http: for a server that speaks only https: (a local test server, say), which closes such a connection without a word.',
    ],
    nextSteps: ['Try again.', CHECK_PROXY],
  },
  'network:unreachable': {
    tone: 'error',
    title: 'Server unreachable',
    meaning: 'There is no network route to the server’s address. No request was sent.',
    causes: [
      'This computer is offline or on a network that blocks the host.',
      'A VPN is required, or is in the way.',
    ],
    nextSteps: ['Check the internet connection and VPN.', CHECK_PROXY],
  },
  'network:timed-out': {
    tone: 'error',
    title: 'Connection timed out',
    meaning:
      'The network stack gave up waiting for the server: it did not accept the connection, or stopped answering part-way.',
    causes: [
      'A firewall silently drops the traffic.',
      'The server is down or overloaded.',
      'The network is very slow, or a VPN is required.',
    ],
    nextSteps: ['Try again.', 'Check the connection, VPN and proxy settings.'],
  },
  'network:offline': {
    tone: 'error',
    title: 'No internet connection',
    meaning: 'The computer reports that it has no network connection.',
    causes: ['Wi-Fi or cable disconnected, or the network changed during the request.'],
    nextSteps: ['Reconnect and try again.', STEP.sandbox],
  },
  'network:blocked': {
    tone: 'error',
    title: 'Blocked on this computer',
    meaning: 'The request was stopped on this computer before it reached the server.',
    causes: [
      'A firewall, security product or administrator policy does not allow this app to reach the host.',
      'The operating system refused the connection (permission denied).',
    ],
    nextSteps: [
      'Ask whoever manages this computer to allow connections to the token URL’s host.',
      STEP.sandbox,
    ],
  },
  'network:bad-port': {
    tone: 'error',
    title: 'Port not allowed',
    meaning:
      'The token URL names a port that web clients refuse to connect to, because other protocols (mail, file sharing, X11…) live there. No request was sent.',
    causes: [
      'The port in the token URL is mistyped.',
      'A local test server listens on one of the refused ports (for example 6000 or 10080).',
    ],
    nextSteps: [
      'Check the port in the token URL; Telstra’s endpoints need none.',
      'Move a test server to another port, such as 8080.',
    ],
  },
  'network:address-invalid': {
    tone: 'error',
    title: 'Address cannot be used',
    meaning: 'The server’s address or port cannot be connected to from this computer. No request was sent.',
    causes: [
      'The token URL holds an address that is not a server’s (for example 0.0.0.0, or port 0).',
      'The address belongs to a network family this computer has not set up (such as IPv6).',
    ],
    nextSteps: ['Check the host and port in the token URL, or choose a preset.'],
  },
  'network:tls-untrusted': {
    tone: 'error',
    title: 'Certificate not trusted',
    meaning: `The server’s certificate is not signed by an authority this computer trusts, ${NOTHING_SENT_TLS}`,
    causes: [
      'A company proxy inspects HTTPS with its own certificate authority that is not installed on this computer.',
      'A test server uses a self-signed certificate.',
      'Someone is intercepting the connection.',
    ],
    nextSteps: [
      'On a company network, ask IT to install their root certificate in the operating system’s certificate store.',
      'From the command line or browser mode, which trust Node’s own list of authorities and not the operating system’s store: name the root certificate’s PEM file in NODE_EXTRA_CA_CERTS (NODE_EXTRA_CA_CERTS=/path/to/root.pem).',
      NEVER_DISABLE_CHECKS,
    ],
  },
  'network:tls-expired': {
    tone: 'error',
    title: 'Certificate expired or not yet valid',
    meaning: `The server’s certificate is outside its validity dates, ${NOTHING_SENT_TLS}`,
    causes: ['The computer’s clock is wrong.', 'The server’s certificate has expired.'],
    nextSteps: ['Check the date and time on this computer.', 'Try again later if the server is at fault.'],
  },
  'network:tls-hostname': {
    tone: 'error',
    title: 'Certificate is for another host',
    meaning: `The certificate does not match the host name in the token URL, ${NOTHING_SENT_TLS}`,
    causes: [
      'The URL uses an address or alias that the certificate does not cover.',
      'Something is intercepting the connection.',
    ],
    nextSteps: ['Use the host name exactly as published, or choose a preset.'],
  },
  'network:tls-revoked': {
    tone: 'error',
    title: 'Certificate revoked',
    meaning: `The server’s certificate has been withdrawn by its authority, or its status could not be checked, ${NOTHING_SENT_TLS}`,
    causes: [
      'The server still uses a certificate that was revoked (for example after its key leaked).',
      'Something is intercepting the connection with a revoked certificate.',
    ],
    nextSteps: ['Try again later, and tell the server’s operator if it persists.', NEVER_DISABLE_CHECKS],
  },
  'network:tls-rejected': {
    tone: 'error',
    title: 'Certificate not acceptable',
    meaning: `The server’s certificate is trusted but breaks a rule certificates must follow (too weak a key or signature, wrong purpose, a broken chain, or a name outside what its authority may certify), ${NOTHING_SENT_TLS}`,
    causes: [
      'The server is misconfigured with an outdated or wrongly issued certificate.',
      'A company proxy or security product replaces certificates with ones of its own.',
    ],
    nextSteps: ['Tell the server’s operator, or IT if a proxy is involved.', NEVER_DISABLE_CHECKS],
  },
  'network:tls-client-cert': {
    tone: 'error',
    title: 'Client certificate required',
    meaning:
      'The server asked this computer for a certificate of its own (mutual TLS), and none was accepted, so it refused the connection. Its own certificate had been checked first; over TLS 1.3 the request may already have gone to it, encrypted, before it refused.',
    causes: [
      'The URL points at a gateway that only admits known devices; Telstra’s token endpoint does not ask for one.',
      'A company proxy demands a device certificate.',
    ],
    nextSteps: ['Check the token URL, or choose a preset.', CHECK_PROXY],
  },
  'network:tls-other': {
    tone: 'error',
    title: 'Secure connection failed',
    meaning: `The encrypted connection could not be set up, ${NOTHING_SENT_TLS}`,
    causes: [
      'The URL points an https: address at a plain-HTTP port.',
      'The server speaks an outdated TLS version or cipher.',
      'A proxy interferes with HTTPS.',
    ],
    nextSteps: ['Check the token URL and port.', CHECK_PROXY],
  },
  'network:proxy': {
    tone: 'error',
    title: 'Proxy failed',
    meaning: 'The proxy could not be used to reach the server.',
    causes: [
      'The proxy is down, or its address or port is wrong (HTTPS_PROXY, or the system proxy settings).',
      'The proxy closed the connection without answering, or answered with something other than an HTTP proxy’s answer (a web page, or another kind of server at that address).',
      'The proxy setting starts with https:// for a proxy that speaks plain HTTP (write http://), or that https:// proxy’s own certificate is not trusted here.',
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
      'From the command line or browser mode: put the proxy login in the proxy address, as with curl (https_proxy=http://USER:PASSWORD@proxy:PORT); it is never printed.',
      'Ask whoever runs the proxy which login it expects, or to allow the Telstra API host without one.',
    ],
  },
  'network:proxy-refused': {
    tone: 'error',
    title: 'Proxy refused the connection',
    meaning:
      'The proxy would not open a connection to the server; its status is part of the network code (403: blocked by its rules; 502 or 504: it could not reach the server). Nothing reached the token server.',
    causes: [
      'The proxy’s rules block this host or port.',
      'The proxy could not reach the server: a wrong host name, or the server is down.',
    ],
    nextSteps: [
      'Check the host name in the token URL.',
      'Ask whoever runs the proxy to allow the Telstra API host, or add it to NO_PROXY if it can be reached directly.',
    ],
  },
  'network:bad-answer': {
    tone: 'error',
    title: 'Answer not understood',
    meaning:
      'Something answered, but not in valid HTTP (malformed or oversized headers, broken encoding), so the app could not read it.',
    causes: [
      'The URL points at a server that speaks another protocol on that port.',
      'A proxy or security product mangled the answer.',
    ],
    nextSteps: ['Check the host and port in the token URL, or choose a preset.', CHECK_PROXY],
  },
  'network:http2': {
    tone: 'error',
    title: 'HTTP/2 exchange failed',
    meaning:
      'The connection spoke HTTP/2, and the exchange broke down: its rules were broken, or the request or the connection was refused or ended, so no answer could be read. This can happen before anything of an answer came, or part-way through one.',
    causes: [
      'A proxy, firewall or security product that inspects HTTPS handles HTTP/2 badly.',
      'The server or its load balancer was busy or restarting, or has a fault in its HTTP/2.',
    ],
    nextSteps: [
      'Try again.',
      'Send the same request from the command line or browser mode, which speak HTTP/1.1: if it works there, the fault is in HTTP/2 between this computer and the server.',
      CHECK_PROXY,
    ],
  },
  'network:aborted': {
    tone: 'error',
    title: 'Request stopped by the system',
    meaning:
      'The network stack stopped the request before an answer arrived. You did not cancel it, and the app’s own deadline had not passed.',
    causes: ['The app or the network service was shutting down.', 'A security product stopped the request.'],
    nextSteps: ['Try again.'],
  },
  'network:resources': {
    tone: 'error',
    title: 'Computer out of resources',
    meaning:
      'This computer ran out of something a connection needs (memory, network buffers or open files), so the request could not be made.',
    causes: ['Too many programs or connections are open.'],
    nextSteps: ['Close programs you do not need, then try again.'],
  },
  'network:other': {
    tone: 'error',
    title: 'Network error',
    meaning: 'The request failed before any answer came back.',
    causes: [
      'A network problem without a more precise name; the network code shown with the technical detail is the system’s own word for it.',
    ],
    nextSteps: ['Try again.', 'Check the internet connection.', STEP.sandbox],
  },
};
