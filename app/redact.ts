// The one redaction every outgoing surface uses (window results, history, reports, the command
// line's text and JSON): it removes known values (the client secret, a token, a client ID) in
// every form app/secret-forms.ts lists from text that came from OUTSIDE the app (what a server
// said, a URL it echoed). It is never applied to the app's own sentences or to what the user
// typed: a secret that happens to be a common word must not garble them, nor show, by where the
// markers fall, what the secret is.
//
// The guarantee: the result contains no form of any value, whatever the values are. Readable
// markers ("[secret removed]") are used when the result provably holds no form; otherwise
// markers made of a character that occurs in no form, repeated until nothing is left.
import { beginSearch, endSearch, TooCostlyToSearch } from './search-work';
import { formFinder, valueVariants, type FormFinder } from './secret-forms';
import { withFragments } from './secret-fragments';

export { MIN_SUBSTRING_LENGTH, valueVariants, formFinder, type FormFinder } from './secret-forms';

/**
 * The shortest client ID a report shows a glimpse of, and the history and reports remove from
 * server text (app/report.ts, app/batch-summary.ts): shorter ones would show most of themselves
 * in the first-four-last-two form, and be found inside other words.
 */
export const MIN_MASKED_ID_LENGTH = 8;

export interface KnownValue {
  readonly value: string;
  /** Words for the marker: "secret removed" gives "[secret removed]". */
  readonly label: string;
  /**
   * Also remove runs of half of it or more (app/secret-fragments.ts): for a secret,
   * which a server may echo cut short. Not for a token in general, new with every answer, whose
   * pieces (a JWT's header) other tokens share; only in what the Messaging API says of the token
   * it was sent (main/access/access-service.ts, withoutTokenParts).
   */
  readonly fragments?: boolean;
}

/** [start, end) of one occurrence of a form of known value number `which`. */
export interface FoundSpan {
  readonly start: number;
  readonly end: number;
  readonly which: number;
}

export interface Redactor {
  (text: string): string;
  /** Every occurrence of every form, overlapping ones included. */
  spans(text: string): FoundSpan[];
}

const NO_VALUES: Redactor = Object.assign((text: string) => text, { spans: () => [] });

function findSpans(text: string, finders: readonly FormFinder[]): FoundSpan[] {
  const found: FoundSpan[] = [];
  const outer = beginSearch(text);
  try {
    // A loop, not flatMap: nearly every text holds nothing, and this then allocates nothing more.
    for (let which = 0; which < finders.length; which += 1) {
      for (const [start, end] of finders[which]?.(text) ?? []) found.push({ start, end, which });
    }
  } catch (error) {
    if (!(error instanceof TooCostlyToSearch)) throw error;
    // Too costly to search (app/search-work.ts): all of it counts as holding a value.
    return [{ start: 0, end: text.length, which: finders.length }];
  } finally {
    endSearch(outer);
  }
  return found;
}

/** The marker's words for a text withheld whole because it was too costly to search. */
const NOT_CHECKED = 'not shown: too costly to check for secrets';
/** That marker: no value's form (it is the app's own words, as every marker is). */
export const NOT_CHECKED_MARKER = `[${NOT_CHECKED}]`;

/** Each run of covered text becomes one marker, chosen by the first value covering it. */
function replaceSpans(text: string, spans: readonly FoundSpan[], marker: (which: number) => string): string {
  const owner = new Array<number>(text.length).fill(-1);
  for (const { start, end, which } of spans) {
    for (let i = start; i < end; i += 1) {
      const current = owner[i] ?? -1;
      if (current === -1 || which < current) owner[i] = which;
    }
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const which = owner[i] ?? -1;
    let end = i;
    while (end < text.length && owner[end] === which) end += 1;
    out += which === -1 ? text.slice(i, end) : marker(which);
    i = end;
  }
  return out;
}

/**
 * A character no form can contain: none of the values holds it, and it is not ASCII, which every
 * encoded form is made of. So a marker of it never takes part in an occurrence.
 */
function fallbackCharacter(values: readonly string[]): string {
  const used = new Set(values.flatMap((value) => valueVariants(value).flatMap((variant) => [...variant])));
  for (const char of '█■●◆▲') if (!used.has(char)) return char;
  let code = 0x2580;
  while (used.has(String.fromCodePoint(code))) code += 1;
  return String.fromCodePoint(code);
}

