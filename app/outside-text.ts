// Where a page (a report) mixes the app's own text with text from outside, this tells them apart
// to the end, so the last check can act on outside text only. Outside text is wrapped in two
// private-use characters while the page is built; `settle` removes them, and where a form of a
// known value touches outside text anyway (formatting can join a value back together: a table's
// '|' escaped as '\|', a code span's backticks next to what a server sent) that piece of outside
// text is withheld. The app's own text is never changed: no scrub can damage the page's syntax.
import type { Redactor } from './redact';

const OPEN = '\ue000';
const CLOSE = '\ue001';
const SENTINELS = /[\ue000\ue001]/g;

/** Marks `text` as from outside. The two marker characters inside it become U+FFFD. */
export function outside(text: string): string {
  return `${OPEN}${text.replace(SENTINELS, '\ufffd')}${CLOSE}`;
}

interface Piece {
  readonly text: string;
  readonly outside: boolean;
}

function pieces(page: string): Piece[] {
  const parts: Piece[] = [];
  let at = 0;
  while (at < page.length) {
    const open = page.indexOf(OPEN, at);
    if (open === -1) {
      parts.push({ text: page.slice(at), outside: false });
      break;
    }
    const close = page.indexOf(CLOSE, open);
    parts.push({ text: page.slice(at, open), outside: false });
    parts.push({ text: page.slice(open + 1, close === -1 ? page.length : close), outside: true });
    at = close === -1 ? page.length : close + 1;
  }
  return parts.filter((part) => part.text !== '');
}

/**
 * The page without the marks. Outside pieces that a form of a known value touches are replaced by
 * `withheld` (own text from then on), until no form touches outside text.
 */
export function settle(page: string, redact: Redactor, withheld: string): string {
  const parts = pieces(page);
  for (;;) {
    const text = parts.map((part) => part.text).join('');
    const starts: number[] = [];
    let offset = 0;
    for (const part of parts) {
      starts.push(offset);
      offset += part.text.length;
    }
    const touched = new Set<number>();
    for (const span of redact.spans(text)) {
      parts.forEach((part, i) => {
        const start = starts[i] ?? 0;
        if (part.outside && span.start < start + part.text.length && span.end > start) touched.add(i);
      });
    }
    if (touched.size === 0) return text;
    for (const i of touched) parts[i] = { text: withheld, outside: false };
  }
}
