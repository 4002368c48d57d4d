// A 2xx answer the app does not take for a token (app/token-response.ts: a line break in it, too
// long, nested, in an array, not a string…) may still hold the server's token, and its body is
// shown as an excerpt to explain why: the values under token-like keys are cut out of it, as a
// token that was taken is cut out of everything else the server said. So are they from an error
// answer's body (a gateway that wraps what it got from behind it, token and all, in its 4xx).
import { withoutHiddenWords } from '../../app/hidden-text';
import { NOT_CHECKED_MARKER, redactor } from '../../app/redact';
import { MAX_TOKEN_LENGTH } from '../../app/token-response';
import { StoppedReading } from './read-body';
import type { Redact } from './response-facts';
import { withoutTokens, type SentSecrets } from './sent-secrets';

const TOKEN_KEY = /^(?:access|id|refresh)[-_]?token$|^token$/i;
/**
 * A JSON string as written (its closing quote optional: text cut short), and the `:` after it
 * when it is a key. Read over the raw text, so every key counts: JSON.parse keeps only the last of
 * a key written twice, and a server's `{"access_token":"<its token>","access_token":1}` showed
 * the token it had given first in the excerpt of an answer the app did not take.
 */
const JSON_STRING = /"((?:[^"\\]|\\.)*)("?)(\s*:)?/g;
/**
 * A token-like key in text that is not JSON, and the run after it: a form (`access_token=…&`,
 * as OAuth servers answered before JSON, and some still do), YAML or a script's object
 * (`access_token: …`, the value quoted or not, the key unquoted or in single quotes), XML
 * (`<access_token>…<`). A JSON key (in double quotes) is JSON_STRING's. `token` alone is also a
 * word ("Invalid token: expired" in an error's description, which was shown as "Invalid token:
 * [token removed]"): taken for a key only where a key starts (the text's or a line's start, after
 * `&`, `?`, `{`, `,`, `;`, `<` or a quote). Looked behind only once `token` is found: a lookbehind
 * first would be tried at every position, each over the spaces before it.
 */
const FIELD =
  /(?:(?<![\w-])(?:access|id|refresh)[-_]?token|token(?<=(?:^|[\n&?{,;<'"])\s*token))'?(?:\s*[:=]\s*|>\s*)["']?([^\s"'&<>,;{}[\]\\]+)/gi;
/** Shorter values are not worth masking, and would mask short words elsewhere. */
const MIN_LENGTH = 6;
/** More than this many, or one longer than a token can be, and nothing of the answer is shown. */
const MAX_VALUES = 8;
const MAX_DEPTH = 32;

/**
 * A JSON string's text between its quotes, its escapes read as JSON.parse reads them; as it stands
 * where an escape in it is broken or cut short.
 */
export function unescaped(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** The string values written after a token-like key anywhere in `text`, as read and as written. */
function writtenValues(text: string, keep: (value: string) => void): void {
  // Where the value of a token-like key begins (after its `:`), or -1.
  let valueFrom = -1;
  for (const match of text.matchAll(JSON_STRING)) {
    const [whole, raw = '', closed, colon] = match;
    if (valueFrom >= 0 && colon === undefined && text.slice(valueFrom, match.index).trim() === '') {
      keep(unescaped(raw));
      keep(raw);
    }
    const key = colon !== undefined && closed === '"' && TOKEN_KEY.test(unescaped(raw));
    valueFrom = key ? match.index + whole.length : -1;
  }
}

/** The values after a token-like key written as text that is not JSON writes it, as read and as written. */
function fieldValues(text: string, keep: (value: string) => void): void {
  for (const [, raw = ''] of text.matchAll(FIELD)) {
    keep(raw);
    try {
      keep(decodeURIComponent(raw.replace(/\+/g, ' ')));
    } catch {
      // Not percent-encoded as a form writes it: the text as it stands.
    }
  }
}

/**
 * The same answer without the NULs beside each ASCII character, where it has them: UTF-16 text,
 * which every transport reads as UTF-8 (app/token-response.ts tells it apart), holds its token
 * as `t\0o\0k\0…`, and UTF-32 as `t\0\0\0o\0\0\0k…`, which neither JSON.parse nor a search for
 * the key finds; with the NULs between two characters (one or three), or null.
 */
function narrowed(text: string): { readonly text: string; readonly nuls: string } | null {
  const found = /[^\0](\0\0\0|\0)[^\0]\1[^\0]/.exec(text);
  if (found === null) return null;
  return { text: text.replace(/\0/g, ''), nuls: found[1] ?? '\0' };
}

/** The string values under token-like keys anywhere in `text` (JSON or not), at most MAX_VALUES + 1. */
export function tokenLikeValues(text: string): string[] {
  const found = new Set<string>();
  const keep = (value: unknown) => {
    if (typeof value === 'string' && value.length >= MIN_LENGTH && found.size <= MAX_VALUES) found.add(value);
  };
  writtenValues(text, keep);
  fieldValues(text, keep);
  const narrow = narrowed(text);
  if (narrow !== null) {
    // Found without its NULs, and looked for with them, as the excerpt shows it.
    const keepBoth = (value: string) => {
      keep(value);
      keep([...value].join(narrow.nuls));
    };
    writtenValues(narrow.text, keepBoth);
    fieldValues(narrow.text, keepBoth);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [...found];
  }
  // Also values inside an array or object under a token-like key, which the text's reading skips.
  const walk = (node: unknown, depth: number, underTokenKey: boolean) => {
    if (depth > MAX_DEPTH || found.size > MAX_VALUES) return;
    if (underTokenKey) keep(node);
    if (Array.isArray(node)) for (const item of node) walk(item, depth + 1, underTokenKey);
    else if (node !== null && typeof node === 'object')
      for (const [key, value] of Object.entries(node))
        walk(value, depth + 1, underTokenKey || TOKEN_KEY.test(key));
  };
  walk(parsed, 0, false);
  return [...found];
}

/**
 * `redact`, or, when `text` has token-like values, one redactor for them and the `secrets` at
 * once: cut one after the other, a token-like value overlapping an echoed secret would leave the
 * rest of the secret standing (app/redact.ts removes every value's forms until none is left).
 */
export function withTokenLikeValuesOf(text: string, secrets: readonly string[], redact: Redact): Redact {
  const values = tokenLikeValues(text);
  if (values.length === 0) return redact;
  // Each value is searched for in every form through all of the answer: a server's many or huge
  // "tokens" would keep the app busy for a minute (app/search-work.ts). Withheld, never unchecked.
  if (values.length > MAX_VALUES || values.some((value) => value.length > MAX_TOKEN_LENGTH))
    return () => NOT_CHECKED_MARKER;
  const both = redactor([
    ...secrets.map((value) => ({ value, label: 'secret removed', fragments: true })),
    ...values.map((value) => ({ value, label: 'token removed' })),
  ]);
  return (piece) => withoutHiddenWords(both(piece));
}

/** withTokenLikeValuesOf, and then the tokens received so far cut too; `redact` if `text` has none. */
export function withTokenLikeCut(
  text: string,
  secrets: readonly string[],
  redact: Redact,
  sent: SentSecrets,
): Redact {
  const tokenLike = withTokenLikeValuesOf(text, secrets, redact);
  return tokenLike === redact ? redact : withoutTokens(sent, tokenLike);
}

const NOT_SHOWN_CUT_SHORT = '[not shown: the answer, which could hold a token, was cut short]';

/**
 * Appended to what had come of a body (after a quote too: a JSON value not begun yet): found in a
 * token-like value, that value runs to its end, so the token's end had not come.
 */
const RUNS_ON = '\uffff'.repeat(MIN_LENGTH);

/**
 * What cleans the status line and headers kept of an answer whose body the deadline or a Cancel
 * cut short (token-failure.ts, stoppedInBody): as for a whole answer, the token-like values of
 * what had come of the body are cut from them, since a server can echo its token in a header.
 * Where what had come ends inside a token-like value (or where one begins), only the start of the
 * token is known, and cutting it left the rest standing in a header echoing it whole; and where
 * what had come is not known (a 2xx's body read in one go), nor is its token. There, values long
 * enough to be a token are withheld, never unchecked.
 */
export function cutOfStopped(
  error: unknown,
  status: number,
  redact: Redact,
  sent: SentSecrets,
  ...secrets: readonly string[]
): Redact {
  const partial = error instanceof StoppedReading ? error.partial : null;
  const unknown =
    partial === null
      ? status >= 200 && status < 300
      : ['', '"'].some((quote) =>
          tokenLikeValues(partial + quote + RUNS_ON).some((value) => value.endsWith(RUNS_ON)),
        );
  const cut = partial === null ? redact : withTokenLikeCut(partial, secrets, redact, sent);
  if (!unknown) return cut;
  // Too short to be a token ("OK", a length): as it stands, redacted of the secrets.
  return (text) => (text.length < MIN_LENGTH ? cut(text) : NOT_SHOWN_CUT_SHORT);
}
