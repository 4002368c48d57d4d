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

/**
 * Bidirectional controls (app/bidi.ts), variation selectors but the emoji ones, and the tag and
 * variation selector supplement block (U+E0000–U+E0FFF, as surrogate pairs). Written without
 * \p{…}: building a Unicode property's tables costs the command line's cold start.
 */
// Each matched on its own, on purpose: a variation selector or joiner is what is looked for.
/* eslint-disable no-misleading-character-class */
const HIDDEN_WORDS =
  /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufe00-\ufe0d]|[\udb40-\udb43][\udc00-\udfff]/g;

/**
 * Those, and every other character drawn as nothing (the ranges app/folded-forms.ts skips as
 * invisible, controls aside): soft hyphen, combining grapheme joiner, Hangul fillers, Khmer's
 * inherent vowels, Mongolian selectors, zero-width space, word joiner and invisible operators,
 * byte-order mark, interlinear annotation marks, shorthand format controls (U+1BCA0–U+1BCA3) and
 * musical format controls (U+1D173–U+1D17A). The joiners that emoji and scripts need (U+200C,
 * U+200D) stay.
 */
const HIDDEN =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0d\ufeff\uffa0\ufff9-\ufffb]|[\udb40-\udb43][\udc00-\udfff]|\ud82f[\udca0-\udca3]|\ud834[\udd73-\udd7a]/g;
/* eslint-enable no-misleading-character-class */

function replaced(pattern: RegExp, text: string): string {
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, '\ufffd') : text;
}

/** Bidirectional controls and the characters that can spell hidden words, as U+FFFD. */
export function withoutHiddenWords(text: string): string {
  return replaced(HIDDEN_WORDS, text);
}

/** Every character drawn as nothing, and every bidirectional control, as U+FFFD. */
export function withoutHiddenCharacters(text: string): string {
  return replaced(HIDDEN, text);
}
