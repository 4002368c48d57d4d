// A text without its line breaks, for finding base64 wrapped into lines (MIME's 76 characters,
// openssl's 64, a YAML block), the breaks real or escaped; app/secret-forms.ts maps what it finds
// back to the text.
import { forLastText } from './last-text';

/** A line break, or one written as JSON and most languages escape it. */
const LINE_BREAK = /[\r\n]|\\[rn]/;
/** Line breaks in a row, and the indentation after them (YAML, a pretty-printed value). */
const LINE_BREAKS = /(?:[\r\n]|\\[rn])+[ \t]*/g;
const BASE64_CHARACTER = /[A-Za-z0-9+/=_-]/;

/** A text without its line breaks, and where each of its characters was in the text. */
export interface Unwrapped {
  readonly text: string;
  /** Where in the text the character at `index` of the unwrapped text is. */
  at(index: number): number;
}

/**
 * The text without line breaks, or null when no break stands between two base64 characters
 * (none could be inside wrapped base64): made once per text, however many values look in it (the
 * test for a break too: it reads the whole text, every backslash in it).
 */
export const unwrapped = forLastText(unwrap);

function unwrap(text: string): Unwrapped | null {
  if (!LINE_BREAK.test(text)) return null;
  const pieces: string[] = [];
  // Where each piece after a break starts, in the unwrapped text and in the text.
  const viewStarts: number[] = [0];
  const textStarts: number[] = [0];
  let from = 0;
  let viewLength = 0;
  let wrapped = false;
  for (const found of text.matchAll(LINE_BREAKS)) {
    // A break between two base64 characters could be inside a wrapped run.
    wrapped ||=
      BASE64_CHARACTER.test(text.charAt(found.index - 1)) &&
      BASE64_CHARACTER.test(text.charAt(found.index + found[0].length));
    pieces.push(text.slice(from, found.index));
    viewLength += found.index - from;
    from = found.index + found[0].length;
    viewStarts.push(viewLength);
    textStarts.push(from);
  }
  pieces.push(text.slice(from));
  const at = (index: number): number => {
    // The last piece starting at or before `index`.
    let low = 0;
    let high = viewStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((viewStarts[middle] ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    return (textStarts[low] ?? 0) + index - (viewStarts[low] ?? 0);
  };
  return wrapped ? { text: pieces.join(''), at } : null;
}
