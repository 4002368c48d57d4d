// The checks every imported file passes before a parser sees it. Files come from anywhere (a
// download, a colleague, a drag from the wrong folder): too big, binary, or built to make a parser
// recurse are refused with a message that says what is wrong, and nothing is written.

import { IMPORT_TOO_LARGE, MAX_IMPORT_CHARS } from '../../app/import-limits';
import { unescaped } from '../token/token-like';

export { MAX_IMPORT_CHARS };
/** Postman's environments are two levels deep; the app's export three. */
export const MAX_JSON_DEPTH = 8;

export type Checked =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const NOTHING = 'Nothing was imported.';

export function checkImportText(raw: string): Checked {
  if (raw.length > MAX_IMPORT_CHARS) {
    return { ok: false, message: IMPORT_TOO_LARGE };
  }
  // A byte-order mark is what some Windows editors write first; it is not part of the first key.
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // NUL, other C0 controls than tab/newline/form feed, or U+FFFD (what a browser reads bytes that
  // are not UTF-8 as): a binary file, or text in an encoding the app does not read.
  // eslint-disable-next-line no-control-regex
  const binary = (text.match(/[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/g) ?? []).length;
  if (binary > 0) {
    return {
      ok: false,
      message: `This file is not text (it holds binary data or is not UTF-8). Choose a credentials file, a .env file or a Postman environment. ${NOTHING}`,
    };
  }
  if (text.trim() === '') return { ok: false, message: `This file is empty. ${NOTHING}` };
  return { ok: true, text };
}

/**
 * What a JSON text is built like, in one pass that never recurses: how deeply it nests (looked at
 * before it is parsed, so a deep one is refused before JSON.parse could recurse) and the first key
 * one of its objects has twice (looked at once it parsed: JSON.parse keeps the last without a word,
 * and the app will not guess which value the user meant). Keys compare as JSON.parse reads them:
 * `"valu\u0065"` is `"value"` a second time.
 */
export function jsonShape(text: string): { readonly depth: number; readonly duplicateKey: string | null } {
  /** Per open object its keys so far; null for an array. */
  const open: Array<Set<string> | null> = [];
  let deepest = 0;
  let duplicateKey: string | null = null;
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = open.at(-1);
      if (expectKey && keys) {
        // Compared as read, named as written (escapes and all: inert in a message).
        const written = text.slice(i + 1, end);
        const key = unescaped(written);
        if (keys.has(key)) duplicateKey ??= written;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      open.push(c === '{' ? new Set() : null);
      expectKey = c === '{';
      deepest = Math.max(deepest, open.length);
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',') {
      expectKey = open.at(-1) != null;
    }
  }
  return { depth: deepest, duplicateKey };
}

/**
 * Where a line of a .env file ends, as dotenv reads it: its pattern starts an entry after any line
 * terminator JavaScript knows, U+2028 and U+2029 too (CR is already a line feed here).
 */
export const ENV_LINE_END = /[\n\u2028\u2029]/;

/**
 * The most line ends one stretch of white space may hold. dotenv's pattern reads white space,
 * line ends too, from every line's start before the key, so each blank line costs a read of every
 * blank line after it: 40,000 of them (within the size limit) held the app for seconds. No file of
 * credentials needs a hundred blank lines in a row.
 */
export const MAX_BLANK_RUN = 100;

/** Whether some stretch of white space in `text` spans more than MAX_BLANK_RUN line ends. */
export function hasLongBlankRun(text: string): boolean {
  let ends = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (ENV_LINE_END.test(c)) {
      ends += 1;
      if (ends > MAX_BLANK_RUN) return true;
    } else if (!/\s/.test(c)) ends = 0;
  }
  return false;
}
