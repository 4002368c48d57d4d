// Removes known values (the client secret, a token, a client ID) from text, in every form a
// server or this app might have written them: as typed, form- or percent-encoded, JSON- or
// HTML-escaped. The guarantee is absolute: the result contains none of those forms, whatever
// the values are, even a one-character secret that also occurs in the marker's own wording.
import { FORM_URLENCODED, percentEncode, RFC3986_UNRESERVED, URI_COMPONENT } from './text-encoding';

/** How the app marks text it cut short (response excerpts, long error descriptions). */
export const CUT_MARK = '…';
/** A value cut off by CUT_MARK still leaks its start; from this many characters on, that goes too. */
export const MIN_CUT_PREFIX = 4;

function jsonEscaped(value: string): string {
  // JSON.stringify escapes quotes, backslashes, control characters and lone surrogates.
  return JSON.stringify(value).slice(1, -1);
}

/** JSON as Python, PHP and Java often write it: every non-ASCII code unit as \uXXXX. */
function jsonAsciiEscaped(value: string, upperCase: boolean): string {
  return jsonEscaped(value).replace(/[\u0080-\uffff]/g, (unit) => {
    const hex = unit.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${upperCase ? hex.toUpperCase() : hex}`;
  });
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function htmlEscaped(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

/** Every form of `value` the scrubber looks for; the empty string has none. */
export function encodedForms(value: string): string[] {
  if (value === '') return [];
  const percent = [FORM_URLENCODED, URI_COMPONENT, RFC3986_UNRESERVED].flatMap((encoding) => [
    percentEncode(value, encoding),
    percentEncode(value, { ...encoding, lowerCaseHex: true }),
  ]);
  const json = [jsonEscaped(value), jsonAsciiEscaped(value, false), jsonAsciiEscaped(value, true)];
  // PHP also writes '/' as '\/'.
  const phpJson = json.map((form) => form.replaceAll('/', '\\/'));
  const forms = new Set([value, ...percent, ...json, ...phpJson, htmlEscaped(value)]);
  return [...forms].sort((a, b) => b.length - a.length);
}

export interface ScrubOptions {
  /** Words for the marker, e.g. "secret removed" gives "[secret removed]". */
  readonly label?: string;
}

/** Spans [start, end) of `text` covered by any occurrence of any form, overlaps included. */
function coveredSpans(text: string, forms: readonly string[]): boolean[] {
  const covered: boolean[] = new Array<boolean>(text.length).fill(false);
  const cover = (start: number, end: number) => covered.fill(true, start, end);
  for (const form of forms) {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) cover(at, at + form.length);
  }
  // A value cut off at the end of the text by CUT_MARK leaves its first characters behind.
  if (text.endsWith(CUT_MARK)) {
    const body = text.length - CUT_MARK.length;
    for (const form of forms) {
      for (let length = Math.min(form.length - 1, body); length >= MIN_CUT_PREFIX; length -= 1) {
        if (text.startsWith(form.slice(0, length), body - length)) {
          cover(body - length, body);
          break;
        }
      }
    }
  }
  return covered;
}

function replaceCovered(text: string, covered: readonly boolean[], marker: string): string {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start;
    while (end < text.length && covered[end] === covered[start]) end += 1;
    parts.push(covered[start] ? marker : text.slice(start, end));
    start = end;
  }
  return parts.join('');
}

/**
 * A marker made of one character that occurs in no form. Proof that it always works: a form
 * cannot overlap the marker (it lacks that character), so any occurrence in the output lies in
 * untouched text, where it would have been found and covered.
 */
function fallbackMarker(forms: readonly string[]): string {
  const used = new Set(forms.flatMap((form) => [...form]));
  for (const char of '█■●◆#*~^') if (!used.has(char)) return char.repeat(3);
  let code = 0x2580;
  while (used.has(String.fromCodePoint(code))) code += 1;
  return String.fromCodePoint(code).repeat(3);
}

/**
 * Returns a function that removes every form of every value (empty values are ignored). All
 * occurrences, overlapping ones included, are found in the original text first and each run of
 * them becomes one marker, so nothing depends on the order of replacement. A readable marker is
 * used when the result provably contains no form; otherwise one that cannot contain any.
 */
export function scrubber(values: readonly string[], options: ScrubOptions = {}): (text: string) => string {
  const forms = [...new Set(values.flatMap(encodedForms))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  const label = options.label ?? 'removed';
  const readable = [`[${label}]`, `[${label.toUpperCase()}]`];
  const fallback = fallbackMarker(forms);
  return (text) => {
    // Most text holds no secret at all: find that out without building the span map.
    if (!text.endsWith(CUT_MARK) && !forms.some((form) => text.includes(form))) return text;
    const covered = coveredSpans(text, forms);
    if (!covered.includes(true)) return text;
    for (const marker of readable) {
      const out = replaceCovered(text, covered, marker);
      if (!forms.some((form) => out.includes(form))) return out;
    }
    return replaceCovered(text, covered, fallback);
  };
}
