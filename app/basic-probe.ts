// What "Try HTTP Basic authentication" found, in one sentence. Kept on the main side (like the
// explanations catalog) so the window's bundle does not carry it.
import type { TokenResult } from './token-result';

export function basicProbeSummary(body: TokenResult, basic: TokenResult): string {
  if (basic.ok && !body.ok)
    return 'The server accepts HTTP Basic but not credentials in the form body. Tools that send the form body (like Telstra’s samples) will fail with these keys.';
  if (!basic.ok && !body.ok)
    return 'The server refused both ways, so the way the credentials were sent is not the problem: check the values themselves (the checklist above).';
  return 'The server accepted the form body; HTTP Basic is not needed.';
}

/** One attempt's answer in a few words. */
export function probeVerdict(result: TokenResult): string {
  if (result.ok) return `accepted (HTTP ${result.status}, token received)`;
  const status = result.status === null ? 'no HTTP answer' : `HTTP ${result.status}`;
  return `rejected (${status}${result.error ? `, ${result.error}` : ''})`;
}
