// The four places credentials already live, each read with a well-kept parser where one exists
// (`ini` for ~/.telstra/credentials, `dotenv` for .env) and turned into preview candidates; JSON
// (a Postman environment, the app's own export) in json-formats.ts. The parsers only see text
// that passed hostile-text.ts; whatever they make of it, this module only reads strings out of
// the result and never throws for a file's content.
import { parse as parseDotenv } from 'dotenv';
import { parse as parseIni, unsafe as iniUnsafe } from 'ini';
import type { FoundCredential } from '../../app/import-preview';
import {
  groupCredentials,
  holdsCredentials,
  splitCredentialKey,
  type CredentialValues,
} from './credential-keys';
import { checkImportText, ENV_LINE_END, hasLongBlankRun, MAX_BLANK_RUN } from './hostile-text';
import { readJson } from './json-formats';
import { done, found, fromGroups, LABELS, NOTHING, refuse, type ReadResult } from './read-result';

export type { ReadResult } from './read-result';
export { EXPORT_FORMAT } from './json-formats';

/**
 * A credential's value that its parser cut short at a comment character (`comment`): what the
 * line holds after the separator, `raw`, starts with what the parser made of it, `parsed`, and
 * goes on with that character at once (`SEK#RET` read as `SEK`, an unclosed `"SEK#RET` as `"SEK`).
 * The parsers drop the rest without a word, and the SDKs reading the same file may not, so the
 * app asks rather than store a secret that is not the one in the file. After white space it is a
 * comment, as these formats document (`client_id = abc  # prod`); an escape (`\#`) or quotes the
 * parser honours keep the character, and the value differs from the line: both fine.
 */
function cutByComment(
  key: string,
  raw: string,
  parsed: string,
  comment: RegExp,
  said: string,
  /** For an INI file: the section the value is in, and its escape for the character. */
  ini?: { readonly section: string },
): string | null {
  const credential = splitCredentialKey(key);
  if (credential === null || !raw.startsWith(parsed) || !comment.test(raw.slice(parsed.length))) return null;
  const where = ini === undefined ? '' : ` in [${ini.section.slice(0, 80)}]`;
  const remedy =
    ini === undefined
      ? 'Put the whole value in double quotes ("…")'
      : 'Put the whole value in double quotes ("…"), or write the character as \\# or \\;,';
  return `The file's ${LABELS[credential.key]} (${key.slice(0, 80)})${where} holds ${said}, which this kind of file reads as the start of a comment, so the value would be cut short there. ${remedy} if the character is part of it, or the comment after white space or on a line of its own.`;
}

/** What a line holds after its first `separator`, trimmed, as the parsers trim it. */
const rawValue = (line: string, separator: RegExp) =>
  line.slice((separator.exec(line)?.index ?? line.length) + 1).trim();

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/**
 * A section header's name, trimmed ("" for "[]"), or null when the line is not one: "[", the
 * name, then the first "]" that only spaces or a comment (";" or "#") follow. Read by hand, in
 * one pass: a pattern with a lazy name between optional spaces took cubic time on a long line,
 * and a hostile file within the size limit then held the app for hours.
 */
export function sectionName(line: string): string | null {
  let start = 0;
  while (isSpace(line[start])) start += 1;
  if (line[start] !== '[') return null;
  for (let close = line.indexOf(']', start + 1); close !== -1; close = line.indexOf(']', close + 1)) {
    let next = close + 1;
    while (isSpace(line[next])) next += 1;
    if (next === line.length || line[next] === ';' || line[next] === '#')
      return line.slice(start + 1, close).trim();
  }
  return null;
}

/**
 * A key line's key as `ini` reads it, or undefined: what comes before the line's first "=", with
 * `ini`'s own unquoting (`"client_secret"`, `'client_secret'`, JSON escapes such as `\u0073`) and
 * cut at a `;` or `#` (`client_id;old`), a trailing `[]` dropped. Compared as written, two keys
 * that `ini` reads as one would be two, and the second would replace the first without a word.
 */
function iniKey(line: string): { readonly written: string; readonly read: string } | undefined {
  const equals = line.indexOf('=');
  if (equals === -1) return undefined;
  const written = line.slice(0, equals).trim();
  if (written === '' || ';#['.includes(written[0]!)) return undefined;
  const key = iniUnsafe(written);
  const read = key.length > 2 && key.endsWith('[]') ? key.slice(0, -2) : key;
  return read === '' ? undefined : { written, read };
}

/** Python's configparser, which reads a line indented deeper than its key's as the value's next line. */
const CONFIGPARSER = 'some readers of this file (Python’s configparser)';

