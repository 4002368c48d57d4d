// Length limits for everything a user types, checked at the IPC boundary, and the one way the
// schemas spell a bounded text field (messages name the field, never echo its value).
import { z } from 'zod';

export const LIMITS = {
  requestId: 64,
  tokenUrl: 2048,
  clientId: 512,
  clientSecret: 4096,
  grantType: 128,
  scope: 1024,
  profileName: 80,
} as const;

/** A request id as the window makes them (and as results carry them back). */
export const REQUEST_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.requestId}}$`);

export function boundedText(label: string, max: number, min = 0) {
  return z
    .string({ error: `${label} must be text.` })
    .min(min, { error: `${label} must not be empty.` })
    .max(max, { error: `${label} is longer than ${max} characters.` });
}

/**
 * What a keychain does not keep as written: a NUL (libsecret ends the text there) or half of a
 * UTF-16 surrogate pair on its own (it comes back as U+FFFD). A secret with either would be
 * stored changed while the app said it was saved.
 */
export const hasUnstorableCharacters = (text: string): boolean =>
  /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

export const UNSTORABLE_SECRET =
  'The client secret holds a NUL character or a broken Unicode character, which a keychain would not keep as it is. Check what was pasted.';

/** A client secret to be stored in the keychain. */
export const storableSecret = () =>
  boundedText('Client secret', LIMITS.clientSecret, 1).refine((text) => !hasUnstorableCharacters(text), {
    error: UNSTORABLE_SECRET,
  });
