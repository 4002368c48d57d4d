// What an API call sends browser mode's server after its headers: the body, read only once the
// call has passed every check, and the `Expect` header that may come before it (RFC 9110, 10.1.1;
// only programs send one, browsers never do). Left to Node, "100-continue" is answered before any
// check, inviting the body of a call about to be refused, and any other expectation gets Node's
// own bare 417, before any check and without the headers every answer carries.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { MAX_CALL_BYTES } from '../../app/browser-lane';
import type { Refusal } from './access';

/** The largest valid argument (a token request at every field's limit) is far below this. */
export const MAX_BODY_BYTES = MAX_CALL_BYTES;

/** Answers whose request waits for "100 Continue" before it sends its body. */
const awaitingContinue = new WeakSet<ServerResponse>();

/**
 * The body, or a refusal when it is larger than the cap (declared or streamed), or null when the
 * connection ended before the body did (nothing to answer). A client waiting for "100 Continue"
 * is told to send it now, the checks being passed.
 */
export async function readBody(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<string | Refusal | null> {
  const tooLarge: Refusal = { status: 413, reason: 'The request is too large.' };
  const declared = Number(request.headers['content-length'] ?? '0');
  if (!Number.isFinite(declared) || declared > MAX_BODY_BYTES) return tooLarge;
  if (awaitingContinue.delete(response)) response.writeContinue();
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const part of request as AsyncIterable<Buffer>) {
      size += part.byteLength;
      if (size > MAX_BODY_BYTES) return tooLarge;
      parts.push(part);
    }
  } catch {
    // The peer closed or reset the connection mid-body, or was timed out (requestTimeout): the
    // request stream's only errors. Not a fault of the app's, and any local user can cause it at
    // will, so it is not reported (a line on the terminal for each would be theirs to flood).
    return null;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** `{"arg": …}`, or `{}` for an operation without an argument. */
export function parseCall(body: string): { arg: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return { arg: Object.hasOwn(parsed, 'arg') ? (parsed as { arg: unknown }).arg : undefined };
  } catch {
    return null;
  }
}

/**
 * A request saying "100-continue" goes to `handle` like any other (readBody invites its body once
 * it has passed the checks); any other expectation is refused with `refuse` (the usual headers).
 */
export function handleExpectations(
  server: Server,
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  refuse: (response: ServerResponse, refusal: Refusal) => void,
): void {
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    awaitingContinue.add(response);
    handle(request, response);
  });
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) =>
    refuse(response, { status: 417, reason: 'Only the expectation "100-continue" is understood here.' }),
  );
}
