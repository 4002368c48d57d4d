// The token service's transport in the Electron app: Electron's `net.request` (Chromium's network
// stack: the system proxy and certificate store), wrapped as a FetchLike. Not `net.fetch`, for two
// things only Electron shows (issue 11 of the review):
//   - a redirect: with `redirect: 'manual'` net.fetch rejects with "Redirect was cancelled", so its
//     status and Location are lost. net.request reports them in its `redirect` event; not calling
//     followRedirect() cancels it, and the request is aborted besides, so the target gets nothing.
//   - an abandoned body (too large, deadline, Cancel): cancelling net.fetch's body stream leaves the
//     Chromium request alive until the server closes it. Here cancelling aborts the request.
import { STATUS_CODES } from 'node:http';
import type { BodyChunk, BodyReader, FetchedResponse, FetchInit, FetchLike } from './fetch-like';

/** The part of Electron's IncomingMessage used here (documented events: data, end, error, aborted). */
export interface NetResponse {
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly headers: Record<string, string | string[]>;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'aborted', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of Electron's ClientRequest used here. */
export interface NetRequest {
  setHeader(name: string, value: string): void;
  on(event: 'response', listener: (response: NetResponse) => void): unknown;
  on(
    event: 'redirect',
    listener: (
      statusCode: number,
      method: string,
      redirectUrl: string,
      headers: Record<string, string[]>,
    ) => void,
  ): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  abort(): void;
  end(chunk?: string): unknown;
}

export interface NetLike {
  request(options: {
    method: string;
    url: string;
    redirect: 'manual';
    credentials: 'omit';
    cache: 'no-store';
    referrerPolicy: 'no-referrer';
  }): NetRequest;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The request was aborted.', 'AbortError');
}

function headersOf(raw: Record<string, string | string[]>): FetchedResponse['headers'] {
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    lower.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
  }
  return {
    get: (name) => lower.get(name.toLowerCase()) ?? null,
    forEach(each) {
      for (const name of [...lower.keys()].sort()) each(lower.get(name) ?? '', name);
    },
  };
}

/** The body as a reader fed by the response's events; cancelling it aborts the request. */
function bodyOf(response: NetResponse, abort: () => void) {
  const chunks: Buffer[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  response.on('data', (chunk) => {
    chunks.push(chunk);
    notify();
  });
  response.on('end', () => {
    ended = true;
    notify();
  });
  response.on('error', (error) => {
    failure = error;
    notify();
  });
  response.on('aborted', () => {
    failure ??= new Error('net::ERR_CONNECTION_RESET');
    notify();
  });
  const cancel = () => {
    ended = true;
    chunks.length = 0;
    abort();
    notify();
    return Promise.resolve();
  };
  /** The request was aborted (deadline, Cancel) while the body was being read. */
  const fail = (error: Error) => {
    failure = error;
    chunks.length = 0;
    abort();
    notify();
  };
  const reader: BodyReader = {
    async read(): Promise<BodyChunk> {
      for (;;) {
        const next = chunks.shift();
        if (next !== undefined) return { done: false, value: new Uint8Array(next) };
        if (failure) throw failure;
        if (ended) return { done: true };
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    cancel,
  };
  return { reader, cancel, fail };
}

export function electronRequestFetch(net: NetLike): FetchLike {
  return (url: string, init: FetchInit) =>
    new Promise<FetchedResponse>((resolve, reject) => {
      if (init.signal.aborted) return reject(abortError(init.signal));
      const request = net.request({
        method: init.method,
        url,
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
      for (const [name, value] of Object.entries(init.headers)) request.setHeader(name, value);
      let answered = false;
      let failBody: ((error: Error) => void) | null = null;
      init.signal.addEventListener(
        'abort',
        () => {
          request.abort();
          if (!answered) reject(abortError(init.signal));
          else failBody?.(abortError(init.signal));
        },
        { once: true },
      );
      request.on('redirect', (statusCode, _method, redirectUrl, headers) => {
        answered = true;
        // Not followed: followRedirect() is never called, and the request goes no further.
        request.abort();
        const withLocation = { location: [redirectUrl], ...headers };
        resolve({
          status: statusCode,
          statusText: STATUS_CODES[statusCode] ?? '',
          type: 'opaqueredirect',
          headers: headersOf(withLocation),
          body: null,
          arrayBuffer: async () => new ArrayBuffer(0),
        });
      });
      request.on('response', (response) => {
        answered = true;
        const { reader, cancel, fail } = bodyOf(response, () => request.abort());
        failBody = fail;
        resolve({
          status: response.statusCode,
          statusText: response.statusMessage,
          type: 'basic',
          headers: headersOf(response.headers),
          body: { getReader: () => reader, cancel },
          async arrayBuffer() {
            const parts: Uint8Array[] = [];
            for (;;) {
              const next = await reader.read();
              if (next.done) break;
              if (next.value) parts.push(next.value);
            }
            const whole = Buffer.concat(parts);
            return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength);
          },
        });
      });
      request.on('error', (error) => {
        if (!answered) reject(error);
        else failBody?.(error);
      });
      // A GET (the Messaging access check) has no body.
      if (init.body === null) request.end();
      else request.end(init.body.toString());
    });
}
