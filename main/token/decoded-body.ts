// The body of a node:http answer as the server meant it, for node-http-fetch.ts: a body compressed
// unasked is decoded, as fetch and Chromium decode it.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { ZlibOptions } from 'node:zlib';

const NO_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/**
 * The body as the server meant it. Nothing here asks for compression, but a server (or a gateway
 * in front of it) may compress anyway; Node's fetch and Chromium (the desktop app) decode such a
 * body, so without this the same answer was a token or confirmed Messaging access in the window
 * and "not understood", with compressed bytes for an excerpt, on the command line and in browser
 * mode. One coding of the usual ones is decoded; identity, an unknown coding or a list of them is
 * passed on as sent. The body cap counts the decoded bytes (main/token/read-body.ts reads a
 * compressed body piece by piece), so a small body that inflates enormously is stopped at it; a
 * body that does not decode fails as Z_DATA_ERROR, an answer not understood, as fetch's does.
 */
export function decodedBody(response: IncomingMessage): Readable {
  const coding = response.headers['content-encoding']?.trim().toLowerCase();
  // Statuses that have no body are never decoded (nothing to decode; an empty gzip stream fails).
  if (coding === undefined || NO_BODY_STATUSES.has(response.statusCode ?? 0)) return response;
  const zlib = process.getBuiltinModule('node:zlib');
  // As lenient as fetch and curl are: a stream cut short of its trailer still gives what it holds.
  const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = zlib.constants;
  const lenient = { flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH };
  if (coding === 'deflate') return inflated(response, lenient);
  const decoder =
    coding === 'gzip' || coding === 'x-gzip'
      ? zlib.createGunzip(lenient)
      : coding === 'br'
        ? zlib.createBrotliDecompress({
            flush: BROTLI_OPERATION_FLUSH,
            finishFlush: BROTLI_OPERATION_FLUSH,
          })
        : null;
  if (decoder === null) return response;
  // A failure on either side ends both, and reaches whoever reads the decoded body.
  return process.getBuiltinModule('node:stream').pipeline(response, decoder, () => undefined);
}

/**
 * A "deflate" body: zlib-wrapped as HTTP says (RFC 1950), or raw deflate (RFC 1951), which some
 * servers send instead, and which Node's fetch and Chromium decode too. Told apart as fetch does:
 * a zlib stream's first byte names its method, 8, in its low four bits.
 */
function inflated(response: IncomingMessage, options: ZlibOptions): Readable {
  const { PassThrough, pipeline } = process.getBuiltinModule('node:stream');
  const zlib = process.getBuiltinModule('node:zlib');
  const out = new PassThrough();
  const failed = (error: Error) => out.destroy(error);
  response.once('error', failed);
  response.once('readable', () => {
    response.off('error', failed);
    if (out.destroyed) return;
    const first = response.read(1) as Buffer | null;
    if (first !== null) response.unshift(first);
    const raw = first !== null && (first[0]! & 0x0f) !== 0x08;
    pipeline(
      response,
      raw ? zlib.createInflateRaw(options) : zlib.createInflate(options),
      out,
      () => undefined,
    );
  });
  return out;
}
