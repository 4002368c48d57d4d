// How pre-flight sees the characters of a typed value: which ones a copy from a web page, e-mail
// or PDF drags along, and which patterns mean a placeholder was pasted instead of a real value.
// Invisible characters are written as \u escapes so the source shows what is meant.

export type CharacterKind = 'plain' | 'line-break' | 'space' | 'zero-width' | 'no-break-space' | 'other';

const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029']);
/** White space that looks like a space (tab, em space, ideographic space…). */
const SPACES = /^[\t\v\f \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]$/;
/** Spaces that never break a line: they look like spaces but are not U+0020. */
const NO_BREAK_SPACES = new Set(['\u00a0', '\u2007', '\u202f']);
/**
 * Format characters (Unicode category Cf) render as nothing: zero-width space \u200b, joiners
 * \u200c \u200d, word joiner \u2060, byte-order mark \ufeff, soft hyphen \u00ad, direction marks.
 * No credential contains them, so removing them is always right.
 */
const ZERO_WIDTH = /^\p{Cf}$/u;

export function kindOf(char: string): CharacterKind {
  if (LINE_BREAKS.has(char)) return 'line-break';
  if (SPACES.test(char)) return 'space';
  if (NO_BREAK_SPACES.has(char)) return 'no-break-space';
  if (ZERO_WIDTH.test(char)) return 'zero-width';
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x20 && code <= 0x7e ? 'plain' : 'other';
}

/** The kinds present in `text`, walking code points (a lone surrogate counts as 'other'). */
export function kindsIn(text: string): ReadonlySet<CharacterKind> {
  const kinds = new Set<CharacterKind>();
  for (const char of text) kinds.add(kindOf(char));
  return kinds;
}

/** Removes the characters that render as nothing. */
export function withoutZeroWidth(text: string): string {
  return [...text].filter((char) => kindOf(char) !== 'zero-width').join('');
}

/**
 * Trimming as String.prototype.trim does it: spaces, tabs, line breaks, no-break spaces and the
 * byte-order mark at either end. This is what a "trim" fix applies and what the tests compare with.
 */
export function trimEdges(text: string): string {
  return text.trim();
}

/** Opening and closing marks people wrap values in, straight and typographic. */
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201c', '\u201d'], // “ ”
  ['\u2018', '\u2019'], // ‘ ’
  ['\u201e', '\u201c'], // „ “
  ['\u00ab', '\u00bb'], // « »
  ['\u2039', '\u203a'], // ‹ ›
];
const QUOTE_MARKS = new Set(QUOTE_PAIRS.flat());

/** True when the value starts and ends with a quote mark (not necessarily a matching pair). */
export function isQuoted(text: string): boolean {
  const chars = [...text];
  return chars.length >= 2 && QUOTE_MARKS.has(chars[0] ?? '') && QUOTE_MARKS.has(chars.at(-1) ?? '');
}

/** The value inside one matching pair of quote marks, or null when it is not wrapped in one. */
export function unquoted(text: string): string | null {
  const chars = [...text];
  if (chars.length < 2) return null;
  const first = chars[0];
  const last = chars.at(-1);
  const matches = QUOTE_PAIRS.some(([open, close]) => first === open && last === close);
  return matches ? chars.slice(1, -1).join('') : null;
}

/**
 * The value without the one quote mark it starts or ends with, when only one end has one (a quote
 * left open), or null.
 */
export function withoutLoneQuote(text: string): string | null {
  const chars = [...text];
  const opens = QUOTE_MARKS.has(chars[0] ?? '');
  const closes = chars.length >= 2 && QUOTE_MARKS.has(chars.at(-1) ?? '');
  if (opens === closes) return null;
  return (opens ? chars.slice(1) : chars.slice(0, -1)).join('');
}

/** Without its surrounding quote marks, matched or not. */
export function insideQuotes(text: string): string {
  return isQuoted(text) ? [...text].slice(1, -1).join('') : text;
}

const PLACEHOLDERS: readonly RegExp[] = [
  // Shell, Windows and template variables: $CLIENT_KEY, ${SECRET}, %CLIENT_ID%, {{client_secret}}.
  /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/,
  /^%[A-Za-z_][A-Za-z0-9_]*%$/,
  /^\{\{.*\}\}$/s,
  // <client id>, <YOUR_SECRET>
  /^<.*>$/s,
  // YOUR_CLIENT_ID, your-secret, my key, insert key here, yourclientsecret
  /^(your|my|insert|enter|paste|replace)[\s_-]/i,
  /^your(client|app|api|consumer|secret|key)/i,
  /example|placeholder|change[_-]?me|replace[_-]?me/i,
  // Field names instead of values: client_id, CLIENT_SECRET, api-key, secret.
  /^((client|consumer|app|api)[\s_-]?)?(id|key|secret|password|token)$/i,
  // A masked value copied from a web page: ********, ••••••••, xxxxxxxx.
  /^(\*{3,}|\.{3,}|\u2022{3,}|x{4,})$/i,
];

export function looksLikePlaceholder(text: string): boolean {
  return PLACEHOLDERS.some((pattern) => pattern.test(text));
}
