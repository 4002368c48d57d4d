// A FetchLike on node:http and node:https, for the command line and browser mode: Node's own fetch
// costs a cold process about 100 ms to load (undici, web streams, its WebAssembly HTTP parser),
// most of the CLI's start-up. It sends exactly what the token service asks for and keeps fetch's
// rules: redirects are returned, never followed; no cookies, no cache, no compression asked for
// (but a body compressed unasked is decoded, as fetch and Chromium decode it); the signal aborts
// the request and its body; certificates are verified (Node's defaults). Plain
// http: connects only to an address that is loopback (main/token/loopback-lookup.ts). Behind a
// company proxy, https: requests go through a CONNECT tunnel (proxy-route.ts). Direct connections
// are kept for the next request to the same server, as fetch and Chromium keep theirs.
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
import { decodedBody, refusedCodings } from './decoded-body';
import { StoppedAtProxy } from './network-error';
import {
  ProxyError,
  proxyFailureCode,
  proxyRefusalCode,
  routeFor,
  type ProxyAnswer,
  type Via,
} from './proxy-route';

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

/**
 * How long a kept connection may sit idle before it is closed: less than common servers' own idle
 * limits (Node's 5 s; nginx's 75 s), so that a server seldom closes one just as a request goes out
 * on it. A server that says less in its Keep-Alive header is believed (Node's agent).
 */
const IDLE_MS = 4_000;

function keptAliveAgent(protocol: 'http:' | 'https:'): Agent {
  const { Agent: KeptAlive } =
    protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http');
  return new KeptAlive({ keepAlive: true, timeout: IDLE_MS });
}

/** A connection of its own, closed after the answer: for a request sent again (send). */
const ONE_OFF: Via = { agent: false, proxied: false };

/** How a kept connection the server had already closed fails a request sent on it. */
const CLOSED_UNDER_US: ReadonlySet<unknown> = new Set(['ECONNRESET', 'EPIPE']);

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
  // Direct connections are kept open for the next request to the same host and port, as fetch and
  // Chromium keep them (one TLS handshake for a batch of checks, not one per request); made on
  // first use, so a command that sends nothing loads no TLS.
  const direct: Partial<Record<'http:' | 'https:', Via>> = {};
  const directVia = (protocol: 'http:' | 'https:'): Via =>
    (direct[protocol] ??= { agent: keptAliveAgent(protocol), proxied: false });
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
    const via = await routeFor(target, env, init.signal ?? undefined, directVia(target.protocol));
    return send(target, init, via, lookup);
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
    let answered = false;
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
      answered = true;
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
      // On a connection kept from an earlier request, which the server closed meanwhile (servers
      // close idle ones when they like, and may not say when): sent once more, on a new connection,
      // as Chromium does. Never after an answer began, nor after Cancel or the deadline.
      const closedUnderUs = request.reusedSocket && !answered && !aborted && init.signal?.aborted !== true;
      if (closedUnderUs && CLOSED_UNDER_US.has((error as { code?: unknown }).code)) {
        resolve(send(target, init, ONE_OFF, lookup));
        return;
      }
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
