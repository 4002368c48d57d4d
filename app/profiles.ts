// Saved profiles: everything needed to request a token again, except the secret, which lives
// only in the OS keychain under the profile's id.
import { JOINABLE } from './joinable';
import { z } from 'zod';
import { PRESET_IDS, type PresetId } from './endpoints';
import { boundedText, LIMITS } from './limits';

export interface ProfileFields {
  readonly name: string;
  readonly clientId: string;
  readonly preset: PresetId;
  readonly tokenUrl: string;
  readonly grantType: string;
  readonly scope: string;
}

export interface Profile extends ProfileFields {
  /** Stable and app-generated (a UUID): the keychain account name. */
  readonly id: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type SecretState = 'stored' | 'missing' | 'unknown';

export interface ProfileSummary extends Profile {
  readonly secretState: SecretState;
}

export const PROFILE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_PROFILES = 500;

// Control characters (C0, DEL, C1) and line/paragraph separators have no place in a name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const hasControlCharacters = (text: string) => CONTROL.test(text);

// Invisible format characters (zero-width spaces and joiners, bidirectional overrides and
// isolates, soft hyphens, byte-order marks): a name holding them can look like another one
// ("Prod" and "Prod\u200b") or read backwards. New names may not have them; names are compared
// without them.
// Beyond the format characters, the other characters Unicode says to render as nothing (Hangul
// fillers U+115F, U+1160, U+3164, U+FFA0, the combining grapheme joiner, variation selectors,
// Khmer's inherent vowels) and the blank Braille pattern, which shows as a blank: "Production\u3164"
// looks exactly like "Production".
const FORMAT = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;
/**
 * Those, in a new name; the emoji presentation selectors (U+FE0E, U+FE0F) aside, which an emoji
 * picker puts after many emoji, and a zero-width joiner or non-joiner (U+200D, U+200C) between two
 * such characters (after an emoji's selector, too), where emoji and scripts need one: the
 * "technologist" emoji with a skin tone is a woman, a skin tone and a laptop joined by U+200D,
 * Persian writes many words with U+200C, Hindi and the other Indic scripts choose a letter's form
 * with either. Such names were refused as invisible. Names are compared without any of them
 * (nameKey), so a joiner still cannot make a name another one.
 */
const REFUSED_INVISIBLE = String.raw`(?![\ufe0e\ufe0f])(?!(?<=${JOINABLE}\ufe0f?)[\u200c\u200d]${JOINABLE})[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]`;
const REFUSED_ONE = new RegExp(REFUSED_INVISIBLE, 'u');
const REFUSED_ALL = new RegExp(REFUSED_INVISIBLE, 'gu');
export const hasFormatCharacters = (text: string) => REFUSED_ONE.test(text);
/** `text` without the invisible characters a new name may not have. */
export const withoutRefusedInvisible = (text: string) => text.replace(REFUSED_ALL, '');

/**
 * More than four nonspacing or enclosing marks on one character, which UTS #39 (5.4) forbids: an
 * imported "Gamma" with twenty accents on its "a" was drawn as a tower through the row above it
 * in the import's preview and the profile list. New names may not have them; a file's name keeps
 * four (app/import-preview.ts). Counted through a zero-width non-joiner, which a name may keep and
 * across which Chromium stacks the marks (four U+0301, U+200C, four more… drew the same tower).
 */
const MARK_FLOOD = /[\p{Mn}\p{Me}](?:\u200c?[\p{Mn}\p{Me}]){4}/u;
export const hasMarkFlood = (text: string) => MARK_FLOOD.test(text);

export const profileNameSchema = z
  .string({ error: 'The profile name must be text.' })
  .trim()
  .min(1, { error: 'Give the profile a name.' })
  .max(LIMITS.profileName, { error: `A profile name can be at most ${LIMITS.profileName} characters.` })
  .refine((name) => !hasControlCharacters(name), {
    error: 'A profile name cannot contain control characters or line breaks.',
  })
  .refine((name) => !hasFormatCharacters(name), {
    error: 'A profile name cannot contain invisible characters (zero-width or text-direction marks).',
  })
  .refine((name) => !hasMarkFlood(name), {
    error: 'A profile name cannot stack more than four accents or marks on one letter.',
  })
  // A name of nothing but invisible characters is none (an empty one is said once, above).
  .refine((name) => name === '' || nameKey(name) !== '', { error: 'Give the profile a name.' });

/**
 * A name as read from the profiles file: as lenient as before invisible characters were refused,
 * so a saved profile whose name has one is still listed (and can be renamed), not left out.
 */
const storedNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.profileName)
  .refine((name) => !hasControlCharacters(name));

export const profileIdSchema = z
  .string({ error: 'The profile id must be text.' })
  .regex(PROFILE_ID_PATTERN, { error: 'Unknown profile.' });

