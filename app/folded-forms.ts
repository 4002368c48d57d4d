// Forms of a long value that no escape explains but that read as the value on screen or in a file:
// in another case (a server that upper-cases its error text), spaced out (a space between each two
// of its characters), with characters that show as nothing between its characters (zero-width
// spaces, soft hyphens, joiners, variation selectors,
// tag characters, control characters, a terminal's colour codes; also written as JSON or C
// escapes, as a body's raw text has them), in compatibility lookalikes
// (full-width or mathematical letters), and as its bytes in hexadecimal (either case, run together or
// a space apart) or as a list of decimal bytes (a Node Buffer in JSON). A hostile server
// can always invent another encoding; these are the ones that look like the value, or that debug
// output commonly uses. Accents on its characters count for nothing (U+0301 after each, or the
// accented letters). Still missed, though some read as the value too: two spaces or more
// between two of its characters (a no-break space counts as a space; a tab or a line break, as
// nothing), '+', '-', ',' or '%20' between them, a run of half of it spaced out
// (app/secret-fragments.ts looks for runs as written only), or the value cut in pieces: three or
// more for one searched for in part (a secret), two or more for any other (a client ID, or a
// token outside the Messaging access check). Only values of MIN_SUBSTRING_LENGTH or more code
// points: a short one matched without regard to case would garble ordinary words.
import { MAX_SECRET_BYTES } from './keychain';
import { forLastText } from './last-text';
import { findFrom, spend } from './search-work';
import { percentEncodings, utf8Bytes } from './text-encoding';

/** As app/secret-forms.ts's MIN_SUBSTRING_LENGTH (not imported: that module imports this one). */
const MIN_FOLDED_LENGTH = 8;

/** [start, end) in the original text. */
type Span = readonly [start: number, end: number];

/**
 * Shown as nothing, or not shown: skipped between a value's characters (code point ranges). The
 * one list of them: app/hidden-text.ts makes its pattern from it.
 */
export const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f], // C0 controls
  [0x007f, 0x009f], // DEL and C1 controls
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian variation selectors and vowel separator
  [0x200b, 0x200f], // zero-width space, non-joiner, joiner, direction marks
  [0x202a, 0x202e], // bidirectional embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, isolates
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // zero-width no-break space (byte-order mark)
  [0xffa0, 0xffa0], // half-width Hangul filler
  [0xfff0, 0xfffb], // reserved as ignorable, and the interlinear annotation marks
  [0x1bca0, 0x1bca3], // shorthand format controls
  [0x1d173, 0x1d17a], // musical symbol format controls
  [0xe0000, 0xe0fff], // tag characters and variation selectors supplement
];

function isInvisible(code: number): boolean {
  return INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
}