/**
 * What is wrong with a line indented deeper than the key line before it in its section (blank
 * lines and comments between them aside), or null: Python's configparser reads such a line as
 * the value's next line (`SEKRET\nPART2`), `ini` as a key of its own or nothing. A credential
 * that goes on there, or one whose key is there, is not the same for both: the app asks.
 */
function continuedCredential(
  above: { readonly written: string; readonly read: string },
  line: string,
  section: string,
): string | null {
  const where = `in [${section.slice(0, 80)}]`;
  const continued = splitCredentialKey(above.read);
  if (continued !== null)
    return `The file's ${LABELS[continued.key]} (${above.written.slice(0, 80)}) ${where} goes on over an indented line, which ${CONFIGPARSER} take as part of the value and this app would not, so the value would not be the one in the file. Put the value on one line, or take the indent off the line after it.`;
  const key = iniKey(line);
  const credential = key === undefined ? null : splitCredentialKey(key.read);
  if (key === undefined || credential === null) return null;
  return `The file's ${LABELS[credential.key]} (${key.written.slice(0, 80)}) ${where} is on an indented line, which ${CONFIGPARSER} take as part of the value above it, not as a key. Take the indent off its line.`;
}

/**
 * What is wrong with a credential's key line written with ":" (`client_secret: s3cr3t`), or null:
 * configparser takes ":" as it takes "=", `ini` reads a key "client_secret: s3cr3t" without a
 * value, so the file had no credentials, or its row no secret, without a word on why.
 */
function colonCredential(line: string, section: string): string | null {
  const colon = line.indexOf(':');
  const equals = line.indexOf('=');
  if (colon === -1 || (equals !== -1 && equals < colon)) return null;
  const key = line.slice(0, colon).trim().slice(0, 80);
  const credential = splitCredentialKey(key);
  if (credential === null) return null;
  return `The file's ${LABELS[credential.key]} (${key}) in [${section.slice(0, 80)}] is written with “:”, which ${CONFIGPARSER} take as “=” and this app does not. Write it as ${key} = …, then import again.`;
}

/**
 * The key of a line written with ":" before any "=" (`region: au`), as configparser reads it, or
 * undefined: a line indented deeper after it goes on with its value, as after one written with "=".
 */
function colonKey(line: string): { readonly written: string; readonly read: string } | undefined {
  const colon = line.indexOf(':');
  const written = colon === -1 ? '' : line.slice(0, colon).trim();
  return written === '' ? undefined : { written, read: written };
}

