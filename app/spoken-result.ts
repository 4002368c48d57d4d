// What a screen reader is told of a token request's result: one short sentence. The result itself
// is there to be read, not spoken whole (every button's name, a checklist, a token shown). Made on
// the main side (requestToken's answer carries it, SpokenTokenResult), so the window's bundle does
// not carry the wording.
import type { TokenResult } from './token-result';

export function spokenResult(result: TokenResult): string {
  // The status said once: a title that ends with it ("Service unavailable (503)") has it as HTTP's.
  const { status } = result;
  const title =
    status === null
      ? result.explanation.title
      : `${result.explanation.title.replace(` (${status})`, '')} (HTTP ${status})`;
  if (!result.ok || result.expiresAt === null) return `${title}.`;
  // As the answer said it, not as the clock has it now: the sentence must not change (and be
  // read out again) whenever the window is redrawn.
  // An expires_in of 0 is a token already expired, and of 20 s none that expires "in 0 minutes".
  const minutes = Math.round((result.expiresAt - result.receivedAt) / 60_000);
  return `${title}, ${result.expiresAt > result.receivedAt ? `expires in ${minutes ? `${minutes} minute${minutes === 1 ? '' : 's'}` : 'under a minute'}` : 'already expired'}.`;
}
