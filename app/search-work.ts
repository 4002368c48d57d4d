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
export const WORK_PER_UNIT = 4;
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

/**
 * Where `form` next occurs in `text` from `from`, or -1: `text.indexOf(form, from)`, in time
 * linear in the text. V8's own search is not, for a form that nearly repeats itself (a server's
 * token `aaa…baaa…` in an answer of `aaa…`: seconds for each of a value's forms in 1 MiB), and
 * searches that find nothing are not counted by `spend`. So past a short text or form it is the
 * Knuth-Morris-Pratt search.
 */
export function findFrom(text: string, form: string, from = 0): number {
  if (form.length <= SHORT_FORM || text.length - from <= SHORT_TEXT) return text.indexOf(form, from);
  let fail: Int32Array | null = null;
  const last = form.length;
  // Wherever nothing is matched, V8 finds the form's first characters (quick, and at most
  // SHORT_FORM steps a character): no occurrence starts before them.
  const head = form.slice(0, SHORT_FORM);
  let matched = 0;
  for (let i = from; i < text.length; i += 1) {
    if (matched === 0) {
      i = text.indexOf(head, i);
      if (i === -1) return -1;
      // Made once the head is found at all: most searches never find it.
      fail ??= failureOf(form);
    }
    const unit = text.charCodeAt(i);
    while (matched > 0 && form.charCodeAt(matched) !== unit) matched = fail?.[matched - 1] ?? 0;
    if (form.charCodeAt(matched) === unit) matched += 1;
    if (matched === last) return i - last + 1;
  }
  return -1;
}

/** Below these, V8's search is quick whatever the form (at most their product per search). */
const SHORT_FORM = 16;
const SHORT_TEXT = 4096;

/**
 * The form's failure table, made for each search that finds its head: not kept, since forms can
 * be long (a server's "token" under a token key) and are made from secrets.
 */
function failureOf(form: string): Int32Array {
  const fail = new Int32Array(form.length);
  for (let i = 1, k = 0; i < form.length; i += 1) {
    while (k > 0 && form.charCodeAt(i) !== form.charCodeAt(k)) k = fail[k - 1] ?? 0;
    if (form.charCodeAt(i) === form.charCodeAt(k)) k += 1;
    fail[i] = k;
  }
  return fail;
}
