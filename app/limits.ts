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
