// The little of fetch that the token service and the access check use, so that they can run on
// Electron's net.request (the app, through electron-request-fetch.ts), Node's fetch (tests) or
// node:http (the command line, browser mode and bridge mode, which start faster without Node's fetch).
// A standard `Response` satisfies `FetchedResponse` as it is.

export interface FetchInit {
  /** POST for the token; GET for the read-only Messaging access check (main/access/). */
  readonly method: 'POST' | 'GET';
  readonly headers: Record<string, string>;
  readonly body: URLSearchParams | null;
  /** Always 'manual': a redirect is reported, never followed with the credentials. */
  readonly redirect: 'manual';
  // No cookies, no cache, no referrer: the one transport that has them, Chromium's network stack
  // (electron-request-fetch.ts), is told so by its adapter on every request. Node's fetch (tests)
  // and node:http have none of the three, and spelling them out for Node's fetch costs
  // it a measurable share of a loopback request (npm run bench) and adds no-cache headers besides.
  readonly signal: AbortSignal;
}

export type BodyChunk = { readonly done: boolean; readonly value?: Uint8Array | undefined };

export interface BodyReader {
  read(): Promise<BodyChunk>;
  cancel(): Promise<void>;
}

export interface FetchedResponse {
  readonly status: number;
  readonly statusText: string;
  /** 'opaqueredirect' when a fetch stopped at a redirect (redirect: 'manual'). */
  readonly type: string;
  readonly headers: {
    /** The value, several joined with ", ", or null; names are case-insensitive. */
    get(name: string): string | null;
    /** Names in lower case. */
    forEach(each: (value: string, name: string) => void): void;
  };
  readonly body: { getReader(): BodyReader; cancel(): Promise<void> } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchLike = ((url: string, init: FetchInit) => Promise<FetchedResponse>) & {
  /**
   * True when the transport itself connects plain http: only to a loopback address, whatever a
   * name resolves to (node:http with its lookup check; Chromium, which answers "localhost" and
   * "*.localhost" with loopback itself). Otherwise plain http: goes only to a literal 127.x or ::1.
   */
  readonly loopbackChecked?: true;
};
