// node:http's way to a server: direct, or through a company proxy (HTTPS_PROXY and friends, curl's
// rules: proxy.ts) in a CONNECT tunnel (https-proxy-agent), so that the proxy sees the host name,
// never the credentials; and what a proxy's refusal or failure means, as a low-level code the
// explanations are chosen by (a proxy's answer is the proxy's, never the server's).
import type { Agent } from 'node:http';
import type { Env } from '../config';
import { classifyNetworkCode } from '../../app/network-codes';
import { networkCodeOf } from './network-error';
import { proxyFor } from './proxy';

/** A network error with the low-level code the explanations are chosen by. */
export class ProxyError extends Error {
  constructor(
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`Proxy failure (${code})`, options);
    this.name = 'ProxyError';
  }
}

/** The proxy's answer to CONNECT as it came: its status and headers (names in lower case). */
export interface ProxyAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

const PROXY_ANSWER_UNREADABLE = 'ERR_PROXY_INVALID_RESPONSE';

/**
 * What a CONNECT answer other than a usable 200 means, as a code (the status is part of it), or
 * null for a tunnel. `login`: whether a Proxy-Authorization was sent. A status line that is no
 * HTTP status (a web page, or whatever is listening there, in its place) and a 200 with a body
 * (RFC 9110 allows none: a captive portal's page) are an answer the app cannot use, not a tunnel:
 * the body was dropped and the handshake waited for the server's first bytes until the deadline.
 */
export function proxyRefusalCode(
  { statusCode: status, headers }: ProxyAnswer,
  login: boolean,
): string | null {
  if (!Number.isInteger(status) || status < 100 || status > 599) return PROXY_ANSWER_UNREADABLE;
  if (status === 200) {
    const length = headers['content-length'];
    const hasBody =
      headers['transfer-encoding'] !== undefined || (length !== undefined && String(length).trim() !== '0');
    return hasBody ? PROXY_ANSWER_UNREADABLE : null;
  }
  if (status !== 407) return `ERR_PROXY_CONNECT_${status}`;
  // Which logins the proxy takes: the app sends Basic only (from the proxy URL).
  const offered = [headers['proxy-authenticate'] ?? []].flat().join(', ');
  if (offered !== '' && !/(^|[\s,])basic(\s|,|$)/i.test(offered)) return 'ERR_PROXY_AUTH_UNSUPPORTED';
  return login ? 'ERR_PROXY_AUTH_REJECTED' : 'ERR_PROXY_AUTH_REQUIRED';
}

/**
 * Why the connection to the proxy failed before it opened a tunnel: it could not be reached
 * (refused, no such host, no route), an https:// proxy's handshake failed, it closed the
 * connection without answering the CONNECT, or it answered with something that is not HTTP. All
 * but the first were "could not connect" before, the same as a proxy that is down.
 */
export function proxyFailureCode(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const words = typeof message === 'string' ? message : '';
  // An https:// proxy: the handshake with the proxy itself failed, its certificate (as Chromium
  // names it) or otherwise (most often an https:// setting for a proxy that speaks plain HTTP).
  const tls = classifyNetworkCode(networkCodeOf(error));
  if (tls === 'tls-other' || tls === 'tls-client-cert') return 'ERR_PROXY_TLS_FAILED';
  if (tls.startsWith('tls-')) return 'ERR_PROXY_CERTIFICATE_INVALID';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /ended before receiving CONNECT response/.test(words)) {
    return 'ERR_PROXY_CLOSED';
  }
  if (/CONNECT response/.test(words)) return PROXY_ANSWER_UNREADABLE;
  return 'ERR_PROXY_CONNECTION_FAILED';
}

export type Via = {
  readonly agent: Agent | false;
  readonly proxied: boolean;
  /** Whether a login (Proxy-Authorization) goes to the proxy. */
  readonly login?: boolean;
};

export async function routeFor(
  target: URL,
  env: Env | undefined,
  signal: AbortSignal | undefined,
  direct: Via,
): Promise<Via> {
  // Plain http: only ever goes to this computer (app/endpoints.ts), which no proxy can reach.
  if (env === undefined || target.protocol !== 'https:') return direct;
  const choice = proxyFor(target, env);
  if (choice.kind === 'direct') return direct;
  if (choice.kind === 'unsupported') throw new ProxyError('ERR_PROXY_UNSUPPORTED');
  // Loaded only when a proxy is in use, so the usual start-up does not pay for it.
  const { HttpsProxyAgent } = await import('https-proxy-agent');
  // The login goes as a header of ours, never through the agent's own decoding of the URL.
  const headers = choice.authorization === null ? {} : { 'Proxy-Authorization': choice.authorization };
  // The signal also closes the agent's own connection to the proxy, which the request cannot
  // reach until the proxy has answered its CONNECT.
  return {
    agent: new HttpsProxyAgent(choice.url, { keepAlive: false, headers, ...(signal ? { signal } : {}) }),
    proxied: true,
    login: choice.authorization !== null,
  };
}
