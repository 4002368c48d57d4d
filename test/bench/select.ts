// `npm run bench -- --only NAME[,NAME…]`: which figures to measure. A figure's name on the command
// line is its name in lower case with dashes for spaces ("CLI cold start" is `cli-cold-start`).
// An unknown name is refused with the list, before anything is built or measured.
import type { Figure } from './figure';

export const figureId = (figure: Pick<Figure, 'name'>) => figure.name.toLowerCase().replace(/\s+/g, '-');

export type Selection =
  | { readonly ok: true; readonly figures: readonly Figure[] }
  | { readonly ok: false; readonly message: string };

export function selectFigures(all: readonly Figure[], only: string | undefined): Selection {
  if (only === undefined) return { ok: true, figures: all };
  const asked = only
    .split(',')
    .map((name) => name.trim().toLowerCase().replace(/\s+/g, '-'))
    .filter((name) => name !== '');
  const known = all.map(figureId);
  const unknown = asked.filter((name) => !known.includes(name));
  if (asked.length === 0 || unknown.length > 0) {
    const what =
      asked.length === 0 ? '--only needs a figure name.' : `Unknown figure: ${unknown.join(', ')}.`;
    return { ok: false, message: `${what} The figures: ${known.join(', ')}.` };
  }
  return { ok: true, figures: all.filter((figure) => asked.includes(figureId(figure))) };
}
