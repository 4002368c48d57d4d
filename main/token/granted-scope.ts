// What a successful answer's scope and token type become in the result: redacted, cut to a size a
// window, a history entry and a terminal line can hold (a real scope is a few hundred characters
// and a type one word; a server's megabyte of either went in whole), and the scope compared with
// the one requested.
import { compareScopes, describeScopeDifference, type ScopeDifference } from '../../app/scopes';
import { redactAndCut } from '../../app/redact';
import type { Redact } from './response-facts';

const MAX_SHOWN_SCOPE = 4096;
const MAX_SHOWN_TOKEN_TYPE = 64;

export interface GrantedScope {
  readonly scope: string | null;
  readonly difference: ScopeDifference | null;
  /** For the explanation's details: the difference in words, and a cut said. */
  readonly lines: string[];
}

export function grantedScope(requested: string, scope: string | null, clean: Redact): GrantedScope {
  if (scope === null) return { scope: null, difference: null, lines: [] };
  const cleaned = clean(scope);
  const shown = shownScope(cleaned, clean);
  // A long scope's cut must not make a granted scope look refused: what was not granted is judged
  // on the whole scope, what was granted unasked on the part shown.
  const shownDifference = compareScopes(requested, shown);
  const difference =
    shownDifference === null || shown === cleaned
      ? shownDifference
      : { ...shownDifference, notGranted: compareScopes(requested, cleaned)?.notGranted ?? [] };
  const lines = describeScopeDifference(difference, requested);
  if (shown !== cleaned)
    lines.push(
      `The answer’s scope is ${cleaned.length.toLocaleString('en')} characters long: only the scopes in its first ${MAX_SHOWN_SCOPE.toLocaleString('en')} are shown.`,
    );
  return { scope: shown, difference, lines };
}

export function shownTokenType(tokenType: string | null, clean: Redact): string | null {
  return tokenType === null ? null : redactAndCut(tokenType, MAX_SHOWN_TOKEN_TYPE, clean);
}

/**
 * The scope already redacted, and when too long, its first whole items (a scope, or a marker,
 * never split) within `max` characters, redacted again: what the cut leaves at its end could
 * otherwise let a short secret stand alone. Also the scope a Bearer challenge names
 * (main/access/bearer-challenge.ts).
 */
export function shownScope(cleaned: string, clean: Redact, max = MAX_SHOWN_SCOPE): string {
  if (cleaned.length <= max) return cleaned;
  let end = 0;
  for (const item of cleaned.matchAll(/\[[^\]]*\]|[^\s[]+|\[/g)) {
    const itemEnd = item.index + item[0].length;
    if (itemEnd > max) break;
    end = itemEnd;
  }
  return clean(cleaned.slice(0, end));
}
