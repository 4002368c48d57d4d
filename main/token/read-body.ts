// Reads a response body as text with a hard cap, so a huge or endless answer fails clearly
// without ever being buffered whole.
import type { FetchedResponse } from './fetch-like';

export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`The answer is larger than ${limitBytes} bytes.`);
    this.name = 'BodyTooLarge';
  }
}

const UTF8 = new TextDecoder('utf-8');

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
    return UTF8.decode(await response.arrayBuffer());
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
