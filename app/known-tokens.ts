// Tokens this process has received, cut out of what any later answer says: a server that issued
// one profile's token could echo it in another profile's answer (a batch run, --all-profiles), and
// that answer goes to the window, the history, a report or a terminal, which hold no token unless
// the user asks to see it. Each answer's own token is cut out with all its forms (app/redact.ts);
// the others are many (one per request), so they are looked for in the forms a server writes a
// token in (as sent, JSON-escaped, percent-encoded), all at once in one pass over the text: a
// rolling hash of each place's last HEAD characters, matched against each form's last HEAD (a
// token's end is its most random part: JWTs share their first characters). Every comparison is
// counted against the text's work budget (app/search-work.ts): past it, the whole text is withheld,
// as the redactor does, never shown unchecked.
import { NOT_CHECKED_MARKER } from './redact';
import { beginSearch, endSearch, spend, TooCostlyToSearch } from './search-work';

/** Characters hashed at each place of a text; a token shorter than this is not kept. */
export const KNOWN_TOKEN_MIN_LENGTH = 12;
const HEAD = KNOWN_TOKEN_MIN_LENGTH;
const BASE = 0x01000193;
/** BASE ** (HEAD - 1), modulo 2 ** 32: what the character leaving the window weighed. */
const LEAVING = (() => {
  let power = 1;
  for (let i = 1; i < HEAD; i += 1) power = Math.imul(power, BASE);
  return power;
})();

export const KNOWN_TOKEN_LABEL = '[token removed]';

function headHash(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + HEAD; i += 1) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}

/** The forms a token is written in by servers: as sent, JSON-escaped, percent-encoded (either case). */
function formsOf(token: string): string[] {
  const encoded = encodeURIComponent(token);
  const forms = new Set([
    token,
    token.replaceAll('/', '\\/'),
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  ]);
  return [...forms];
}

export interface KnownTokens {
  /** After a token is received. */
  add(token: string): void;
  /** `text` with every known token (in the forms above) replaced by KNOWN_TOKEN_LABEL. */
  cut(text: string): string;
}

/** Keeps the last `limit` distinct tokens of KNOWN_TOKEN_MIN_LENGTH characters or more. */
export function createKnownTokens(limit = 256): KnownTokens {
  const order: string[] = [];
  // A form's last HEAD characters' hash to the forms with it; kept as tokens come and go, since
  // one comes with every answer.
  const byTail = new Map<number, string[]>();

  function index(token: string, keep: boolean): void {
    for (const form of formsOf(token)) {
      const hash = headHash(form, form.length - HEAD);
      const rest = (byTail.get(hash) ?? []).filter((other) => other !== form);
      if (keep) rest.push(form);
      if (rest.length === 0) byTail.delete(hash);
      else byTail.set(hash, rest);
    }
  }

  function spansIn(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    // The window [end - HEAD, end).
    let hash = headHash(text, 0);
    for (let end = HEAD; ; end += 1) {
      const forms = byTail.get(hash);
      if (forms !== undefined) {
        for (const form of forms) {
          const start = end - form.length;
          if (start < 0) continue;
          spend(form.length);
          if (text.startsWith(form, start)) spans.push([start, end]);
        }
      }
      if (end >= text.length) return spans;
      hash =
        (Math.imul(hash - Math.imul(text.charCodeAt(end - HEAD), LEAVING), BASE) + text.charCodeAt(end)) | 0;
    }
  }

  return {
    add(token) {
      if (token.length < HEAD || order.at(-1) === token) return;
      const at = order.indexOf(token);
      if (at !== -1) order.splice(at, 1);
      else index(token, true);
      order.push(token);
      if (order.length > limit) index(order.shift() as string, false);
    },
    cut(text) {
      if (order.length === 0 || text.length < HEAD) return text;
      const outer = beginSearch(text);
      let spans: Array<[number, number]>;
      try {
        spans = spansIn(text);
      } catch (error) {
        if (!(error instanceof TooCostlyToSearch)) throw error;
        return NOT_CHECKED_MARKER;
      } finally {
        endSearch(outer);
      }
      if (spans.length === 0) return text;
      // Overlapping or touching occurrences become one marker.
      spans.sort((a, b) => a[0] - b[0]);
      let out = '';
      let kept = 0;
      let [runStart, runEnd] = spans[0] as [number, number];
      for (const [start, end] of spans) {
        if (start > runEnd) {
          out += text.slice(kept, runStart) + KNOWN_TOKEN_LABEL;
          kept = runEnd;
          runStart = start;
        }
        runEnd = Math.max(runEnd, end);
      }
      return out + text.slice(kept, runStart) + KNOWN_TOKEN_LABEL + text.slice(runEnd);
    },
  };
}
