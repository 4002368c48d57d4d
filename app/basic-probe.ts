// What "Try HTTP Basic authentication" found, in one sentence. Kept on the main side (like the
// explanations catalog) so the window's bundle does not carry it.
import { codeLike } from './explanations';
import type { TokenResult } from './token-result';

export function basicProbeSummary(body: TokenResult, basic: TokenResult): string {
  // The first attempt stopped after a 401's headers (the checklist shows for those too): neither
  // "but not in the form body" nor "refused both ways" was seen.
  if (cutShort(body))
    return basic.ok
      ? 'The server accepts HTTP Basic. The form-body attempt got no complete answer, so whether the server takes the form body too is not known: send the request again to see.'
      : 'The form-body attempt got no complete answer from the server, so the two ways cannot be compared: send the request again first.';
  if (basic.ok && !body.ok)
    return 'The server accepts HTTP Basic but not credentials in the form body. Tools that send the form body (like Telstra’s samples) will fail with these keys.';
  if (!basic.ok && cutShort(basic))
    return 'The HTTP Basic attempt got no complete answer from the server, so it says nothing about the credentials: try again, or check the values themselves (the checklist above).';
  // 400 invalid_request: the request lacked what the server expects, the credentials among it. A
  // server that does not take HTTP Basic (it is not documented for Telstra's endpoints) answers so
  // to correct credentials too: no verdict on the values, only on the way of sending them.
  if (!basic.ok && !body.ok && basic.error === 'invalid_request')
    return 'The server did not take HTTP Basic at all (invalid_request: it found no credentials where it looks for them), so this says nothing about the values. Send them in the form body, as before, and check the values themselves (the checklist above).';
  if (!basic.ok && !body.ok)
    return 'The server refused both ways, so the way the credentials were sent is not the problem: check the values themselves (the checklist above).';
  return 'The server accepted the form body; HTTP Basic is not needed.';
}

/**
 * No answer, or only its status line and headers: a Cancel or the deadline can come while the body
 * is arriving (main/token/token-failure.ts, stoppedInBody), and a status alone is no refusal.
 */
function cutShort(result: TokenResult): boolean {
  return !result.ok && (result.status === null || result.kind === 'timeout' || result.kind === 'cancelled');
}

/** One attempt's answer in a few words. */
export function probeVerdict(result: TokenResult): string {
  if (result.ok) return `accepted (HTTP ${result.status}, token received)`;
  if (cutShort(result) && result.status !== null)
    return `no complete answer (HTTP ${result.status}, its body still arriving when it was ${result.kind === 'timeout' ? 'given up at the deadline' : 'cancelled'})`;
  const status = result.status === null ? 'no HTTP answer' : `HTTP ${result.status}`;
  // Only a code's single word: a server's `x), accepted (HTTP 200, token received` is not quoted.
  const error = result.error
    ? `, ${codeLike(result.error) ? result.error : 'a non-standard error code'}`
    : '';
  return `rejected (${status}${error})`;
}
