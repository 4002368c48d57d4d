// What a later version of the app wrote that this one does not know: a preference, a profile's
// field, or a key at the top of a data file. Neither damage nor lost: left out of what this
// version uses and written back as it was, so that going back and forth between versions strips
// nothing (each store keeps them: main/settings.ts, main/profiles/profile-store.ts,
// main/history/history-store.ts).
//
// Within bounds: what is kept is written back indented, where deep nesting grows with its depth
// (a 6 KB file nested 3,000 deep became 18 MB, which the next start took for damaged and set
// aside whole; 20,000 deep could not be written at all). Keys beyond the bounds are not kept:
// the caller treats what holds them as it treats damage (the file, or one profile, set aside
// with a notice), as this version did before it kept anything.
//
// Never a secret: no version of the app keeps a secret or a token in these files (the keychain
// holds the secrets), so a key named like one ("client_secret", "access_token") or a value that
// looks like one (a JWT, a long random run: app/credential-mask.ts) was pasted in by hand, and is
// not written back (json-store.ts moves the original aside instead of copying it).
import { isSensitiveKey, maskCredentials } from '../../app/credential-mask';

export type UnknownKeys = Readonly<Record<string, unknown>>;

/** The most one file's unknown keys may take, written as the stores write them. */
export const UNKNOWN_KEYS_MAX_BYTES = 1024 * 1024;
/** The deepest nesting kept: far beyond a real setting, small enough to write without a care. */
export const UNKNOWN_KEYS_MAX_DEPTH = 32;

function tooDeep(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= UNKNOWN_KEYS_MAX_DEPTH) return true;
  return Object.values(value).some((inner) => tooDeep(inner, depth + 1));
}

/**
 * What a key named like a secret could hold one in: a text, or something holding texts. Nothing
 * (null, "") holds none, nor a yes/no or a number: a later version's "showToken": true or
 * "sortKey": 3 is a preference, and was left out (and the file moved aside) as a pasted secret.
 */
const filled = (value: unknown) =>
  (typeof value === 'string' && value !== '') || (typeof value === 'object' && value !== null);

/**
 * A text is searched in pieces this long, each overlapping the last by far more than any token: a
 * run of some millions of characters overflows the regular expressions' stack (a RangeError).
 */
const PIECE_CHARS = 65_536;
const OVERLAP_CHARS = 8_192;

function textLooksSecret(text: string): boolean {
  for (let start = 0; ; start += PIECE_CHARS - OVERLAP_CHARS) {
    const piece = text.slice(start, start + PIECE_CHARS);
    if (maskCredentials(piece) !== piece) return true;
    if (start + PIECE_CHARS >= text.length) return false;
  }
}

/**
 * Whether `value` holds what looks like a secret or a token: a text app/credential-mask.ts would
 * mask, or, at any depth, a key named like a credential with something in it.
 */
export function looksSecret(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return textLooksSecret(value);
  if (typeof value !== 'object' || value === null || depth > UNKNOWN_KEYS_MAX_DEPTH) return false;
  return Object.entries(value).some(
    ([key, inner]) =>
      (!Array.isArray(value) && isSensitiveKey(key) && filled(inner)) || looksSecret(inner, depth + 1),
  );
}

/** A key, with its value, that looks like a secret (looksSecret): never written back. */
const secretKey = ([key, value]: [string, unknown]) =>
  (isSensitiveKey(key) && filled(value)) || looksSecret(value);

/**
 * A reader of one file's unknown keys, all its calls within one budget (UNKNOWN_KEYS_MAX_BYTES):
 * each call gives the keys of a parsed JSON object that are not in `known`, with their values,
 * or null when they are beyond the bounds. Keys that look like a secret are left out, and counted
 * (`secrets()`).
 */
export function unknownKeysReader(budgetBytes = UNKNOWN_KEYS_MAX_BYTES) {
  let left = budgetBytes;
  let secrets = 0;
  const read = (data: object, known: ReadonlySet<string>): UnknownKeys | null => {
    const others = Object.entries(data).filter(([key]) => !known.has(key));
    if (others.length === 0) return {};
    const all = Object.fromEntries(others);
    // The bounds first: no text beyond them is searched for secrets.
    if (tooDeep(all, 0)) return null;
    left -= JSON.stringify(all, null, 2).length;
    if (left < 0) return null;
    const kept = others.filter((entry) => !secretKey(entry));
    secrets += others.length - kept.length;
    return Object.fromEntries(kept);
  };
  /** How many keys, of every call so far, were left out as secrets. */
  return Object.assign(read, { secrets: () => secrets });
}

/** Has any key at all (an object a later version added nothing to has none). */
export const hasKeys = (keys: UnknownKeys) => Object.keys(keys).length > 0;
