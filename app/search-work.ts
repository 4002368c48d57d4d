// How much work finding a value's forms in one text may take. Finding every occurrence,
// overlapping ones included, costs about (text length × value length) when both repeat
// themselves: a server chooses its own token, so an answer of `aaa…` (the 1 MiB the app reads)
// with a token of `aaa…` (16 KiB, the longest it accepts) kept the main process busy for minutes,
// the deadline long past and Cancel unanswered. Honest texts hold a value a few times at most.
// So each search gets a budget proportional to its text; past it, the search gives up and the
// whole text counts as holding a value (app/redact.ts): withheld, never shown unchecked.

/** Thrown by `spend` when the search in hand has used up its budget. */
export class TooCostlyToSearch extends Error {
  constructor() {
    super('Finding known values in this text would take too long.');
    this.name = 'TooCostlyToSearch';
  }
}

/** Units per UTF-16 unit of the text searched, and a floor for short texts. */
export const WORK_PER_UNIT = 16;
export const WORK_FLOOR = 100_000;

let left = Infinity;

/** Opens a budget for one search of `text`; returns what `endSearch` restores. */
export function beginSearch(text: string): number {
  const before = left;
  left = WORK_PER_UNIT * text.length + WORK_FLOOR;
  return before;
}

export function endSearch(before: number): void {
  left = before;
}

/**
 * Counts work: a found occurrence costs its length, a match followed character by character its
 * steps. Outside a search (a finder called directly) nothing is limited.
 */
export function spend(units: number): void {
  left -= units;
  if (left < 0) throw new TooCostlyToSearch();
}
