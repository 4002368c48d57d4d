// The command line's tables are aligned in a terminal's columns, not in UTF-16 units: a profile
// named in Chinese, Japanese or Korean, or with an emoji, takes two columns a character, and an
// accent written as a combining mark none. Padded by .length, such a row pushed its other
// columns out of line (`profiles`, the import preview, `request --all-profiles`).
import { describe, expect, it } from 'vitest';
import { displayWidth, table } from '../../main/cli/format/columns';

describe('displayWidth', () => {
  it.each([
    ['staging', 7],
    ['本番', 4],
    ['ｐｒｏｄ', 8],
    ['테스트', 6],
    ['🚀 launch', 9],
    ['Cafe\u0301', 4],
    ['Café', 4],
    ['zw\\u200bx', 9],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('table', () => {
  it('lines up the column after a name of wide characters, an emoji or a combining accent', () => {
    const lines = table(
      [
        ['NAME', 'ENDPOINT'],
        ['staging', 'v3'],
        ['本番', 'v3'],
        ['🚀 launch', 'v2'],
        ['Cafe\u0301', 'v3'],
      ],
      (text) => text,
    );
    // Where the second column starts, in columns: the same on every line.
    const starts = lines.map((line) => displayWidth(line.slice(0, line.search(/ {2}(ENDPOINT|v\d)/))));
    expect(new Set(starts).size).toBe(1);
    expect(lines[2]).toBe('  本番       v3');
  });
});