/**
 * Removes every form of every known value (empty values are ignored). `finderOf` lets a caller
 * that redacts with the same value again and again (the token service, the client secret) reuse
 * the finder it made for it; it must be `formFinder` or return what `formFinder` made.
 */
export function redactor(
  known: readonly KnownValue[],
  finderOf: (value: string) => FormFinder = formFinder,
): Redactor {
  // A token service makes one of these per answer (for the new token): nothing is worked out here
  // that a text holding no form does not need (npm run bench, main-process overhead).
  const values = known.every(({ value }) => value !== '') ? known : known.filter(({ value }) => value !== '');
  if (values.length === 0) return NO_VALUES;
  const finders: FormFinder[] = [];
  for (const { value, fragments } of values)
    finders.push(fragments === true ? withFragments(finderOf(value), value) : finderOf(value));
  const spans = (text: string) => findSpans(text, finders);
  const redact = (text: string): string => {
    const found = spans(text);
    return found.length === 0 ? text : replaceFound(text, found, values, spans);
  };
  return Object.assign(redact, { spans });
}

/** What `redact` does once something is found, which is rare. */
function replaceFound(
  text: string,
  found: readonly FoundSpan[],
  values: readonly KnownValue[],
  spans: (text: string) => FoundSpan[],
): string {
  const out = replaceSpans(text, found, (which) => `[${values[which]?.label ?? NOT_CHECKED}]`);
  if (spans(out).length === 0) return out;
  // A marker next to what is left can spell a value (or let a short one stand alone): markers
  // of a character no form contains, again until no occurrence is left. Each round covers at
  // least one more character of the text, so this ends.
  const marker = fallbackCharacter(values.map(({ value }) => value)).repeat(3);
  let safe = replaceSpans(text, found, () => marker);
  for (let again = spans(safe); again.length > 0; again = spans(safe)) {
    safe = replaceSpans(safe, again, () => marker);
  }
  return safe;
}

/** The usual pair: the client secret and, once one is issued, the access token. */
export function credentialRedactor(secret: string, ...alsoSecret: readonly string[]): Redactor {
  return redactor(
    [secret, ...alsoSecret].map((value) => ({ value, label: 'secret removed', fragments: true })),
  );
}

/**
 * Redacted, cut to `max`, and redacted again. Before cutting, or a secret across the cut would leave
 * its first characters behind; and again after, since a cut can leave a short value standing alone
 * that was part of a longer word before (app/secret-forms.ts finds short values only on their own).
 */
export function redactAndCut(text: string, max: number, redact: (text: string) => string): string {
  return cutRedacted(redact(text), max, redact);
}

/** A marker `redact` puts in a text's place: "[secret removed]", the not-checked one. */
const MARKER_START = /^\[(?:[a-zA-Z ]{1,20} removed|not shown: [a-z ]{1,60})\]/;

/**
 * Text already through `redact`, cut to `max` and then redacted again (see redactAndCut). Never
 * between the two halves of a character beyond the first 65,536 (an emoji), nor inside a marker
 * the redaction put there: half a marker ("…[secret re") reads as the server's words. Never longer
 * than `max` either: a short value the cut left standing alone (a client ID "abcdefg " whose
 * "abcdefg" was part of "abcdefgZ") becomes a marker longer than itself, so the text is then cut
 * again before it (a history entry's code longer than 200 was left out of the history when read).
 */
export function cutRedacted(clean: string, max: number, redact: (text: string) => string): string {
  if (clean.length <= max) return clean;
  for (let end = cutPoint(clean, max); ;) {
    const cut = clean.slice(0, end);
    const out = redact(cut);
    if (out.length <= max) return out;
    let same = 0;
    while (same < cut.length && cut.charCodeAt(same) === out.charCodeAt(same)) same += 1;
    end = cutPoint(clean, Math.min(same, end - 1));
  }
}

/** Where to cut `clean` at `max` or before: not inside a character's two halves nor a marker. */
function cutPoint(clean: string, max: number): number {
  let end = max;
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const open = clean.lastIndexOf('[', end - 1);
  if (open >= 0 && clean.lastIndexOf(']', end - 1) < open && MARKER_START.test(clean.slice(open, open + 80)))
    end = open;
  return end;
}

export { BIDI_CONTROLS, withoutBidiControls } from './bidi';
