// Reads a response body as text with a hard cap, so a huge or endless answer fails clearly
// without ever being buffered whole.
import type { FetchedResponse } from './fetch-like';
import { lowLevelCodeOf } from './network-error';

export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`The answer is larger than ${limitBytes} bytes.`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * Why an answer's body was not read, to follow "The server answered 429…,": larger than the cap,
 * or what failed as it was read (a body that does not decode, a connection closed part-way), its
 * code or words redacted.
 */
export function unreadBody(error: unknown, redact: (text: string) => string): string {
  return error instanceof BodyTooLarge
    ? `with a body larger than ${error.limitBytes} bytes; the app stopped reading it`
    : `and its body could not be read (${lowLevelCodeOf(error, redact)})`;
}

/**
 * A read that the deadline or a Cancel cut short, with the text that had come of the body: null
 * where it was being read in one go (a declared length), so what had come is not known. It can
 * hold the token of an answer that was arriving, which is then cut from what is kept of it.
 */
export class StoppedReading extends Error {
  constructor(readonly partial: string | null) {
    super('The body was still arriving when the request was stopped.');
    this.name = 'StoppedReading';
  }
}

/**
 * The body as text, at most `maxBytes`. A read that `signal` cut short (the deadline, Cancel) is no
 * answer, even where it ended without an error: a body delimited by the connection's close ends
 * just the same when the connection is closed by the abort, so what arrived would pass for whole.
 * Such a read throws StoppedReading.
 */
export async function readCappedText(
  response: FetchedResponse,
  maxBytes: number,
  signal: AbortSignal,
): Promise<string> {
  const pieces: Uint8Array[] = [];
  let text: string;
  try {
    text = await readCapped(response, maxBytes, pieces);
  } catch (error) {
    if (error instanceof BodyTooLarge || !signal.aborted) throw error;
    throw new StoppedReading(
      pieces.length === 0 && inOneGo(response) ? null : utf8Text(Buffer.concat(pieces)),
    );
  }
  if (signal.aborted) throw new StoppedReading(text);
  return text;
}

/** A body that declares its length (within the cap) cannot grow past it: HTTP framing ends it there. */
const inOneGo = (response: FetchedResponse): boolean => {
  const declared = Number(response.headers.get('content-length'));
  return Number.isSafeInteger(declared) && declared > 0 && response.headers.get('content-encoding') === null;
};

async function readCapped(
  response: FetchedResponse,
  maxBytes: number,
  pieces: Uint8Array[],
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(maxBytes);
  }
  if (!response.body) return '';
  // Read in one go where it can be (inOneGo), which is quicker than streaming it piece by piece.
  if (inOneGo(response)) return utf8Text(new Uint8Array(await response.arrayBuffer()));
  // Otherwise piece by piece, counting as it comes. The pieces are kept and decoded once at the end
  // (at most the cap, so nothing unbounded is held): a character split across two pieces is whole
  // again by then, and no TextDecoder is made per answer, which is a measurable share of a
  // loopback request (npm run bench; answers without a Content-Length come chunked).
  const reader = response.body.getReader();
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value === undefined) continue;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(maxBytes);
    }
    pieces.push(value);
  }
  return utf8Text(
    pieces.length === 1 && pieces[0] !== undefined ? pieces[0] : Buffer.concat(pieces, received),
  );
}

/**
 * UTF-8 as TextDecoder reads it: Buffer's decoder is several times quicker for one small piece;
 * both replace malformed UTF-8 with U+FFFD, and a byte-order mark is dropped as TextDecoder would.
 */
function utf8Text(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
