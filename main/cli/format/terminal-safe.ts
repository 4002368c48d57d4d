// Text from a server reaches a terminal only with its control characters made visible: ESC
// sequences can retitle the window (OSC 0), write the clipboard (OSC 52), erase lines or recolour
// what follows; C1 controls (U+0080–U+009F) do the same in terminals that honour them; a line
// break or carriage return could forge a line the app never wrote; bidirectional overrides can make
// text read differently from what it is. NO_COLOR does not stop any of that, so this always runs.
import { JOINABLE } from '../../../app/joinable';

/**
 * C0, DEL, C1, line and paragraph separators, and invisible format characters (bidi, zero width).
 * Made on first use: V8 builds a \p{…} class's ranges (ICU's tables) when the RegExp is created,
 * not when it first runs, so one made as the module loads cost every cold start that.
 */
let unsafe: RegExp | undefined;
const unsafePattern = () => (unsafe ??= /[\p{Cc}\p{Cf}\u2028\u2029]/gu);

/**
 * Only characters that are none of those: printable ASCII, Latin-1 but its soft hyphen (U+00AD, a
 * format character), and the punctuation block's dashes, quotes, bullet, ellipsis and primes, but
 * not its separators or zero-width characters. That is nearly all text here (the app's own
 * wording included), and testing it spares a cold start making the unsafe pattern, which builds
 * the Unicode categories' tables. test/unit/cli-terminal-safe.test.ts checks every code point.
 */
const PLAIN = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e]*$/;

/**
 * Whether `char` is drawn outside ASCII, one a joiner joins to another: app/profiles.ts's rule, for
 * names too. Not a C1 control either, which is shown as an escape ("\x9b"): a joiner kept beside it
 * stood next to ASCII. Made on first use, as the unsafe pattern is: not at every start.
 */
let joinable: RegExp | undefined;
const isJoinable = (char: string) => (joinable ??= new RegExp(`^${JOINABLE}$`, 'u')).test(char);

/** The character (a code point) that ends just before `end`. */
function charBefore(text: string, end: number): string {
  const low = text.charCodeAt(end - 1);
  const pair = end >= 2 && low >= 0xdc00 && low <= 0xdfff;
  return text.slice(Math.max(0, end - (pair ? 2 : 1)), end);
}

/**
 * Whether the zero-width joiner or non-joiner at `at` stands between two characters it joins,
 * the first perhaps followed by an emoji selector: an emoji of several ("👩🏽" U+200D "💻"), a
 * Persian word, an Indic letter's form. There it changes how they are drawn, hides nothing, and
 * is kept: a profile's name such as "حساب" U+200C "ها" was printed as "حساب\u200cها".
 */
function joins(text: string, at: number): boolean {
  let before = charBefore(text, at);
  if (before === '\ufe0f') before = charBefore(text, at - 1);
  const next = text.codePointAt(at + 1);
  return isJoinable(before) && next !== undefined && isJoinable(String.fromCodePoint(next));
}

/**
 * Every unsafe character as a visible escape: ESC becomes "\x1b", U+202E becomes "\u202e", and
 * one beyond the first plane (a tag character, which can spell words no one sees) "\u{e0041}":
 * as "\ue0041" it would read as U+E004 and a "1". A joiner between two characters it joins stays.
 */
export function visibleControls(text: string): string {
  if (PLAIN.test(text)) return text;
  return text.replace(unsafePattern(), (char, at: number) => {
    if ((char === '\u200c' || char === '\u200d') && joins(text, at)) return char;
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
    return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * `value` as one line of JSON with every unsafe character escaped as `\uXXXX` (terminalSafeText).
 */
export function terminalSafeJson(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 'null' : terminalSafeText(text);
}

/**
 * A JSON text with every unsafe character escaped as `\uXXXX` (C1 controls, DEL, separators,
 * bidi and zero-width characters): JSON.stringify escapes only C0 controls, so a server's U+009B
 * (CSI) would reach the terminal raw. In valid JSON they can only be inside strings, where the
 * escapes parse back to the very same string, so a program reading the JSON gets it unchanged.
 */
export function terminalSafeText(json: string): string {
  if (PLAIN.test(json)) return json;
  return json.replace(unsafePattern(), (char) => {
    // Tab and line breaks: in JSON only the white space between values (in a string they are
    // escaped already), as an indented document has it.
    if (char === '\n' || char === '\r' || char === '\t') return char;
    let escaped = '';
    // An astral character (a tag character, U+E0001…) as its two UTF-16 units, as JSON spells it.
    for (let i = 0; i < char.length; i += 1)
      escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

/** A copy of `value` with every string in it made terminal-safe (results are plain JSON). */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return visibleControls(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => terminalSafe(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]: [string, unknown]) => [key, terminalSafe(item)]),
    ) as T;
  }
  return value;
}