/** A terminal's control sequence (colour, cursor): ESC [ parameters, then its final byte. */
// eslint-disable-next-line no-control-regex
const CSI = /\u001b\[[0-9:;<=>?]*[ -/]*[@-~]/y;
/** The rest of one after its ESC, when the ESC was written as an escape (below). */
const CSI_REST = /\[[0-9:;<=>?]*[ -/]*[@-~]/y;
/** An invisible character written as a JSON or C escape (a body's raw text): \u200b, \x1b. */
const ESCAPED = /\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/y;
/** Printable ASCII without a backslash: folding is lower-casing, one unit for one unit. */
const PLAIN = /^[\x20-\x5b\x5d-\x7e]*$/;

interface FoldedView {
  readonly text: string;
  /** For each unit of `text`, where the character it came from starts and ends; null: the same. */
  readonly starts: Int32Array | null;
  readonly ends: Int32Array | null;
}

/**
 * One pass over character codes: an answer of up to 1 MiB is redacted whole before it is read
 * (the token service), so ASCII, nearly all of any answer, costs no string work per character.
 */
export function fold(text: string): FoldedView {
  if (PLAIN.test(text)) return { text: text.toLowerCase(), starts: null, ends: null };
  // A character folds to at most a few units; room for the rare longer one is made as needed.
  let size = text.length * 2 + 16;
  let units = new Uint16Array(size);
  let starts = new Int32Array(size);
  let ends = new Int32Array(size);
  let n = 0;
  let i = 0;
  while (i < text.length) {
    if (n + 32 > size) {
      size *= 2;
      units = grown(units, new Uint16Array(size));
      starts = grown(starts, new Int32Array(size));
      ends = grown(ends, new Int32Array(size));
    }
    const unit = text.charCodeAt(i);
    if (unit >= 0x20 && unit < 0x7f && unit !== 0x5c) {
      // Printable ASCII but the backslash: itself, in lower case.
      units[n] = unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
      starts[n] = i;
      ends[n] = i + 1;
      n += 1;
      i += 1;
      continue;
    }
    if (unit === 0x1b) {
      CSI.lastIndex = i;
      if (CSI.test(text)) {
        i = CSI.lastIndex;
        continue;
      }
    }
    if (unit === 0x5c) {
      ESCAPED.lastIndex = i;
      const escape = ESCAPED.exec(text);
      const decoded = escape ? Number.parseInt(escape[1] ?? escape[2] ?? '', 16) : -1;
      if (escape && isInvisible(decoded)) {
        i = ESCAPED.lastIndex;
        if (decoded === 0x1b) {
          CSI_REST.lastIndex = i;
          if (CSI_REST.test(text)) i = CSI_REST.lastIndex;
        }
        continue;
      }
      units[n] = unit;
      starts[n] = i;
      ends[n] = i + 1;
      n += 1;
      i += 1;
      continue;
    }
    const code = text.codePointAt(i) ?? 0;
    const next = i + (code > 0xffff ? 2 : 1);
    if (!isInvisible(code)) {
      const folded = foldedCharacter(code);
      for (let k = 0; k < folded.length; k += 1) {
        units[n] = folded.charCodeAt(k);
        starts[n] = i;
        ends[n] = next;
        n += 1;
      }
    }
    i = next;
  }
  let out = '';
  // In pieces: String.fromCharCode takes its units as arguments.
  for (let at = 0; at < n; at += 8192)
    out += String.fromCharCode(...units.subarray(at, Math.min(n, at + 8192)));
  return { text: out, starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

function grown<T extends Uint16Array | Int32Array>(old: T, made: T): T {
  made.set(old);
  return made;
}

/** A character beyond ASCII, folded; the same few come again and again in a text. */
const foldedCharacters = new Map<number, string>();
/** Made on first use: building a Unicode property's tables costs the command line's cold start. */
let marks: RegExp | undefined;
/**
 * Its compatibility form in lower case, without the nonspacing and enclosing marks on it: a server
 * that echoed the secret with an accent on each character ('Z' U+0301 'q' U+0301 …, or 'Ź' 'q́'
 * …) had it shown whole, reading as the secret, in the description, the body's excerpt, history
 * and reports (found with a hostile server on 127.0.0.1). A value is folded the same way.
 */
function foldedCharacter(code: number): string {
  let folded = foldedCharacters.get(code);
  if (folded === undefined) {
    const char = String.fromCodePoint(code);
    marks ??= /[\p{Mn}\p{Me}]/gu;
    const decomposed = char.normalize('NFKD');
    const bare = decomposed.replace(marks, '');
    folded = (bare === decomposed ? char.normalize('NFKC') : bare.normalize('NFC')).toLowerCase();
    if (foldedCharacters.size > 4096) foldedCharacters.clear();
    foldedCharacters.set(code, folded);
  }
  return folded;
}

/**
 * True when `text` may fold to something longer than itself (anything but printable ASCII): a
 * length-based quick exit (app/secret-forms.ts, shortestForm) does not apply to it.
 */
export function mayFoldLonger(text: string): boolean {
  return !PLAIN.test(text);
}

/**
 * The folded text alone, without where each unit came from: the same text `fold` makes (the same
 * rules, character by character), in a few native passes. Nearly every text holds no form, and
 * only one that does is folded again with its map.
 */
const QUICK =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-9:;<=>?]*[ -/]*[@-~]|\\(?:u001[bB]|x1[bB])\[[0-9:;<=>?]*[ -/]*[@-~]|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|[^\x20-\x5b\x5d-\x7e]/gu;
export function quickFold(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase();
  return text
    .replace(QUICK, (match) => {
      if (match.charCodeAt(0) === 0x1b) return '';
      if (match.charCodeAt(0) === 0x5c && match.length > 1) {
        // An escape: gone if it writes an invisible character (an ESC's sequence with it).
        if (match.includes('[')) return '';
        return isInvisible(Number.parseInt(match.slice(2), 16)) ? '' : match;
      }
      const code = match.codePointAt(0) ?? 0;
      return isInvisible(code) ? '' : code < 0x80 ? match : foldedCharacter(code);
    })
    .toLowerCase();
}

/** The last texts folded: every value of a redactor looks at the same text in turn. */
const quickView = forLastText(quickFold);
const foldedView = forLastText(fold);

/**
 * The longest value whose bytes are also looked for as Node's debug output writes a Buffer: the
 * most a saved secret may have. A server's own token may be far longer (16 KiB: 64 KiB of decimal
 * bytes, four times over for its encodings), and it sent that token itself: the echo these forms
 * catch is of what the app sent. (A longer secret typed into the command line, which allows 64
 * KiB, keeps its run-together hexadecimal.)
 */
const MAX_BUFFER_FORM_BYTES = MAX_SECRET_BYTES;

/**
 * Its bytes in hexadecimal run together, and as Node's debug output writes a Buffer: in
 * hexadecimal a space apart (`<Buffer 73 33 …>`, util.inspect), and in decimal a comma apart
 * (`{"type":"Buffer","data":[115,51,…]}`, JSON).
 */
const byteForms = (value: string) => {
  const bytes = utf8Bytes(value);
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0'));
  if (bytes.length > MAX_BUFFER_FORM_BYTES) return [hex.join('')];
  return [hex.join(''), hex.join(' '), bytes.join(','), bytes.join(', ')];
};

/**
 * Whether `form` has MIN_FOLDED_LENGTH code points or more: counted only when it is short, since
 * a value's forms can be long (a server's 16 KiB token is 64 KiB of decimal bytes) and spreading
 * each into an array of its characters was most of the time a redactor took to be made.
 */
const longEnough = (form: string) =>
  form.length >= 2 * MIN_FOLDED_LENGTH || [...form].length >= MIN_FOLDED_LENGTH;

/**
 * Finds the folded forms of `value` (already known to be long): the value folded as a text is,
 * and its UTF-8 bytes in hexadecimal (of the value and of its percent-encodings), in the folded
 * text. Null when there is nothing to fold to.
 */
export function foldedFinder(value: string, quickExit = true): ((text: string) => Span[]) | null {
  // A value that folds short (invisible characters in it) has no folded forms: matched without
  // regard to case, two or three letters would be cut out of every word.
  // And the value percent-encoded as a request carries it, folded: an echo of the request's body
  // in another case (`CLIENT_SECRET=SUP3R%2BSECRET`).
  // Its hexadecimal too, as a gateway's dump of the request's bytes shows it: those bytes hold the
  // value as the form body carries it ('/' as %2F), not as typed.
  const encodings = percentEncodings(value);
  const encoded = encodings.flatMap((form) => [fold(form).text, ...byteForms(form)]);
  // Spaced out, a space between each two characters: read as the value at a glance.
  const folded = fold(value).text;
  const spaced = [...folded].join(' ');
  const forms = [...new Set([folded, spaced, ...byteForms(value), ...encoded])].filter(longEnough);
  if (forms.length === 0) return null;
  const shortest = Math.min(...forms.map((form) => form.length));
  return (text) => {
    // Plain ASCII folds one unit for one: a shorter text holds no form. Anything else may fold
    // longer (a ligature), so it is always looked at.
    if (quickExit && text.length < shortest && PLAIN.test(text)) return [];
    const quick = quickView(text);
    if (!forms.some((form) => findFrom(quick, form) !== -1)) return [];
    const view = foldedView(text);
    const spans: Span[] = [];
    for (const form of forms) {
      for (let at = findFrom(view.text, form); at !== -1; at = findFrom(view.text, form, at + 1)) {
        const end = at + form.length;
        spend(form.length);
        spans.push(
          view.starts === null || view.ends === null ? [at, end] : [view.starts[at]!, view.ends[end - 1]!],
        );
      }
    }
    return spans;
  };
}
