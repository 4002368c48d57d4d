// The ways one character of a known value can be written in text from outside (app/secret-forms.ts
// puts characters together into a value's forms): as itself; its HTML entities (named, decimal,
// hex); JSON's short escapes and \uXXXX of each UTF-16 unit; \xHH of each UTF-8 byte or of a
// character up to U+00FF; percent-encoded UTF-8, once or twice
// ('+' for a space in a form); and its UTF-8 read as Latin-1 (a header's bytes as node:http
// decodes them). Hex digits in escapes may be in either case.
import { utf8Bytes } from './text-encoding';

const HTML_NAMED: Readonly<Record<string, readonly string[]>> = {
  '&': ['&amp;'],
  '<': ['&lt;'],
  '>': ['&gt;'],
  '"': ['&quot;'],
  "'": ['&apos;'],
  '\u00a0': ['&nbsp;'],
};
const JSON_SHORT: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

export function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

export const PERCENT = 0x25;
export const BACKSLASH = 0x5c;
export const AMPERSAND = 0x26;
const HASH = 0x23;

/** Where a numeric HTML reference (&#101; &#x65 &#X0065;) to `code` at `at` can end; none if it is not one. */
function numericReferenceEnds(text: string, at: number, code: number): number[] {
  if (text.charCodeAt(at) !== AMPERSAND || text.charCodeAt(at + 1) !== HASH) return [];
  let i = at + 2;
  const hexadecimal = text[i] === 'x' || text[i] === 'X';
  if (hexadecimal) i += 1;
  const digits = hexadecimal ? /[0-9a-fA-F]/ : /[0-9]/;
  const first = i;
  while (i < text.length && digits.test(text.charAt(i))) i += 1;
  if (i === first || Number.parseInt(text.slice(first, i), hexadecimal ? 16 : 10) !== code) return [];
  // The ';' is optional where browsers read the reference without it.
  return text.charCodeAt(i) === 0x3b ? [i, i + 1] : [i];
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * Whether `text` at `at` lower-cased reads `form` (ASCII, lower case): what
 * `text.slice(at, at + form.length).toLowerCase() === form` says, without making two strings at
 * every escape (a server's 1 MiB of "%53" took a fifth of a second for one secret that starts
 * with "S"). Only A–Z lower-case to ASCII of the same length: U+212A (Kelvin) to "k", which no
 * form holds, and U+0130 to two units.
 */
function foldedAt(text: string, at: number, form: string): boolean {
  if (at + form.length > text.length) return false;
  for (let k = 0; k < form.length; k += 1) {
    const unit = text.charCodeAt(at + k);
    const lower = unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
    if (lower !== form.charCodeAt(k)) return false;
  }
  return true;
}

/** Where one character written in any of its forms can end when it starts at `at`. */
export type CharacterMatcher = (text: string, at: number) => readonly number[];

/**
 * Matchers by character: the same characters recur in every variant and every value. Only the
 * ways of writing single characters are kept, never a value; the cache stays small.
 */
const matchers = new Map<string, CharacterMatcher>();

/** U+FFFD, what a decoder gives for bytes that are not UTF-8. */
const REPLACEMENT = 0xfffd;

export function characterMatcher(char: string): CharacterMatcher {
  let matcher = matchers.get(char);
  if (matcher === undefined) {
    if (matchers.size >= 4096) matchers.clear();
    matcher = newCharacterMatcher(char);
    matchers.set(char, matcher);
  }
  return matcher;
}

interface CharacterForms {
  readonly code: number;
  /** Written as they stand. */
  readonly exact: readonly string[];
  /** ASCII escapes, lower case here, matched in either case. */
  readonly folded: readonly string[];
  /** The first unit of its Latin-1 form, and U+FFFD where it has that form; -1 where not. */
  readonly latin1Unit: number;
  readonly replacedUnit: number;
}

function formsOf(char: string): CharacterForms {
  const code = char.codePointAt(0) ?? 0;
  const exact = [char, ...(HTML_NAMED[char] ?? [])];
  const short = JSON_SHORT[char];
  if (short !== undefined) exact.push(short);
  if (char === ' ') exact.push('+');
  // Escapes made of ASCII whose hex digits may be in either case: percent-encoded UTF-8 bytes,
  // once or twice ("%2F", "%252f"), and JSON's \uXXXX of each UTF-16 unit.
  const bytes = utf8Bytes(char).map((byte) => hex(byte, 2));
  const units = [...Array(char.length).keys()].map((i) => hex(char.charCodeAt(i), 4));
  const folded = [
    bytes.map((byte) => `%${byte}`).join(''),
    bytes.map((byte) => `%25${byte}`).join(''),
    units.map((unit) => `\\u${unit}`).join(''),
    // \xHH of each UTF-8 byte (a bytes literal as Python, C or a shell prints it), and of the
    // character itself up to U+00FF (a Python or JavaScript string: "P\xe4ssw\xf6rd").
    bytes.map((byte) => `\\x${byte}`).join(''),
    ...(code < 0x100 ? [`\\x${hex(code, 2)}`] : []),
  ];
  // Its UTF-8 bytes read as Latin-1, one character each ("é" as "Ã©"): how node:http and Node's
  // fetch decode a reason phrase or header value a server wrote in UTF-8.
  const latin1 = code >= 0x80 ? String.fromCharCode(...utf8Bytes(char)) : null;
  if (latin1 !== null) exact.push(latin1);
  // The other way: its Latin-1 byte (a server writing ISO-8859-1 or windows-1252) read as UTF-8,
  // a byte that is no UTF-8 on its own, decoded as U+FFFD ("Pässwörd" as "P\ufffdssw\ufffdrd").
  const replacedUnit = code >= 0x80 && code <= 0xff ? REPLACEMENT : -1;
  if (replacedUnit !== -1) exact.push('\ufffd');
  return { code, exact, folded, latin1Unit: latin1?.charCodeAt(0) ?? -1, replacedUnit };
}

function newCharacterMatcher(char: string): CharacterMatcher {
  const { code, exact, folded, latin1Unit, replacedUnit } = formsOf(char);
  const literalUnit = char.charCodeAt(0);
  return (text, at) => {
    const first = text.charCodeAt(at);
    // Most attempts fail on their first character: answer those without allocating.
    if (
      first !== literalUnit &&
      first !== latin1Unit &&
      first !== replacedUnit &&
      first !== PERCENT &&
      first !== BACKSLASH &&
      first !== AMPERSAND &&
      first !== 0x2b
    )
      return NONE;
    const ends: number[] = [];
    for (const form of exact) if (text.startsWith(form, at)) ends.push(at + form.length);
    if (first === PERCENT || first === BACKSLASH) {
      for (const form of folded) {
        if (foldedAt(text, at, form)) ends.push(at + form.length);
      }
    } else if (first === AMPERSAND) {
      ends.push(...numericReferenceEnds(text, at, code));
    }
    return ends;
  };
}

const unitPattern = (unit: number) => `\\u${hex(unit, 4)}`;
/** An ASCII escape's pattern, its letters in either case (as the matcher reads it). */
const eitherCase = (form: string) =>
  [...form]
    .map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : unitPattern(c.charCodeAt(0))))
    .join('');

/**
 * A pattern for where `char` can begin in any of its forms: at least every place where its
 * matcher finds one (a numeric reference's end is left to the matcher). A text's every `%`, `\`
 * and `&` was tried as a start of every value before, none of it counted as work
 * (app/search-work.ts): an answer of 1 MiB of `%` kept the main process busy for a minute when
 * the secrets of a batch run were redacted from it.
 */
export function characterStartPattern(char: string): string {
  const { code, exact, folded } = formsOf(char);
  const literal = (form: string) =>
    [...Array(form.length).keys()].map((i) => unitPattern(form.charCodeAt(i))).join('');
  return [
    ...exact.map(literal),
    ...folded.map(eitherCase),
    `&#0*${code}`,
    `&#[xX]0*${eitherCase(code.toString(16))}`,
  ].join('|');
}
