// app/hidden-text.ts against Unicode's own list of the characters drawn as nothing, every code
// point checked: a range cut short by one (U+2069, the last isolate) or a character left out went
// unnoticed, as the other tests try a few of each kind.
import { describe, expect, it } from 'vitest';
import { withoutHiddenCharacters, withoutHiddenWords } from '../../app/hidden-text';

const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\ufff9-\ufffb]$/u;
const UNASSIGNED = /^\p{Cn}$/u;
/** What emoji and scripts need: the joiners and the emoji presentation selectors. */
const KEPT = new Set([0x200c, 0x200d, 0xfe0e, 0xfe0f]);
/** Bidirectional controls (app/bidi.ts), variation selectors, tags and their supplement. */
const spellsWords = (code: number) =>
  code === 0x061c ||
  code === 0x200e ||
  code === 0x200f ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069) ||
  (code >= 0xfe00 && code <= 0xfe0d) ||
  (code >= 0xe0000 && code <= 0xe0fff);

/**
 * The code points for which `check` fails, as hex: every one assigned (an unassigned one may be
 * in a range taken whole, or not), U+FFFD (the replacement itself) aside.
 */
function mismatches(check: (char: string, code: number) => boolean): string[] {
  const wrong: string[] = [];
  for (let code = 0; code <= 0x10ffff; code += 1) {
    if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffd) continue;
    const char = String.fromCodePoint(code);
    if (UNASSIGNED.test(char)) continue;
    if (!check(char, code)) wrong.push(code.toString(16));
  }
  return wrong;
}

describe('hidden text', () => {
  it('shows as U+FFFD exactly the characters that can spell hidden words', () => {
    expect(
      mismatches((char, code) => (withoutHiddenWords(`a${char}b`) === 'a\ufffdb') === spellsWords(code)),
    ).toEqual([]);
  });

  it('shows as U+FFFD in a report every character drawn as nothing, the joiners emoji need aside', () => {
    expect(
      mismatches((char, code) => {
        const hidden = IGNORABLE.test(char) && !KEPT.has(code);
        return (withoutHiddenCharacters(`a${char}b`) === 'a\ufffdb') === hidden;
      }),
    ).toEqual([]);
  });
});
