// Markdown that server text cannot break: values go into code spans and fenced blocks sized so
// nothing inside can close them, and table cells cannot be split. A hostile body then cannot add
// links, images or HTML to a support ticket the report is pasted into (inside code, CommonMark
// renders no HTML, no image and no link, GFM's autolinks included).

import { withoutHiddenCharacters } from './hidden-text';

/** Marks finished content, e.g. as from outside (app/outside-text.ts); by default as it is. */
export type Mark = (content: string) => string;
const asIs: Mark = (content) => content;

/** Line breaks become spaces and other control characters U+FFFD: one line, nothing invisible. */
function oneLine(text: string): string {
  // Control characters, the marks that reverse how text reads and the invisible ones that make two
  // names look alike (zero-width space, word joiner, byte-order mark) are shown as U+FFFD, so a
  // report reads as its words are. The joiners that emoji and scripts need (U+200C, U+200D) stay.
  return withoutHiddenCharacters(
    text
      .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ')
      .replace(/[\p{Cc}\u200b\u2060-\u2064\ufeff]/gu, '\ufffd'),
  );
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/**
 * Inline code, delimited by more backticks than any run inside (CommonMark §6.1). Padded with a
 * space when the content starts or ends with a backtick or space, which CommonMark strips again.
 * In a table, '|' is escaped as GFM requires even inside code, and the backslashes just before
 * one are doubled: `\\|` would read as an escaped backslash, then a cell's end (micromark, remark),
 * letting what follows out of the code span.
 */
export function code(text: string, inTable = false, mark: Mark = asIs): string {
  if (text === '') return '*(empty)*';
  let content = oneLine(text);
  if (inTable) content = content.replace(/(\\*)\|/g, (_match, slashes: string) => `${slashes}${slashes}\\|`);
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
  return `${fence}${pad}${mark(content)}${pad}${fence}`;
}

/** Plain text on one line with Markdown's punctuation escaped, for the app's own short strings. */
export function plain(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>#!|~]/g, '\\$&');
}

/** A fenced code block that no line of `text` can end early (CommonMark §4.5). */
export function fenced(text: string, info = 'text', mark: Mark = asIs): string {
  // Control characters and bidirectional controls (which would make the block read otherwise
  // than it is) as U+FFFD, as in one-line cells.
  const body = withoutHiddenCharacters(text.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '\ufffd'));
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${info}\n${mark(body)}${body.endsWith('\n') ? '' : '\n'}${fence}`;
}

export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
