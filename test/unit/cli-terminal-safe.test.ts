// What reaches a terminal from a server: every control, format and separator character made
// visible, whatever the text, and printable ASCII (the quick path) left exactly as it is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalSafeJson, terminalSafeText, visibleControls } from '../../main/cli/format/terminal-safe';

const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** Unsafe, a joiner (U+200C, U+200D) between two characters drawn outside ASCII aside. */
const JOINABLE = String.raw`[^\s\p{ASCII}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]`;
const UNSAFE_BUT_JOINERS = new RegExp(
  String.raw`(?!(?<=${JOINABLE}\ufe0f?)[\u200c\u200d]${JOINABLE})[\p{Cc}\p{Cf}\u2028\u2029]`,
  'u',
);

describe('visibleControls', () => {
  it('leaves no control, format or separator character in any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(UNSAFE_BUT_JOINERS.test(visibleControls(text))).toBe(false);
      }),
    );
  });

  it('keeps a joiner between two characters it joins: emoji, Persian, Indic scripts', () => {
    for (const joined of [
      '\u{1f469}\u{1f3fd}\u200d\u{1f4bb} team', // woman, skin tone, ZWJ, laptop: one emoji
      '\u{1f3f3}\ufe0f\u200d\u{1f308}', // white flag, emoji selector, ZWJ, rainbow
      '\u062d\u0633\u0627\u0628\u200c\u0647\u0627', // Persian, with a non-joiner
      '\u0915\u094d\u200d\u0937', // Devanagari: a half form asked for with ZWJ
    ]) {
      expect(visibleControls(joined)).toBe(joined);
    }
    // Next to ASCII, at either end, doubled or beside a zero-width space: shown.
    expect(visibleControls('Pro\u200dd')).toBe('Pro\\u200dd');
    expect(visibleControls('\u200d\u{1f4bb}\u0645\u200c')).toBe('\\u200d\u{1f4bb}\u0645\\u200c');
    expect(visibleControls('\u0645\u200c\u200c\u062e')).toBe('\u0645\\u200c\\u200c\u062e');
    expect(visibleControls('\u0645\u200b\u200c\u062e')).toBe('\u0645\\u200b\\u200c\u062e');
    // Beside a C1 control, which is shown as an escape: the joiner would stand next to its ASCII.
    expect(visibleControls('\u009b\u200d\u0645')).toBe('\\x9b\\u200d\u0645');
    expect(visibleControls('\u0645\u200c\u0085\u009b')).toBe('\u0645\\u200c\\x85\\x9b');
    for (const text of ['\u009b\u200d\u0645', '\u0645\u200d\u0080'])
      expect(UNSAFE_BUT_JOINERS.test(visibleControls(text)), JSON.stringify(text)).toBe(false);
  });

  it('escapes them at the edges of printable ASCII too', () => {
    expect(visibleControls('a\u001b]0;x\u0007b')).toBe('a\\x1b]0;x\\x07b');
    expect(visibleControls('\u007f~ ')).toBe('\\x7f~ ');
    expect(visibleControls('line\nbreak\r')).toBe('line\\x0abreak\\x0d');
    expect(visibleControls('\u202egnp.exe')).toBe('\\u202egnp.exe');
  });

  it('writes a character beyond the first plane whole, never as four hex digits and a letter', () => {
    // Tag characters spelling "A1", then a plain "1": each escape says which character it is.
    expect(visibleControls('ok\u{e0041}\u{e0031}1')).toBe('ok\\u{e0041}\\u{e0031}1');
  });

  it('escapes exactly the unsafe characters, every code point of the first plane checked', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      // A lone surrogate is not a character of its own here; the property test covers pairs.
      if (code >= 0xd800 && code <= 0xdfff) continue;
      expect(visibleControls(char) === char, code.toString(16)).toBe(!UNSAFE.test(char));
    }
  });

  it('keeps printable text as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => {
        fc.pre([...text].every((char) => char >= ' ' && char !== '\u007f'));
        expect(visibleControls(text)).toBe(text);
      }),
    );
    const wording = 'Token received · 42 ms — “ok” … • ‘x’ ′ é ß ¿';
    expect(visibleControls(wording)).toBe(wording);
    expect(visibleControls('soft\u00adhyphen\u200bzero')).toBe('soft\\xadhyphen\\u200bzero');
  });
});

describe('terminalSafeJson', () => {
  it('leaves no control, format or separator character, and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const input of [value, { text, list: [text] }]) {
          const json = terminalSafeJson(input);
          expect(UNSAFE.test(json)).toBe(false);
          expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(input)));
        }
      }),
    );
  });

  it('escapes what JSON.stringify leaves raw: C1, DEL, bidi, separators, tag characters', () => {
    expect(terminalSafeJson({ d: '\u009b2J\u009d0;x\u009c \u202eevil\u007f\u2028\u200b' })).toBe(
      '{"d":"\\u009b2J\\u009d0;x\\u009c \\u202eevil\\u007f\\u2028\\u200b"}',
    );
    expect(terminalSafeJson('\u{e0041}')).toBe('"\\udb40\\udc41"');
    const wording = { title: 'Token received · 42 ms — “ok” … é' };
    expect(terminalSafeJson(wording)).toBe(JSON.stringify(wording));
    // An indented document keeps its layout: line breaks there are between values.
    const indented = JSON.stringify({ a: ['x\u009by', 'line\nbreak'] }, null, 2);
    expect(terminalSafeText(indented)).toBe(indented.replace('\u009b', '\\u009b'));
    expect(JSON.parse(terminalSafeText(indented))).toEqual({ a: ['x\u009by', 'line\nbreak'] });
  });
});
