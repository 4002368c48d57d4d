// A FetchLike on node:http and node:https, for the command line and browser mode: Node's own fetch
// costs a cold process about 100 ms to load (undici, web streams, its WebAssembly HTTP parser),
// most of the CLI's start-up. It sends exactly what the token service asks for and keeps fetch's
// rules: redirects are returned, never followed; no cookies, no cache, no compression asked for
// (but a body compressed unasked is decoded, as fetch and Chromium decode it); the signal aborts
// the request and its body; certificates are verified (Node's defaults). Plain
// http: connects only to an address that is loopback (main/token/loopback-lookup.ts).
// Behind a company proxy (HTTPS_PROXY and friends, curl's rules: proxy.ts) https: requests go
// through a CONNECT tunnel (https-proxy-agent), so the proxy sees the host name, never the
// credentials; a proxy's own refusal is reported as the proxy's, not as the server's answer.
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type { Env } from '../config';
import type { BodyReader, FetchedResponse, FetchInit, FetchLike } from './fetch-like';
import {
  isLoopbackAddress,
  localhostAsLoopback,
  loopbackOnly,
  NotLoopbackAddress,
  type Lookup,
} from './loopback-lookup';
import { classifyNetworkCode } from '../../app/network-codes';
import { decodedBody, refusedCodings } from './decoded-body';
import { networkCodeOf, StoppedAtProxy } from './network-error';
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

/** The server answered 101 Switching Protocols, which no request of the app asks for. */
class UnexpectedUpgrade extends Error {
  readonly code = 'ERR_UNEXPECTED_UPGRADE';
  constructor() {
    super('The server switched protocols (101) instead of answering.');
    this.name = 'UnexpectedUpgrade';
  }
}

