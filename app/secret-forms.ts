// The one list of the forms a known value (the client secret, a token) can take in text from
// outside: as typed or with its outer white space trimmed (the paste mistake the app warns about,
// which a server's trimming turns into an exact echo); percent-encoded (URIs, forms, doubly
// encoded return URLs, '+' for a space); its UTF-8 read as Latin-1 (a header's bytes as node:http
// decodes them); JSON-escaped by any serializer (JSON.stringify, Python's
// ASCII-only \u00e9, PHP's \/, Go's \u0026 \u003c \u003e, .NET's \u002B \u0027, every character as
// \uXXXX, in either case of hex); HTML entities (named, decimal, hex); base64 and base64url, with or
// without padding, at any alignment inside a longer encoded run. Forms are matched per character,
// so a serializer that escapes any mix of characters is matched too.
import { characterMatcher, characterStartPattern } from './character-forms';
import { foldedFinder } from './folded-forms';
import { findFrom, spend } from './search-work';
import { base64Forms, bodyFieldForms } from './base64-forms';
import { unwrapped } from './unwrapped-view';

/**
 * Below this many characters a value is only matched where it stands on its own: not inside a
 * longer word or number. Removing a one-letter secret from every word would garble the text and
 * show, by where the markers fall, what the secret is; a short value inside a longer word shows
 * nothing of which characters it is. Where it stands alone (`bad_secret:e`, `?s=e&`) it is the
 * exact secret, and that is removed.
 */
export const MIN_SUBSTRING_LENGTH = 8;

/**
 * Made on first use (a short secret's edges), as `unsafe` below: V8 builds a \p{…} class's ranges
 * (ICU's tables) when the RegExp is created, which a RegExp made as the module loads cost the
 * command line's every cold start.
 */
let word: RegExp | undefined;

/** The character (code point) that ends just before `at`, or '' at the start. */
function before(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && at >= 2;
  return pair ? text.slice(at - 2, at) : text.charAt(at - 1);
}

function after(text: string, at: number): string {
  return String.fromCodePoint(text.codePointAt(at) ?? 0x20);
}

const isWord = (char: string) => char !== '' && (word ??= /^[\p{L}\p{N}]$/u).test(char);

/** [start, end) of one occurrence. */
export type Span = readonly [start: number, end: number];

/**
 * Every escape of a character starts with one of these ('+' is a space in a form; a UTF-8 lead
 * byte read as Latin-1, U+00C2 to U+00F4, for a character beyond ASCII; U+FFFD for a Latin-1 byte
 * read as UTF-8). A text without any holds a value's characters only as themselves (`shortcuts`
 * below).
 */
const ESCAPE_START = /[%\\&+\u00c2-\u00f4\ufffd]/;

/**
 * Finds every form of one variant in a text, overlapping occurrences included. With `shortcuts`,
 * a text with no escape in it is searched for the variant as itself, and base64 forms longer
 * than the text are not looked for: the same answer, sooner (exhaustiveFormFinder checks it).
 */
