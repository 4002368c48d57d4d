// Text from outside with the characters that can hide words in it made visible. A server's
// "Try again later" can carry a second message in tag characters (U+E0020–U+E007F, "ASCII
// smuggling") or bytes in variation selectors, invisible in the window and in a ticket the report
// is pasted into, yet read by whatever processes the text next (a ticket system's assistant).
// Each becomes U+FFFD, as the bidirectional controls do (app/bidi.ts). The emoji presentation
// selectors (U+FE0E, U+FE0F) stay: an emoji needs them, and two of them spell nothing.
//
// Everything a server says gets `withoutHiddenWords` (main/token/response-facts.ts): the other
// invisible characters (a zero-width space) stay data there, as --json hands them on escaped. A
// report, which reads as its words are, also shows those as U+FFFD (`withoutHiddenCharacters`).

import { INVISIBLE_RANGES } from './folded-forms';

/**
 * Bidirectional controls (app/bidi.ts), variation selectors but the emoji ones, and the tag and
 * variation selector supplement block (U+E0000–U+E0FFF, as surrogate pairs). Written without
 * \p{…}: building a Unicode property's tables costs the command line's cold start.
 */
// Each matched on its own, on purpose: a variation selector or joiner is what is looked for.
/* eslint-disable no-misleading-character-class */
const HIDDEN_WORDS =
  /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufe00-\ufe0d]|[\udb40-\udb43][\udc00-\udfff]/g;
/* eslint-enable no-misleading-character-class */

/** What emoji and scripts need, though drawn as nothing: the joiners, the emoji selectors. */
const KEPT: readonly number[] = [0x200c, 0x200d, 0xfe0e, 0xfe0f];

/**
 * Those, and every other character drawn as nothing: the ranges app/folded-forms.ts skips as
 * invisible (soft hyphen, Hangul fillers, zero-width space, invisible operators, byte-order mark,
 * interlinear annotation marks, shorthand and musical format controls…), controls aside, which
 * each surface treats its own way, and KEPT aside. Made on first use (reports, import previews): a
 * class of that many ranges is parsed when the RegExp is made, which the command line's every
 * cold start paid although a request never uses it.
 */
let hidden: RegExp | undefined;
const hiddenPattern = () =>
  (hidden ??= new RegExp(
    `[${INVISIBLE_RANGES.filter(([from]) => from > 0x9f)
      .flatMap(([from, to]) => {
        // Each range split around the characters kept.
        const parts: Array<readonly [number, number]> = [];
        let start = from;
        for (const kept of KEPT.filter((code) => code >= from && code <= to)) {
          if (kept > start) parts.push([start, kept - 1]);
          start = kept + 1;
        }
        if (start <= to) parts.push([start, to]);
        return parts;
      })
      .map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`)
      .join('')}]`,
    'gu',
  ));

function replaced(pattern: RegExp, text: string): string {
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, '\ufffd') : text;
}

/**
 * Nonspacing and enclosing marks stacked on one character beyond the four Unicode's security
 * mechanisms allow (UTS #39, 5.4: "forbid sequences of more than 4 nonspacing marks"): a server's
 * description of one letter and a thousand accents was drawn as a line through the app's own
 * heading above it in the window (and in a report). The marks past the fourth become one U+FFFD.
 */
const MAX_MARKS = 4;
/** Cheap first test: that many marks in a row are at least as many non-ASCII units in a row. */
const MAYBE_MARKS = new RegExp(`[^\\x00-\\x7f]{${MAX_MARKS + 1}}`);
/** Made on first use: building a Unicode property's tables costs the command line's cold start. */
let markRun: RegExp | undefined;
let oneMark: RegExp | undefined;

/**
 * A run of more than four marks, counted through the characters drawn as nothing between them
 * (non-ASCII, so MAYBE_MARKS still holds): Chromium stacks a mark after a zero-width non-joiner
 * or a word joiner on the marks before it, so "a" and five times four U+0301 and a U+200C was
 * drawn as tall as twenty accents (found measuring the ink with canvas measureText in Chromium).
 */
function markRunPattern(): RegExp {
  const invisible = INVISIBLE_RANGES.filter(([from]) => from > 0x9f)
    .map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`)
    .join('');
  return new RegExp(`[\\p{Mn}\\p{Me}](?:[${invisible}]*[\\p{Mn}\\p{Me}]){${MAX_MARKS},}`, 'gu');
}

/** `text` with what follows the fourth mark of a run as `rest` (one U+FFFD unless told). */
export function withoutMarkFloods(text: string, rest = '\ufffd'): string {
  if (!MAYBE_MARKS.test(text)) return text;
  markRun ??= markRunPattern();
  oneMark ??= /[\p{Mn}\p{Me}]/u;
  const mark = oneMark;
  return text.replace(markRun, (run) => {
    let kept = '';
    let marks = 0;
    for (const char of run) {
      if (mark.test(char) && ++marks > MAX_MARKS) break;
      kept += char;
    }
    return kept + rest;
  });
}

/**
 * Bidirectional controls and the characters that can spell hidden words, as U+FFFD; so are the
 * marks past the fourth on one character.
 */
export function withoutHiddenWords(text: string): string {
  return withoutMarkFloods(replaced(HIDDEN_WORDS, text));
}

/** Every character drawn as nothing, and every bidirectional control, as U+FFFD. */
export function withoutHiddenCharacters(text: string): string {
  return replaced(hiddenPattern(), text);
}
