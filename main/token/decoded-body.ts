// The body of a node:http answer as the server meant it, for node-http-fetch.ts: a body compressed
// unasked is decoded, as fetch and Chromium decode it.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { ZlibOptions } from 'node:zlib';

const NO_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/** The most codings one answer may list, as Node's fetch (undici) allows; more is refused. */
export const MAX_CODINGS = 5;

/** An answer whose Content-Encoding lists more codings than MAX_CODINGS: a decompression bomb's shape. */
export class TooManyCodings extends Error {
  readonly code = 'ERR_HTTP_TOO_MANY_CONTENT_ENCODINGS';
  constructor(count: number) {
    super(`The answer lists ${count} content codings; at most ${MAX_CODINGS} are decoded.`);
    this.name = 'TooManyCodings';
  }
}

/**
 * The body as the server meant it. Nothing here asks for compression, but a server (or a gateway
 * in front of it) may compress anyway; Node's fetch and Chromium (the desktop app) decode such a
 * body, so without this the same answer was a token or confirmed Messaging access in the window
 * and "not understood", with compressed bytes for an excerpt, on the command line and in browser
 * mode. Codings are read as fetch (undici) reads them: the header's list (one header or several,
 * "gzip, br"), each trimmed and in any case, decoded last one first (a list was passed on still
 * compressed here before); a list holding any other coding (identity, an unknown or an empty one)
 * is passed on as sent; more than MAX_CODINGS are refused before the body is read (refusedCodings).
 * The body cap counts the decoded bytes (main/token/read-body.ts reads a compressed body piece by
 * piece), so a small body that inflates enormously, in one layer or several, is stopped at it; a
 * body that does not decode fails as Z_DATA_ERROR, an answer not understood, as fetch's does.
 */
export function decodedBody(response: IncomingMessage): Readable {
  const codings = codingsOf(response);
  if (
    codings === null ||
    codings.length > MAX_CODINGS ||
    !codings.every((coding) => KNOWN_CODINGS.has(coding))
  )
    return response;
  let body: Readable = response;
  for (const coding of codings.reverse()) body = decoded(body, coding);
  return body;
}

/**
 * The answer's codings as fetch reads them (Node's parser joins a repeated header with ", "), or
 * null for none, and for statuses that have no body: never decoded (an empty gzip stream fails).
 */
function codingsOf(response: IncomingMessage): string[] | null {
  const header = response.headers['content-encoding'];
  if (header === undefined || NO_BODY_STATUSES.has(response.statusCode ?? 0)) return null;
  return header.split(',').map((coding) => coding.trim().toLowerCase());
}

/** TooManyCodings for an answer with a body that lists more than MAX_CODINGS; otherwise null. */
export function refusedCodings(response: IncomingMessage): TooManyCodings | null {
  const count = codingsOf(response)?.length ?? 0;
  return count > MAX_CODINGS ? new TooManyCodings(count) : null;
}

const KNOWN_CODINGS: ReadonlySet<string> = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

/** `source` decoded of one coding; a failure on either side ends both, and reaches the reader. */
function decoded(source: Readable, coding: string): Readable {
  const zlib = process.getBuiltinModule('node:zlib');
  // As lenient as fetch and curl are: a stream cut short of its trailer still gives what it holds.
  const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = zlib.constants;
  const lenient = { flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH };
  if (coding === 'deflate') return inflated(source, lenient);
  const decoder =
    coding === 'br'
      ? zlib.createBrotliDecompress({ flush: BROTLI_OPERATION_FLUSH, finishFlush: BROTLI_OPERATION_FLUSH })
      : zlib.createGunzip(lenient);
  return process.getBuiltinModule('node:stream').pipeline(source, decoder, () => undefined);
}

/**
 * A "deflate" body: zlib-wrapped as HTTP says (RFC 1950), or raw deflate (RFC 1951), which some
 * servers send instead, and which Node's fetch and Chromium decode too. Told apart as fetch does:
 * a zlib stream's first byte names its method, 8, in its low four bits.
 */
function inflated(source: Readable, options: ZlibOptions): Readable {
  const { PassThrough, pipeline } = process.getBuiltinModule('node:stream');
  const zlib = process.getBuiltinModule('node:zlib');
  const out = new PassThrough();
  const failed = (error: Error) => out.destroy(error);
  source.once('error', failed);
  source.once('readable', () => {
    source.off('error', failed);
    if (out.destroyed) return;
    const first = source.read(1) as Buffer | null;
    if (first !== null) source.unshift(first);
    const raw = first !== null && (first[0]! & 0x0f) !== 0x08;
    pipeline(
      source,
      raw ? zlib.createInflateRaw(options) : zlib.createInflate(options),
      out,
      () => undefined,
    );
  });
  return out;
}
