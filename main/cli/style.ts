// Colour for people, plain text for everything else: only on a terminal, never with NO_COLOR
// set (https://no-color.org: to anything but the empty string, which leaves colour on) and never on
// a dumb terminal.
import type { Env } from '../config';

export function colourAllowed(stream: { readonly isTTY?: boolean }, env: Env): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

export interface Paint {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly good: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly warn: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function paint(enabled: boolean): Paint {
  if (!enabled) return { bold: plain, dim: plain, good: plain, bad: plain, warn: plain };
  const bold = sgr(1, 22);
  return {
    bold,
    dim: sgr(2, 22),
    good: (text) => bold(sgr(32, 39)(text)),
    bad: (text) => bold(sgr(31, 39)(text)),
    warn: (text) => bold(sgr(33, 39)(text)),
  };
}
