// Tokens this process has received, cut out of what any later answer says: a server that issued
// one profile's token could echo it in another profile's answer (a batch run, --all-profiles), and
// that answer goes to the window, the history, a report or a terminal, which hold no token unless
// the user asks to see it. Each answer's own token is cut out with all its forms (app/redact.ts);
// the others are many (one per request), so they are looked for in the forms a server writes a
// token in (as sent, JSON-escaped, percent-encoded), all at once in one pass over the text (a
// rolling hash of each place's first HEAD characters), whatever their number.

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
  // A form's head hash to the forms with it, longest first (a form that holds another is cut
  // whole); kept as tokens come and go, since one comes with every answer.
  const byHead = new Map<number, string[]>();

  function index(token: string, keep: boolean): void {
    for (const form of formsOf(token)) {
      const hash = headHash(form, 0);
      const same = byHead.get(hash) ?? [];
      const rest = same.filter((other) => other !== form);
      if (keep) rest.push(form);
      rest.sort((a, b) => b.length - a.length);
      if (rest.length === 0) byHead.delete(hash);
      else byHead.set(hash, rest);
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
      let out = '';
      let kept = 0; // text before this is in `out` or was cut
      let hash = headHash(text, 0);
      for (let at = 0; ; at += 1) {
        if (at >= kept) {
          const forms = byHead.get(hash);
          const form = forms?.find((candidate) => text.startsWith(candidate, at));
          if (form !== undefined) {
            out += text.slice(kept, at) + KNOWN_TOKEN_LABEL;
            kept = at + form.length;
          }
        }
        if (at + HEAD >= text.length) break;
        hash =
          (Math.imul(hash - Math.imul(text.charCodeAt(at), LEAVING), BASE) + text.charCodeAt(at + HEAD)) | 0;
      }
      return kept === 0 ? text : out + text.slice(kept);
    },
  };
}