function variantFinder(variant: string, shortcuts: boolean): (text: string) => Span[] {
  const chars = [...variant];
  const long = chars.length >= MIN_SUBSTRING_LENGTH;
  const steps = chars.map(characterMatcher);
  const encoded = base64Forms(variant, long);
  // A short value's forms as the form body carries it, found inside any run (long enough).
  const inBody = long ? [] : bodyFieldForms(variant);
  // A short value stands on its own: its edge letters or digits not next to others.
  const guardStart = !long && isWord(chars[0] ?? '');
  const guardEnd = !long && isWord(chars.at(-1) ?? '');
  // Where an occurrence can start: any form of the first character (app/character-forms.ts).
  // One regular expression finds those far faster than a loop over every character.
  const starter = new RegExp(characterStartPattern(chars[0] ?? ''), 'g');

  return (text) => {
    const spans: Span[] = [];
    if (shortcuts && !ESCAPE_START.test(text)) {
      // Nothing in the text can start an escape: every occurrence is the variant as itself.
      for (let at = findFrom(text, variant); at !== -1; at = findFrom(text, variant, at + 1)) {
        const end = at + variant.length;
        spend(variant.length);
        if (guardStart && isWord(before(text, at))) continue;
        if (guardEnd && isWord(after(text, end))) continue;
        spans.push([at, end]);
      }
    } else {
      spans.push(...escapedSpans(text));
    }
    for (const form of encoded) {
      if (shortcuts && form.length > text.length) continue;
      for (let at = findFrom(text, form); at !== -1; at = findFrom(text, form, at + 1)) {
        const end = at + form.length;
        spend(form.length);
        // Base64 is letters and digits whatever the value: a short value's only standing alone.
        if (!long && (isWord(before(text, at)) || isWord(after(text, end)))) continue;
        spans.push([at, end]);
      }
    }
    for (const form of inBody) {
      if (shortcuts && form.length > text.length) continue;
      for (let at = findFrom(text, form); at !== -1; at = findFrom(text, form, at + 1)) {
        spend(form.length);
        spans.push([at, at + form.length]);
      }
    }
    // Base64 wrapped into lines (MIME's 76 characters, openssl's 64), the breaks real or escaped.
    const view = long ? unwrapped(text) : null;
    if (view !== null) {
      for (const form of encoded) {
        for (let at = findFrom(view.text, form); at !== -1; at = findFrom(view.text, form, at + 1)) {
          spend(form.length);
          spans.push([view.at(at), view.at(at + form.length - 1) + 1]);
        }
      }
    }
    return spans;
  };

  /** Every occurrence written with any mix of escapes, one character at a time. */
  function escapedSpans(text: string): Span[] {
    const spans: Span[] = [];
    starter.lastIndex = 0;
    for (let found = starter.exec(text); found !== null; found = starter.exec(text)) {
      const at = found.index;
      // Forms of one character can overlap ("&#38;" and "&"): the next may start inside this one.
      starter.lastIndex = at + 1;
      if (guardStart && isWord(before(text, at))) continue;
      let positions: readonly number[] = [at];
      let taken = 0;
      for (const matcher of steps) {
        // Usually one way forward; several only where an escape is optional (a ';').
        if (positions.length === 1) positions = matcher(text, positions[0] ?? 0);
        else positions = [...new Set(positions.flatMap((position) => matcher(text, position)))];
        if (positions.length === 0) break;
        taken += positions.length;
      }
      // A start that leads nowhere is part of scanning the text; a match followed on is counted.
      if (taken > 0) spend(taken);
      const ends = guardEnd ? positions.filter((end) => !isWord(after(text, end))) : positions;
      if (ends.length > 0) spans.push([at, Math.max(...ends)]);
    }
    return spans;
  }
}

/**
 * A control or invisible character, as a terminal-safe printer writes it: `\x1b`, `\u202e`
 * (main/cli/format/terminal-safe.ts).
 */
const PRINTED_CONTROL = /\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}/g;
let unsafe: RegExp | undefined;

/**
 * A value that spells a control character the way a terminal-safe printer shows one (the text
 * `\x1b`), with each such character as itself: a server that echoes the real character would
 * otherwise pass redaction and then be printed as the value.
 */
function withControls(value: string): string | null {
  if (!value.includes('\\')) return null;
  const decoded = value.replace(PRINTED_CONTROL, (escape) => {
    const char = String.fromCharCode(Number.parseInt(escape.slice(2), 16));
    return (unsafe ??= /^[\p{Cc}\p{Cf}\u2028\u2029]$/u).test(char) ? char : escape;
  });
  return decoded === value ? null : decoded;
}

/**
 * The value as typed and trimmed at either end or both, each only once, empty ones left out; and
 * with the control characters it spells as themselves (withControls).
 */
export function valueVariants(value: string): string[] {
  const controls = withControls(value);
  const legacy = legacyBytesAsUtf8(value);
  // Nearly every value has no white space at its ends: one variant, without sets and arrays.
  if (value !== '' && value.trim().length === value.length && controls === null && legacy === null)
    return [value];
  return [
    ...new Set([
      value,
      value.trimEnd(),
      value.trimStart(),
      value.trim(),
      ...(controls === null ? [] : [controls]),
      ...(legacy === null ? [] : [legacy]),
    ]),
  ].filter((v) => v !== '');
}