/** ~/.telstra/credentials: every section is a profile (keys before any section: "default"). */
export function readCredentialsFile(text: string): ReadResult {
  // `ini` keeps the last of two equal sections or keys without a word; find them first. Each
  // section's lines are kept apart and given to `ini` on their own, so a section's name is the
  // file's as written: read whole, `ini` nests [a.b] inside [a] (where [a.client_id] would take
  // [a]'s client ID), reads [a\.b] as [a.b], and drops [__proto__].
  const seen = new Map<string, Set<string>>();
  let section = 'default';
  const bodies = new Map<string, string[]>([[section, []]]);
  /** Each key's text after its "=", by section and key: what the parser's value is checked against. */
  const raws = new Map<string, string>();
  /** The key line a line indented deeper would go on from (continuedCredential). */
  let above: { readonly key: NonNullable<ReturnType<typeof iniKey>>; readonly indent: number } | null = null;
  for (const line of text.split('\n')) {
    const header = sectionName(line);
    if (header === '') return refuse('The file has a section without a name ([]).');
    if (header !== null) {
      above = null;
      section = header;
      if (seen.has(section.toLowerCase()))
        return refuse(`The file has two [${section.slice(0, 80)}] sections.`);
      seen.set(section.toLowerCase(), new Set());
      bodies.set(section, []);
      continue;
    }
    bodies.get(section)?.push(line);
    const key = iniKey(line);
    const content = line.trim();
    if (content !== '' && !';#'.includes(content[0]!)) {
      const indent = line.length - line.trimStart().length;
      if (above !== null && indent > above.indent) {
        // The value above going on, for configparser: no key of its own, whatever it holds.
        const continued = continuedCredential(above.key, line, section);
        if (continued !== null) return refuse(continued);
      } else {
        const colon = colonCredential(line, section);
        if (colon !== null) return refuse(colon);
        const lineKey = key ?? colonKey(line);
        above = lineKey === undefined ? null : { key: lineKey, indent };
      }
    }
    if (key === undefined) continue;
    const read = key.read.toLowerCase();
    raws.set(`${section}\n${read}`, rawValue(line, /=/));
    const keys = seen.get(section.toLowerCase()) ?? new Set<string>();
    seen.set(section.toLowerCase(), keys);
    // Named as written: what `ini` reads from quotes and escapes could be anything.
    if (keys.has(read))
      return refuse(`The file sets ${key.written.slice(0, 80)} twice in [${section.slice(0, 80)}].`);
    keys.add(read);
  }
  const rows: FoundCredential[] = [];
  for (const [name, lines] of bodies) {
    const parsed: Record<string, unknown> = parseIni(lines.join('\n'));
    const pairs = Object.entries(parsed).filter(
      (pair): pair is [string, string] => typeof pair[1] === 'string',
    );
    for (const [key, value] of pairs) {
      const raw = raws.get(`${name}\n${key.toLowerCase()}`);
      const cut =
        raw === undefined ? null : cutByComment(key, raw, value, /^[#;]/, '“#” or “;”', { section: name });
      if (cut !== null) return refuse(cut);
    }
    const grouped = groupCredentials(pairs);
    if (!grouped.ok) return refuse(`The file sets ${grouped.duplicate} more than once in one section.`);
    for (const [group, values] of grouped.groups) {
      if (!holdsCredentials(values)) continue;
      rows.push(found(group === '' ? name : `${name} ${group}`, values));
    }
  }
  return done('credentials-file', rows);
}

const ENV_KEY = /^\s*(?:export\s+)?([\w.-]+)\s*[=:]/;

/** A .env file: one profile per prefix (`TELSTRA_CLIENT_ID` alone: named after the file). */
export function readDotenv(text: string, fileName: string): ReadResult {
  if (hasLongBlankRun(text))
    return refuse(
      `This file has more than ${MAX_BLANK_RUN} blank lines in a row, which no .env file of credentials needs.`,
    );
  const keys = new Set<string>();
  const raws = new Map<string, string>();
  for (const line of text.split(ENV_LINE_END)) {
    const key = ENV_KEY.exec(line)?.[1];
    if (key === undefined) continue;
    raws.set(key, rawValue(line, /[=:]/));
    // dotenv keeps the last of two; a second line for the same variable is the user's to resolve.
    if (keys.has(key)) return refuse(`The file sets ${key.slice(0, 80)} twice.`);
    keys.add(key);
  }
  const parsed = parseDotenv(text);
  for (const [key, value] of Object.entries(parsed)) {
    const raw = raws.get(key);
    const cut = raw === undefined ? null : cutByComment(key, raw, value, /^#/, '“#”');
    if (cut !== null) return refuse(cut);
  }
  return fromGroups('dotenv', Object.entries(parsed), (group) => group || fileName || '.env');
}

/** The SDKs' variables, from this process's environment (the CLI's --from-env). */
export function readEnvironment(env: Readonly<Record<string, string | undefined>>): ReadResult {
  const values: CredentialValues = {};
  if (env.TELSTRA_CLIENT_ID !== undefined) Object.assign(values, { clientId: env.TELSTRA_CLIENT_ID });
  if (env.TELSTRA_CLIENT_SECRET !== undefined)
    Object.assign(values, { clientSecret: env.TELSTRA_CLIENT_SECRET });
  if (!holdsCredentials(values)) {
    return { ok: false, message: `Neither TELSTRA_CLIENT_ID nor TELSTRA_CLIENT_SECRET is set. ${NOTHING}` };
  }
  return done('environment', [found('TELSTRA_CLIENT_ID', values)]);
}

/** Any file: checked, then read by what it looks like (its name only breaks a tie). */
export function readCredentialText(raw: string, fileName: string): ReadResult {
  const checked = checkImportText(raw);
  if (!checked.ok) return checked;
  const { text } = checked;
  const base = fileName.replace(/^.*[\\/]/, '').slice(0, 80);
  const stem = base.replace(/\.(json|env|ini|txt)$/i, '') || base;
  const first = text.split('\n').find((line) => line.trim() !== '' && !/^\s*[;#]/.test(line)) ?? '';
  // JSON: an object, an array of objects or strings (even on one line, where it also looks like
  // an INI section), or a bracket alone on its line; "[]" is an INI section without a name.
  // A bracket after the first one is JSON's nesting too: no INI section's name starts with one.
  const json = /^\s*\[\s*[{"[]/.test(first) || (/^\s*[{[]/.test(first) && sectionName(first) === null);
  if (json) return readJson(text, stem);
  if (sectionName(first) !== null || /credentials$|\.ini$/i.test(base)) return readCredentialsFile(text);
  return readDotenv(text, stem);
}
