// Reads a response body as text with a hard cap, so a huge or endless answer fails clearly
// without ever being buffered whole.
import type { FetchedResponse } from './fetch-like';

export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`The answer is larger than ${limitBytes} bytes.`);
    this.name = 'BodyTooLarge';
  }
}

export async function readCappedText(response: FetchedResponse, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(maxBytes);
  }
  if (!response.body) return '';
  // A body that declares its length (within the cap) cannot grow past it: HTTP framing ends it
  // there. Read it in one go, which is quicker than streaming it piece by piece.
  if (Number.isSafeInteger(declared) && declared > 0 && response.headers.get('content-encoding') === null) {
    // Buffer's decoder is several times quicker than TextDecoder for one small piece; both replace
    // malformed UTF-8 with U+FFFD, and a byte-order mark is dropped as TextDecoder would.
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value === undefined) continue;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
