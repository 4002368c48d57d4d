// What a resource server says in its WWW-Authenticate Bearer challenge (RFC 6750 §3): `error`,
// `error_description` and `scope`. A gateway that follows RFC 6750 to the letter answers a refused
// token with a 401 or 403 whose only words are in that header, and no JSON body at all.
import { redactAndCut } from '../../app/redact';
import { MAX_CODE } from '../../app/access-check';
import { shownScope } from '../token/granted-scope';
import type { Redact } from '../token/response-facts';

export interface BearerChallenge {
  /** `error`, redacted and cut to what the history keeps of a code; null when absent. */
  readonly error: string | null;
  readonly description: string | null;
  /** The scope the server says the call needs (with `insufficient_scope`), as shown: whole scopes. */
  readonly scope: string | null;
  /** That scope redacted but not cut (a header's size at most): what it needs is judged on all of it. */
  readonly wholeScope: string | null;
  /** The whole scope's length where `scope` shows only its first scopes; null when it shows all. */
  readonly scopeCutFrom: number | null;
}

const MAX_FIELD = 500;
/** The most of a needed scope a result shows (whole scopes). */
export const MAX_SHOWN_NEEDED = MAX_FIELD;
/** tchar (RFC 9110 §5.6.2) and token68's own "/" (§11.2): one word of a challenge. */
const WORD = /[!#$%&'*+\-.^_`|~0-9A-Za-z/]+/y;
const SPACE = /[ \t]*/y;

/**
 * The challenges of a WWW-Authenticate value (RFC 9110 §11.6.1: `#challenge`, each a scheme and
 * then a token68 or auth-params, a param's value a token or a quoted-string whose `\` escapes the
 * next character). Liberal: whatever does not parse is skipped, never thrown on.
 */
export function challenges(header: string): Array<{ scheme: string; params: Map<string, string> }> {
  const found: Array<{ scheme: string; params: Map<string, string> }> = [];
  let at = 0;
  // A word not followed by "=" starts a challenge where a comma (or nothing) came before it; else
  // it is the token68 of the challenge it follows ("Bearer abc"), ignored.
  let afterComma = true;
  const skip = (pattern: RegExp) => {
    pattern.lastIndex = at;
    const match = pattern.exec(header);
    if (match !== null) at += match[0].length;
    return match?.[0] ?? '';
  };
  while (at < header.length) {
    skip(SPACE);
    if (header[at] === ',') {
      at += 1;
      afterComma = true;
      continue;
    }
    const word = skip(WORD);
    if (word === '') {
      at += 1; // not a word: skipped
      continue;
    }
    const afterWord = at;
    skip(SPACE);
    if (header[at] !== '=') {
      // A new challenge's scheme (its token68 or params follow), or a token68.
      at = afterWord;
      if (afterComma) found.push({ scheme: word.toLowerCase(), params: new Map() });
      afterComma = false;
      continue;
    }
    afterComma = false;
    at += 1;
    skip(SPACE);
    let value: string | null;
    if (header[at] === '"') {
      let text = '';
      for (at += 1; at < header.length && header[at] !== '"'; at += 1) {
        if (header[at] === '\\' && at + 1 < header.length) at += 1;
        text += header[at];
      }
      at += 1;
      value = text;
    } else {
      value = skip(WORD);
      // A token68 ending in "=" signs ("abc=="), not a param.
      if (value === '') {
        skip(/=*/y);
        value = null;
      }
    }
    const params = found.at(-1)?.params;
    const name = word.toLowerCase();
    // Each param once per challenge (RFC 9110 §11.2): the first one counts.
    if (value !== null && params !== undefined && !params.has(name)) params.set(name, value);
  }
  return found;
}

/**
 * The Bearer challenge's error, description and scope, each redacted; null without one. The
 * header is redacted before it is read too: reading a quoted-string drops its backslashes, and a
 * secret holding some, echoed as it is, would be read into a text no redaction finds.
 */
export function readBearerChallenge(header: string | null, redact: Redact): BearerChallenge | null {
  if (header === null) return null;
  const bearer = challenges(redact(header)).find((challenge) => challenge.scheme === 'bearer');
  if (bearer === undefined) return null;
  const field = (name: string, max: number) => {
    const value = bearer.params.get(name)?.trim();
    return value === undefined || value === '' ? null : redactAndCut(value, max, redact);
  };
  // A list cut inside a scope ("… messages:re") or after some of them would be judged as needing
  // a scope it does not name, or fewer than it does: cut only where a scope ends, judged whole.
  const whole = field('scope', Infinity);
  const shown = whole === null ? null : shownScope(whole, redact, MAX_SHOWN_NEEDED);
  return {
    error: field('error', MAX_CODE),
    description: field('error_description', MAX_FIELD),
    scope: shown === '' ? field('scope', MAX_FIELD) : shown,
    wholeScope: whole,
    scopeCutFrom: whole !== null && whole.length > MAX_SHOWN_NEEDED ? whole.length : null,
  };
}
