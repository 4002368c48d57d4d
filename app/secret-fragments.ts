// A secret echoed in part: every run of half of it or more, as written. A server that cuts a
// secret short ("invalid secret 'S3cr3tValue-abcd…'") shows most of it; tokens are not searched
// in part (app/redact.ts says which values are). The whole value's forms are app/secret-forms.ts's.
import { findFrom, spend } from './search-work';
import { forLastText } from './last-text';
import { codePointCount, MIN_SUBSTRING_LENGTH, NO_SPANS, type FormFinder, type Span } from './secret-forms';

/**
 * A value of at least this many code points is also found in part: a server that echoes most of
 * a secret ("invalid secret 'S3cr3tValue-abcd…'", its last twelve characters) shows most of it.
 */
export const MIN_FRAGMENT_VALUE = 16;

/**
 * Finds, in a text, every run of at least half of `value` (trimmed; MIN_SUBSTRING_LENGTH at
 * least) that is also a run of the value: [start, end) of each, as long as the two go on alike.
 * Null for a value shorter than MIN_FRAGMENT_VALUE (its forms are found whole). As the value is
 * written only: a server that cuts a secret short rarely also re-encodes it, and this runs on
 * every text a server sends (main-process overhead, npm run bench). But in a text with NULs
 * (UTF-16 or UTF-32 read as UTF-8) also with them taken out, as the whole value is found.
 *
 * Any such run holds one of the value's pieces of a quarter of its length that start at a
 * multiple of that length; so only those few pieces are searched for, and each place one occurs
 * is followed outwards while text and value agree.
 */
export function fragmentFinder(value: string): FormFinder | null {
  const core = value.trim();
  if (codePointCount(core) < MIN_FRAGMENT_VALUE) return null;
  const least = Math.max(MIN_SUBSTRING_LENGTH, Math.ceil(core.length / 2));
  const size = Math.floor(least / 2);
  const pieces: Array<readonly [at: number, piece: string]> = [];
  for (let at = 0; at + size <= core.length; at += size) pieces.push([at, core.slice(at, at + size)]);
  const search = (text: string): readonly Span[] => {
    if (text.length < least) return NO_SPANS;
    let ends: Map<number, number> | null = null;
    for (const [at, piece] of pieces) {
      for (let i = findFrom(text, piece); i !== -1; i = findFrom(text, piece, i + 1)) {
        let start = i;
        let from = at;
        while (start > 0 && from > 0 && text.charCodeAt(start - 1) === core.charCodeAt(from - 1)) {
          start -= 1;
          from -= 1;
        }
        let end = i + size;
        let to = at + size;
        while (end < text.length && to < core.length && text.charCodeAt(end) === core.charCodeAt(to)) {
          end += 1;
          to += 1;
        }
        spend(end - start);
        if (end - start < least) continue;
        // Never half of a character beyond the first 65,536 (an emoji) at either end.
        if (splitsPair(text, start)) start -= 1;
        if (splitsPair(text, end)) end += 1;
        ends ??= new Map();
        if ((ends.get(start) ?? -1) < end) ends.set(start, end);
      }
    }
    return ends === null ? NO_SPANS : [...ends].map(([start, end]): Span => [start, end]);
  };
  return (text) => {
    const spans = search(text);
    if (!text.includes('\0')) return spans;
    // UTF-16 or UTF-32 read as UTF-8, as every transport reads a body: a NUL beside each ASCII
    // character, which shows as nothing, and a secret's half, "S\0e\0c\0…", reads as it stands.
    const { narrow, kept } = withoutNuls(text);
    const found = search(narrow).map(([start, end]): Span => [
      kept[start] ?? 0,
      (kept[end - 1] ?? text.length - 1) + 1,
    ]);
    return found.length === 0 ? spans : [...spans, ...found];
  };
}

/**
 * The last text with NULs, without them, and where each unit left came from: every value of a
 * redactor looks at the same text in turn, and each made this again (a batch run's 500 secrets
 * took 52 s over 1 MiB of "a\0").
 */
const withoutNuls = forLastText((text): { readonly narrow: string; readonly kept: Int32Array } => {
  const kept = new Int32Array(text.length);
  let count = 0;
  for (let at = 0; at < text.length; at += 1) if (text.charCodeAt(at) !== 0) kept[count++] = at;
  return { narrow: text.replace(/\0/g, ''), kept: kept.subarray(0, count) };
});

/** Whether `at` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const high = text.charCodeAt(at - 1);
  const low = text.charCodeAt(at);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** `finder`, and the value's fragments (fragmentFinder) where it is long enough to have them. */
export function withFragments(finder: FormFinder, value: string): FormFinder {
  const fragments = fragmentFinder(value);
  if (fragments === null) return finder;
  return (text) => {
    const parts = fragments(text);
    const whole = finder(text);
    return parts.length === 0 ? whole : [...whole, ...parts];
  };
}