/** A saved field: no control character or line break, which none of them has (and a terminal acts on). */
const savedText = (label: string, max: number, min = 0) =>
  boundedText(label, max, min).refine((text) => !hasControlCharacters(text), {
    error: `${label} cannot contain control characters or line breaks.`,
  });

/** The text fields of a profile, each checked by `text` (savedText, or as read: boundedText). */
const textFields = (text: typeof boundedText) => ({
  clientId: text('Client ID', LIMITS.clientId, 1),
  tokenUrl: text('Token URL', LIMITS.tokenUrl),
  grantType: text('Grant type', LIMITS.grantType, 1),
  scope: text('Scope', LIMITS.scope),
});

export const profileFieldsSchema = z.strictObject({
  name: profileNameSchema,
  preset: z.enum(PRESET_IDS, { error: 'Unknown endpoint preset.' }),
  ...textFields(savedText),
  // A second secret, which the profiles file would keep outside the keychain (never sent either).
  tokenUrl: savedText('Token URL', LIMITS.tokenUrl).refine((url) => !hasUserInfo(url), {
    error: 'The token URL must not contain a user name or password (user:password@host).',
  }),
});

/** user:password@host in a URL, or an "@" before the host of what is no valid URL. */
export function hasUserInfo(tokenUrl: string | null): boolean {
  if (tokenUrl === null || !tokenUrl.includes('@')) return false;
  try {
    const url = new URL(tokenUrl.trim());
    return url.username !== '' || url.password !== '';
  } catch {
    return /^[^/?#]*:\/\/[^/?#]*@/.test(tokenUrl.trim());
  }
}

const epochMs = z.number().int().nonnegative();

/**
 * A profile as read from the profiles file: its fields as lenient as before control characters
 * were refused, so a profile saved then is still listed (shown terminal-safe), not left out. A
 * field this version does not know (a later version may add one without a new file version) does
 * not leave the profile out either: it is dropped from what is read (the profile store keeps it
 * for the file), while a known field of the wrong kind still does. Unlike the window's and an
 * import's fields (profileFieldsSchema), which take no field they do not know.
 */
export const profileSchema = z.object({
  ...profileFieldsSchema.shape,
  ...textFields(boundedText),
  name: storedNameSchema,
  id: profileIdSchema,
  createdAt: epochMs,
  updatedAt: epochMs,
});

/**
 * The profiles file on disk. Version it so a later app can migrate it. Other keys are a later
 * version's, kept as they are (main/profiles/profile-store.ts).
 */
export const profilesFileSchema = z.looseObject({
  version: z.literal(1),
  profiles: z.array(z.unknown()).max(MAX_PROFILES),
});

/**
 * Names compare as people read them: case, compatibility forms, invisible characters and the
 * Cyrillic and Greek letters drawn as Latin ones aside.
 */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/**
 * Cyrillic and Greek letters drawn exactly as a Latin one in common fonts (then the dotless Latin
 * i and j), in lower case, each with that Latin letter at its place in LATIN_LETTERS: an imported
 * "Рroduction" (Cyrillic Р) would otherwise sit beside "Production" as another profile that looks
 * the same. Matched after lowering, so a name in those scripts still equals itself in another case
 * ("МОСКВА", "Москва"); a letter drawn as one Latin letter in upper case and another in lower case
 * (Greek Ν and ν, Υ and υ, Cyrillic Ӏ and ӏ) stands for its capital's.
 */
export const LOOKALIKE_LETTERS = 'авекмнорстхуѕіјӏһԛԝԁαβεζηικμνορτυχıȷ';
export const LATIN_LETTERS = 'abekmhopctxysijihqwdabezhikmnoptyxij';
const LOOKALIKE = new RegExp(`[${LOOKALIKE_LETTERS}]`, 'g');
const latinFor = (char: string) => LATIN_LETTERS[LOOKALIKE_LETTERS.indexOf(char)] ?? char;

/**
 * What sameName compares: two names are the same when their keys are equal. Lower case by
 * Unicode's own rules, never the process's locale: with toLocaleLowerCase, a Turkish or
 * Azerbaijani locale (LANG=tr_TR.UTF-8) lowered "IŞIK" to "ışık" (elsewhere "işik"), so the
 * command line, browser mode and the desktop app, each in its own locale, disagreed on which names
 * clash and which profile --profile names.
 */
export const nameKey = (name: string) =>
  name.normalize('NFKC').replace(FORMAT, '').toLowerCase().replace(LOOKALIKE, latinFor).trim();

/** "Prod app (copy)", then "Prod app (copy 2)", … — whichever is free. */
export function copyName(name: string, taken: readonly string[]): string {
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${name.slice(0, LIMITS.profileName - suffix.length).trimEnd()}${suffix}`;
    if (!taken.some((other) => sameName(other, candidate))) return candidate;
  }
}