/** windows-1252's characters at 0x80–0x9F (where ISO-8859-1 has C1 controls), by byte. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * The value as a server writing windows-1252 (or ISO-8859-1) sends it, read as UTF-8: its bytes
 * beyond ASCII are no UTF-8 (each U+FFFD), or, next to each other, may read as another character
 * ("é©" as one U+FFFD, "ß§" as U+07E7). The whole value at once, as a decoder reads the answer;
 * null when it has nothing beyond ASCII, or a character those encodings cannot write.
 */
function legacyBytesAsUtf8(value: string): string | null {
  if (!/[\u0080-\uffff]/.test(value)) return null;
  const bytes: number[] = [];
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const high = CP1252_HIGH.indexOf(char);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (high !== -1) bytes.push(0x80 + high);
    else return null;
  }
  const decoded = new TextDecoder().decode(new Uint8Array(bytes));
  return decoded === value ? null : decoded;
}

/** Finds every form of some value in a text: [start, end) of each occurrence, overlapping ones included. */
export type FormFinder = (text: string) => readonly Span[];

export const NO_SPANS: readonly Span[] = Object.freeze([]);

/**
 * Finds every form of every variant of `value` (typed, trimmed) in a text.
 *
 * Most texts redacted are short (a reason phrase, a header, a token type) and hold no form; the
 * main process redacts a dozen of them per request, beside a loopback round trip of about a
 * millisecond (`npm run bench`). So two quick exits, both exact:
 * - No form of a variant is shorter (in UTF-16 units) than the variant has code points: each code
 *   point is written as itself (one or two units) or as an escape of two or more; base64 of n
 *   UTF-8 bytes (n ≥ the code points) is at least n characters whole, and for values of 8 or
 *   more code points at least 4n/3 − 2 ≥ n characters inside a longer run. A shorter text holds
 *   nothing, and is answered without a search.
 * - The forms (the base64 ones, the search for where an occurrence can start) are worked out on
 *   the first text long enough to hold one, never before: a token just issued is usually
 *   redacted from short texts only, and its forms are then never computed at all.
 */
export function formFinder(value: string): FormFinder {
  const variants = valueVariants(value);
  const shortest = shortestOf(variants);
  let finders: ReadonlyArray<(text: string) => Span[]> | null = null;
  // A long value's folded forms (app/folded-forms.ts: another case, invisible characters between
  // its characters, lookalikes, hexadecimal), of the value trimmed.
  const core = value.trim();
  const folded = codePointCount(core) >= MIN_SUBSTRING_LENGTH ? foldedFinder(core) : null;
  return (text) => {
    const lookalikes = folded === null ? NO_SPANS : folded(text);
    if (text.length < shortest) return lookalikes;
    finders ??= variants.map((variant) => variantFinder(variant, true));
    const found =
      finders.length === 1 && finders[0] ? finders[0](text) : finders.flatMap((find) => find(text));
    return lookalikes.length === 0 ? found : [...found, ...lookalikes];
  };
}

/**
 * How long (in UTF-16 units) the shortest form of `value` is at least: a text shorter than this
 * holds none (the first quick exit of `formFinder`), and `formFinder(value)` finds nothing in it,
 * unless the text may fold to something longer (app/folded-forms.ts, mayFoldLonger).
 */
export function shortestForm(value: string): number {
  return shortestOf(valueVariants(value));
}

function shortestOf(variants: readonly string[]): number {
  let shortest = Infinity;
  for (const variant of variants) shortest = Math.min(shortest, codePointCount(variant));
  return shortest;
}

export function codePointCount(text: string): number {
  let count = text.length;
  // A high surrogate followed by a low one is one code point ([...text] counts it once too).
  for (let i = 0; i + 1 < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      count -= 1;
      i += 1;
    }
  }
  return count;
}

/**
 * The same search without the quick exits: what `formFinder` must always agree with (a property
 * test holds it to that, test/unit/redact.test.ts).
 */
export function exhaustiveFormFinder(value: string): FormFinder {
  const finders = valueVariants(value).map((variant) => variantFinder(variant, false));
  const core = value.trim();
  const folded = codePointCount(core) >= MIN_SUBSTRING_LENGTH ? foldedFinder(core, false) : null;
  return (text) => [...finders.flatMap((find) => find(text)), ...(folded === null ? [] : folded(text))];
}