/** The connection closed before any answer, and nothing said why. */
class PrematureClose extends Error {
  readonly code = 'ERR_STREAM_PREMATURE_CLOSE';
  constructor() {
    super('The connection closed before an answer.');
    this.name = 'PrematureClose';
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
function proxyFailureCode(error: unknown): string {
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

type Via = {
  readonly agent: Agent | false;
  readonly proxied: boolean;
  /** Whether a login (Proxy-Authorization) goes to the proxy. */
  readonly login?: boolean;
};

async function routeFor(target: URL, env: Env | undefined, signal: AbortSignal | undefined): Promise<Via> {
  // A connection of its own, closed after the answer: nothing lingers once the process is done.
  const direct: Via = { agent: false, proxied: false };
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

export interface NodeHttpFetchOptions {
  /** The environment whose proxy settings requests follow (none: always direct). */
  readonly env?: Env;
  /** Resolves names (the OS resolver, dns.lookup, by default). */
  readonly resolve?: Lookup;
}

/**
 * dns.lookup, with node:dns loaded on the first name to resolve: an address in the URL (the CLI's
 * usual http://127.0.0.1:PORT) is never looked up, and loading it costs a cold start about a ms.
 */
const systemLookup: Lookup = (hostname, options, callback) =>
  process.getBuiltinModule('node:dns').lookup(hostname, options, callback);

/** A fetch over node:http and node:https. */
export function createNodeHttpFetch({ env, resolve }: NodeHttpFetchOptions = {}): FetchLike {
  const fetchOverNodeHttp = async (url: string, init: FetchInit) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new TypeError(`Only http: and https: URLs can be fetched, not ${target.protocol}`);
    }
    // An address in the URL is not looked up: it is judged as it is.
    const literal = /^[\d.]+$|^\[.*\]$/.test(target.hostname);
    if (target.protocol === 'http:' && literal && !isLoopbackAddress(target.hostname)) {
      throw new NotLoopbackAddress(target.hostname, target.hostname);
    }
    const names = localhostAsLoopback(resolve ?? systemLookup);
    const lookup = target.protocol === 'http:' ? loopbackOnly(names) : names;
    return send(target, init, await routeFor(target, env, init.signal ?? undefined), lookup);
  };
  return Object.assign(fetchOverNodeHttp, { loopbackChecked: true as const });
}

export const nodeHttpFetch: FetchLike = createNodeHttpFetch();

function send(target: URL, init: FetchInit, via: Via, lookup: Lookup | undefined): Promise<FetchedResponse> {
  // Loaded on first use, so commands that send nothing start without them; TLS only for https:.
  // Synchronously: a dynamic import() would first start Node's ES module loader.
  const { request: open } =
    target.protocol === 'https:'
      ? process.getBuiltinModule('node:https')
      : process.getBuiltinModule('node:http');
  const body = init.body === null ? null : Buffer.from(init.body.toString(), 'utf8');
  return new Promise<FetchedResponse>((resolve, reject) => {
    let tunnelled = false;
    const request: ClientRequest = open(target, {
      method: init.method,
      headers: body === null ? init.headers : { ...init.headers, 'Content-Length': String(body.byteLength) },
      signal: init.signal,
      agent: via.agent,
      ...(lookup ? { lookup } : {}),
    });
    if (via.proxied && init.signal) {
      // A request destroyed before it has a socket emits nothing until it gets one, and the proxy
      // agent hands it one only once the proxy has answered the CONNECT: with a proxy that never
      // answers, the deadline and Cancel did nothing, and the call waited for as long as the proxy
      // kept the connection open. So an abort ends the call itself (the signal tells which).
      const signal = init.signal;
      // Before the proxy opened a tunnel: said as such (token-failure.ts), nothing reached the server.
      const aborted = () =>
        reject(
          !tunnelled
            ? new StoppedAtProxy()
            : signal.reason instanceof Error
              ? signal.reason
              : new PrematureClose(),
        );
      if (signal.aborted) aborted();
      else signal.addEventListener('abort', aborted, { once: true });
      request.once('close', () => signal.removeEventListener('abort', aborted));
    }
    if (via.proxied) {
      request.once('proxyConnect', (answer: ProxyAnswer) => {
        const refusal = proxyRefusalCode(answer, via.login === true);
        if (refusal === null) {
          tunnelled = true;
          return;
        }
        // The proxy refused the tunnel: its answer is not the token server's, and nothing was sent.
        reject(new ProxyError(refusal));
        request.destroy();
      });
    }
    request.once('response', (response) => {
      // An error after the answer began (a malformed chunk, say: the parser's HPE_ code) comes to
      // the request alone; the body only hears "aborted" (ECONNRESET), a dropped connection. Bytes
      // after a whole answer (a 204's "body") are no answer's: they end nothing.
      request.on('error', (error) => response.complete || response.destroy(error));
      // Refused as fetch refuses it, before anything is read (too many content codings).
      const refused = refusedCodings(response);
      if (refused === null) return resolve(wrapResponse(response, init.signal ?? undefined));
      response.destroy();
      reject(refused);
    });
    // A 101 to a request that asked for no upgrade is no answer: Node hands the socket to an
    // 'upgrade' listener or, without one, closes it without a word, and the call would never end.
    request.once('upgrade', (_response, socket: { destroy(): void }) => {
      socket.destroy();
      reject(new UnexpectedUpgrade());
    });
    // Closed with neither an answer nor an error (whatever the cause): a failure all the same, so
    // the call always ends (an abort's is still told by the signal). After an answer or an error
    // this changes nothing.
    request.once('close', () => reject(new PrematureClose()));
    request.once('error', (error) => {
      const aborted = (error as { name?: unknown }).name === 'AbortError';
      reject(
        via.proxied && !tunnelled && !aborted
          ? new ProxyError(proxyFailureCode(error), { cause: error })
          : error,
      );
    });
    if (body === null) request.end();
    else request.end(body);
  });
}

function wrapResponse(response: IncomingMessage, signal: AbortSignal | undefined): FetchedResponse {
  const raw = response.headers;
  const value = (name: string): string | null => {
    const found = raw[name];
    if (found === undefined) return null;
    return Array.isArray(found) ? found.join(', ') : found;
  };
  let reader: BodyReader | null = null;
  const body = decodedBody(response);
  const cancel = () => {
    body.destroy();
    response.destroy();
    return Promise.resolve();
  };
  // The signal (Cancel, the deadline) ends the body too, as fetch's: node:http ends only a body
  // still arriving. One come whole was left to its decoders, and a kB in five layers can decode for
  // many minutes to nothing (no byte for the cap to count): the call outlived its deadline.
  if (signal !== undefined) {
    const stop = () => {
      body.destroy(new DOMException('The request was aborted.', 'AbortError'));
      response.destroy();
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    body.once('close', () => signal.removeEventListener('abort', stop));
  }
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    type: 'basic',
    headers: {
      get: (name) => value(name.toLowerCase()),
      forEach(each) {
        // Sorted, as a fetch Headers object iterates.
        for (const name of Object.keys(raw).sort()) {
          const found = value(name);
          if (found !== null) each(found, name);
        }
      },
    },
    body: {
      getReader() {
        if (reader) return reader;
        const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        reader = {
          async read() {
            const next = await chunks.next();
            return next.done === true ? { done: true } : { done: false, value: next.value };
          },
          cancel,
        };
        return reader;
      },
      cancel,
    },
    async arrayBuffer() {
      const parts: Buffer[] = [];
      for await (const part of body as AsyncIterable<Buffer>) parts.push(part);
      const whole = Buffer.concat(parts);
      return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength);
    },
  };
}
