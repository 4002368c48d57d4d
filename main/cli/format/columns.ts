// Label/value lines and small tables, aligned with spaces (colour codes are added after
// measuring, so they never skew the columns). Measured in a terminal's columns, not in UTF-16
// units: a profile named in Chinese, Japanese or Korean ("本番"), or with an emoji, takes two
// columns a character, and an accent written as a combining mark none.

/** Printable ASCII: one column each, and most text here. */
const ASCII = /^[\x20-\x7e]*$/;

/**
 * Drawn over the character before it, or not at all (joiners): no column of its own; and emoji
 * drawn as pictures (🚀, ☕): two columns, as East Asian wide characters. Made on the first text
 * that is not all ASCII: V8 builds a \p{…} class's ranges (ICU's tables) when the RegExp is
 * created, and text here is nearly always ASCII.
 */
let unicode: { readonly noColumn: RegExp; readonly emoji: RegExp } | undefined;

/** East Asian Wide and Fullwidth characters (Hangul, CJK, kana, fullwidth forms): two columns each. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe10 && code <= 0xfe19) ||
    (code >= 0xfe30 && code <= 0xfe6f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** How many columns a terminal gives `text` (one line, its controls already made visible). */
export function displayWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  const { noColumn, emoji } = (unicode ??= {
    noColumn: /^[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufeff]$/u,
    emoji: /^\p{Emoji_Presentation}$/u,
  });
  let width = 0;
  for (const char of text) {
    if (noColumn.test(char)) continue;
    width += isWide(char.codePointAt(0) ?? 0) || emoji.test(char) ? 2 : 1;
  }
  return width;
}

/** `text` with spaces after it up to `width` columns. */
export const padColumns = (text: string, width: number) =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** "  Label     value" lines, the labels padded to the longest. */
export function facts(
  rows: ReadonlyArray<readonly [label: string, value: string]>,
  style: (label: string) => string = (label) => label,
): string[] {
  const width = Math.max(0, ...rows.map(([label]) => displayWidth(label)));
  return rows.map(([label, value]) => `  ${style(padColumns(label, width))}  ${value}`);
}

/** A table: the first row is the heading; every column but the last is padded. */
export function table(rows: ReadonlyArray<readonly string[]>, heading: (text: string) => string): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row, index) => {
    const line = row
      .map((cell, i) => (i === row.length - 1 ? cell : padColumns(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
    return `  ${index === 0 ? heading(line) : line}`;
  });
}
