// A FetchLike on node:http and node:https, for the command line: Node's own fetch costs a cold
// process about 100 ms to load (undici, web streams, its WebAssembly HTTP parser), most of the
// CLI's start-up. It sends exactly what the token service asks for and keeps fetch's rules:
// redirects are returned, never followed; no cookies, no cache, no compression asked for; the
// signal aborts the request and its body; certificates are verified (Node's defaults). Plain
// http: connects only to an address that is loopback (main/token/loopback-lookup.ts).
import type { IncomingMessage } from 'node:http';
import type { BodyReader, FetchedResponse, FetchLike } from './fetch-like';
import { isLoopbackAddress, loopbackOnly, NotLoopbackAddress, type Lookup } from './loopback-lookup';

/** A node:http fetch resolving names with `resolve` (the OS resolver, dns.lookup, by default). */
export function createNodeHttpFetch(resolve?: Lookup): FetchLike {
  const fetchOverNodeHttp = (url: string, init: Parameters<FetchLike>[1]) => send(url, init, resolve);
  return Object.assign(fetchOverNodeHttp, { loopbackChecked: true as const });
}

async function send(url: string, init: Parameters<FetchLike>[1], resolve?: Lookup): Promise<FetchedResponse> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError(`Only http: and https: URLs can be fetched, not ${target.protocol}`);
  }
  // An address in the URL is not looked up: it is judged as it is.
  const literal = /^[\d.]+$|^\[.*\]$/.test(target.hostname);
  if (target.protocol === 'http:' && literal && !isLoopbackAddress(target.hostname)) {
    throw new NotLoopbackAddress(target.hostname, target.hostname);
  }
  const lookup =
    target.protocol === 'http:'
      ? loopbackOnly(resolve ?? process.getBuiltinModule('node:dns').lookup)
      : resolve;
  // Loaded on first use, so commands that send nothing start without them; TLS only for https:.
  // Synchronously: a dynamic import() would first start Node's ES module loader.
  const { request: open } =
    target.protocol === 'https:'
      ? process.getBuiltinModule('node:https')
      : process.getBuiltinModule('node:http');
  const body = Buffer.from(init.body.toString(), 'utf8');
  return new Promise<FetchedResponse>((resolve, reject) => {
    const request = open(target, {
      method: init.method,
      headers: { ...init.headers, 'Content-Length': String(body.byteLength) },
      signal: init.signal,
      // A connection of its own, closed after the answer: nothing lingers once the process is done.
      agent: false,
      ...(lookup ? { lookup } : {}),
    });
    request.once('response', (response) => resolve(wrapResponse(response)));
    request.once('error', reject);
    request.end(body);
  });
}

export const nodeHttpFetch: FetchLike = createNodeHttpFetch();

function wrapResponse(response: IncomingMessage): FetchedResponse {
  const raw = response.headers;
  const value = (name: string): string | null => {
    const found = raw[name];
    if (found === undefined) return null;
    return Array.isArray(found) ? found.join(', ') : found;
  };
  let reader: BodyReader | null = null;
  const cancel = () => {
    response.destroy();
    return Promise.resolve();
  };
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
        const chunks = response[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
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
      for await (const part of response as AsyncIterable<Buffer>) parts.push(part);
      const whole = Buffer.concat(parts);
      return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength);
    },
  };
}
